"""Stories of the marketplace services: publish, introduce, accept, talk, close."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEvent

from .. import digests, pipeline, services
from ..models import (
    Category,
    Introduction,
    IntroductionStatus,
    ListingStatus,
    ListingType,
    Match,
    Need,
    Offer,
    Outcome,
)
from ..selectors import introduction_contacts

pytestmark = pytest.mark.django_db


def _publish(cast, user, **overrides):
    values = {
        "listing_type": ListingType.OFFER,
        "municipality": cast.municipality,
        "user": user,
        "category": Category.VOLUNTEERS,
        "title": "Ik kan helpen met koken",
        "description": "Ik kook graag voor grote groepen en heb een hygiënecursus gedaan.",
        "availability": "dinsdag- en donderdagavond",
    }
    values.update(overrides)
    return services.listing_publish(**values)


def test_a_resident_offers_help_with_availability(cast, resident):
    offer = _publish(
        cast, resident, neighbourhood=cast.municipality.neighbourhoods.get(), themes=[cast.themes["groen"]]
    )

    assert offer.person == resident and offer.organisation is None
    assert offer.availability == "dinsdag- en donderdagavond"
    assert (offer.lat, offer.lon) == pytest.approx(cast.municipality.neighbourhoods.get().centre)
    assert list(offer.themes.all()) == [cast.themes["groen"]]
    assert AuditEvent.objects.filter(action="marketplace.offer_published").exists()


def test_an_organisation_member_publishes_on_behalf_of_the_organisation(cast):
    offer = _publish(cast, cast.org_member, organisation=cast.organisation, category=Category.SPACE)
    assert offer.organisation == cast.organisation and offer.person is None


def test_only_members_publish_for_an_organisation(cast, resident):
    with pytest.raises(PermissionDenied):
        _publish(cast, resident, organisation=cast.organisation)
    assert Offer.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Dit veld"),
        ({"category": "hulp"}, "category", "geen geldige keuze"),
        ({"listing_type": ListingType.NEED, "category": Category.MONEY}, "amount_eur", "bedrag in euro"),
        ({"category": Category.MONEY, "amount_eur": "veel"}, "amount_eur", "bedrag in euro"),
        ({"description": "x" * 2001}, "description", "2000"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_saves_nothing(cast, resident, overrides, field, message):
    before = (Need.objects.count(), Offer.objects.count())
    with pytest.raises(ValidationError) as error:
        _publish(cast, resident, **overrides)
    assert message in " ".join(error.value.message_dict.get(field, error.value.messages))
    assert (Need.objects.count(), Offer.objects.count()) == before


def test_a_neighbourhood_of_another_municipality_is_refused(cast, resident, other_municipality):
    from samenspel.core.tests.factories import NeighbourhoodFactory

    elsewhere = NeighbourhoodFactory(municipality=other_municipality)
    with pytest.raises(ValidationError, match="hoort niet bij deze gemeente"):
        _publish(cast, resident, neighbourhood=elsewhere)


def test_edit_and_status_change_are_audited(cast, resident):
    offer = _publish(cast, resident)
    services.listing_edit(
        listing=offer, user=resident, category=Category.KNOWLEDGE, title="Kookles", description="Les."
    )
    services.listing_status_set(listing=offer, user=resident, status=ListingStatus.WITHDRAWN)
    offer.refresh_from_db()
    assert (offer.category, offer.title, offer.status) == (Category.KNOWLEDGE, "Kookles", ListingStatus.WITHDRAWN)
    assert AuditEvent.objects.filter(action="marketplace.offer_status").count() == 1
    with pytest.raises(ValidationError):
        services.listing_status_set(listing=offer, user=resident, status="weg")


def test_the_whole_introduction_story(cast, coach):
    """Initiator proposes, the housing corporation accepts; only those two see each other, the need is met."""
    intro = services.introduction_propose(
        need=cast.need, offer=cast.offer, user=cast.initiator, message="Past dit?", contact="06 11 22 33 44"
    )
    assert intro.need_side_accepted_at is not None and intro.offer_side_accepted_at is None
    assert intro.status == IntroductionStatus.PROPOSED
    for person in (cast.initiator, cast.org_member, coach):
        assert introduction_contacts(introduction=intro, user=person) is None

    intro = services.introduction_respond(
        introduction=intro, user=cast.org_member, accept=True, contact="  zalen@woonstichting.example  "
    )
    assert intro.status == IntroductionStatus.ACCEPTED

    seen_by_initiator = introduction_contacts(introduction=intro, user=cast.initiator)
    assert [(c.name, c.contact) for c in seen_by_initiator["offer"]] == [
        (cast.org_member.display_name, "zalen@woonstichting.example")
    ]
    assert "https://woonstichting-lindeveen.example" in {c.website for c in seen_by_initiator["offer"]}
    seen_by_org = introduction_contacts(introduction=intro, user=cast.org_member)
    # Only the person who accepted for the need side, with what she chose to share; her
    # teammate took no part, and no account's e-mail address is shown unless typed in to share.
    assert [(c.name, c.contact) for c in seen_by_org["need"]] == [(cast.initiator.display_name, "06 11 22 33 44")]
    assert introduction_contacts(introduction=intro, user=cast.team_member) is None  # on the team, not a party
    assert introduction_contacts(introduction=intro, user=coach) is None  # a coach arranges, not a party
    assert introduction_contacts(introduction=intro, user=cast.other_org_member) is None

    services.introduction_mark_need_met(introduction=intro, user=cast.team_member)
    intro.refresh_from_db()
    cast.need.refresh_from_db()
    assert cast.need.status == ListingStatus.MET
    assert (intro.status, intro.outcome) == (IntroductionStatus.CLOSED, Outcome.AGREED)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "marketplace.introduction_proposed",
        "marketplace.introduction_accepted",
        "marketplace.need_status",
        "marketplace.introduction_outcome",
    } <= actions


def test_a_coach_proposes_and_both_sides_must_accept(cast, coach):
    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=coach)
    assert intro.need_side_accepted_at is None and intro.offer_side_accepted_at is None
    intro = services.introduction_respond(introduction=intro, user=cast.initiator, accept=True)
    assert intro.status == IntroductionStatus.PROPOSED
    intro = services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
    assert intro.status == IntroductionStatus.ACCEPTED


def test_declining_closes_it_without_sharing_anything(cast):
    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    intro = services.introduction_respond(introduction=intro, user=cast.org_member, accept=False)
    assert intro.status == IntroductionStatus.DECLINED
    assert introduction_contacts(introduction=intro, user=cast.initiator) is None
    with pytest.raises(ValidationError, match="al gereageerd"):
        services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)


def test_someone_from_neither_side_cannot_respond(cast):
    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    with pytest.raises(PermissionDenied):
        services.introduction_respond(introduction=intro, user=cast.other_org_member, accept=True)


def test_outcome_not_agreed_and_bad_outcome(cast):
    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    with pytest.raises(ValidationError, match="beide kanten"):
        services.introduction_outcome_record(introduction=intro, user=cast.initiator, outcome=Outcome.AGREED)
    services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
    intro.refresh_from_db()
    with pytest.raises(ValidationError, match="afspraak"):
        services.introduction_outcome_record(introduction=intro, user=cast.initiator, outcome="misschien")
    services.introduction_outcome_record(
        introduction=intro, user=cast.initiator, outcome=Outcome.NOT_AGREED, note="Zaal is te klein."
    )
    intro.refresh_from_db()
    assert (intro.status, intro.outcome_note) == (IntroductionStatus.CLOSED, "Zaal is te klein.")


def test_one_running_introduction_per_pair_and_only_for_open_listings(cast):
    services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    with pytest.raises(ValidationError, match="loopt al"):
        services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.org_member)
    cast.offer.status = ListingStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="open"):
        services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    assert Introduction.objects.count() == 1


def test_introduction_requests_are_rate_limited(cast):
    from .factories import OfferFactory

    offers = [OfferFactory(organisation=cast.organisation, municipality=cast.municipality) for _ in range(11)]
    for offer in offers[: services.INTRODUCTIONS_PER_DAY]:
        services.introduction_propose(need=cast.need, offer=offer, user=cast.initiator)
    with pytest.raises(ValidationError, match="morgen opnieuw"):
        services.introduction_propose(need=cast.need, offer=offers[-1], user=cast.initiator)
    assert Introduction.objects.count() == services.INTRODUCTIONS_PER_DAY


def test_weekly_digest_goes_only_to_those_who_opted_in_and_only_once(cast, resident):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    services.digest_subscription_set(user=cast.org_member, municipality=cast.municipality, active=True)
    services.digest_subscription_set(user=cast.team_member, municipality=cast.municipality, active=False)

    assert digests.match_digests_send() == 1
    assert [m.to for m in mail.outbox] == [[cast.org_member.email]]
    assert cast.need.title in mail.outbox[0].body
    assert digests.match_digests_send() == 0  # same week: nothing again
    later = timezone.now() + timezone.timedelta(days=8)
    assert digests.match_digests_send(now=later) == 0  # no new matches since
    Match.objects.update(created=later + timezone.timedelta(hours=1))  # found after that digest
    assert digests.match_digests_send(now=later + timezone.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2


def test_an_introductions_status_follows_from_its_timestamps_and_outcome(cast):
    """Nothing stores the status: declining sets declined_at, accepting both sides, closing the outcome."""
    declined = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    declined = services.introduction_respond(introduction=declined, user=cast.org_member, accept=False)
    assert declined.status == IntroductionStatus.DECLINED and declined.declined_at is not None
    assert not Introduction.objects.active().exists()

    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator)
    assert (intro.status, list(Introduction.objects.active())) == (IntroductionStatus.PROPOSED, [intro])
    intro = services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
    assert intro.status == IntroductionStatus.ACCEPTED and intro.get_status_display() == "geaccepteerd"
    assert list(Introduction.objects.accepted_by_both()) == [intro]
    intro = services.introduction_outcome_record(introduction=intro, user=cast.initiator, outcome=Outcome.AGREED)
    assert intro.status == IntroductionStatus.CLOSED
    assert not Introduction.objects.active().exists() and Introduction.objects.accepted_by_both().count() == 1


def test_an_accepter_changes_or_withdraws_what_she_shares(cast):
    intro = services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator, contact="06 1")
    intro = services.introduction_contact_set(introduction=intro, user=cast.initiator, contact=" joost@thuis.example ")
    intro = services.introduction_respond(introduction=intro, user=cast.org_member, accept=True)
    seen = introduction_contacts(introduction=intro, user=cast.org_member)["need"]
    assert [c.contact for c in seen] == ["joost@thuis.example"]
    # Consent can be taken back: the other side then sees the name only.
    intro = services.introduction_contact_set(introduction=intro, user=cast.initiator, contact="")
    assert [c.contact for c in introduction_contacts(introduction=intro, user=cast.org_member)["need"]] == [""]
    for outsider in (cast.team_member, cast.other_org_member):
        with pytest.raises(PermissionDenied):
            services.introduction_contact_set(introduction=intro, user=outsider, contact="iets")
    with pytest.raises(ValidationError):
        services.introduction_contact_set(introduction=intro, user=cast.org_member, contact="x" * 201)
    intro.refresh_from_db()
    assert (intro.need_side_contact, intro.offer_side_contact) == ("", "")
