"""Burgerbegroting: rounds, plans, voters, ballots, results and follow-up.

The pure counting, ballot, code and Pabulib logic lives in counting.py, ballots.py,
codes.py and pabulib.py; this module only stores what a round needs.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from samenspel.core.formats import money

from .explanations import explain
from .phases import Phase, phase_at


class BallotType(models.TextChoices):
    BUDGET = "budget", _("kiezen binnen het budget")
    COUNT = "count", _("kiezen met een minimum en maximum aantal plannen")


class VoterMode(models.TextChoices):
    VERIFIED = "verified", _("geverifieerde inwoners")
    CODES = "codes", _("stemcodes")


class CountingRule(models.TextChoices):
    # Values are the names counting.Rule and `pb_count --rule` use.
    GREEDY = "greedy", _("meeste stemmen eerst")
    MES = "mes", _("gelijke delen (Method of Equal Shares)")
    MES_GREEDY = "mes+greedy", _("gelijke delen, aangevuld met meeste stemmen")


# What a round's organiser configures (the settings form, `round_create`/`round_update`).
ROUND_CONFIG_FIELDS = (
    "title",
    "description",
    "neighbourhood",
    "budget",
    "min_plan_cost",
    "max_plan_cost",
    "min_supports",
    "ballot_type",
    "min_plans",
    "max_plans",
    "voter_mode",
    "min_age",
    "rule",
    "submission_start",
    "feasibility_start",
    "voting_start",
    "voting_end",
    "implementation_start",
)


class BudgetRoundQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class BudgetRound(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="budget_rounds"
    )
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_rounds",
        help_text=_("Leeg: de ronde geldt voor de hele gemeente."),
    )
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=80)
    description = models.TextField(_("toelichting"), blank=True)
    budget = models.PositiveIntegerField(_("budget (euro)"), validators=[MinValueValidator(1)])
    min_plan_cost = models.PositiveIntegerField(_("minimale kosten per plan (euro)"), default=0)
    max_plan_cost = models.PositiveIntegerField(_("maximale kosten per plan (euro)"), validators=[MinValueValidator(1)])
    min_supports = models.PositiveIntegerField(
        _("minimum aantal steunbetuigingen"),
        default=0,
        help_text=_("Zoveel steun heeft een plan nodig om door te gaan naar de haalbaarheidstoets (0: geen drempel)."),
    )
    ballot_type = models.CharField(
        _("soort stembiljet"), max_length=8, choices=BallotType.choices, default=BallotType.BUDGET
    )
    min_plans = models.PositiveSmallIntegerField(_("minimum aantal plannen"), null=True, blank=True)
    max_plans = models.PositiveSmallIntegerField(_("maximum aantal plannen"), null=True, blank=True)
    voter_mode = models.CharField(
        _("wie mag stemmen"), max_length=8, choices=VoterMode.choices, default=VoterMode.CODES
    )
    min_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), default=16, validators=[MaxValueValidator(100)])
    rule = models.CharField(
        _("telmethode"),
        max_length=12,
        choices=CountingRule.choices,
        default=CountingRule.MES_GREEDY,
    )
    submission_start = models.DateTimeField(_("start indienen"))
    feasibility_start = models.DateTimeField(_("start haalbaarheidstoets"))
    voting_start = models.DateTimeField(_("start stemmen"))
    voting_end = models.DateTimeField(_("einde stemmen (uitslag)"))
    implementation_start = models.DateTimeField(_("start uitvoering"))
    is_imported = models.BooleanField(_("geïmporteerd uit een .pb-bestand"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = BudgetRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-voting_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="budget_round_slug_per_municipality")
        ]
        verbose_name = _("begrotingsronde")
        verbose_name_plural = _("begrotingsrondes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:round", kwargs={"municipality": self.municipality.slug, "slug": self.slug})

    def url(self, name: str, **kwargs) -> str:
        return reverse(
            f"budgeting:{name}",
            kwargs={"municipality": self.municipality.slug, "slug": self.slug, **kwargs},
        )

    def clean(self) -> None:
        errors = {}
        dates = [
            self.submission_start,
            self.feasibility_start,
            self.voting_start,
            self.voting_end,
            self.implementation_start,
        ]
        if all(dates) and any(a > b for a, b in zip(dates, dates[1:], strict=False)):
            errors["voting_start"] = _(
                "De fasen moeten in volgorde liggen: indienen, haalbaarheid, stemmen, uitslag, uitvoering."
            )
        if self.max_plan_cost is not None and self.min_plan_cost > self.max_plan_cost:
            errors["max_plan_cost"] = _("De maximale kosten per plan zijn lager dan de minimale kosten.")
        if self.max_plan_cost and self.budget and self.max_plan_cost > self.budget:
            errors["max_plan_cost"] = _("De maximale kosten per plan zijn hoger dan het hele budget.")
        if self.min_plans is not None and self.max_plans is not None and self.min_plans > self.max_plans:
            errors["max_plans"] = _("Het maximum aantal plannen is lager dan het minimum.")
        if self.ballot_type == BallotType.COUNT and self.min_plans is None and self.max_plans is None:
            errors["max_plans"] = _("Geef een minimum of maximum aantal plannen op voor dit soort stembiljet.")
        if (
            self.neighbourhood_id
            and self.municipality_id
            and self.neighbourhood.municipality_id != self.municipality_id
        ):
            errors["neighbourhood"] = _("Deze wijk hoort niet bij de gemeente.")
        if errors:
            raise ValidationError(errors)

    def phase(self, now=None) -> Phase:
        return phase_at(self, now or timezone.now())

    @property
    def current_phase(self) -> Phase:
        # Memoised per instance: a page asks for it for every button.
        if "_phase" not in self.__dict__:
            self.__dict__["_phase"] = self.phase()
        return self.__dict__["_phase"]

    def is_frozen(self, now=None) -> bool:
        """The configuration may not change once voting has opened."""
        return (now or timezone.now()) >= self.voting_start


class PlanStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    FEASIBLE = "feasible", _("haalbaar")
    NOT_FEASIBLE = "not_feasible", _("niet haalbaar")
    MERGED = "merged", _("samengevoegd")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("nog niet gestart")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    DONE = "done", _("opgeleverd")
    DELAYED = "delayed", _("vertraagd")


class PlanQuerySet(models.QuerySet):
    def on_ballot(self):
        return self.filter(status=PlanStatus.FEASIBLE)

    def with_implementation_status(self):
        """Annotate the status of each plan's newest progress report (read by `Plan.implementation_status`)."""
        return self.annotate(latest_update_status=latest_update_status("pk"))


