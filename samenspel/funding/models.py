"""Funding agreements on results (resultaatfinanciering), after the Dutch subsidy cycle.

An agreement is granted (verlening) with an amount and agreed results, each with an
indicator, a target and the evidence that counts. The money is paid in tranches: an
advance (voorschot) and the rest tied to results. The team reports results with evidence,
the coach reviews them, the municipality releases a tranche, holds it with a reason or
adjusts it; at the end the settlement (vaststelling) fixes the final amount, and money paid
but not earned is paid back where the agreement says so.

Money is `Decimal` euros and cents throughout. Two counters on the agreement
(`tranches_total`, `released_total`) are kept by the services in the same transaction as
the tranche rows, so that check constraints in the database refuse a total over the
agreement even when two requests race; a tranche is released at most once by a
conditional unique constraint on its events.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import EvidenceStorage

CENT = Decimal("0.01")
MONEY = {"max_digits": 12, "decimal_places": 2}


class State(models.TextChoices):
    DRAFT = "draft", _("concept")
    GRANTED = "granted", _("verleend")
    FINAL_REPORT = "final_report", _("eindverslag ingediend")
    SETTLED = "settled", _("vastgesteld")


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Granted or later, from a source the public may see (a hidden initiative hides its money too)."""
        return self.exclude(state=State.DRAFT).exclude(initiative__is_hidden=True)

    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)


