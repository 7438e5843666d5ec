"""Cells of the signals' tables as a reader sees them: codes become Dutch words at display time."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

register = template.Library()

DERIVED = {"per_1000", "change_percent", "population", "median_days", "p90_days", "share_met_percent"}

WORDS = {
    "rising": _("stijgend"),
    "falling": _("dalend"),
    "steady": _("gelijk"),
    "unknown": _("te weinig om te zeggen"),
    "promised_working_days": _("Beloofde eerste reactie (werkdagen)"),
    "initiatives": _("Initiatieven aangemeld"),
    "share_within_promise_percent": _("Binnen de belofte beantwoord (%)"),
    "median_working_days": _("Mediaan tot eerste reactie (werkdagen)"),
    "p90_working_days": _("90e percentiel tot eerste reactie (werkdagen)"),
    "late_or_unanswered": _("Te laat of nog zonder reactie na de termijn"),
}


@register.filter
def cell(row, key):
    """The value of a table cell, ready to show: None is a suppressed figure."""
    value = row.get(key) if isinstance(row, dict) else None
    if value is None:
        return (
            _("minder dan 5")
            if key not in ("per_1000", "change_percent", "population", "median_days", "p90_days")
            else "—"
        )
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, float):
        return number_format(value, 1)
    if isinstance(value, str) and value in WORDS:
        return WORDS[value]
    return value


@register.filter
def numeric(row, key) -> bool:
    value = row.get(key) if isinstance(row, dict) else None
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.filter
def shown(value):
    """A headline figure: None is a suppressed one."""
    if value is None:
        return _("minder dan 5")
    if isinstance(value, float):
        return number_format(value, 1)
    return value