def latest_update_status(plan_ref: str) -> models.Subquery:
    """The status of the newest PlanUpdate of the plan at `plan_ref` (an OuterRef path), None without one."""
    newest = PlanUpdate.objects.filter(plan=models.OuterRef(plan_ref)).order_by("-created", "-pk")
    return models.Subquery(newest.values("status")[:1])


def _plan_image_path(instance, filename: str) -> str:
    # The stored name is ours (image_clean gives a random one), never the uploader's.
    return f"budgeting/{instance.budget_round.municipality_id}/{instance.budget_round_id}/{filename}"


class Plan(models.Model):
    budget_round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("titel"), max_length=120)
    description = models.TextField(_("beschrijving"), max_length=5000)
    cost = models.PositiveIntegerField(_("geschatte kosten (euro)"))
    location = models.CharField(_("plek"), max_length=200, blank=True)
    lat = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    lon = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ImageField(_("foto"), upload_to=_plan_image_path, blank=True)
    image_alt = models.CharField(_("wat staat er op de foto?"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_plans",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_plans",
    )
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.SUBMITTED)
    feasibility_reason = models.TextField(_("toelichting haalbaarheid (openbaar)"), blank=True)
    adjusted_cost = models.PositiveIntegerField(_("aangepaste kosten (euro)"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_plans",
    )
    # The project_id in an imported or exported .pb file.
    external_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["budget_round", "status"])]
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.budget_round.url("plan", pk=self.pk)

    @property
    def final_cost(self) -> int:
        return self.adjusted_cost if self.adjusted_cost is not None else self.cost

    @property
    def ballot_id(self) -> str:
        """The id of this plan in ballots, counts and .pb files."""
        return self.external_id or str(self.pk)

    @property
    def implementation_status(self) -> "ImplementationStatus":
        """How far the plan is: the status of its newest progress report; without one, not started.

        Derived, not stored, so it cannot disagree with the reports. Lists annotate it
        (`Plan.objects.with_implementation_status()`); otherwise it costs one query.
        """
        if "latest_update_status" in self.__dict__:
            latest = self.__dict__["latest_update_status"]
        else:
            latest = self.updates.order_by("-created", "-pk").values_list("status", flat=True).first()
        return ImplementationStatus(latest or ImplementationStatus.NOT_STARTED)

    def get_implementation_status_display(self) -> str:
        return self.implementation_status.label


