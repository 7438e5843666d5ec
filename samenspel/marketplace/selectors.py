"""Reads of the marketplace: listings with filters, the people on each side, contacts."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from samenspel.municipalities.models import Neighbourhood, Theme
from samenspel.organisations.models import Organisation, OrganisationMembership

from .models import (
    LISTING_MODELS,
    Category,
    Introduction,
    IntroductionStatus,
    ListingStatus,
    ListingType,
    Match,
    MatchDigestSubscription,
    Need,
    Offer,
)

# The page's `type` filter speaks the interface's words; the code speaks ListingType.
TYPE_PARAMS = {"vraag": ListingType.NEED, "aanbod": ListingType.OFFER}


# --- Who is on a side -------------------------------------------------------------------


def side_user_ids(listing) -> set[int]:
    """Ids of the people who speak for a listing: its person, organisation or initiative team.

    Memoised on the instance because a page asks this for several buttons.
    """
    cached = listing.__dict__.get("_side_user_ids")
    if cached is not None:
        return cached
    if listing.person_id:
        ids = {listing.person_id}
    elif listing.organisation_id:
        ids = set(
            OrganisationMembership.objects.filter(
                organisation_id=listing.organisation_id, status=OrganisationMembership.Status.APPROVED
            ).values_list("user_id", flat=True)
        )
    else:
        # Through the relation, not the initiatives app: the marketplace does not import it.
        initiative = listing.initiative
        ids = set(initiative.team.exclude(user=None).exclude(accepted_at=None).values_list("user_id", flat=True))
        ids.add(initiative.initiator_id)
    listing.__dict__["_side_user_ids"] = ids
    return ids


def is_on_side(user, listing) -> bool:
    return bool(user and user.is_authenticated and listing is not None and user.pk in side_user_ids(listing))


def sides_of(user, introduction: Introduction) -> set[str]:
    """ "need", "offer" or both: the sides this user speaks for."""
    sides = set()
    if is_on_side(user, introduction.need):
        sides.add("need")
    if is_on_side(user, introduction.offer):
        sides.add("offer")
    return sides


def owner_label(listing) -> str:
    """Public name of the owner; a resident stays anonymous until both sides accept."""
    if listing.initiative_id:
        return listing.initiative.title
    if listing.organisation_id:
        return listing.organisation.name
    if listing.neighbourhood_id:
        return _("Een inwoner uit %(area)s") % {"area": listing.neighbourhood.name}
    return _("Een inwoner")


# --- Who sees whom: only the people who took part, only after both sides accept ------------
#
# Before both sides accept, nobody sees a person: the pages name an initiative, an
# organisation or "een inwoner uit <wijk>", and no free text passes between the sides.
# After both accepted, the *parties* are the person who accepted for each side and, on an
# initiative's side, the team's chosen contact person (TeamMember role "contact", who
# accepted that role when joining the team). Parties see each other's display name and the
# contact details each accepter chose to share; other team or organisation members see the
# status only, never the other side's people, and a coach arranges but is not a party.

# The initiatives app's TeamMember.Role.CONTACT; a literal because the marketplace does not
# import the initiatives app.
CONTACT_ROLE = "contact"


@dataclass(frozen=True)
class Contact:
    name: str
    contact: str = ""  # what the accepter chose to share; "" when they share nothing
    website: str = ""  # an organisation's public website


def _contact_person_ids(listing) -> set[int]:
    if not listing.initiative_id:
        return set()
    team = listing.initiative.team.filter(role=CONTACT_ROLE).exclude(user=None).exclude(accepted_at=None)
    return set(team.values_list("user_id", flat=True))


def party_ids(introduction: Introduction) -> dict[str, set[int]]:
    """{"need": ids, "offer": ids}: the people who took part for each side (empty until both accepted)."""
    if not introduction.both_accepted:
        return {"need": set(), "offer": set()}
    cached = introduction.__dict__.get("_party_ids")
    if cached is not None:
        return cached
    parties = {}
    for side in ("need", "offer"):
        listing = getattr(introduction, side)
        ids = _contact_person_ids(listing) & side_user_ids(listing)
        accepter = getattr(introduction, f"{side}_side_accepted_by_id")
        if accepter is not None:
            ids.add(accepter)
        parties[side] = ids
    introduction.__dict__["_party_ids"] = parties
    return parties


def is_party(user, introduction: Introduction) -> bool:
    if not (user and user.is_authenticated) or introduction is None:
        return False
    return any(user.pk in ids for ids in party_ids(introduction).values())


def _side_contact(introduction: Introduction, side: str) -> list[Contact]:
    listing = getattr(introduction, side)
    website = listing.organisation.website if listing.organisation_id else ""
    accepter = getattr(introduction, f"{side}_side_accepted_by")
    if accepter is None or not accepter.is_active:
        return [Contact(listing.organisation.name, "", website)] if website else []
    return [Contact(accepter.display_name, getattr(introduction, f"{side}_side_contact"), website)]


def shared_by(*, introduction: Introduction, user) -> str:
    """What this user shares as an accepter ("" when nothing, or when they accepted for no side)."""
    for side in ("need", "offer"):
        if user.is_authenticated and getattr(introduction, f"{side}_side_accepted_by_id") == user.pk:
            return getattr(introduction, f"{side}_side_contact")
    return ""


def introduction_contacts(*, introduction: Introduction, user) -> dict[str, list[Contact]] | None:
    """Both accepters' names and shared details, for the parties only; None for anyone else.

    Never a team or organisation member who took no part, never an account's e-mail address
    that its owner did not type in to share.
    """
    if introduction.status not in (IntroductionStatus.ACCEPTED, IntroductionStatus.CLOSED):
        return None
    if not is_party(user, introduction):
        return None
    return {side: _side_contact(introduction, side) for side in ("need", "offer")}


# --- Browsing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ListingFilters:
    category: str = ""
    neighbourhood: str = ""  # slug
    theme: str = ""  # slug
    listing_type: str = ""  # a ListingType, or "" for both
    organisation: str = ""  # slug

    @classmethod
    def from_params(cls, params) -> "ListingFilters":
        category = params.get("soort", "")
        return cls(
            category=category if category in Category.values else "",
            neighbourhood=params.get("wijk", "")[:60],
            theme=params.get("thema", "")[:60],
            listing_type=TYPE_PARAMS.get(params.get("type", ""), ""),
            organisation=params.get("organisatie", "")[:60],
        )


def _public(model, municipality):
    return (
        model.objects.for_municipality(municipality)
        .exclude(initiative__is_hidden=True)
        .select_related("initiative", "organisation", "neighbourhood")
        .prefetch_related("themes")
    )


def listing_list(model, *, municipality, filters: ListingFilters | None = None):
    """Open needs or offers, newest first, that anyone may see."""
    filters = filters or ListingFilters()
    listings = _public(model, municipality).open()
    if filters.category:
        listings = listings.filter(category=filters.category)
    if filters.neighbourhood:
        listings = listings.filter(
            Q(neighbourhood__slug=filters.neighbourhood) | Q(neighbourhood__parent__slug=filters.neighbourhood)
        )
    if filters.theme:
        listings = listings.filter(themes__slug=filters.theme)
    if filters.organisation:
        listings = listings.filter(organisation__slug=filters.organisation)
    return listings.order_by("-created", "-pk")


def listing_visible(model, *, municipality, pk: int):
    """One listing of this municipality, whatever its status; hidden initiatives' ones 404."""
    return _public(model, municipality).filter(pk=pk).first()


