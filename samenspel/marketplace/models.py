"""Needs (vraag) and offers (aanbod) of initiatives, residents and partner organisations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # The codes are shared with samenspel.marketplace.matching.
    MONEY = "money", _("geld")
    SPACE = "space", _("ruimte")
    PERMIT = "permit", _("vergunning of regel")
    KNOWLEDGE = "knowledge", _("kennis")
    VOLUNTEERS = "volunteers", _("vrijwilligers")
    MATERIALS = "materials", _("materialen")
    NETWORK = "network", _("netwerk")


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
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
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
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def owner(self):
        return self.initiative or self.organisation or self.person

    def clean(self) -> None:
        owners = [o for o in (self.initiative_id, self.organisation_id, self.person_id) if o]
        if len(owners) != 1:
            raise ValidationError(_("Een vraag of aanbod hoort bij precies één initiatief, organisatie of persoon."))
        if self.kind == Kind.MONEY and self.amount_eur is None and type(self).__name__ == "Need":
            raise ValidationError({"amount_eur": _("Vermeld bij een vraag om geld het bedrag in euro.")})


class Need(Listing):
    class Meta(Listing.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")


class Offer(Listing):
    class Meta(Listing.Meta):
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
