from django import template

from samenspel.budgeting.ballots import format_euro

register = template.Library()


@register.filter
def euro(amount) -> str:
    """€ 12.500 (Dutch grouping; cents only when there are any)."""
    return "" if amount is None or amount == "" else format_euro(amount)