def initiative_listing(*, initiative, listing_type: str, pk: int):
    """One need or offer of this initiative (any status), for its team's pages; None if not its own."""
    return LISTING_MODELS[listing_type].objects.filter(initiative=initiative, pk=pk).first()


def filter_options(*, municipality) -> dict:
    return {
        "categories": Category.choices,
        "neighbourhoods": list(Neighbourhood.objects.filter(municipality=municipality).order_by("name")),
        "themes": list(Theme.objects.filter(municipality=municipality)),
    }


def matches_for(listing) -> list[Match]:
    """The stored ranking of a listing for its page, counterparts loaded for display."""
    if listing.listing_type == ListingType.NEED:
        return list(matches_ranked(need_id=listing.pk))
    return list(matches_ranked(offer_id=listing.pk))


def listings_of(user, *, municipality) -> dict[str, list]:
    """Needs and offers this user speaks for: own, organisations', initiatives'."""
    if not user.is_authenticated:
        return {"needs": [], "offers": []}
    org_ids = OrganisationMembership.objects.filter(
        user=user, status=OrganisationMembership.Status.APPROVED
    ).values_list("organisation_id", flat=True)
    initiative_q = Q(initiative__initiator=user) | Q(
        initiative__team__user=user, initiative__team__accepted_at__isnull=False
    )
    mine = Q(person=user) | Q(organisation_id__in=org_ids) | initiative_q
    result = {}
    for key, model in (("needs", Need), ("offers", Offer)):
        result[key] = list(
            model.objects.for_municipality(municipality)
            .filter(mine)
            .distinct()
            .select_related("initiative", "organisation", "neighbourhood")
            .order_by("-created")
        )
    return result


