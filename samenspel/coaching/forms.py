from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenspel.initiatives.models import Status

from .models import Agreement, Outcome
from .selectors import coaches_of, rules_of
from .services import allowed_transitions


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AssignCoachForm(forms.Form):
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=None, empty_label=_("Kies een coach"))
    reason = forms.CharField(
        label=_("Toelichting (openbaar)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Laat leeg voor de standaardtekst: de coach is het vaste aanspreekpunt."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches_of(municipality=municipality)
        self.fields["coach"].label_from_instance = lambda user: user.display_name


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"))
    title = forms.CharField(
        label=_("Kop van het besluit"), required=False, max_length=200, help_text=_("Laat leeg voor “Status: …”.")
    )
    reason = forms.CharField(
        label=_("Reden (wordt openbaar op de pagina van het initiatief)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Geef een reden voor deze stap; die wordt openbaar.")},
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s, Status(s).label) for s in allowed_transitions(initiative.status)]
        self.fields["to_status"].choices = [("", _("Kies de volgende stap"))] + choices
        self.fields["to_status"].error_messages["invalid_choice"] = _(
            "Deze stap kan niet vanuit de huidige status “%(status)s”."
        ) % {"status": initiative.get_status_display()}


class CoachNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie (alleen zichtbaar voor coaches en beheerders van de gemeente)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf eerst een notitie.")},
    )


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["party", "description", "due_date", "is_public"]
        widgets = {"due_date": DateInput()}
        error_messages = {
            "description": {"required": _("Beschrijf wat er is afgesproken.")},
            "due_date": {"required": _("Geef de datum waarop het klaar is."), "invalid": _("Geef een geldige datum.")},
            "party": {"required": _("Kies wie de afspraak nakomt.")},
        }


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=Agreement.Status.choices,
        error_messages={
            "required": _("Kies open, gedaan of niet gehaald."),
            "invalid_choice": _("Kies open, gedaan of niet gehaald."),
        },
    )


class ObstacleForm(forms.Form):
    rule = forms.ModelChoiceField(
        label=_("Bekende regel"),
        queryset=None,
        required=False,
        empty_label=_("Een nieuwe regel (vul hieronder in)"),
    )
    rule_title = forms.CharField(label=_("Naam van de nieuwe regel"), max_length=200, required=False)
    rule_reference = forms.CharField(
        label=_("Vindplaats"),
        max_length=200,
        required=False,
        help_text=_("Artikel en regeling, bijvoorbeeld: art. 2:10 APV Lindeveen."),
    )
    rule_url = forms.URLField(label=_("Link naar de regel"), required=False)
    blocks = forms.CharField(
        label=_("Wat blokkeert de regel?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf wat de regel tegenhoudt.")},
    )
    proposal = forms.CharField(
        label=_("Voorstel"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rules_of(municipality=municipality)

    def clean(self):
        data = super().clean()
        if not data.get("rule") and not (data.get("rule_title") and data.get("rule_reference")):
            raise ValidationError(_("Kies een bekende regel, of geef de naam en de vindplaats van een nieuwe regel."))
        return data


class ObstacleOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Kies een uitkomst"))] + [c for c in Outcome.choices if c[0] != Outcome.PENDING],
        error_messages={"required": _("Kies een uitkomst.")},
    )
    reasoning = forms.CharField(
        label=_("Onderbouwing (openbaar)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Onderbouw de uitkomst; die wordt openbaar.")},
    )
    change_reference = forms.CharField(
        label=_("Verwijzing naar de wijziging"),
        max_length=300,
        required=False,
        help_text=_("Alleen bij “regel aangepast”: bijvoorbeeld het raadsbesluit of de nieuwe versie."),
    )
    scope = forms.CharField(
        label=_("Reikwijdte van de experimenteerruimte"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_date = forms.DateField(label=_("Begindatum"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    evaluation_date = forms.DateField(label=_("Evaluatiedatum"), required=False, widget=DateInput())
    conditions = forms.CharField(
        label=_("Voorwaarden"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    EXPERIMENT_FIELDS = ("scope", "start_date", "end_date", "evaluation_date", "conditions")

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == Outcome.EXPERIMENT:
            for name in self.EXPERIMENT_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Vul dit in voor experimenteerruimte."))
        if outcome == Outcome.CHANGED and not (data.get("change_reference") or "").strip():
            self.add_error("change_reference", _("Geef aan waar de wijziging van de regel te vinden is."))
        return data

    def experiment(self) -> dict | None:
        if self.cleaned_data.get("outcome") != Outcome.EXPERIMENT:
            return None
        return {name: self.cleaned_data[name] for name in self.EXPERIMENT_FIELDS}
