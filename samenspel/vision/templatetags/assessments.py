"""Naming an assessed decision: never "Status: in gesprek" alone, always with what it is about."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import selectors

register = template.Library()


def _named(obj):
    get_url = getattr(obj, "get_absolute_url", None)
    url = get_url() if get_url else ""
    return format_html('<a class="utrecht-link" href="{}">{}</a>', url, obj) if url else format_html("{}", obj)


@register.simple_tag
def decision_named(decision):
    """“Besluit ‘Status: in gesprek’ over <Moestuin De Linde>”, the subject linked to its page."""
    if decision is None:
        return "—"
    subject = selectors.decision_subject(decision)
    if subject is decision:
        return format_html(_("Besluit ‘{decision}’"), decision=_named(decision))
    return format_html(_("Besluit ‘{decision}’ over {subject}"), decision=decision, subject=_named(subject))
