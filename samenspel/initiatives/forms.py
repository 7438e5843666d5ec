import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from samenspel.marketplace.models import Category
from samenspel.municipalities.geo import distance_m
from samenspel.municipalities.models import Neighbourhood, Theme

from .images import image_probe
from .models import Initiative, Status, Support, TeamMember

MAX_INVITES = 10
# Farther than this from the municipality's centre is almost certainly a typo (lat and lon swapped).
MAX_DISTANCE_M = 40_000

_DOT_DECIMALS = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
_COMMA_DECIMALS = re.compile(r"^\s*(-?\d{1,3}(?:,\d+)?)\s*[; ]\s*(-?\d{1,3}(?:,\d+)?)\s*$")


def parse_point(text: str) -> tuple[float, float] | None:
    """ "52.0953, 5.5601" (also "52,0953; 5,5601") as (lat, lon); None when it does not parse."""
    for pattern in (_DOT_DECIMALS, _COMMA_DECIMALS):
        match = pattern.match(text or "")
        if match:
            lat, lon = (float(part.replace(",", ".")) for part in match.groups())
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
    return None


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Naam van uw initiatief"), max_length=120)
    pitch = forms.CharField(
        label=_("In één zin"), max_length=200, help_text=_("Wat gaat u doen, en voor wie? Maximaal 200 tekens.")
    )
    story = forms.CharField(
        label=_("Uw verhaal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_(
            "Waarom dit initiatief, wat is er nodig, wie doet er mee? U kunt Markdown gebruiken: **vet**, *schuin*, lijstjes met - en links."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("Hele gemeente of weet ik niet"),
        help_text=_("Als u een plek kiest binnen een wijk, nemen we die wijk over."),
    )
    address = forms.CharField(
        label=_("Adres of plek"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Lindelaan 12 of het grasveld achter buurthuis De Linde."),
    )
    location = forms.CharField(
        label=_("Coördinaten"),
        required=False,
        max_length=60,
        help_text=_(
            "Breedtegraad en lengtegraad, bijvoorbeeld 52.0953, 5.5601. Met de kaart hieronder vult u dit in door te klikken."
        ),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["themes"].queryset = Theme.objects.filter(municipality=municipality)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality)

    def clean_location(self):
        text = self.cleaned_data.get("location", "").strip()
        if not text:
            return None
        point = parse_point(text)
        if point is None:
            raise ValidationError(_("Schrijf de plek als breedtegraad, lengtegraad, bijvoorbeeld 52.0953, 5.5601."))
        centre = (self.municipality.center_lat, self.municipality.center_lon)
        if distance_m(*point, *centre) > MAX_DISTANCE_M:
            raise ValidationError(_("Deze plek ligt niet in of bij de gemeente. Kloppen de coördinaten?"))
        return point

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        lat, lon = data.get("location") or (None, None)
        return {
            "title": data["title"],
            "pitch": data["pitch"],
            "story": data["story"],
            "themes": list(data.get("themes") or []),
            "neighbourhood": data.get("neighbourhood"),
            "address": data.get("address", ""),
            "lat": lat,
            "lon": lon,
        }

    @staticmethod
    def initial_for(initiative: Initiative) -> dict:
        location = f"{initiative.lat:.5f}, {initiative.lon:.5f}" if initiative.lat is not None else ""
        return {
            "title": initiative.title,
            "pitch": initiative.pitch,
            "story": initiative.story,
            "themes": list(initiative.themes.all()),
            "neighbourhood": initiative.neighbourhood,
            "address": initiative.address,
            "location": location,
        }


class ImageFieldsMixin(forms.Form):
    image = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "JPEG, PNG of WebP, maximaal 5 MB en minimaal 200 bij 200 pixels. We verwijderen gegevens zoals de GPS-plek uit de foto."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Wat staat er op de foto?"),
        required=False,
        max_length=200,
        help_text=_("Voor wie de foto niet kan zien."),
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            image_probe(upload)  # the header only; a Dutch ValidationError on the field
        return upload


class InitiativeStartForm(InitiativeForm, ImageFieldsMixin):
    field_order = [
        "title",
        "pitch",
        "story",
        "themes",
        "neighbourhood",
        "address",
        "location",
        "image",
        "image_alt",
        "invite_emails",
    ]
    invite_emails = forms.CharField(
        label=_("Teamleden uitnodigen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mailadressen, één per regel. Zij krijgen een uitnodiging; hun adres is nooit openbaar."),
    )

    def clean_invite_emails(self):
        emails = []
        for line in re.split(r"[\s,;]+", self.cleaned_data.get("invite_emails", "")):
            if not line:
                continue
            try:
                validate_email(line)
            except ValidationError as error:
                raise ValidationError(_("%(email)s is geen geldig e-mailadres.") % {"email": line}) from error
            if line.lower() not in emails:
                emails.append(line.lower())
        if len(emails) > MAX_INVITES:
            raise ValidationError(_("Nodig maximaal %(n)s mensen tegelijk uit.") % {"n": MAX_INVITES})
        return emails


class ImageForm(ImageFieldsMixin):
    def clean_image(self):
        upload = super().clean_image()
        if not upload:
            raise ValidationError(_("Kies een foto."))
        return upload


class SwitchForm(forms.Form):
    """A yes/no button that says which state it asks for (`aan` 1 or 0), so a double click asks
    twice for the same thing; without `aan` (an older page) the press flips the state."""

    aan = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", required=False, empty_value=None
    )


class SupportForm(SwitchForm):
    """Which button was pressed: "Ik steun dit" or "Ik doe mee"."""

    soort = forms.ChoiceField(choices=Support.Kind.choices)


class UpdateForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=120)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class TeamInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Alleen het team ziet dit adres."))
    role = forms.ChoiceField(
        label=_("Rol"), choices=[c for c in TeamMember.Role.choices if c[0] != TeamMember.Role.INITIATOR]
    )


class OverviewFilterForm(forms.Form):
    """The overview's filters as plain GET parameters, so a filtered view is a shareable link."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle"))] + list(Status.choices))
    vraag = forms.ChoiceField(
        label=_("Zoekt hulp met"), required=False, choices=[("", _("Maakt niet uit"))] + list(Category.choices)
    )
    sorteer = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[("nieuwste", _("Nieuwste eerst")), ("meeste-steun", _("Meeste steun")), ("dichtbij", _("Dichtbij"))],
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("Alle"))] + list(
            Theme.objects.filter(municipality=municipality).values_list("slug", "name")
        )
        self.fields["wijk"].choices = [("", _("Alle"))] + list(
            Neighbourhood.objects.filter(municipality=municipality).values_list("slug", "name")
        )
