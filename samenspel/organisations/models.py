from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A partner organisation: a housing corporation, welfare organisation, business..."""

    class Kind(models.TextChoices):
        HOUSING = "housing", _("woningcorporatie")
        WELFARE = "welfare", _("welzijnsorganisatie")
        CARE = "care", _("zorgaanbieder")
        EDUCATION = "education", _("onderwijs")
        BUSINESS = "business", _("bedrijf")
        FUND = "fund", _("fonds")
        ASSOCIATION = "association", _("vereniging")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))],
    )
    website = models.URLField(_("website"), blank=True)
    neighbourhoods = models.ManyToManyField(
        "municipalities.Neighbourhood", verbose_name=_("werkgebied"), blank=True, related_name="organisations"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationMembership", related_name="organisations"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="organisation_slug_per_municipality")
        ]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organisations:detail", kwargs={"municipality": self.municipality.slug, "slug": self.slug})


class OrganisationMembership(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("afgewezen")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    is_admin = models.BooleanField(_("beheerder"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    # When this person last proved with eHerkenning to act for the organisation (its KvK number).
    eherkenning_verified_at = models.DateTimeField(_("bevestigd met eHerkenning"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_organisation")]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
