"""Writes of the marketplace: publishing needs and offers, introductions, digests."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.core.ratelimit import rate_limit
from samenspel.municipalities.models import Neighbourhood, Theme
from samenspel.notifications.services import notification_send
from samenspel.organisations.models import OrganisationMembership

from .models import (
    LISTING_MODELS,
    Category,
    Introduction,
    IntroductionStatus,
    ListingStatus,
    ListingType,
    MatchDigestSubscription,
    Need,
    Offer,
    Outcome,
)
from .selectors import side_user_ids, sides_of
from .tasks import match_update_enqueue

# Introductions reach other people's inboxes; a cap per day keeps one account from spamming.
INTRODUCTIONS_PER_DAY = 10


def listing_url(listing, municipality=None) -> str:
    slug = (municipality or listing.municipality).slug
    return reverse(f"marketplace:{listing.listing_type}", kwargs={"municipality": slug, "pk": listing.pk})


def introduction_url(introduction) -> str:
    return reverse(
        "marketplace:introduction", kwargs={"municipality": introduction.municipality.slug, "pk": introduction.pk}
    )


# --- Publishing -----------------------------------------------------------------------------
#
# The one write path of needs and offers, whoever owns them (a person, an organisation or an
# initiative) and wherever they are written (the marketplace, an initiative's page, the
# demo). Each service ends by queueing exactly one update of the stored matches.

DESCRIPTION_MAX = 2000


def _amount(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValidationError({"amount_eur": _("Vul een bedrag in euro in, bijvoorbeeld 250 of 99,50.")}) from exc


def _place(listing, neighbourhood) -> None:
    """The one location rule: a listing lies at the centre of its area, never at an address.

    A resident's need or offer would otherwise show where they live; the area's centre
    is close enough for the distance part of matching (see ARCHITECTURE.md).
    """
    if neighbourhood is not None and neighbourhood.municipality_id != listing.municipality_id:
        raise ValidationError({"neighbourhood": _("Deze wijk hoort niet bij deze gemeente.")})
    listing.neighbourhood = neighbourhood
    centre = neighbourhood.centre if neighbourhood is not None else None
    listing.lat, listing.lon = centre if centre else (None, None)


def _apply(listing, *, category, title, description, availability, amount_eur, neighbourhood, themes):
    """Fill, check and save a listing; an initiative's listing takes the initiative's area and themes."""
    if listing.initiative_id:
        neighbourhood, themes = listing.initiative.neighbourhood, listing.initiative.themes.all()
    themes = list(themes or [])
    if any(t.municipality_id != listing.municipality_id for t in themes):
        raise ValidationError({"themes": _("Kies thema's van deze gemeente.")})
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        # TextField.max_length is only enforced by forms; every caller needs it.
        raise ValidationError({"description": _("Houd de omschrijving korter dan 2000 tekens.")})
    listing.category = category
    listing.title = (title or "").strip()
    listing.description = description
    listing.availability = (availability or "").strip()
    listing.amount_eur = _amount(amount_eur) if category == Category.MONEY else None  # only money has an amount
    _place(listing, neighbourhood)
    listing.full_clean()
    listing.save()
    listing.themes.set(themes)
    return listing


@transaction.atomic
def listing_publish(
    *,
    listing_type: str,
    municipality,
    user,
    category: str,
    title: str,
    description: str,
    availability: str = "",
    amount_eur=None,
    neighbourhood: Neighbourhood | None = None,
    themes: list[Theme] | None = None,
    organisation=None,
    initiative=None,
):
    """Publish a need or an offer (`ListingType`) as a person, for an organisation or for an initiative.

    Who may publish for an initiative is its page's permission (`initiatives.manage_listings`);
    membership of an organisation is checked here because the form lets one choose it.
    """
    model = LISTING_MODELS.get(listing_type)
    if model is None:
        raise ValidationError(_("Kies een vraag of een aanbod."))
    if organisation is not None and initiative is not None:
        raise ValidationError(_("Een vraag of aanbod hoort bij precies één initiatief, organisatie of persoon."))
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise ValidationError({"organisation": _("Deze organisatie hoort niet bij deze gemeente.")})
    if (
        organisation is not None
        and not OrganisationMembership.objects.filter(
            organisation=organisation, user=user, status=OrganisationMembership.Status.APPROVED
        ).exists()
    ):
        raise PermissionDenied
    if initiative is not None and initiative.municipality_id != municipality.pk:
        raise ValidationError({"initiative": _("Dit initiatief hoort niet bij deze gemeente.")})
    owner = {"organisation": organisation, "initiative": initiative}
    if organisation is None and initiative is None:
        owner["person"] = user
    listing = model(municipality=municipality, created_by=user, **owner)
    _apply(
        listing,
        category=category,
        title=title,
        description=description,
        availability=availability,
        amount_eur=amount_eur,
        neighbourhood=neighbourhood,
        themes=themes,
    )
    audit_record(
        municipality=municipality,
        actor=user,
        action=f"marketplace.{listing.listing_type}_published",
        target=listing,
        summary=_("%(type)s gepubliceerd: %(title)s")
        % {"type": ListingType(listing.listing_type).label, "title": listing.title},
    )
    match_update_enqueue(listing=listing)
    return listing


@transaction.atomic
def listing_edit(
    *,
    listing,
    user,
    category: str,
    title: str,
    description: str,
    availability: str = "",
    amount_eur=None,
    neighbourhood=None,
    themes=None,
):
    """Change what a listing says; an initiative's listing keeps following the initiative's area and themes."""
    _apply(
        listing,
        category=category,
        title=title,
        description=description,
        availability=availability,
        amount_eur=amount_eur,
        neighbourhood=neighbourhood,
        themes=themes,
    )
    match_update_enqueue(listing=listing)
    return listing


@transaction.atomic
def listing_status_set(*, listing, user, status: str, reason: str = ""):
    """Open, met or withdrawn; audited as `marketplace.<need|offer>_status` on every path."""
    if status not in ListingStatus.values:
        raise ValidationError({"status": _("Kies open, vervuld of ingetrokken.")})
    old = listing.status
    if old == status:
        return listing
    listing.status = status
    listing.full_clean()
    listing.save(update_fields=["status", "updated"])
    audit_record(
        municipality=listing.municipality,
        actor=user,
        action=f"marketplace.{listing.listing_type}_status",
        target=listing,
        reason=reason,
        summary=_("%(title)s: status van %(old)s naar %(new)s")
        % {"title": listing.title, "old": ListingStatus(old).label, "new": listing.get_status_display()},
    )
    match_update_enqueue(listing=listing)
    return listing


# --- Introductions ----------------------------------------------------------------------------


def _rate_limit(user) -> None:
    rate_limit(
        key=f"introductions:{user.pk}",
        limit=INTRODUCTIONS_PER_DAY,
        message=_("U heeft vandaag al %(n)s kennismakingen voorgesteld. Probeert u het morgen opnieuw.")
        % {"n": INTRODUCTIONS_PER_DAY},
        period=60 * 60 * 25,
        window=timezone.localdate().isoformat(),
    )


def _side_users(listing):
    return get_user_model().objects.filter(pk__in=side_user_ids(listing), is_active=True)


def _shared_contact(contact: str) -> str:
    contact = (contact or "").strip()
    if len(contact) > 200:
        raise ValidationError({"contact": _("Houd uw contactgegevens korter dan 200 tekens.")})
    return contact


def _accept_side(introduction: Introduction, side: str, *, user, now, contact: str) -> None:
    setattr(introduction, f"{side}_side_accepted_at", now)
    setattr(introduction, f"{side}_side_accepted_by", user)
    setattr(introduction, f"{side}_side_contact", contact)


@transaction.atomic
def introduction_propose(*, need: Need, offer: Offer, user, message: str = "", contact: str = "") -> Introduction:
    """Propose that a need and an offer get to know each other.

    The proposer's own side counts as accepted (with the `contact` details they chose to
    share); the other side decides. Nothing personal, and none of the proposer's free text,
    reaches the other side until both have accepted (see selectors.introduction_contacts).
    """
    if need.municipality_id != offer.municipality_id:
        raise ValidationError(_("Vraag en aanbod horen bij verschillende gemeenten."))
    if need.status != ListingStatus.OPEN or offer.status != ListingStatus.OPEN:
        raise ValidationError(_("Een kennismaking kan alleen bij een open vraag en een open aanbod."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError({"message": _("Houd de toelichting korter dan 2000 tekens.")})
    if Introduction.objects.active().filter(need=need, offer=offer).exists():
        raise ValidationError(_("Voor deze vraag en dit aanbod loopt al een kennismaking."))
    _rate_limit(user)
    now = timezone.now()
    introduction = Introduction(
        municipality=need.municipality, need=need, offer=offer, proposed_by=user, message=message
    )
    contact = _shared_contact(contact)
    for side, listing in (("need", need), ("offer", offer)):
        if user.pk in side_user_ids(listing):
            _accept_side(introduction, side, user=user, now=now, contact=contact)
    introduction.full_clean()
    introduction.save()
    audit_record(
        municipality=need.municipality,
        actor=user,
        action="marketplace.introduction_proposed",
        target=introduction,
        summary=_("Kennismaking voorgesteld tussen %(need)s en %(offer)s") % {"need": need.title, "offer": offer.title},
    )
    waiting = []
    if introduction.need_side_accepted_at is None:
        waiting += list(_side_users(need))
    if introduction.offer_side_accepted_at is None:
        waiting += list(_side_users(offer))
    # No body: the proposer's words may carry contact details, and the other side has not accepted.
    notification_send(
        users=waiting,
        title=_("Voorstel voor een kennismaking: %(need)s en %(offer)s") % {"need": need.title, "offer": offer.title},
        url=introduction_url(introduction),
        municipality=need.municipality,
        exclude=user,
    )
    return introduction


@transaction.atomic
def introduction_respond(*, introduction: Introduction, user, accept: bool, contact: str = "") -> Introduction:
    """Accept (sharing `contact`, which may be empty) or decline for the side(s) this user speaks for."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if introduction.status != IntroductionStatus.PROPOSED:
        raise ValidationError(_("Op deze kennismaking is al gereageerd."))
    sides = sides_of(user, introduction)
    if not sides:
        raise PermissionDenied
    now = timezone.now()
    if not accept:
        introduction.declined_at = now
    else:
        contact = _shared_contact(contact)
        for side in sorted(sides):
            if getattr(introduction, f"{side}_side_accepted_at") is None:
                _accept_side(introduction, side, user=user, now=now, contact=contact)
    introduction.full_clean()
    introduction.save()
    action = "accepted" if accept else "declined"
    audit_record(
        municipality=introduction.municipality,
        actor=user,
        action=f"marketplace.introduction_{action}",
        target=introduction,
        summary=(_("Kennismaking geaccepteerd: %(intro)s") if accept else _("Kennismaking afgewezen: %(intro)s"))
        % {"intro": introduction},
    )
    if introduction.status != IntroductionStatus.PROPOSED:
        # Said to everyone on both sides and the proposer; only the parties will find names behind it.
        title = (
            _("Kennismaking geaccepteerd: %(intro)s")
            if introduction.status == IntroductionStatus.ACCEPTED
            else _("Kennismaking afgewezen: %(intro)s")
        ) % {"intro": introduction}
        people = list(_side_users(introduction.need)) + list(_side_users(introduction.offer))
        if introduction.proposed_by is not None:
            people.append(introduction.proposed_by)
        notification_send(
            users=people,
            title=title,
            url=introduction_url(introduction),
            municipality=introduction.municipality,
            exclude=user,
        )
    return introduction


