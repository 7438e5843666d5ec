from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, Report


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Uw reactie"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Maximaal 2000 tekens. Uw weergavenaam staat bij uw reactie."),
        error_messages={
            "required": _("Schrijf eerst uw reactie."),
            "max_length": _("Uw reactie is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meldt u deze reactie?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden."), "invalid_choice": _("Kies een reden uit de lijst.")},
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Houd de toelichting korter dan %(limit_value)d tekens.")},
    )


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De schrijver en bezoekers van de pagina zien deze reden."),
        error_messages={
            "required": _("Geef een reden op; de schrijver en andere moderatoren zien die."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=500)
