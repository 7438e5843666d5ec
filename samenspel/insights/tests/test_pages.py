"""The dashboard pages, their CSV files and the API: the same figures, the same threshold, no names."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

JANUARY = {"van": "2026-01-05", "tot": "2026-02-01"}


def url(name, **kw):
    return reverse(f"insights:{name}", kwargs={"municipality": "lindeveen", **kw})


def test_public_dashboard_shows_figures_and_no_names(client, world):
    response = client.get(url("dashboard"), JANUARY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Energie per wijk" in html and "Deelnemers per wijk tegen het aantal inwoners" in html
    assert "minder dan 5" in html
    for person in world["linde_people"]:
        assert person.email not in html and person.display_name not in html
    assert "Nog niet beschikbaar" in html or "onderwerpen" in html.lower()


def test_a_bad_period_is_said_and_the_default_used(client, world):
    response = client.get(url("dashboard"), {"van": "2026-03-01", "tot": "2026-01-01"})
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    response = client.get(url("dashboard"), {"van": "gisteren"})
    assert "Voer een geldige datum in." in response.content.decode() or "geldige datum" in response.content.decode()


def test_csv_holds_the_table_with_suppressed_cells(client, world):
    response = client.get(url("csv", key="energie-per-week"), JANUARY)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_week = {row["Week van"]: row for row in rows}
    assert by_week["2026-01-19"]["Steunbetuigingen"] == "<5"
    assert by_week["2026-01-05"]["Vragen"] == "11"
    assert client.get(url("csv", key="bestaat-niet"), JANUARY).status_code == 404


def test_csv_has_no_personal_data(client, world):
    for key in ("energie-per-wijk", "bereik-per-wijk", "open-vragen-per-wijk", "eerste-reactie"):
        text = client.get(url("csv", key=key), JANUARY).content.decode("utf-8-sig")
        for person in world["linde_people"]:
            assert person.email not in text


def test_api_figures_follow_the_threshold(client, world):
    response = client.get("/api/v1/signals", {"municipality": "lindeveen", **JANUARY})
    assert response.status_code == 200
    body = response.json()
    assert body["threshold"] == 5
    tables = {t["key"]: t for t in body["tables"]}
    weeks = {row["week"]: row for row in tables["energie-per-week"]["rows"]}
    assert weeks["2026-01-19"]["supports"] is None and weeks["2026-01-05"]["needs"] == 11
    text = response.content.decode()
    for person in world["linde_people"]:
        assert person.email not in text and person.display_name not in text


@pytest.mark.parametrize(
    "params",
    [
        {"van": "2026-13-01"},
        {"van": "2026-03-01", "tot": "2026-01-01"},
        {"van": "2020-01-01", "tot": "2026-01-01"},
        {"wijk": "nergens"},
        {"wijk": "x" * 80},
    ],
)
def test_api_refuses_bad_filters_as_problems(client, world, params):
    response = client.get("/api/v1/signals", {"municipality": "lindeveen", **params})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def _count_queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_data(client, municipality, world):
    import datetime

    from samenspel.initiatives.tests.factories import NeedFactory, SupportFactory

    from .factories import backdate, moment, residents

    _count_queries(client, url("dashboard"), JANUARY)  # warm the caches (content types, sessions)
    before = _count_queries(client, url("dashboard"), JANUARY)
    api_before = _count_queries(client, "/api/v1/signals", {"municipality": "lindeveen", **JANUARY})
    for index, person in enumerate(residents(municipality, world["centrum"], 12)):
        backdate(
            SupportFactory(initiative=world["garden"], user=person),
            "created",
            moment(datetime.date(2026, 1, 6 + index)),
        )
        backdate(
            NeedFactory(initiative=world["bench"], neighbourhood=world["centrum"]),
            "created",
            moment(datetime.date(2026, 1, 9)),
        )
    assert _count_queries(client, url("dashboard"), JANUARY) == before
    assert _count_queries(client, "/api/v1/signals", {"municipality": "lindeveen", **JANUARY}) == api_before
    assert before < 60


def test_topics_show_public_examples_only(client, world, municipality):
    """A topic's examples are resolved when the page is shown: a text hidden since is not shown."""
    import datetime

    from django.utils import timezone

    from samenspel.insights import finder
    from samenspel.insights.models import TopicRun

    garden, bench = world["garden"], world["bench"]
    TopicRun.objects.create(
        municipality=municipality,
        period_start=datetime.date(2026, 1, 5),
        period_end=datetime.date(2026, 2, 1),
        status=TopicRun.Status.DONE,
        computed_at=timezone.now(),
        texts=12,
        topics=[
            {
                "label": "Moestuin, groente",
                "top_words": ["moestuin", "groente", "bakken"],
                "examples": [f"initiative:{garden.pk}", f"initiative:{bench.pk}", "comment:999999"],
                "weekly": [["2026-01-05", 6], ["2026-01-12", 2]],
                "emerging": True,
                "size": 8,
            },
            {
                "label": "Klein onderwerp",
                "top_words": ["bankje"],
                "examples": [],
                "weekly": [],
                "emerging": False,
                "size": 3,
            },
        ],
    )
    bench.is_hidden = True
    bench.save(update_fields=["is_hidden"])
    html = client.get(url("dashboard"), JANUARY).content.decode()
    if finder.topic_finder() is None:
        assert "Nog niet beschikbaar" in html
        return
    assert "Moestuin, groente" in html and "opkomend" in html
    assert ">Moestuin</a>" in html and "Bankje" not in html
    rows = list(
        csv.DictReader(io.StringIO(client.get(url("csv", key="onderwerpen"), JANUARY).content.decode("utf-8-sig")))
    )
    assert [(r["Onderwerp"], r["Teksten"]) for r in rows] == [("Moestuin, groente", "8"), ("Klein onderwerp", "<5")]


def test_topics_not_available_block(client, world, monkeypatch):
    from samenspel.insights import finder

    monkeypatch.setattr(finder, "topic_finder", lambda: None)
    html = client.get(url("dashboard"), JANUARY).content.decode()
    assert "Nog niet beschikbaar" in html


HOSTILE = [
    "a\x00b",
    "²",
    "٣",
    "1.5",
    "-1",
    "0",
    "",
    "abc",
    "9" * 30,
    "x" * 5000,
    "%",
    "'",
    "<script>",
    "1e400",
    "2026-02-30",
]


def test_hostile_filters_never_give_a_server_error(client, world):
    """Every parameter at once on the pages (as core's sweep does), one at a time on the API."""
    client.raise_request_exception = False
    failures = []
    for value in HOSTILE:
        for path in (url("dashboard"), url("csv", key="energie-per-week")):
            response = client.get(path, dict.fromkeys(("van", "tot", "wijk", "scheiding"), value))
            if response.status_code >= 500:
                failures.append((path, value, response.status_code))
        for name in ("van", "tot", "wijk"):
            response = client.get("/api/v1/signals", {"municipality": "lindeveen", name: value})
            if response.status_code >= 500 or (
                response.status_code >= 400 and not response["Content-Type"].startswith("application/problem+json")
            ):
                failures.append(("api", name, value, response.status_code))
        response = client.get(f"/api/v1/participation-reports/{value}", {"municipality": "lindeveen"})
        if response.status_code >= 500:
            failures.append(("report", value, response.status_code))
    assert failures == []
