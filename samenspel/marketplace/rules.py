"""Who may do what in the marketplace.

Objects: a municipality (publish, insights), a listing (change), an
introduction (view, respond, message, outcome) or a `Pair` (propose).
"""

from dataclasses import dataclass

import rules

from samenspel.municipalities.rules import is_coach, is_municipality_admin, is_resident
from samenspel.organisations.rules import is_organisation_member

from .models import IntroductionStatus, ListingStatus
from .selectors import is_on_side, is_party, sides_of


@dataclass(frozen=True)
class Pair:
    need: object
    offer: object


@rules.predicate
def is_resident_here(user, municipality) -> bool:
    return is_resident(user, municipality)


@rules.predicate
def is_listing_owner(user, listing) -> bool:
    return is_on_side(user, listing)


@rules.predicate
def is_coach_of_listing(user, listing) -> bool:
    return listing is not None and (
        is_coach(user, listing.municipality) or is_municipality_admin(user, listing.municipality)
    )


@rules.predicate
def is_own_or_organisation_listing(user, listing) -> bool:
    # Initiative listings are edited on the initiative's own pages.
    return listing is not None and not listing.initiative_id


@rules.predicate
def pair_is_open(user, pair) -> bool:
    return (
        pair is not None
        and pair.need.status == ListingStatus.OPEN
        and pair.offer.status == ListingStatus.OPEN
        and pair.need.municipality_id == pair.offer.municipality_id
    )


@rules.predicate
def is_on_a_side_of_pair(user, pair) -> bool:
    return is_on_side(user, pair.need) or is_on_side(user, pair.offer)


@rules.predicate
def is_coach_of_pair(user, pair) -> bool:
    return is_coach_of_listing(user, pair.need)


@rules.predicate
def is_participant(user, introduction) -> bool:
    return introduction is not None and bool(sides_of(user, introduction))


@rules.predicate
def is_coach_of_introduction(user, introduction) -> bool:
    return introduction is not None and (
        is_coach(user, introduction.municipality) or is_municipality_admin(user, introduction.municipality)
    )


@rules.predicate
def is_awaiting_my_answer(user, introduction) -> bool:
    if introduction is None or introduction.status != IntroductionStatus.PROPOSED:
        return False
    sides = sides_of(user, introduction)
    return ("need" in sides and introduction.need_side_accepted_at is None) or (
        "offer" in sides and introduction.offer_side_accepted_at is None
    )


@rules.predicate
def is_awaiting_other_side(user, introduction) -> bool:
    return introduction is not None and introduction.status == IntroductionStatus.PROPOSED


@rules.predicate
def is_accepted(user, introduction) -> bool:
    return introduction is not None and introduction.status == IntroductionStatus.ACCEPTED


@rules.predicate
def is_party_to(user, introduction) -> bool:
    """Took part: accepted for a side, or the team's chosen contact person (selectors.party_ids)."""
    return is_party(user, introduction)


@rules.predicate
def is_accepter(user, introduction) -> bool:
    return (
        introduction is not None
        and user.is_authenticated
        and user.pk in (introduction.need_side_accepted_by_id, introduction.offer_side_accepted_by_id)
    )


@rules.predicate
def is_accepted_or_closed(user, introduction) -> bool:
    return introduction is not None and introduction.both_accepted and introduction.declined_at is None


@rules.predicate
def is_on_need_side(user, introduction) -> bool:
    return introduction is not None and "need" in sides_of(user, introduction)


rules.add_perm("marketplace.publish", is_resident_here)
rules.add_perm("marketplace.publish_for_organisation", is_organisation_member)
rules.add_perm("marketplace.change_listing", is_own_or_organisation_listing & is_listing_owner)
rules.add_perm("marketplace.propose_introduction", pair_is_open & (is_on_a_side_of_pair | is_coach_of_pair))
rules.add_perm("marketplace.view_introduction", is_participant | is_coach_of_introduction)
rules.add_perm("marketplace.respond_introduction", is_awaiting_my_answer)
# Names, shared contact details and the proposer's words: only the parties, only after both accepted.
# (Messages between the sides live in the conversations app, under the same rule.)
rules.add_perm("marketplace.view_contacts", is_accepted_or_closed & is_party_to)
# Who accepted for a side chooses what to share, and may change or withdraw it while it runs.
rules.add_perm("marketplace.share_contact", is_accepter & (is_awaiting_other_side | is_accepted))
rules.add_perm("marketplace.record_outcome", is_accepted & (is_participant | is_coach_of_introduction))
rules.add_perm("marketplace.mark_need_met", is_accepted & is_on_need_side)
rules.add_perm("marketplace.view_insights", is_coach | is_municipality_admin)
# The weekly mail is about one's own listings, so anyone logged in may choose it.
rules.add_perm("marketplace.subscribe_digest", rules.is_authenticated)
