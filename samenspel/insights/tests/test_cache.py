"""The computed figures are kept for a few minutes: equal to the direct computation, and said on the page."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspel.insights import selectors
from samenspel.insights.periods import Period

from .test_pages import JANUARY, url

pytestmark = pytest.mark.django_db

PERIOD = Period(datetime.date(2026, 1, 5), datetime.date(2026, 2, 1))


def _plain(sections) -> dict:
    return {t.key: t.as_dict() for t in selectors.all_tables(sections)}


def test_cached_figures_equal_the_direct_computation(municipality, world):
    for public in (True, False):
        direct = selectors.dashboard(municipality=municipality, period=PERIOD, public=public, cached=False)
        first = selectors.dashboard(municipality=municipality, period=PERIOD, public=public)
        again = selectors.dashboard(municipality=municipality, period=PERIOD, public=public)
        assert _plain(first) == _plain(direct) == _plain(again)
        assert first["energy"]["totals"] == direct["energy"]["totals"]


def test_public_and_staff_figures_and_neighbourhoods_are_kept_apart(municipality, world):
    public = selectors.dashboard(municipality=municipality, period=PERIOD, public=True)
    staff = selectors.dashboard(municipality=municipality, period=PERIOD, public=False)
    assert public is not staff
    area = Period(PERIOD.start, PERIOD.end, world["centrum"])
    keys = {
        selectors._cache_key(municipality=municipality, period=p, public=pub)
        for p in (PERIOD, area)
        for pub in (True, False)
    }
    assert len(keys) == 4
    only_area = selectors.dashboard(municipality=municipality, period=area, public=True)
    direct = selectors.dashboard(municipality=municipality, period=area, public=True, cached=False)
    assert _plain(only_area) == _plain(direct)


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, JANUARY).status_code == 200
    return len(queries)


def test_query_counts_are_constant_computed_and_kept(client, municipality, world):
    from samenspel.initiatives.tests.factories import SupportFactory

    from .factories import backdate, moment, residents

    _count(client, url("dashboard"))  # warm content types, sessions
    cache.clear()
    computed = _count(client, url("dashboard"))
    kept = _count(client, url("dashboard"))
    assert kept < computed and kept <= 6
    for index, person in enumerate(residents(municipality, world["centrum"], 9)):
        backdate(
            SupportFactory(initiative=world["garden"], user=person),
            "created",
            moment(datetime.date(2026, 1, 6 + index)),
        )
    # Kept figures do not see the new supports until they expire; then they do, in as many queries.
    assert _count(client, url("dashboard")) == kept
    cache.clear()
    assert _count(client, url("dashboard")) == computed


def test_the_page_says_how_old_the_figures_are(client, world):
    response = client.get(url("dashboard"), JANUARY)
    text = response.content.decode()
    assert "De cijfers zijn berekend om" in text and "hoogstens 5 minuten bewaard" in text
    body = client.get("/api/v1/signals", {"municipality": "lindeveen", **JANUARY}).json()
    assert body["computed_at"]


def test_the_cron_job_warms_the_default_period_for_every_audience_and_language(client, municipality, world):
    from django.core.management import call_command
    from django.utils import translation

    from samenspel.insights.periods import default_period

    call_command("warm_signals", stdout=io.StringIO())
    period = Period(*default_period())
    for code in ("nl", "en"):
        with translation.override(code):
            for public in (True, False):
                key = selectors._cache_key(municipality=municipality, period=period, public=public)
                kept = cache.get(key)
                assert kept is not None
                direct = selectors.dashboard(municipality=municipality, period=period, public=public, cached=False)
                assert _plain({**kept, "topics": direct["topics"]}) == _plain(direct)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("dashboard")).status_code == 200
    assert len(queries) <= 6
