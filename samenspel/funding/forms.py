import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import MONEY, TrancheKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MoneyField(forms.DecimalField):
    """Euros and cents, typed the Dutch way (1.250,50) or the other (1250.50)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", _("Geef een bedrag in euro's, bijvoorbeeld 1250,50."))
        kwargs["error_messages"].setdefault(
            "max_decimal_places", _("Een bedrag heeft hooguit twee cijfers achter de komma.")
        )
        kwargs["error_messages"].setdefault("max_digits", _("Dit bedrag is te groot."))
        kwargs["error_messages"].setdefault("max_whole_digits", _("Dit bedrag is te groot."))
        super().__init__(
            max_digits=MONEY["max_digits"],
            decimal_places=MONEY["decimal_places"],
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace(" ", "")
            if value and not re.fullmatch(r"-?[\d.,]+", value):  # no "1e5", "NaN" or "Infinity"
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if "," in value:  # Dutch: dots group thousands, the comma is the decimal sign
                value = value.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):  # "3.000" is three thousand in Dutch
                value = value.replace(".", "")
        return super().to_python(value)


def _reason(label, required_message, rows=3):
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
    )


class AgreementForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("Initiatief"), queryset=None, required=False, empty_label=_("geen"))
    plan = forms.ModelChoiceField(
        label=_("of: plan uit de burgerbegroting"), queryset=None, required=False, empty_label=_("geen")
    )
    right_request = forms.ModelChoiceField(
        label=_("of: toegekend buurtrechtverzoek"), queryset=None, required=False, empty_label=_("geen")
    )
    title = forms.CharField(label=_("Naam van de afspraak"), max_length=160)
    purpose = forms.CharField(
        label=_("Waarvoor het geld is"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount = MoneyField(label=_("Te verlenen bedrag (euro)"))
    end_date = forms.DateField(label=_("Looptijd tot"), widget=DateInput())
    repay_unearned = forms.BooleanField(
        label=_("Terugbetalen wat wel is uitbetaald maar bij de vaststelling niet verdiend blijkt"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = selectors.initiatives_to_fund(municipality=municipality)
        self.fields["plan"].queryset = selectors.funded_plans(municipality=municipality)
        self.fields["right_request"].queryset = selectors.granted_requests(municipality=municipality)
        for name, message in {
            "title": _("Geef de afspraak een naam."),
            "purpose": _("Beschrijf waarvoor het geld is."),
            "amount": _("Geef het bedrag in euro's."),
            "end_date": _("Geef de datum waarop de looptijd eindigt."),
        }.items():
            self.fields[name].error_messages["required"] = message

    def clean(self):
        data = super().clean()
        if [bool(data.get(name)) for name in ("initiative", "plan", "right_request")].count(True) != 1:
            raise ValidationError(
                _("Kies precies één initiatief, één plan uit de burgerbegroting of één buurtrechtverzoek.")
            )
        return data


class ResultForm(forms.Form):
    description = forms.CharField(label=_("Resultaat"), max_length=300)
    indicator = forms.CharField(
        label=_("Indicator"), max_length=200, help_text=_("Waaraan het te zien is, bijvoorbeeld: aantal deelnemers.")
    )
    target = forms.DecimalField(label=_("Streefwaarde"), max_digits=12, decimal_places=2, min_value=0)
    evidence_required = forms.CharField(
        label=_("Bewijs dat telt"), max_length=300, help_text=_("Bijvoorbeeld: presentielijsten en foto's.")
    )


class TrancheForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=TrancheKind.choices)
    label = forms.CharField(label=_("Omschrijving"), max_length=160)
    amount = MoneyField(label=_("Bedrag (euro)"))
    result = forms.ModelChoiceField(
        label=_("Hoort bij resultaat"), queryset=None, required=False, empty_label=_("geen (voorschot)")
    )
    due_date = forms.DateField(label=_("Gepland op"), widget=DateInput())

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = agreement.results.all()
        self.fields["amount"].error_messages["required"] = _("Geef het bedrag van de termijn.")
        self.fields["due_date"].error_messages["required"] = _("Geef de datum waarop de termijn gepland is.")


class ReasonForm(forms.Form):
    reason = _reason(_("Reden (openbaar)"), _("Geef een reden; die is openbaar."))


class ReleaseForm(forms.Form):
    reason = _reason(
        _("Reden van het vrijgeven (openbaar)"), _("Geef een reden voor het vrijgeven; die is openbaar."), 2
    )


class HoldForm(forms.Form):
    reason = _reason(
        _("Waarom de termijn wordt aangehouden (openbaar)"),
        _("Zeg waarom de termijn wordt aangehouden; het team leest het."),
        2,
    )


class AdjustForm(forms.Form):
    amount = MoneyField(label=_("Nieuw bedrag (euro)"))
    reason = _reason(
        _("Waarom het bedrag verandert (openbaar)"), _("Zeg waarom het bedrag verandert; het team leest het."), 2
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    measured_value = forms.DecimalField(
        label=_("Gemeten waarde"),
        max_digits=12,
        decimal_places=2,
        error_messages={"required": _("Geef de gemeten waarde."), "invalid": _("Geef de gemeten waarde als getal.")},
    )
    story = forms.CharField(
        label=_("Kort verhaal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat er is bereikt, in een paar zinnen. Noem geen namen van buurtbewoners."),
        error_messages={"required": _("Vertel in een paar zinnen wat er is bereikt.")},
    )
    files = MultipleFileField(
        label=_("Bewijs: foto's of documenten"),
        required=False,
        help_text=_(
            "Foto's (JPEG, PNG of WebP) of PDF-documenten, hooguit 5 bestanden van elk maximaal 5 MB. "
            "Alleen het team en de gemeente zien ze."
        ),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beoordeling"),
        choices=[
            ("accept", _("Goedkeuren: het bewijs laat het resultaat zien")),
            ("return", _("Terugsturen naar het team")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of terugsturen.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor het team"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Licht de beoordeling toe.")},
    )


class FinalReportForm(forms.Form):
    report = forms.CharField(
        label=_("Eindverslag"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf het eindverslag: wat is bereikt en waaraan is het geld besteed.")},
    )
    spent_amount = MoneyField(label=_("Besteed bedrag (euro)"), min_value=0)


class SettleForm(forms.Form):
    settled_amount = MoneyField(label=_("Vastgesteld bedrag (euro)"), min_value=0)
    reason = _reason(_("Onderbouwing van de vaststelling (openbaar)"), _("Onderbouw de vaststelling; die is openbaar."))
