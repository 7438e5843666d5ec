"""One money format and one date style per language, through the filters every template uses."""

import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from samenspel.core.formats import day, money

TEMPLATES = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("amount", "dutch", "english"),
    [
        (200000, "€ 200.000", "€200,000"),
        (1500, "€ 1.500", "€1,500"),
        (Decimal("1500.50"), "€ 1.500,50", "€1,500.50"),
        (Decimal("1500.00"), "€ 1.500", "€1,500"),
        (Fraction(28706213, 1000), "€ 28.706,21", "€28,706.21"),
        (0.5, "€ 0,50", "€0.50"),
        (-1250, "€ -1.250", "-€1,250"),
        (None, "", ""),
    ],
)
def test_money_in_both_languages(amount, dutch, english):
    assert money(amount, language="nl") == dutch
    assert money(amount, language="en") == english
    for language, expected in (("nl", dutch), ("en", english)):
        with translation.override(language):
            assert Template("{{ amount|money }}").render(Context({"amount": amount})) == expected


def test_dates_in_both_languages():
    moment = datetime.datetime(2026, 10, 27, 13, 30, tzinfo=datetime.UTC)  # 14:30 in Amsterdam
    cases = {
        "nl": ("27 oktober 2026", "27 oktober 2026, 14:30", "dinsdag 27 oktober 2026"),
        "en": ("27 October 2026", "27 October 2026, 14:30", "Tuesday 27 October 2026"),
    }
    for language, (date_only, with_time, with_weekday) in cases.items():
        with translation.override(language):
            template = Template('{{ m|day }}|{{ m|day:"time" }}|{{ d|day:"weekday" }}')
            assert template.render(Context({"m": moment, "d": moment.date()})) == "|".join(
                [date_only, with_time, with_weekday]
            )
            assert day(None) == ""


def test_no_template_formats_money_or_dates_by_hand():
    """Every template goes through |money and |day; machine dates (|date:"c") excepted."""
    offenders = []
    for path in [*TEMPLATES.rglob("templates/**/*.html"), *TEMPLATES.rglob("templates/**/*.txt")]:
        text = path.read_text()
        for bad in ('floatformat:"0', "intcomma", "€ {{", "|euro", '|date:"j', '|date:"l', "|date:'j"):
            if bad in text:
                offenders.append(f"{path.relative_to(TEMPLATES)}: {bad}")
    assert offenders == []
