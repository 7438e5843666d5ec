from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, HIDE_REASON_MAX_LENGTH, Report

# Where a moderator's form came from, so the answer goes back there.
FROM_QUEUE, FROM_PAGE = "queue", "page"


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
    # Set by a panel that sits inside a page section (a principle), so the htmx answer fits there.
    nested = forms.BooleanField(required=False, widget=forms.HiddenInput)


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


class _ModerationForm(forms.Form):
    came_from = forms.ChoiceField(
        choices=[(FROM_QUEUE, FROM_QUEUE), (FROM_PAGE, FROM_PAGE)], required=False, widget=forms.HiddenInput
    )

    def from_page(self) -> bool:
        return self.data.get("came_from") == FROM_PAGE


class ModerationReasonForm(_ModerationForm):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=HIDE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De schrijver en bezoekers van de pagina zien deze reden."),
        error_messages={
            "required": _("Geef een reden op; die is openbaar te zien."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )
    field_order = ["reason", "came_from"]


class DismissForm(_ModerationForm):
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=500)
    field_order = ["reason", "came_from"]
