"""Experiments with an evaluation: a question, a hypothesis, indicators, a comparison and a verdict.

An experiment departs from a rule or a practice. Where the rule was met as a rule obstacle
on the coaching desk, the experiment links that obstacle (and through it the experiment
space the municipality granted). At the evaluation date the municipality records the
outcome, what was learned and what happens next; "change the rule" changes the rule for good
in the rule register (`coaching.services.rule_change_for_good`).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comparison(models.TextChoices):
    BEFORE_AFTER = "before_after", _("voor en na (dezelfde plek, voor de start en nu)")
    OTHER_NEIGHBOURHOOD = "other_neighbourhood", _("een vergelijkbare andere buurt zonder experiment")
    DO_NOTHING = "do_nothing", _("het nulalternatief (wat er zonder experiment zou gebeuren)")


class Result(models.TextChoices):
    WORKED = "worked", _("werkte")
    PARTLY = "partly", _("werkte deels")
    DID_NOT = "did_not", _("werkte niet")


class Verdict(models.TextChoices):
    STOP = "stop", _("stoppen")
    ADJUST_CONTINUE = "adjust_continue", _("bijstellen en doorgaan")
    SCALE_UP = "scale_up", _("opschalen")
    CHANGE_RULE = "change_rule", _("de regel blijvend aanpassen")


class ExperimentQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def running(self):
        return self.filter(evaluated_at__isnull=True)

    def evaluated(self):
        return self.filter(evaluated_at__isnull=False)

    def overdue(self, today=None):
        return self.running().filter(evaluation_date__lt=today or timezone.localdate())

    def due_within(self, days: int, today=None):
        today = today or timezone.localdate()
        return self.running().filter(
            evaluation_date__gte=today, evaluation_date__lte=today + datetime.timedelta(days=days)
        )


class Experiment(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="experiments"
    )
    title = models.CharField(_("naam van het experiment"), max_length=160)
    question = models.TextField(_("onderzoeksvraag"), max_length=1000)
    hypothesis = models.TextField(
        _("hypothese"), max_length=1000, help_text=_("Wat verwacht u dat er gebeurt, en waardoor?")
    )
    departs_from = models.TextField(
        _("waar het experiment van afwijkt"),
        max_length=1000,
        help_text=_("De regel of de gewone werkwijze die tijdens het experiment niet geldt."),
    )
    obstacle = models.ForeignKey(
        "coaching.RuleObstacle",
        verbose_name=_("regelknelpunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiments",
    )
    comparison = models.CharField(_("vergelijking"), max_length=24, choices=Comparison.choices)
    comparison_description = models.TextField(
        _("toelichting op de vergelijking"),
        max_length=1000,
        blank=True,
        help_text=_("Bijvoorbeeld welke buurt, of welke meting vóór de start."),
    )
    start_date = models.DateField(_("begindatum"))
    evaluation_date = models.DateField(_("evaluatiedatum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    # Remembered so the daily cron job reminds once, however often it runs.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    # The evaluation: empty until the municipality evaluates (experiment_evaluate).
    result = models.CharField(_("uitkomst"), max_length=12, choices=Result.choices, blank=True)
    learned = models.TextField(_("wat we leerden"), max_length=4000, blank=True)
    verdict = models.CharField(_("besluit"), max_length=16, choices=Verdict.choices, blank=True)
    verdict_reasoning = models.TextField(_("onderbouwing van het besluit"), max_length=4000, blank=True)
    evaluated_at = models.DateTimeField(_("geëvalueerd op"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ExperimentQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation_date", "pk"]
        indexes = [models.Index(fields=["municipality", "evaluation_date"])]
        verbose_name = _("experiment")
        verbose_name_plural = _("experimenten")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.evaluation_date and self.evaluation_date <= self.start_date:
            errors["evaluation_date"] = _("De evaluatiedatum moet na de begindatum liggen.")
        if self.obstacle_id and self.municipality_id and self.obstacle.rule.municipality_id != self.municipality_id:
            errors["obstacle"] = _("Dit regelknelpunt hoort bij een andere gemeente.")
        if self.evaluated_at is not None:
            if not self.result:
                errors["result"] = _("Kies de uitkomst: werkte, werkte deels of werkte niet.")
            if not self.verdict:
                errors["verdict"] = _("Kies wat er nu gebeurt.")
            if not self.learned.strip():
                errors["learned"] = _("Beschrijf wat de gemeente en de buurt van dit experiment leerden.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_evaluated(self) -> bool:
        return self.evaluated_at is not None

    @property
    def state(self) -> str:
        """running, overdue (evaluation date passed) or evaluated: the permission matrix's states."""
        if self.is_evaluated:
            return "evaluated"
        return "overdue" if self.evaluation_date < timezone.localdate() else "running"

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def space(self):
        """The experiment space granted on the linked obstacle, if any."""
        obstacle = self.obstacle
        if obstacle is None:
            return None
        try:
            return obstacle.experiment
        except ObjectDoesNotExist:
            return None


class Indicator(models.Model):
    """What is measured: a baseline, the target and, at evaluation, the measured value."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True, help_text=_("Bijvoorbeeld: aanvragen, %, dagen."))
    baseline = models.DecimalField(_("nulmeting"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("doel"), max_digits=12, decimal_places=2)
    measured = models.DecimalField(_("gemeten"), max_digits=12, decimal_places=2, null=True, blank=True)
    comparison_value = models.DecimalField(
        _("in de vergelijking"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("De waarde in de vergelijkingsgroep (andere buurt, nulalternatief), als die er is."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name

    @property
    def target_met(self) -> bool | None:
        """Whether the measured value reached the target, in the direction from baseline to target."""
        if self.measured is None:
            return None
        if self.target >= self.baseline:
            return self.measured >= self.target
        return self.measured <= self.target
