"""An initiative's page writes money and dates as its language does (core.formats)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.initiatives.models import Update

from .factories import NeedFactory, UpdateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "money", "date"),
    [("nl", "€ 1.500,50", "27 oktober 2026"), ("en", "€1,500.50", "27 October 2026")],
)
def test_money_and_dates_on_an_initiative_page(client, initiative, language, money, date):
    NeedFactory(initiative=initiative, category="money", title="Zaaigoed", amount_eur=Decimal("1500.50"))
    update = UpdateFactory(initiative=initiative)
    moment = timezone.make_aware(datetime.datetime(2026, 10, 27, 12, 0))
    Update.objects.filter(pk=update.pk).update(created=moment)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert money in html
    assert date in html
    assert "Okt" not in html and "€ {{" not in html
