from django import template
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def public_url(initiative) -> str:
    """The initiative's public page, or "" while that page does not exist."""
    try:
        return initiative.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def clock_text(clock) -> str:
    """The promised-response clock in words: the badge must not rely on colour alone."""
    if clock.responded:
        return _("beantwoord, op tijd") if clock.kept else _("beantwoord, te laat")
    if clock.overdue:
        days = -clock.days_left
        return ngettext("te laat: %(n)d werkdag over de termijn", "te laat: %(n)d werkdagen over de termijn", days) % {
            "n": days
        }
    if clock.due_today:
        return _("vandaag uiterlijk reageren")
    return ngettext("nog %(n)d werkdag", "nog %(n)d werkdagen", clock.days_left) % {"n": clock.days_left}


@register.filter
def clock_level(clock) -> str:
    if clock.responded:
        return ""
    if clock.overdue:
        return "danger"
    return "warning" if clock.days_left <= 1 else ""
