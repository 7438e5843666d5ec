"""Full-text search with Dutch stemming, on PostgreSQL and on the embedded SQLite alike.

The demo-data comparison of both engines is in test_search_dutch.py; here: the rules, and
that SQLite's index (FTS5 table kept by triggers, migration 0005) follows every write.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from samenspel.core.tests.migrations import latest_schema  # noqa: F401 (a fixture)

from ..models import Initiative
from ..search import lexemes, match_expression
from ..selectors import InitiativeFilters, initiative_list
from ..services import initiative_create, initiative_update
from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

DATA = [
    ("Moestuin aan de Lindelaan", "Groente kweken met de straat.", "We bouwen bakken van steigerhout."),
    ("Repair Café", "Spullen repareren in plaats van weggooien.", "Fietsen, lampen en kleding maken we samen."),
    ("Zonnedaken Dorp", "Zonnepanelen op elk dak.", "Samen inkopen via de energiecoöperatie."),
]


@pytest.fixture
def corpus(municipality):
    for number, (title, pitch, story) in enumerate(DATA):
        InitiativeFactory(municipality=municipality, slug=f"i-{number}", title=title, pitch=pitch, story=story)


def _search(municipality, q):
    return {i.title for i in initiative_list(municipality=municipality, filters=InitiativeFilters(q=q))}


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("moestuin", {"Moestuin aan de Lindelaan"}),
        ("FIETSEN lampen", {"Repair Café"}),  # every word must match, in any field, any case
        ("fietsen moestuin", set()),
        ("energiecoöperatie", {"Zonnedaken Dorp"}),
        ("", {"Moestuin aan de Lindelaan", "Repair Café", "Zonnedaken Dorp"}),
    ],
)
def test_search_on_any_database(municipality, corpus, q, found):
    assert _search(municipality, q) == found


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("moestuinen", {"Moestuin aan de Lindelaan"}),  # plural finds singular
        ("lamp", {"Repair Café"}),  # singular finds plural
        ("bak", {"Moestuin aan de Lindelaan"}),
        ("zonnepaneel", {"Zonnedaken Dorp"}),
        ("Energiecooperatie", {"Zonnedaken Dorp"}),  # accents and case do not matter
        ("de", set()),  # stop words alone find nothing (as plainto_tsquery)
        ("moestuin Zonnepanelen", set()),
        ('"lampen*', {"Repair Café"}),  # FTS5 syntax in a query is only text
    ],
)
def test_dutch_inflections_on_any_database(municipality, corpus, q, found):
    assert _search(municipality, q) == found


def test_search_from_the_overview_page(client, corpus):
    response = client.get(reverse("initiatives:list", kwargs={"municipality": "lindeveen"}), {"q": "moestuin"})
    assert [i.title for i in response.context["initiatives"]] == ["Moestuin aan de Lindelaan"]


def test_the_index_follows_create_edit_and_delete(municipality, initiator):
    created = initiative_create(
        municipality=municipality,
        initiator=initiator,
        title="Geveltuintjes",
        pitch="Tegels eruit.",
        story="Planten erin.",
    )
    assert _search(municipality, "geveltuintjes") == {"Geveltuintjes"}
    initiative_update(
        initiative=created, user=initiator, title="Bloembakken", pitch="Bakken vol bloemen.", story="Samen."
    )
    assert _search(municipality, "geveltuintjes") == set()
    assert _search(municipality, "bloembak") == {"Bloembakken"}
    Initiative.objects.filter(pk=created.pk).update(story="Met regentonnen.")  # a bulk write too
    assert _search(municipality, "regentonnen") == {"Bloembakken"}
    created.delete()
    assert _search(municipality, "bloembak") == set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM initiatives_search")
            assert cursor.fetchone() == (0,)


def test_search_keeps_filters_and_sorting(municipality, corpus, themes):
    lamps = Initiative.objects.get(title="Repair Café")
    lamps.themes.add(themes["groen"])
    InitiativeFactory(municipality=municipality, slug="i-9", title="Lampen voor de straat", pitch="", story="")
    both = {"Repair Café", "Lampen voor de straat"}
    assert _search(municipality, "lamp") == both
    filtered = initiative_list(municipality=municipality, filters=InitiativeFilters(q="lamp", theme="groen"))
    assert [i.title for i in filtered] == ["Repair Café"]
    newest = initiative_list(municipality=municipality, filters=InitiativeFilters(q="lampen", sort="newest"))
    assert [i.title for i in newest] == ["Lampen voor de straat", "Repair Café"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zonnepanelen op het dak", ["zonnepanel", "dak"]),
        ("Deelauto's en e-bikes", ["deelauto", "s", "e-bikes", "e", "bikes"]),
        ("3D-printer, 10-12 uur", ["3d-printer", "3d", "printer", "10", "-12", "uur"]),
        ("Mail info@lindeveen.nl", ["mail", "info@lindeveen.nl"]),
    ],
)
def test_lexemes_as_postgresql_makes_them(text, expected):
    assert lexemes(text) == expected


def test_a_query_without_words_has_no_match_expression():
    assert match_expression("de het een!") is None
    assert match_expression('moestuin "x"') == '"moestuin" "x"'


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only")
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema")
def test_the_migration_indexes_existing_initiatives(municipality):
    # Going back to 0004 also unapplies every app that depends on later initiatives migrations
    # (practices, funding, ...); `latest_schema` brings all of them back, not only initiatives.
    call_command("migrate", "initiatives", "0004", verbosity=0)
    InitiativeFactory(municipality=municipality, slug="old", title="Oude moestuinen", pitch="", story="")
    call_command("migrate", "initiatives", verbosity=0)
    assert _search(municipality, "moestuin") == {"Oude moestuinen"}
