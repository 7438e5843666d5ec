from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.models import Neighbourhood, Theme
from samenspel.organisations.models import Organisation

from .models import Category, ListingStatus, ListingType, Outcome

PERSON = "persoon"


class ListingForm(forms.Form):
    """The one form for a need or an offer, on the marketplace and on an initiative's page.

    On the marketplace one chooses on whose behalf (oneself or an organisation), the area
    and the themes. An initiative's listing takes its initiative's area and themes
    (`for_initiative=True` leaves those fields out); editing never changes the owner.
    """

    on_behalf = forms.ChoiceField(label=_("Namens"), required=True)
    category = forms.ChoiceField(label=_("Soort"), choices=Category.choices)
    title = forms.CharField(
        label=_("Titel"),
        max_length=120,
        help_text=_("Bijvoorbeeld: ik kan helpen met de moestuin, of: ruimte in buurthuis De Linde op dinsdagavond."),
    )
    description = forms.CharField(label=_("Omschrijving"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    availability = forms.CharField(
        label=_("Beschikbaarheid"),
        max_length=200,
        required=False,
        help_text=_("Wanneer kan het? Bijvoorbeeld: dinsdagavond, of: twee zaterdagen per maand."),
    )
    amount_eur = forms.DecimalField(
        label=_("Bedrag in euro"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Alleen bij geld. Bij een vraag om geld is het bedrag verplicht."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.none(), required=False, empty_label=_("De hele gemeente")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args, listing_type, municipality, organisations=None, edit=False, for_initiative=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.listing_type = listing_type
        self.organisations = {str(o.pk): o for o in (organisations or [])}
        if for_initiative:
            del self.fields["neighbourhood"], self.fields["themes"]
        else:
            self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality)
            self.fields["themes"].queryset = Theme.objects.filter(municipality=municipality)
        if edit or for_initiative:
            del self.fields["on_behalf"]
        else:
            self.fields["on_behalf"].choices = [(PERSON, _("Mijzelf (als inwoner)"))] + [
                (pk, o.name) for pk, o in self.organisations.items()
            ]

    def clean(self):
        data = super().clean()
        if (
            self.listing_type == ListingType.NEED
            and data.get("category") == Category.MONEY
            and data.get("amount_eur") is None
            and "amount_eur" not in self.errors
        ):
            self.add_error("amount_eur", _("Vermeld bij een vraag om geld het bedrag in euro."))
        return data

    def organisation(self) -> Organisation | None:
        return self.organisations.get(self.cleaned_data.get("on_behalf", PERSON))

    def service_kwargs(self) -> dict:
        """What `listing_publish` / `listing_edit` take from this form."""
        data = self.cleaned_data
        kwargs = {
            "category": data["category"],
            "title": data["title"],
            "description": data["description"],
            "availability": data.get("availability", ""),
            "amount_eur": data.get("amount_eur"),
        }
        if "neighbourhood" in self.fields:
            kwargs.update(neighbourhood=data.get("neighbourhood"), themes=list(data.get("themes") or []))
        return kwargs

    @staticmethod
    def initial_for(listing) -> dict:
        return {
            "category": listing.category,
            "title": listing.title,
            "description": listing.description,
            "availability": listing.availability,
            "amount_eur": listing.amount_eur,
            "neighbourhood": listing.neighbourhood,
            "themes": list(listing.themes.all()),
        }


class ListingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ListingStatus.choices)


def _contact_field():
    return forms.CharField(
        label=_("Hoe mag de andere kant u bereiken?"),
        max_length=200,
        required=False,
        help_text=_(
            "Bijvoorbeeld een e-mailadres of telefoonnummer. Alleen de persoon die voor de andere kant "
            "akkoord gaf ziet dit, en pas als beide kanten akkoord zijn. Laat leeg om alleen via "
            "berichten op de site contact te houden."
        ),
    )


class IntroductionForm(forms.Form):
    need = forms.IntegerField(widget=forms.HiddenInput)
    offer = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom past dit bij elkaar? De andere kant leest dit pas als beide kanten akkoord zijn."),
    )
    contact = _contact_field()


class AnswerForm(forms.Form):
    """The two buttons on an introduction: accept (with what one chooses to share) or decline."""

    antwoord = forms.ChoiceField(choices=[("accepteren", _("Accepteren")), ("afwijzen", _("Afwijzen"))])
    contact = _contact_field()

    @property
    def accept(self) -> bool:
        return self.cleaned_data["antwoord"] == "accepteren"


class ContactForm(forms.Form):
    contact = _contact_field()


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class DigestForm(forms.Form):
    active = forms.BooleanField(label=_("Stuur mij elke week een e-mail met nieuwe matches"), required=False)
