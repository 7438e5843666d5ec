"""Municipalities are the tenants of Samenspel; everything else belongs to one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import geo

# A municipality's slug is the first path segment, so it may not shadow a global route.
RESERVED_SLUGS = {
    "admin",
    "api",
    "account",
    "accounts",
    "static",
    "media",
    "healthz",
    "readyz",
    "i18n",
    "over",
    "privacy",
    "toegankelijkheid",
    "favicon.ico",
    "robots.txt",
}


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Deze korte naam is gereserveerd; kies een andere."))


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode is GM gevolgd door 4 cijfers."))],
    )
    slug = models.SlugField(_("korte naam"), unique=True, validators=[validate_slug_not_reserved])
    tagline = models.CharField(_("ondertitel"), max_length=200, blank=True)
    first_response_days = models.PositiveSmallIntegerField(
        _("beloofde eerste reactie (werkdagen)"), default=5, validators=[MinValueValidator(1)]
    )
    contact_email = models.EmailField(_("contactadres"), blank=True)
    center_lat = models.FloatField(_("middelpunt breedtegraad"), default=52.09)
    center_lon = models.FloatField(_("middelpunt lengtegraad"), default=5.12)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("municipality_home", kwargs={"municipality": self.slug})


class NeighbourhoodQuerySet(models.QuerySet):
    def containing(self, lat: float, lon: float) -> "Neighbourhood | None":
        """The most specific area (buurt before wijk) whose boundary holds the point."""
        found = [n for n in self if n.boundary and geo.contains(n.boundary, lat, lon)]
        found.sort(key=lambda n: n.kind != Neighbourhood.Kind.BUURT)
        return found[0] if found else None


class Neighbourhood(models.Model):
    class Kind(models.TextChoices):
        WIJK = "wijk", _("wijk")
        BUURT = "buurt", _("buurt")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="neighbourhoods")
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam"))
    kind = models.CharField(_("soort"), max_length=5, choices=Kind.choices, default=Kind.WIJK)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^(WK\d{6}|BU\d{8})$", _("Een CBS-code is WK met 6 cijfers (wijk) of BU met 8 cijfers (buurt).")
            )
        ],
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    boundary = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    # Source: CBS "Kerncijfers wijken en buurten" (field AantalInwoners_5), per 1 January of the
    # year the figure is for; the signals dashboard sets participation against it.
    population = models.PositiveIntegerField(
        _("aantal inwoners"),
        null=True,
        blank=True,
        help_text=_("Volgens het CBS (Kerncijfers wijken en buurten), per 1 januari."),
    )

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="neighbourhood_slug_per_municipality")
        ]
        verbose_name = _("wijk of buurt")
        verbose_name_plural = _("wijken en buurten")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.boundary is not None:
            problems = geo.validate_polygon(self.boundary)
            if problems:
                raise ValidationError({"boundary": problems})
        code_digits = self.municipality.cbs_code[2:] if self.municipality_id else None
        if code_digits and self.cbs_code and self.cbs_code[2:6] != code_digits:
            raise ValidationError({"cbs_code": _("De CBS-code hoort niet bij deze gemeente.")})

    @property
    def centre(self) -> tuple[float, float] | None:
        return geo.centroid(self.boundary) if self.boundary else None


class Role(models.TextChoices):
    RESIDENT = "resident", _("inwoner")
    COACH = "coach", _("coachende ambtenaar")
    MODERATOR = "moderator", _("moderator")
    ADMIN = "admin", _("gemeentebeheerder")


class MembershipQuerySet(models.QuerySet):
    def staff(self):
        return self.exclude(role=Role.RESIDENT)


class Membership(models.Model):
    """A person's role in one municipality; one person may hold several roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "municipality", "role"], name="one_role_once")]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.municipality})"


class Theme(models.Model):
    """A theme the municipality manages (energie, groen, zorg en welzijn, ...)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("naam"), max_length=60)
    slug = models.SlugField(_("korte naam"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"], name="theme_slug_per_municipality")]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name
