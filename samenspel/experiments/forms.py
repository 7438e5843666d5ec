from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comparison, Result, Verdict
from .selectors import obstacles_for_experiments


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _required(message):
    return {"required": message}


NUMBER = {"required": _("Vul een getal in."), "invalid": _("Vul een getal in, bijvoorbeeld 12 of 3,5.")}


def _number(label, **kwargs):
    kwargs.setdefault("error_messages", NUMBER)
    return forms.DecimalField(label=label, max_digits=12, decimal_places=2, localize=True, **kwargs)


class ExperimentForm(forms.Form):
    title = forms.CharField(
        label=_("Naam van het experiment"), max_length=160, error_messages=_required(_("Geef het experiment een naam."))
    )
    question = forms.CharField(
        label=_("Onderzoeksvraag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(_("Welke vraag moet het experiment beantwoorden?")),
    )
    hypothesis = forms.CharField(
        label=_("Hypothese"),
        help_text=_("Wat verwacht u dat er gebeurt, en waardoor?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(_("Schrijf op wat u verwacht dat er gebeurt.")),
    )
    obstacle = forms.ModelChoiceField(
        label=_("Regelknelpunt uit het register"),
        queryset=None,
        required=False,
        empty_label=_("Geen: het experiment wijkt af van een werkwijze"),
    )
    departs_from = forms.CharField(
        label=_("Waar het experiment van afwijkt"),
        help_text=_("De regel of de gewone werkwijze die tijdens het experiment niet geldt."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(_("Van welke regel of werkwijze wijkt het experiment af?")),
    )
    comparison = forms.ChoiceField(
        label=_("Vergelijking"),
        choices=Comparison.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies waarmee de resultaten vergeleken worden.")),
    )
    comparison_description = forms.CharField(
        label=_("Toelichting op de vergelijking"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_date = forms.DateField(
        label=_("Begindatum"),
        widget=DateInput(),
        error_messages={"required": _("Geef de begindatum."), "invalid": _("Geef een geldige datum.")},
    )
    evaluation_date = forms.DateField(
        label=_("Evaluatiedatum"),
        widget=DateInput(),
        error_messages={"required": _("Geef de evaluatiedatum."), "invalid": _("Geef een geldige datum.")},
    )
    indicator_name = forms.CharField(
        label=_("Eerste indicator"),
        max_length=200,
        help_text=_("Meer indicatoren voegt u daarna toe."),
        error_messages=_required(_("Geef minstens één indicator met een nulmeting en een doel.")),
    )
    indicator_unit = forms.CharField(label=_("Eenheid"), max_length=40, required=False)
    indicator_baseline = _number(_("Nulmeting"))
    indicator_target = _number(_("Doel"))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obstacle"].queryset = obstacles_for_experiments(municipality=municipality)
        self.fields["obstacle"].label_from_instance = lambda o: f"{o.rule.title} — {o.initiative.title}"

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        indicator = {
            "name": data.pop("indicator_name"),
            "unit": data.pop("indicator_unit"),
            "baseline": data.pop("indicator_baseline"),
            "target": data.pop("indicator_target"),
        }
        return {**data, "indicators": [indicator]}


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Indicator"), max_length=200, error_messages=_required(_("Geef de indicator een naam."))
    )
    unit = forms.CharField(label=_("Eenheid"), max_length=40, required=False)
    baseline = _number(_("Nulmeting"))
    target = _number(_("Doel"))


class MeasureForm(forms.Form):
    measured = _number(
        _("Gemeten"), error_messages={"required": _("Vul de gemeten waarde in."), "invalid": NUMBER["invalid"]}
    )
    comparison_value = _number(_("In de vergelijking"), required=False)


class EvaluationForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Result.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de uitkomst: werkte, werkte deels of werkte niet."),
            "invalid_choice": _("Kies de uitkomst: werkte, werkte deels of werkte niet."),
        },
    )
    learned = forms.CharField(
        label=_("Wat we leerden"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required(_("Beschrijf wat de gemeente en de buurt van dit experiment leerden.")),
    )
    verdict = forms.ChoiceField(
        label=_("Besluit"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er nu gebeurt."), "invalid_choice": _("Kies wat er nu gebeurt.")},
    )
    reasoning = forms.CharField(
        label=_("Onderbouwing van het besluit (openbaar)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required(_("Onderbouw het besluit; die onderbouwing wordt openbaar.")),
    )
    rule_change_summary = forms.CharField(
        label=_("Wat verandert er blijvend aan de regel?"),
        help_text=_("Alleen bij het besluit de regel blijvend aan te passen."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rule_change_reference = forms.CharField(
        label=_("Vindplaats van de wijziging"),
        help_text=_("Bijvoorbeeld: raadsbesluit 2026-014, wijziging art. 3 Subsidieregeling."),
        required=False,
        max_length=300,
    )
