import re
from io import StringIO

import pytest
from django.core.management import call_command

from samenspel.municipalities import geo
from samenspel.municipalities.models import Municipality, Neighbourhood


@pytest.mark.django_db
def test_demo_municipality_loads_once_and_prints_the_accounts():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    lindeveen = Municipality.objects.get(slug="lindeveen")
    assert re.fullmatch(r"GM\d{4}", lindeveen.cbs_code)
    areas = Neighbourhood.objects.filter(municipality=lindeveen)
    assert areas.count() >= 8
    for role in ("inwoner", "initiatiefnemer", "coach", "partnerorganisatie", "moderator", "gemeentebeheerder"):
        assert role in out.getvalue()
    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "er is niets veranderd" in again.getvalue()
    assert Neighbourhood.objects.filter(municipality=lindeveen).count() == areas.count()


@pytest.mark.django_db
def test_demo_boundaries_tile_the_town_without_overlap():
    call_command("seed_demo", stdout=StringIO())
    areas = list(Neighbourhood.objects.filter(municipality__slug="lindeveen"))
    for area in areas:
        lat, lon = area.centre
        holders = [a.name for a in areas if geo.contains(a.boundary, lat, lon)]
        assert holders == [area.name]
