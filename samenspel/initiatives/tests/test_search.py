"""Full-text search: Dutch stemming on PostgreSQL, all-words-contained on SQLite."""

import pytest
from django.db import connection
from django.urls import reverse

from ..selectors import InitiativeFilters, initiative_list
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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("moestuinen", {"Moestuin aan de Lindelaan"}),  # plural finds singular
        ("lamp", {"Repair Café"}),  # singular finds plural
        ("bak", {"Moestuin aan de Lindelaan"}),
        ("zonnepaneel", {"Zonnedaken Dorp"}),
    ],
)
def test_dutch_inflections_on_postgresql(municipality, corpus, q, found):
    assert _search(municipality, q) == found


def test_search_from_the_overview_page(client, corpus):
    response = client.get(reverse("initiatives:list", kwargs={"municipality": "lindeveen"}), {"q": "moestuin"})
    assert [i.title for i in response.context["initiatives"]] == ["Moestuin aan de Lindelaan"]
