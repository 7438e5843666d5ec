"""Stored matches: a full recompute, incremental updates, and the services that queue them."""

import pytest

from samenspel.core.tests.factories import OrganisationFactory

from .. import pipeline, services
from ..models import Category, ListingStatus, ListingType, Match, MatchState, Need
from ..tasks import matching_paused
from .factories import InitiativeFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _stored(need):
    return [(m.offer_id, round(m.score, 4)) for m in Match.objects.ranked_for_need(need)]


def test_full_recompute_stores_ranked_matches_with_dutch_explanations(cast):
    n = pipeline.matches_recompute(municipality_id=cast.municipality.pk)

    top = Match.objects.ranked_for_need(cast.need).first()
    assert n >= 1
    assert top.offer == cast.offer
    assert top.rank_for_need == 1 and top.rank_for_offer == 1
    assert "ruimte" in top.explanation.lower()
    assert set(top.parts) >= {"kind", "text", "distance", "themes"}


def test_an_owner_is_never_matched_with_itself(cast):
    OfferFactory(initiative=cast.initiative, municipality=cast.municipality, category=Category.SPACE)
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    assert not Match.objects.filter(need=cast.need, offer__initiative=cast.initiative).exists()


def test_recompute_keeps_when_a_match_was_first_seen(cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    first = Match.objects.get(need=cast.need, offer=cast.offer).created
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    assert Match.objects.get(need=cast.need, offer=cast.offer).created == first


def _market(municipality, n=6):
    organisation = OrganisationFactory(municipality=municipality)
    categories = [
        Category.SPACE,
        Category.VOLUNTEERS,
        Category.MONEY,
        Category.KNOWLEDGE,
        Category.MATERIALS,
        Category.NETWORK,
    ]
    texts = [
        "zaal voor bijeenkomsten",
        "handen bij het schoffelen",
        "subsidie voor zaden",
        "advies over vergunning",
        "gereedschap en kruiwagens",
        "contacten met de school",
    ]
    for i in range(n):
        initiative = InitiativeFactory(municipality=municipality)
        NeedFactory(
            initiative=initiative,
            category=categories[i % 6],
            title=f"Wij zoeken {texts[i % 6]}",
            amount_eur=500 if categories[i % 6] == Category.MONEY else None,
            lat=52.2 + i / 100,
            lon=5.2,
        )
        OfferFactory(
            organisation=organisation,
            municipality=municipality,
            category=categories[(i + 1) % 6],
            title=f"Wij bieden {texts[(i + 1) % 6]}",
            lat=52.2,
            lon=5.2 + i / 100,
        )


def test_incremental_update_equals_a_recompute_of_the_same_engine(cast):
    """After one need changes, its stored ranking and every counterpart's equal a fresh recompute."""
    _market(cast.municipality)
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)

    cast.need.title = "Keuken en zaal voor een buurtmaaltijd op dinsdag"
    cast.need.save()
    assert pipeline.matches_update_for(side="need", listing_id=cast.need.pk) == "incremental"

    token, version, matcher = pipeline._cache[cast.municipality.pk]
    assert MatchState.objects.get(pk=cast.municipality.pk).version == version == 1
    matcher.recompute()  # same text model, every ranking from scratch
    expected_need = [(m.offer_id, round(float(m.score), 4)) for m in matcher.matches_for_need(cast.need.pk)]
    assert _stored(cast.need) == expected_need
    for offer_id in matcher.offer_ids:
        expected = [m.need_id for m in matcher.matches_for_offer(offer_id)]
        stored = list(
            Match.objects.filter(offer_id=offer_id, rank_for_offer__isnull=False)
            .order_by("rank_for_offer")
            .values_list("need_id", flat=True)
        )
        assert stored == expected


def test_a_need_that_is_met_leaves_every_ranking(cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    Need.objects.filter(pk=cast.need.pk).update(status=ListingStatus.MET)

    assert pipeline.matches_update_for(side="need", listing_id=cast.need.pk) == "incremental"
    assert not Match.objects.filter(need=cast.need).exists()


def test_a_stale_cache_falls_back_to_a_full_recompute(cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    MatchState.objects.filter(pk=cast.municipality.pk).update(version=99)  # another worker moved on
    assert pipeline.matches_update_for(side="need", listing_id=cast.need.pk) == "full"
    assert _stored(cast.need)[0][0] == cast.offer.pk


def test_publishing_an_offer_updates_the_stored_matches_after_commit(cast, django_capture_on_commit_callbacks):
    """Whoever publishes (the marketplace or an initiative's page), the stored matches follow."""
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.listing_publish(
            listing_type=ListingType.OFFER,
            municipality=cast.municipality,
            user=cast.org_member,
            organisation=cast.organisation,
            category=Category.SPACE,
            title="Keuken van het buurthuis voor kookavonden",
            description="Een grote keuken.",
        )
    assert Match.objects.filter(offer=offer, rank_for_offer__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_status_set(listing=offer, user=cast.org_member, status=ListingStatus.WITHDRAWN)
    assert not Match.objects.filter(offer=offer).exists()


def test_paused_matching_enqueues_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, matching_paused():
        services.listing_publish(
            listing_type=ListingType.NEED,
            municipality=cast.municipality,
            user=cast.initiator,
            initiative=cast.initiative,
            category=Category.VOLUNTEERS,
            title="Helpers",
            description="Zaterdag.",
        )
    assert callbacks == []


def test_listings_of_hidden_initiatives_are_not_matched(cast):
    cast.initiative.is_hidden = True
    cast.initiative.save()
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    assert not Match.objects.filter(need=cast.need).exists()


def test_the_engine_knows_exactly_the_products_kinds_and_takes_their_words_from_it():
    from .. import matching

    assert set(matching.KINDS) == set(Category.values)
    assert pipeline.kind_labels()[Category.SPACE] == "ruimte"


def test_a_full_recompute_reads_the_same_items_as_one_listing_does(cast, municipality):
    """The recompute reads listings as rows (fast); an update reads one as a model. Both must
    give the engine the same Item: themes (and their aliases), owner and place included."""
    _market(municipality, n=4)
    for model in (Need, pipeline.Offer):
        listings = pipeline._matchable(model, municipality.pk)
        assert pipeline._matchable_items(model, municipality.pk) == [pipeline.listing_item(x) for x in listings]
    assert any("zorg-welzijn" in item.themes for item in pipeline._matchable_items(Need, municipality.pk))