@transaction.atomic
def introduction_contact_set(*, introduction: Introduction, user, contact: str) -> Introduction:
    """Change (or withdraw, with "") what this accepter shares with the other party: consent can be taken back."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    sides = [side for side in ("need", "offer") if getattr(introduction, f"{side}_side_accepted_by_id") == user.pk]
    if not sides:
        raise PermissionDenied
    contact = _shared_contact(contact)
    for side in sides:
        setattr(introduction, f"{side}_side_contact", contact)
    introduction.full_clean()
    introduction.save(update_fields=[f"{side}_side_contact" for side in sides] + ["updated"])
    return introduction


@transaction.atomic
def introduction_outcome_record(*, introduction: Introduction, user, outcome: str, note: str = "") -> Introduction:
    """Close an accepted introduction with what came of it."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise ValidationError(_("Een uitkomst kan pas als beide kanten de kennismaking hebben geaccepteerd."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies of er een afspraak is gemaakt.")})
    introduction.outcome = outcome
    introduction.outcome_note = (note or "").strip()
    introduction.full_clean()
    introduction.save()
    audit_record(
        municipality=introduction.municipality,
        actor=user,
        action="marketplace.introduction_outcome",
        target=introduction,
        reason=introduction.outcome_note,
        summary=_("Uitkomst van kennismaking %(intro)s: %(outcome)s")
        % {"intro": introduction, "outcome": introduction.get_outcome_display()},
    )
    return introduction


@transaction.atomic
def introduction_mark_need_met(*, introduction: Introduction, user, note: str = "") -> Introduction:
    """The need was met through this introduction: close both with an agreement."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise ValidationError(_("Een vraag kan pas vervuld worden als beide kanten de kennismaking accepteerden."))
    if "need" not in sides_of(user, introduction):
        raise PermissionDenied
    listing_status_set(
        listing=introduction.need,
        user=user,
        status=ListingStatus.MET,
        reason=_("Vervuld via kennismaking met %(offer)s") % {"offer": introduction.offer.title},
    )
    return introduction_outcome_record(
        introduction=introduction,
        user=user,
        outcome=Outcome.AGREED,
        note=note or _("Vraag vervuld via deze kennismaking."),
    )


# --- Weekly digest of new matches -------------------------------------------------------------


@transaction.atomic
def digest_subscription_set(*, user, municipality, active: bool) -> MatchDigestSubscription:
    subscription, _created = MatchDigestSubscription.objects.update_or_create(
        user=user, municipality=municipality, defaults={"is_active": active}
    )
    return subscription
