"""The coaching desk: decisions, private notes, agreements, rule obstacles and experiment space."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.initiatives.models import Status


class DecisionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Decision(models.Model):
    """A published step of the municipality on an initiative, always with its reasoning."""

    class Kind(models.TextChoices):
        STATUS = "status", _("statuswijziging")
        ASSIGNMENT = "assignment", _("toewijzing coach")
        OBSTACLE = "obstacle", _("uitkomst regelknelpunt")
        OTHER = "other", _("overig besluit")

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    from_status = models.CharField(_("van status"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=16, choices=Status.choices, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    reasoning = models.TextField(_("onderbouwing"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    is_public = models.BooleanField(_("openbaar"), default=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["initiative", "-decided_at"])]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return self.title


class CoachNote(models.Model):
    """Private working notes of the municipality's staff; never public, never in API or exports."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="coach_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("notitie"), max_length=5000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("coachnotitie")
        verbose_name_plural = _("coachnotities")

    def __str__(self) -> str:
        return f"Notitie bij {self.initiative_id}"


class AgreementQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def open(self):
        return self.filter(status=Agreement.Status.OPEN)


class Agreement(models.Model):
    """An afspraak: who (the team or the municipality) does what by when."""

    class Party(models.TextChoices):
        TEAM = "team", _("het team van het initiatief")
        MUNICIPALITY = "municipality", _("de gemeente")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("gedaan")
        MISSED = "missed", _("niet gehaald")

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="agreements")
    party = models.CharField(_("wie"), max_length=12, choices=Party.choices)
    description = models.CharField(_("wat"), max_length=300)
    due_date = models.DateField(_("uiterlijk op"))
    status = models.CharField(_("stand"), max_length=8, choices=Status.choices, default=Status.OPEN)
    is_public = models.BooleanField(
        _("openbaar"), default=True, help_text=_("Openbare afspraken staan op de pagina van het initiatief.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    # Remembered so the daily cron job reminds once, however often it runs.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_date < today


class Rule(models.Model):
    """A rule of (or applied by) the municipality; identified by its reference."""

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="rules")
    title = models.CharField(_("naam van de regel"), max_length=200)
    reference = models.CharField(
        _("vindplaats"), max_length=200, help_text=_("Artikel en regeling, bijvoorbeeld: art. 2:10 APV Lindeveen.")
    )
    url = models.URLField(_("link naar de regel"), blank=True)
    # Set when the municipality changed the rule for good (rule_change_for_good), e.g. after an
    # experiment worked. The source is stored as its title and page address so that this app
    # never has to know the app that changed it.
    changed_at = models.DateTimeField(_("blijvend aangepast op"), null=True, blank=True)
    change_summary = models.TextField(_("wat er blijvend veranderde"), blank=True)
    change_reference = models.CharField(_("vindplaats van de wijziging"), max_length=300, blank=True)
    change_source_title = models.CharField(_("aangepast naar aanleiding van"), max_length=200, blank=True)
    change_source_url = models.CharField(_("pagina van de aanleiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["municipality", "reference"], name="rule_reference_once")]
        verbose_name = _("regel")
        verbose_name_plural = _("regels")

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"


class Outcome(models.TextChoices):
    PENDING = "open", _("nog geen besluit")
    EXPERIMENT = "experiment", _("experimenteerruimte gegeven")
    CHANGED = "changed", _("regel aangepast")
    REJECTED = "rejected", _("afgewezen")


class RuleObstacle(models.Model):
    """One rule blocking one initiative; it ends in exactly one outcome."""

    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="obstacles")
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="rule_obstacles")
    blocks = models.TextField(_("wat de regel blokkeert"), max_length=2000)
    proposal = models.TextField(_("voorstel"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_reasoning = models.TextField(_("onderbouwing van de uitkomst"), blank=True)
    change_reference = models.CharField(_("verwijzing naar de wijziging"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        # A rule blocking an initiative twice is still one obstacle: the register counts initiatives.
        constraints = [models.UniqueConstraint(fields=["rule", "initiative"], name="rule_blocks_initiative_once")]
        verbose_name = _("regelknelpunt")
        verbose_name_plural = _("regelknelpunten")

    def __str__(self) -> str:
        return f"{self.rule.title} — {self.initiative}"

    def clean(self) -> None:
        if self.rule_id and self.initiative_id and self.rule.municipality_id != self.initiative.municipality_id:
            raise ValidationError(_("Deze regel hoort bij een andere gemeente."))
        if self.outcome == Outcome.CHANGED and not self.change_reference.strip():
            raise ValidationError({"change_reference": _("Geef aan waar de wijziging van de regel te vinden is.")})
        if self.outcome != Outcome.PENDING and not self.outcome_reasoning.strip():
            raise ValidationError({"outcome_reasoning": _("Onderbouw de uitkomst.")})

    @property
    def is_decided(self) -> bool:
        return self.outcome != Outcome.PENDING


class ExperimentSpace(models.Model):
    """A bounded exemption from a rule: what, from when to when, and when it is evaluated."""

    obstacle = models.OneToOneField(RuleObstacle, on_delete=models.CASCADE, related_name="experiment")
    scope = models.TextField(_("reikwijdte"), max_length=2000, help_text=_("Waarvoor en waar de ruimte geldt."))
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    evaluation_date = models.DateField(_("evaluatiedatum"))
    conditions = models.TextField(_("voorwaarden"), max_length=2000)
    # Set by experiment_space_mark_evaluated: an evaluation date passed without this is overdue.
    evaluated_at = models.DateTimeField(_("geëvalueerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("experimenteerruimte")
        verbose_name_plural = _("experimenteerruimtes")

    def __str__(self) -> str:
        return f"Experimenteerruimte {self.start_date} – {self.end_date}"

    def is_evaluation_overdue(self, today=None) -> bool:
        return self.evaluated_at is None and self.evaluation_date < (today or timezone.localdate())

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("De einddatum moet na de begindatum liggen.")
        if self.end_date and self.evaluation_date and self.evaluation_date < self.end_date:
            errors["evaluation_date"] = _("De evaluatie is op of na de einddatum.")
        if errors:
            raise ValidationError(errors)
