from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.comments.forms import ReportForm as CommentReportForm
from samenspel.comments.moderation import HIDE_REASON_MAX_LENGTH

from .models import MESSAGE_MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Uw bericht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen de deelnemers aan dit gesprek lezen het. Uw e-mailadres blijft verborgen; "
            "de ander krijgt een melding dat er een bericht is."
        ),
        error_messages={
            "required": _("Schrijf eerst uw bericht."),
            "max_length": _("Uw bericht is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )


class ReportForm(CommentReportForm):
    """The reasons of comment reports, asked about a message."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Waarom meldt u dit bericht?")


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=HIDE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De schrijver en de andere deelnemers aan het gesprek zien deze reden."),
        error_messages={
            "required": _("Geef een reden op; de deelnemers aan het gesprek zien die."),
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=500)
