"""A match says why it fits in the reader's language, from the facts it stores; in Dutch it says
exactly what the matching engine said."""

import importlib

import pytest
from django.utils import translation

from .. import matching, pipeline
from ..explanations import explain
from ..models import Category, Match, Need, Offer

pytestmark = pytest.mark.django_db


def _engine(municipality_id):
    needs = [pipeline.listing_item(n) for n in pipeline._matchable(Need, municipality_id)]
    offers = [pipeline.listing_item(o) for o in pipeline._matchable(Offer, municipality_id)]
    return matching.Matcher(needs, offers, top_k=pipeline.TOP_K, kind_labels=pipeline.kind_labels()).fit()


def test_in_dutch_every_stored_match_says_what_the_engine_said(cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    engine = _engine(cast.municipality.pk)
    stored = list(Match.objects.select_related("need", "offer"))
    assert stored
    with translation.override("nl"):
        for match in stored:
            assert match.explanation == engine.explain(match.need_id, match.offer_id).explanation


def test_an_english_reader_reads_english():
    facts = {"distance_m": 1234, "same_area": "wijk", "shared_themes": ["groen"], "shared_words": ["moestuin"]}
    with translation.override("en"):
        text = explain(
            facts=facts, fit=0.5, need_word=str(Category.VOLUNTEERS.label), offer_word=str(Category.NETWORK.label)
        )
    assert (
        text == "same district, 1.2 km; fits partly: network for a request for volunteers; theme: groen; word: moestuin"
    )
    with translation.override("nl"):
        text = explain(
            facts=facts, fit=0.5, need_word=str(Category.VOLUNTEERS.label), offer_word=str(Category.NETWORK.label)
        )
    assert (
        text
        == "zelfde wijk, 1,2 km; past deels: netwerk voor een vraag om vrijwilligers; thema: groen; woord: moestuin"
    )


@pytest.mark.parametrize(
    "sentence, facts",
    [
        (
            "zelfde buurt, 600 m; past bij: ruimte; thema: groen; woorden: grond, moestuin",
            {
                "distance_m": 600,
                "same_area": "buurt",
                "shared_themes": ["groen"],
                "shared_words": ["grond", "moestuin"],
            },
        ),
        (
            "1,2 km; past niet: geld voor een vraag om ruimte; thema's: zorg en welzijn, sport",
            {"distance_m": 1200, "same_area": None, "shared_themes": ["zorg-welzijn", "sport"], "shared_words": []},
        ),
        (
            "afstand onbekend; past bij: kennis",
            {"distance_m": None, "same_area": None, "shared_themes": [], "shared_words": []},
        ),
    ],
)
def test_the_migration_reads_the_facts_back_from_a_stored_sentence(sentence, facts):
    migration = importlib.import_module("samenspel.marketplace.migrations.0009_match_explained_from_facts")
    assert migration.facts_of(sentence) == facts
