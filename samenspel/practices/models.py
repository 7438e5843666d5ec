"""The what-works library (wat werkt): practices shared by every municipality on the platform.

A practice follows how Dutch practice records interventions (Movisie's databank: goal,
target group, approach, active elements, preconditions, implementing organisations,
research) plus what Samenspel knows: the rule obstacles met and how they were solved, costs
and funding form, results against indicators, an evidence level, transferability and a
contact role (a role, never a person's address). Published practices are readable from
every municipality by design; an adoption records that another municipality (or another
neighbourhood) took a practice up, and the initiative it started there.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """Themes shared across municipalities (each municipality's own themes differ in name)."""

    GREEN = "green", _("groen en natuur")
    ENERGY = "energy", _("energie en klimaat")
    CARE = "care", _("zorg en welzijn")
    YOUTH = "youth", _("jeugd en onderwijs")
    CULTURE = "culture", _("cultuur en ontmoeting")
    ECONOMY = "economy", _("werk en lokale economie")
    MOBILITY = "mobility", _("mobiliteit en wonen")
    SAFETY = "safety", _("veiligheid en leefbaarheid")


class TargetGroup(models.TextChoices):
    ALL = "all", _("alle bewoners")
    YOUTH = "youth", _("jongeren")
    ELDERLY = "elderly", _("ouderen")
    FAMILIES = "families", _("gezinnen met kinderen")
    NEWCOMERS = "newcomers", _("nieuwkomers")
    LOW_INCOME = "low_income", _("mensen met een laag inkomen")
    ENTREPRENEURS = "entrepreneurs", _("ondernemers")


class EvidenceLevel(models.TextChoices):
    """After the steps of the Erkenningscommissie Interventies (Movisie, NJi, RIVM)."""

    DESCRIBED = "described", _("goed beschreven")
    THEORY = "theory", _("theoretisch onderbouwd")
    INDICATIONS = "indications", _("eerste aanwijzingen voor effectiviteit")
    PROVEN = "proven", _("bewezen effectief")


EVIDENCE_ORDER = [level.value for level in EvidenceLevel]


class FundingForm(models.TextChoices):
    SUBSIDY = "subsidy", _("subsidie")
    RESULT_FUNDING = "result_funding", _("resultaatfinanciering")
    BUDGET_PLAN = "budget_plan", _("burgerbegroting")
    PARTNER = "partner", _("bijdrage van partners")
    OWN_MEANS = "own_means", _("eigen middelen van bewoners")


class MunicipalitySize(models.TextChoices):
    SMALL = "small", _("kleine gemeente (tot 25.000 inwoners)")
    MEDIUM = "medium", _("middelgrote gemeente (25.000 tot 100.000 inwoners)")
    LARGE = "large", _("grote gemeente (meer dan 100.000 inwoners)")


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)


class Practice(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("gepubliceerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(_("naam van de aanpak"), max_length=160)
    summary = models.CharField(_("in één zin"), max_length=300)
    theme = models.CharField(_("thema"), max_length=12, choices=Theme.choices)
    target_group = models.CharField(_("doelgroep"), max_length=16, choices=TargetGroup.choices)
    goal = models.TextField(_("doel"), max_length=2000)
    approach = models.TextField(_("aanpak"), max_length=4000)
    active_elements = models.TextField(
        _("werkzame elementen"), max_length=2000, help_text=_("Wat maakt dat het werkt?")
    )
    preconditions = models.TextField(_("randvoorwaarden"), max_length=2000)
    implementing_organisations = models.TextField(_("uitvoerende organisaties"), max_length=1000, blank=True)
    research = models.TextField(_("onderzoek en metingen"), max_length=2000, blank=True)
    obstacles_solved = models.TextField(_("regelknelpunten en hoe ze zijn opgelost"), max_length=2000, blank=True)
    costs = models.TextField(_("kosten"), max_length=1000)
    funding_form = models.CharField(_("financieringsvorm"), max_length=16, choices=FundingForm.choices)
    results = models.TextField(_("resultaten"), max_length=2000, help_text=_("Resultaten tegen de indicatoren."))
    evidence_level = models.CharField(_("bewijskracht"), max_length=12, choices=EvidenceLevel.choices)
    transferability = models.TextField(_("overdraagbaarheid"), max_length=2000)
    contact_role = models.CharField(
        _("contact (een functie, geen persoon)"),
        max_length=200,
        help_text=_(
            "Bijvoorbeeld: coördinator wijkinitiatieven, gemeente Lindeveen. Geen e-mailadres of telefoonnummer."
        ),
    )
    municipality_size = models.CharField(_("omvang van de gemeente"), max_length=8, choices=MunicipalitySize.choices)
    source_experiment = models.ForeignKey(
        "experiments.Experiment", null=True, blank=True, on_delete=models.SET_NULL, related_name="practices"
    )
    source_initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.SET_NULL, related_name="practices"
    )
    # A finished funding agreement (final report in, or settled): its agreed results and amount.
    source_agreement = models.ForeignKey(
        "funding.FundingAgreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="practices"
    )
    status = models.CharField(_("stand"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)
    # Dutch lexemes of every text field (initiatives.search.lexemes), padded with spaces so a
    # search matches whole lexemes alike on SQLite and PostgreSQL.
    search_document = models.TextField(blank=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")

    def __str__(self) -> str:
        return self.title

    TEXT_FIELDS = (
        "title",
        "summary",
        "goal",
        "approach",
        "active_elements",
        "preconditions",
        "implementing_organisations",
        "research",
        "obstacles_solved",
        "results",
        "transferability",
    )


class Adoption(models.Model):
    """A municipality took a practice up ("deze aanpak gebruiken"), with the initiative or the
    experiment it started there."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="adoptions")
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    experiment = models.ForeignKey(
        "experiments.Experiment", null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    note = models.TextField(_("hoe de aanpak hier wordt toegepast"), max_length=2000)
    results = models.TextField(_("resultaten hier"), max_length=2000, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-adopted_at", "-pk"]
        verbose_name = _("overname")
        verbose_name_plural = _("overnames")

    def __str__(self) -> str:
        return f"{self.practice} — {self.municipality}"