class FundingAgreement(models.Model):
    """One agreement on results with one source: an initiative, a funded budget plan or a granted buurtrecht."""

    class Source(models.TextChoices):
        INITIATIVE = "initiative", _("initiatief")
        PLAN = "plan", _("plan uit de burgerbegroting")
        RIGHT = "right_request", _("toegekend buurtrechtverzoek")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="funding_agreements"
    )
    # Exactly one source (a check constraint).
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiatief"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_agreements",
    )
    plan = models.ForeignKey(
        "budgeting.Plan",
        verbose_name=_("plan uit de burgerbegroting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_agreements",
    )
    right_request = models.ForeignKey(
        "rights.RightRequest",
        verbose_name=_("toegekend buurtrechtverzoek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_agreements",
    )
    title = models.CharField(_("naam van de afspraak"), max_length=160)
    purpose = models.TextField(_("waarvoor het geld is"), max_length=3000)
    amount = models.DecimalField(_("verleend bedrag (euro)"), validators=[MinValueValidator(CENT)], **MONEY)
    repay_unearned = models.BooleanField(
        _("terugbetalen wat niet besteed of niet verdiend is"),
        default=True,
        help_text=_("Bij de vaststelling betaalt het team terug wat wel is uitbetaald maar niet is vastgesteld."),
    )
    end_date = models.DateField(_("looptijd tot"))
    state = models.CharField(_("stand"), max_length=16, choices=State.choices, default=State.DRAFT)
    # Kept by the services with the tranche rows in one transaction; checked by the database.
    tranches_total = models.DecimalField(default=Decimal("0"), editable=False, **MONEY)
    released_total = models.DecimalField(default=Decimal("0"), editable=False, **MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    granted_at = models.DateTimeField(null=True, blank=True)
    grant_reason = models.TextField(_("onderbouwing van de verlening"), blank=True)
    final_report = models.TextField(_("eindverslag"), max_length=5000, blank=True)
    spent_amount = models.DecimalField(_("besteed bedrag (euro)"), null=True, blank=True, **MONEY)
    final_report_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    settled_amount = models.DecimalField(_("vastgesteld bedrag (euro)"), null=True, blank=True, **MONEY)
    repayment_amount = models.DecimalField(_("terug te betalen (euro)"), null=True, blank=True, **MONEY)
    settlement_reason = models.TextField(_("onderbouwing van de vaststelling"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("financieringsafspraak")
        verbose_name_plural = _("financieringsafspraken")
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False, plan__isnull=True, right_request__isnull=True)
                | Q(initiative__isnull=True, plan__isnull=False, right_request__isnull=True)
                | Q(initiative__isnull=True, plan__isnull=True, right_request__isnull=False),
                name="funding_exactly_one_source",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive"),
            models.CheckConstraint(
                condition=Q(tranches_total__gte=0, tranches_total__lte=F("amount")),
                name="funding_tranches_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(released_total__gte=0, released_total__lte=F("tranches_total")),
                name="funding_released_within_tranches",
            ),
            models.CheckConstraint(
                condition=Q(settled_amount__isnull=True) | Q(settled_amount__gte=0, settled_amount__lte=F("amount")),
                name="funding_settled_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(repayment_amount__isnull=True) | Q(repayment_amount__gte=0),
                name="funding_repayment_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(state="settled") | Q(settled_at__isnull=False, settled_amount__isnull=False),
                name="funding_settled_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:detail", kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    def clean(self) -> None:
        if [bool(self.initiative_id), bool(self.plan_id), bool(self.right_request_id)].count(True) != 1:
            raise ValidationError(_("Een afspraak hoort bij precies één initiatief, plan of buurtrechtverzoek."))
        if self.municipality_id and self.source_municipality_id != self.municipality_id:
            raise ValidationError(_("Dit initiatief, plan of verzoek hoort bij een andere gemeente."))

    @property
    def source(self):
        if self.initiative_id:
            return self.initiative
        if self.plan_id:
            return self.plan
        return self.right_request if self.right_request_id else None

    @property
    def source_municipality_id(self):
        if self.initiative_id:
            return self.initiative.municipality_id
        if self.plan_id:
            return self.plan.budget_round.municipality_id
        if self.right_request_id:
            return self.right_request.municipality_id
        return None

    @property
    def source_kind(self) -> str:
        if self.initiative_id:
            return self.Source.INITIATIVE
        return self.Source.PLAN if self.plan_id else self.Source.RIGHT

    @property
    def coach(self):
        """Who reviews the reports: the initiative's coach, or the buurtrecht request's."""
        if self.right_request_id:
            return self.right_request.coach
        initiative = self.team_initiative
        return initiative.coach if initiative is not None else None

    @property
    def team_initiative(self):
        """The initiative whose team carries the agreement: the source, or the plan's initiative."""
        if self.initiative_id:
            return self.initiative
        return self.plan.initiative if self.plan_id and self.plan.initiative_id else None

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.released_total

    @property
    def released_percentage(self) -> int:
        return int(self.released_total * 100 / self.amount) if self.amount else 0

    @property
    def settlement_payment(self) -> Decimal:
        """What the municipality still pays at the settlement (nabetaling)."""
        if self.settled_amount is None:
            return Decimal("0")
        return max(self.settled_amount - self.released_total, Decimal("0"))


class AgreedResult(models.Model):
    """A result the money is for: what, how it is measured, the target, and the evidence that counts."""

    agreement = models.ForeignKey(FundingAgreement, on_delete=models.CASCADE, related_name="results")
    description = models.CharField(_("resultaat"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=200, help_text=_("Bijvoorbeeld: aantal deelnemers."))
    target = models.DecimalField(_("streefwaarde"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    evidence_required = models.CharField(
        _("bewijs dat telt"), max_length=300, help_text=_("Bijvoorbeeld: presentielijsten en foto's van de activiteit.")
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("afgesproken resultaat")
        verbose_name_plural = _("afgesproken resultaten")

    def __str__(self) -> str:
        return self.description

    @property
    def accepted_report(self):
        return next((r for r in self.reports.all() if r.state == ReportState.ACCEPTED), None)

    @property
    def latest_measured(self):
        report = self.accepted_report
        return report.measured_value if report else None

    @property
    def progress_percentage(self) -> int:
        measured = self.latest_measured
        if measured is None or not self.target:
            return 0
        return min(int(measured * 100 / self.target), 100)


class TrancheKind(models.TextChoices):
    ADVANCE = "advance", _("voorschot")
    RESULT = "result", _("bij resultaat")


class TrancheState(models.TextChoices):
    PLANNED = "planned", _("gepland")
    HELD = "held", _("aangehouden")
    RELEASED = "released", _("vrijgegeven")
    LAPSED = "lapsed", _("vervallen")


class TrancheQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=[TrancheState.PLANNED, TrancheState.HELD])


class Tranche(models.Model):
    """One payment of the agreement: the advance, or an amount tied to a result."""

    agreement = models.ForeignKey(FundingAgreement, on_delete=models.CASCADE, related_name="tranches")
    position = models.PositiveSmallIntegerField(_("volgnummer"))
    kind = models.CharField(_("soort"), max_length=8, choices=TrancheKind.choices)
    label = models.CharField(_("omschrijving"), max_length=160)
    amount = models.DecimalField(_("bedrag (euro)"), validators=[MinValueValidator(CENT)], **MONEY)
    result = models.ForeignKey(
        AgreedResult,
        verbose_name=_("hoort bij resultaat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tranches",
    )
    due_date = models.DateField(_("gepland op"))
    state = models.CharField(_("stand"), max_length=10, choices=TrancheState.choices, default=TrancheState.PLANNED)
    # The latest reason (release, hold, adjustment); the whole history is in the events.
    reason = models.TextField(_("reden"), blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = TrancheQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="funding_tranche_position_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_tranche_amount_positive"),
            # A released tranche has its moment; nothing else has one.
            models.CheckConstraint(
                condition=Q(state="released", released_at__isnull=False)
                | (~Q(state="released") & Q(released_at__isnull=True)),
                name="funding_tranche_released_at",
            ),
            models.CheckConstraint(
                condition=~Q(kind="result") | Q(result__isnull=False), name="funding_result_tranche_has_result"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_open(self) -> bool:
        return self.state in (TrancheState.PLANNED, TrancheState.HELD)

    @property
    def has_evidence(self) -> bool:
        """The advance needs none; a result tranche needs an accepted report of its result."""
        if self.kind == TrancheKind.ADVANCE:
            return True
        return self.result is not None and self.result.accepted_report is not None

    @property
    def is_ready(self) -> bool:
        """Ready to pay: planned (a held tranche waits for the municipality), granted, with its evidence."""
        return self.state == TrancheState.PLANNED and self.agreement.state == State.GRANTED and self.has_evidence


class TrancheEvent(models.Model):
    """A step of the municipality on a tranche, always with its reason (the public history)."""

    class Action(models.TextChoices):
        RELEASE = "release", _("vrijgegeven")
        HOLD = "hold", _("aangehouden")
        ADJUST = "adjust", _("aangepast")
        LAPSE = "lapse", _("vervallen")

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=8, choices=Action.choices)
    reason = models.TextField(_("reden"), max_length=2000)
    amount_before = models.DecimalField(**MONEY)
    amount_after = models.DecimalField(**MONEY)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            # The database's own guarantee that a tranche is paid out once, whatever races.
            models.UniqueConstraint(
                fields=["tranche"], condition=Q(action="release"), name="funding_tranche_released_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tranche}: {self.action}"


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend, wacht op beoordeling")
    ACCEPTED = "accepted", _("goedgekeurd")
    RETURNED = "returned", _("teruggestuurd")


class ResultReport(models.Model):
    """The team's report on one result: the measured figure, a short story and evidence files."""

    result = models.ForeignKey(AgreedResult, on_delete=models.CASCADE, related_name="reports")
    measured_value = models.DecimalField(_("gemeten waarde"), max_digits=12, decimal_places=2)
    story = models.TextField(_("kort verhaal"), max_length=2000)
    # Who reported is the team's business: never shown on public pages or in the API.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.SUBMITTED)
    review_note = models.TextField(_("toelichting van de coach"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("resultaatverslag")
        verbose_name_plural = _("resultaatverslagen")

    def __str__(self) -> str:
        return f"Verslag {self.result}"


def _evidence_path(instance, filename: str) -> str:
    # The stored name is ours, never the uploader's (it may carry a person's name).
    agreement = instance.report.result.agreement
    return f"{agreement.municipality_id}/{agreement.pk}/{filename}"


class EvidenceFile(models.Model):
    """A photo or document with a report; private to the team and the municipality's staff."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("foto")
        DOCUMENT = "document", _("document (PDF)")

    report = models.ForeignKey(ResultReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_evidence_path, storage=EvidenceStorage())
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Bijlage {self.pk}"
