from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import STATEMENT_MAX_LENGTH, AssessmentLine, Verdict


class StatementForm(forms.Form):
    # The 140-character limit is checked by the service with a message that counts;
    # the field allows more so that message, not a generic one, is shown.
    text = forms.CharField(
        label=_("Uw stelling"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        help_text=_("Eén korte zin, hoogstens %(n)d tekens. Andere inwoners stemmen erop.")
        % {"n": STATEMENT_MAX_LENGTH},
        error_messages={
            "required": _("Schrijf een stelling."),
            "max_length": _("Een stelling is hoogstens 140 tekens."),
        },
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=300,
        help_text=_("Verplicht bij verbergen; bezoekers zien de reden."),
        error_messages={"max_length": _("Houd de reden korter dan %(limit_value)d tekens.")},
    )


class PrincipleForm(forms.Form):
    title = forms.CharField(
        label=_("Titel van het uitgangspunt"), max_length=150, error_messages={"required": _("Geef een titel.")}
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Licht het uitgangspunt toe.")},
    )
    statements = forms.ModelMultipleChoiceField(
        label=_("Voortgekomen uit deze stellingen"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De stellingen waarover de groepen het het meest eens zijn staan bovenaan."),
        error_messages={
            "required": _("Kies minstens één stelling."),
            "invalid_choice": _("Kies stellingen uit de lijst."),
            "invalid_pk_value": _("Kies stellingen uit de lijst."),
        },
    )

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = statements
        self.fields["statements"].label_from_instance = lambda s: s.text


class PublishForm(forms.Form):
    endorse_until = forms.DateField(
        label=_("Inwoners kunnen reageren tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Kies een datum."), "invalid": _("Geef een geldige datum (jjjj-mm-dd).")},
    )


class AdoptForm(forms.Form):
    raadsbesluit = forms.CharField(
        label=_("Raadsbesluit"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Raadsbesluit 2026-41."),
        error_messages={"required": _("Geef het raadsbesluit op.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else single(data, initial)


class PolisImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Polis-bestanden"),
        help_text=_("comments.csv met votes.csv of participants-votes.csv, of één zip met die bestanden."),
        widget=MultipleFileInput(attrs={"accept": ".csv,.zip"}),
        error_messages={"required": _("Kies de bestanden van het Polis-gesprek.")},
    )


class AssessmentForm(forms.Form):
    """One verdict and explanation per principle of the adopted vision."""

    summary = forms.CharField(
        label=_("Samenvatting van de toetsing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principles = list(principles)
        for p in self.principles:
            self.fields[f"verdict_{p.pk}"] = forms.ChoiceField(
                label=_("Oordeel: %(title)s") % {"title": p.title},
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies draagt bij, neutraal of strijdig."),
                    "invalid_choice": _("Kies draagt bij, neutraal of strijdig."),
                },
            )
            self.fields[f"explanation_{p.pk}"] = forms.CharField(
                label=_("Toelichting: %(title)s") % {"title": p.title},
                # Asked only where the verdict is not neutral; AssessmentLine.clean says when.
                required=False,
                help_text=_("Nodig bij ‘draagt bij’ en ‘strijdig’: waarom? Bij ‘neutraal’ mag u dit leeg laten."),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        for p in self.principles:
            verdict = cleaned.get(f"verdict_{p.pk}")
            if verdict is None:
                continue
            line = AssessmentLine(principle=p, verdict=verdict, explanation=cleaned.get(f"explanation_{p.pk}", ""))
            try:
                line.clean()
            except ValidationError as error:
                for message in error.message_dict.get("explanation", []):
                    self.add_error(f"explanation_{p.pk}", message)
        return cleaned

    def lines(self):
        return [
            (p, self.cleaned_data[f"verdict_{p.pk}"], self.cleaned_data[f"explanation_{p.pk}"]) for p in self.principles
        ]