class PlanSupport(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "user"], name="support_plan_once")]

    def __str__(self) -> str:
        return f"{self.user} steunt {self.plan}"


class VoterDeclaration(models.Model):
    """A resident the municipality has verified as a voter (birth year, where they live).

    Verification is done by municipal staff from documents shown in person; DigiD is
    out of scope. Only what eligibility needs is kept: no date of birth, no address.
    """

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voter_declarations")
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), validators=[MinValueValidator(1900)])
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood",
        verbose_name=_("woonwijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "user"], name="one_voter_declaration")]
        verbose_name = _("kiesgerechtigde")
        verbose_name_plural = _("kiesgerechtigden")

    def __str__(self) -> str:
        return f"{self.user} ({self.birth_year})"


class CodeBatch(models.Model):
    """A printed batch of voting codes: only the count is kept, never names or addresses."""

    budget_round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="code_batches")
    size = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.size} stemcodes ({self.created:%Y-%m-%d})"


class VotingCode(models.Model):
    budget_round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="codes")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    # HMAC-SHA256 of the code (codes.hash_code); the code itself is never stored.
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["budget_round", "code_hash"], name="voting_code_once")]

    def __str__(self) -> str:
        return f"stemcode {self.code_hash[:8]}…"


class Ballot(models.Model):
    """A secret ballot: the plans chosen, and a key only the server can lead a voter to (secrecy.py)."""

    budget_round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="ballots")
    # "v:<HMAC of round and account>", "c:<HMAC of round and code hash>", for imported elections
    # "pb:<voter number>", after an account's erasure "deleted:<random>"; never a user id.
    voter_key = models.CharField(max_length=80)
    plans = models.ManyToManyField(Plan, related_name="ballots", blank=True)
    # The day of the last change, never the time (a time could be matched with a log-in).
    changed_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["budget_round", "voter_key"], name="one_ballot_per_voter")]

    def __str__(self) -> str:
        return f"stembiljet {self.pk}"


class Result(models.Model):
    """One count of a round; the newest published one is the result."""

    budget_round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="results")
    rule = models.CharField(max_length=12, choices=CountingRule.choices)
    budget = models.PositiveIntegerField()
    spent = models.PositiveIntegerField()
    voters = models.PositiveIntegerField()
    # The anonymised .pb text the result was computed from, served as the download.
    pb_text = models.TextField()
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counted_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-counted_at", "-pk"]
        get_latest_by = "counted_at"

    def __str__(self) -> str:
        return f"uitslag {self.budget_round} ({self.rule})"


class ResultRow(models.Model):
    """One plan's outcome in a count: the facts; `explanation` says them in the reader's language."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="rows")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="result_rows")
    votes = models.PositiveIntegerField()
    cost = models.PositiveIntegerField()
    funded = models.BooleanField()
    # counting.Reason: which case of the rule decided (e.g. "not_funded_does_not_fit").
    reason = models.CharField(max_length=40)
    position = models.PositiveIntegerField(null=True, blank=True)
    # The money left when greedy tried this plan (None if greedy never looked at it).
    remaining_budget = models.PositiveIntegerField(null=True, blank=True)
    # Under equal shares: what the plan's supporters still had together at the end (None for greedy).
    supporters_money = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-funded", "position", "-votes", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.votes}"

    @property
    def explanation(self) -> str:
        """Why the plan was or was not funded, in the active language (made now, from the stored facts)."""
        return explain(
            reason=self.reason,
            rule=self.result.rule,
            votes=self.votes,
            cost=self.cost,
            remaining_budget=self.remaining_budget,
            supporters_money=self.supporters_money,
            gettext=gettext,
            ngettext=ngettext,
            money=money,
        )


class PlanUpdate(models.Model):
    """Follow-up of a funded plan: what happened, visible to everyone."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("stand van de uitvoering"), max_length=16, choices=ImplementationStatus.choices)
    title = models.CharField(_("titel"), max_length=120)
    body = models.TextField(_("bericht"), max_length=5000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title


__all__ = [
    "Ballot",
    "BallotType",
    "BudgetRound",
    "CodeBatch",
    "CountingRule",
    "ImplementationStatus",
    "Phase",
    "ROUND_CONFIG_FIELDS",
    "Plan",
    "PlanStatus",
    "PlanSupport",
    "PlanUpdate",
    "Result",
    "ResultRow",
    "VoterDeclaration",
    "VoterMode",
    "VotingCode",
]
