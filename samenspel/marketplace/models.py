"""Needs (vraag) and offers (aanbod) of initiatives, residents and partner organisations."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .explanations import explain


class Category(models.TextChoices):
    # The codes are shared with samenspel.marketplace.matching.
    MONEY = "money", _("geld")
    SPACE = "space", _("ruimte")
    PERMIT = "permit", _("vergunning of regel")
    KNOWLEDGE = "knowledge", _("kennis")
    VOLUNTEERS = "volunteers", _("vrijwilligers")
    MATERIALS = "materials", _("materialen")
    NETWORK = "network", _("netwerk")


class ListingType(models.TextChoices):
    """Which side of the marketplace a listing is on; the code names its model."""

    NEED = "need", _("vraag")
    OFFER = "offer", _("aanbod")


class ListingStatus(models.TextChoices):
    OPEN = "open", _("open")
    MET = "met", _("vervuld")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class ListingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ListingStatus.OPEN)

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class Listing(models.Model):
    """What needs and offers share. Exactly one owner: an initiative, an organisation or a person."""

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("soort"), max_length=12, choices=Category.choices)
    title = models.CharField(_("titel"), max_length=120)
    description = models.TextField(_("omschrijving"), max_length=2000)
    amount_eur = models.DecimalField(
        _("bedrag in euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    availability = models.CharField(_("beschikbaarheid"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.OPEN)
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lat = models.FloatField(null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)])
    themes = models.ManyToManyField("municipalities.Theme", blank=True, related_name="+")
    # blank: a listing stays valid after its author deletes their account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()
    listing_type: str  # ListingType, set on each concrete model

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.title}"

    def clean(self) -> None:
        owners = [o for o in (self.initiative_id, self.organisation_id, self.person_id) if o]
        if len(owners) != 1:
            raise ValidationError(_("Een vraag of aanbod hoort bij precies één initiatief, organisatie of persoon."))
        if self.category == Category.MONEY and self.amount_eur is None and self.listing_type == ListingType.NEED:
            raise ValidationError({"amount_eur": _("Vermeld bij een vraag om geld het bedrag in euro.")})


class Need(Listing):
    listing_type = ListingType.NEED

    class Meta(Listing.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")


class Offer(Listing):
    listing_type = ListingType.OFFER

    class Meta(Listing.Meta):
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")


LISTING_MODELS: dict[str, type[Listing]] = {ListingType.NEED: Need, ListingType.OFFER: Offer}


def owner_key(listing) -> str:
    """A stable key per owner, so the matcher never pairs an owner with itself."""
    if listing.initiative_id:
        return f"i{listing.initiative_id}"
    if listing.organisation_id:
        return f"o{listing.organisation_id}"
    return f"p{listing.person_id}"


class MatchQuerySet(models.QuerySet):
    def ranked_for_need(self, need):
        return self.filter(need=need, rank_for_need__isnull=False).order_by("rank_for_need")

    def ranked_for_offer(self, offer):
        return self.filter(offer=offer, rank_for_offer__isnull=False).order_by("rank_for_offer")


class Match(models.Model):
    """A stored need-offer pair from the matching engine.

    A row exists while the pair is in the need's top list, the offer's top list,
    or both; each rank is None when the pair is not in that side's list.
    `created` survives recomputes, so "new matches since" digests stay honest.
    """

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(_("score"))
    parts = models.JSONField(_("onderdelen"), default=dict)
    # What the explanation says, as facts: distance_m, same_area, shared_themes, shared_words.
    facts = models.JSONField(_("feiten"), default=dict)
    rank_for_need = models.PositiveSmallIntegerField(null=True, blank=True)
    rank_for_offer = models.PositiveSmallIntegerField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="one_match_per_pair")]
        indexes = [models.Index(fields=["municipality", "created"])]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.need_id} ↔ {self.offer_id} ({self.score:.2f})"

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)

    @property
    def explanation(self) -> str:
        """Why this pair matches, in the reader's language (made now from the stored facts)."""
        return explain(
            facts=self.facts,
            fit=self.parts.get("kind", 0.0),
            need_word=str(self.need.get_category_display()),
            offer_word=str(self.offer.get_category_display()),
        )


class MatchState(models.Model):
    """Which fitted matcher the stored matches came from, per municipality.

    `token` changes on every full recompute and `version` on every update; a
    process only updates incrementally when its cached matcher has both, so a
    stale cache (another worker changed things) falls back to a full recompute.
    """

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    token = models.UUIDField(default=uuid.uuid4)
    version = models.PositiveIntegerField(default=0)
    fitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.token} v{self.version}"


class IntroductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    ACCEPTED = "accepted", _("geaccepteerd")
    DECLINED = "declined", _("afgewezen")
    CLOSED = "closed", _("afgerond")


class Outcome(models.TextChoices):
    AGREED = "agreed", _("afspraak gemaakt")
    NOT_AGREED = "not_agreed", _("geen afspraak")


class IntroductionQuerySet(models.QuerySet):
    """Filters by the derived status (see `Introduction.status`)."""

    def active(self):
        """Proposed or accepted: not declined and no outcome yet."""
        return self.filter(declined_at=None, outcome="")

    def accepted_by_both(self):
        """Accepted or closed: both sides said yes (an outcome needs that first)."""
        return self.filter(need_side_accepted_at__isnull=False, offer_side_accepted_at__isnull=False)


class Introduction(models.Model):
    """A bridge between a need and an offer (bruggen slaan) that both sides must accept."""

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="introductions")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="introductions")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("toelichting"), max_length=2000, blank=True)
    # No stored status: it follows from these timestamps and the outcome (`status` below).
    declined_at = models.DateTimeField(null=True, blank=True)
    need_side_accepted_at = models.DateTimeField(null=True, blank=True)
    need_side_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer_side_accepted_at = models.DateTimeField(null=True, blank=True)
    offer_side_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What each side's accepter chose to share (an address, a phone number, or nothing):
    # never their account's e-mail by default, and shown only to the other party (AVG consent).
    need_side_contact = models.CharField(_("contactgegevens van de vraag"), max_length=200, blank=True)
    offer_side_contact = models.CharField(_("contactgegevens van het aanbod"), max_length=200, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("toelichting op de uitkomst"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")

    def __str__(self) -> str:
        return f"{self.need.title} ↔ {self.offer.title}"

    @property
    def both_accepted(self) -> bool:
        return self.need_side_accepted_at is not None and self.offer_side_accepted_at is not None

    @property
    def status(self) -> str:
        """Derived, never stored: closed once it has an outcome, declined, accepted by both, or proposed."""
        if self.outcome:
            return IntroductionStatus.CLOSED
        if self.declined_at is not None:
            return IntroductionStatus.DECLINED
        if self.both_accepted:
            return IntroductionStatus.ACCEPTED
        return IntroductionStatus.PROPOSED

    def get_status_display(self) -> str:
        return IntroductionStatus(self.status).label


class MatchDigestSubscription(models.Model):
    """Opt-in for the weekly "nieuwe matches" e-mail about one's own needs and offers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    is_active = models.BooleanField(default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "municipality"], name="one_digest_subscription")]

    def __str__(self) -> str:
        return f"{self.user} ({self.municipality_id})"
