from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.initiatives.forms import parse_point
from samenspel.municipalities.models import Neighbourhood

from .letters import read_addresses
from .models import ROUND_CONFIG_FIELDS, BudgetRound, ImplementationStatus, Plan, PlanStatus
from .selectors import account_by_email

DATE_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.ModelForm):
    class Meta:
        model = BudgetRound
        fields = list(ROUND_CONFIG_FIELDS)
        widgets = {name: DATE_WIDGET for name in fields if name.endswith(("_start", "_end"))}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality)
        self.fields["neighbourhood"].empty_label = _("Hele gemeente")
        for name in self.Meta.widgets:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


class PlanForm(forms.Form):
    service_error_fields = {"lat": "point"}  # the service checks the point as lat/lon
    title = forms.CharField(label=_("Naam van uw plan"), max_length=120)
    description = forms.CharField(
        label=_("Beschrijving"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=5000,
        help_text=_("Wat wilt u doen, voor wie, en waarom is het goed voor de buurt?"),
    )
    cost = forms.IntegerField(label=_("Geschatte kosten in euro"), min_value=0)
    location = forms.CharField(
        label=_("Plek"), max_length=200, required=False, help_text=_("Bijvoorbeeld een straat of park.")
    )
    point = forms.CharField(
        label=_("Coördinaten (optioneel)"),
        required=False,
        help_text=_("Breedtegraad en lengtegraad, bijvoorbeeld 52.0953, 5.5601."),
    )
    image = forms.ImageField(
        label=_("Foto (optioneel)"), required=False, help_text=_("JPEG, PNG of WebP, maximaal 5 MB.")
    )
    image_alt = forms.CharField(label=_("Wat staat er op de foto?"), max_length=200, required=False)

    def __init__(self, *args, budget_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost"].help_text = _("Tussen € %(min)s en € %(max)s.") % {
            "min": f"{budget_round.min_plan_cost:,}".replace(",", "."),
            "max": f"{budget_round.max_plan_cost:,}".replace(",", "."),
        }

    def clean_point(self):
        text = self.cleaned_data["point"].strip()
        if not text:
            return None
        point = parse_point(text)
        if point is None:
            raise forms.ValidationError(_("Schrijf de coördinaten als 52.0953, 5.5601."))
        return point


class InitiativePlanForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("Initiatief"), queryset=None, empty_label=None)
    cost = forms.IntegerField(label=_("Geschatte kosten in euro"), min_value=0)

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives


class FeasibilityForm(forms.Form):
    service_error_fields = {"feasible": "verdict"}
    VERDICTS = [
        (PlanStatus.FEASIBLE, _("Haalbaar")),
        (PlanStatus.NOT_FEASIBLE, _("Niet haalbaar")),
        (PlanStatus.MERGED, _("Samenvoegen met een ander plan")),
    ]
    verdict = forms.ChoiceField(label=_("Oordeel"), choices=VERDICTS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Openbare toelichting"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000, required=False
    )
    adjusted_cost = forms.IntegerField(label=_("Aangepaste kosten in euro (optioneel)"), min_value=0, required=False)
    merge_into = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=Plan.objects.none(), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = Plan.objects.filter(budget_round=plan.budget_round).exclude(pk=plan.pk)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == PlanStatus.MERGED and not data.get("merge_into"):
            self.add_error("merge_into", _("Kies het plan waarmee dit plan wordt samengevoegd."))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Uw stemcode"),
        max_length=40,
        help_text=_("De code van 12 tekens uit uw brief, bijvoorbeeld ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class BallotForm(forms.Form):
    plans = forms.MultipleChoiceField(
        label=_("Uw keuze"), choices=(), widget=forms.CheckboxSelectMultiple, required=False
    )

    # Sent only by the confirmation page of an empty ballot ("Ja, lege stem uitbrengen").
    confirm_empty = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].choices = [(str(p.pk), p.title) for p in plans]


class CodeLettersForm(forms.Form):
    # A refused batch (too many codes, voting closed) is said next to the upload.
    service_error_fields = {None: "addresses"}

    addresses = forms.FileField(
        label=_("Adressenlijst (CSV)"),
        help_text=_(
            "Kolommen naam;adres;postcode;plaats, met een kopregel. De lijst wordt niet bewaard: "
            "we maken de brieven en vergeten de namen en adressen direct."
        ),
    )

    def clean_addresses(self) -> list[dict[str, str]]:
        """The rows of the CSV, read from the upload only (never stored)."""
        return read_addresses(self.cleaned_data["addresses"])


class VoterForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van het account"))
    birth_year = forms.IntegerField(label=_("Geboortejaar"), min_value=1900, max_value=2100)
    neighbourhood = forms.ModelChoiceField(label=_("Woonwijk"), queryset=Neighbourhood.objects.none(), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality)

    def clean_email(self):
        """The account to verify (the cleaned value is the user, not the address)."""
        user = account_by_email(email=self.cleaned_data["email"])
        if user is None:
            raise forms.ValidationError(_("Er is geen account met dit e-mailadres."))
        return user


class ImportForm(forms.Form):
    title = forms.CharField(label=_("Titel van de ronde"), max_length=120)
    rule = forms.ChoiceField(label=_("Telmethode"), choices=BudgetRound._meta.get_field("rule").choices)
    file = forms.FileField(label=_("Pabulib-bestand (.pb)"))

    def clean_file(self) -> str:
        """The file as text (the cleaned value is the .pb text)."""
        raw = self.cleaned_data["file"].read(50 * 1024 * 1024)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Het bestand is geen UTF-8-tekst.")) from error


class PlanUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand van de uitvoering"), choices=ImplementationStatus.choices)
    title = forms.CharField(label=_("Titel"), max_length=120)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
