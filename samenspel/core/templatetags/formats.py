"""The money and date filters every template uses (a template builtin: no `{% load %}` needed).

`{{ amount|money }}` and `{{ moment|day }}`, `{{ moment|day:"time" }}`, `{{ date|day:"weekday" }}`,
in the active language's style (`core.formats`). Machine-readable dates (`datetime="..."`)
keep `|date:"c"`.
"""

from django import template

from samenspel.core import formats

register = template.Library()


@register.filter
def money(amount) -> str:
    return formats.money(amount)


@register.filter(expects_localtime=True)
def day(value, style: str = "date") -> str:
    return formats.day(value, style)