def organisations_of(user, *, municipality) -> list[Organisation]:
    """The organisations of this municipality a person may publish for (approved member)."""
    return list(
        Organisation.objects.filter(
            municipality=municipality,
            memberships__user=user,
            memberships__status=OrganisationMembership.Status.APPROVED,
        ).order_by("name")
    )


def digest_subscribed(user, *, municipality) -> bool:
    return MatchDigestSubscription.objects.filter(user=user, municipality=municipality, is_active=True).exists()


# Who is on each side of an introduction: what every page about one needs to name them.
INTRODUCTION_SIDES = (
    "need__initiative",
    "need__organisation",
    "need__neighbourhood",
    "offer__initiative",
    "offer__organisation",
    "offer__neighbourhood",
)


def introduction_in(*, municipality, pk: int) -> Introduction | None:
    """One introduction of this municipality with both listings' owners loaded, or None."""
    return (
        Introduction.objects.filter(municipality=municipality, pk=pk)
        .select_related(*INTRODUCTION_SIDES, "municipality", "need_side_accepted_by", "offer_side_accepted_by")
        .first()
    )


def introductions_for(user, *, municipality, everyone: bool = False):
    """Introductions this user is part of (or all of them, for staff who arrange)."""
    intros = Introduction.objects.filter(municipality=municipality).select_related(*INTRODUCTION_SIDES, "proposed_by")
    if everyone:
        return intros
    mine = listings_of(user, municipality=municipality)
    return intros.filter(
        Q(need__in=[n.pk for n in mine["needs"]]) | Q(offer__in=[o.pk for o in mine["offers"]]) | Q(proposed_by=user)
    )


# --- The public API --------------------------------------------------------------------------

_OWNERS = ("initiative", "organisation", "neighbourhood")


def listings_public(model, *, municipality=None, initiative: int | None = None, category="", status=""):
    """Needs or offers of live municipalities for the API, any status unless asked.

    Listings of hidden initiatives are hidden with them; a person's own stay anonymous.
    """
    listings = (
        model.objects.filter(municipality__is_active=True)
        .filter(Q(initiative=None) | Q(initiative__is_hidden=False))
        .select_related("municipality", "organisation", "neighbourhood")
        .order_by("-created", "-pk")
    )
    if municipality is not None:
        listings = listings.filter(municipality=municipality)
    if initiative is not None:
        listings = listings.filter(initiative_id=initiative)
    if category:
        listings = listings.filter(category=category)
    if status:
        listings = listings.filter(status=status)
    return listings


def matches_ranked(*, need_id: int | None = None, offer_id: int | None = None):
    """The stored ranking of one need (its offers) or one offer (its needs), hidden initiatives left out."""
    matches = (
        Match.objects.select_related(*(f"{side}__{owner}" for side in ("need", "offer") for owner in _OWNERS))
        .exclude(need__initiative__is_hidden=True)
        .exclude(offer__initiative__is_hidden=True)
    )
    if need_id is not None:
        return matches.filter(need_id=need_id, rank_for_need__isnull=False).order_by("rank_for_need")
    return matches.filter(offer_id=offer_id, rank_for_offer__isnull=False).order_by("rank_for_offer")


def organisations_with_open_listings(*, municipality=None):
    """Partner organisations of live municipalities with how many open offers and needs they have."""
    organisations = (
        Organisation.objects.filter(municipality__is_active=True)
        .select_related("municipality")
        .prefetch_related("neighbourhoods")
        .annotate(
            open_offers=Count("offers", filter=Q(offers__status=ListingStatus.OPEN), distinct=True),
            open_needs=Count("needs", filter=Q(needs__status=ListingStatus.OPEN), distinct=True),
        )
        .order_by("municipality__slug", "name")
    )
    if municipality is not None:
        organisations = organisations.filter(municipality=municipality)
    return organisations
