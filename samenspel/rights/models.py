"""Buurtrechten: the ordinance's terms, requests, their suspensions, assessment, decision and agreement.

An `Ordinance` is one version of a municipality's participatieverordening; a change is a new
version, and every `RightRequest` keeps the `RightTerms` it started under (a change applies to
new requests only). Dates of terms are derived (`terms.py`), never stored twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import defaults


class Right(models.TextChoices):
    CHALLENGE = defaults.CHALLENGE, _("uitdaagrecht")
    BID = defaults.BID, _("biedingsrecht")
    NEIGHBOURHOOD_PLAN = defaults.NEIGHBOURHOOD_PLAN, _("buurtplanrecht")


class OrdinanceQuerySet(models.QuerySet):
    def in_force(self, *, municipality, on=None):
        """The version in force on `on` (today): the latest that started on or before it."""
        on = on or timezone.localdate()
        return self.filter(municipality=municipality, in_force_from__lte=on).order_by("-in_force_from", "-version")


class Ordinance(models.Model):
    """One version of a municipality's participatieverordening, as far as the buurtrechten go."""

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="ordinances")
    version = models.PositiveIntegerField(_("versie"))
    reference = models.CharField(_("naam en vindplaats"), max_length=200)
    url = models.URLField(_("link naar de verordening"), blank=True)
    adopted_on = models.DateField(_("vastgesteld op"))
    in_force_from = models.DateField(_("in werking vanaf"))
    created = models.DateTimeField(default=timezone.now)

    objects = OrdinanceQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force_from", "-version"]
        constraints = [models.UniqueConstraint(fields=["municipality", "version"], name="ordinance_version_once")]
        verbose_name = _("participatieverordening")
        verbose_name_plural = _("participatieverordeningen")

    def __str__(self) -> str:
        return f"{self.reference} (versie {self.version})"

    def clean(self) -> None:
        if self.adopted_on and self.in_force_from and self.in_force_from < self.adopted_on:
            raise ValidationError({"in_force_from": _("Een verordening gaat niet in vóór ze is vastgesteld.")})

    @property
    def rights(self) -> list[str]:
        return [t.right for t in self.terms.all()]


class RightTerms(models.Model):
    """What one version of the ordinance says about one right: terms, parts, criteria, exclusions."""

    ordinance = models.ForeignKey(Ordinance, on_delete=models.CASCADE, related_name="terms")
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    acknowledge_weeks = models.PositiveSmallIntegerField(_("ontvangstbevestiging binnen (weken)"), default=1)
    admissibility_weeks = models.PositiveSmallIntegerField(_("besluit over ontvankelijkheid binnen (weken)"))
    decision_weeks = models.PositiveSmallIntegerField(
        _("besluit binnen (weken)"),
        default=defaults.DEFAULT_DECISION_WEEKS,
        validators=[MinValueValidator(defaults.AWB_DECISION_WEEKS)],
    )
    extension_allowed = models.BooleanField(_("verdagen toegestaan"), default=True)
    extension_weeks = models.PositiveSmallIntegerField(_("verdaging ten hoogste (weken)"), default=0)
    required_parts = models.JSONField(_("verplichte onderdelen"), default=list)
    criteria = models.JSONField(_("beoordelingscriteria"), default=list)
    excluded_tasks = models.JSONField(_("uitgezonderde taken"), default=list)
    # Some ordinances ask that a request comes from a real resident; DigiD proves it without
    # the platform seeing more than a keyed hash of the BSN (accounts.selectors.identity_verified).
    digid_required = models.BooleanField(_("indiener bevestigt met DigiD"), default=False)

    class Meta:
        ordering = ["ordinance", "right"]
        constraints = [models.UniqueConstraint(fields=["ordinance", "right"], name="terms_right_once_per_ordinance")]
        verbose_name = _("termijnen en eisen per recht")
        verbose_name_plural = _("termijnen en eisen per recht")

    def __str__(self) -> str:
        return f"{self.get_right_display()} — {self.ordinance}"

    def clean(self) -> None:
        errors = {}
        if self.decision_weeks is not None and self.decision_weeks < defaults.AWB_DECISION_WEEKS:
            errors["decision_weeks"] = _("De beslistermijn is ten minste %(weeks)d weken (Awb art. 4:13).") % {
                "weeks": defaults.AWB_DECISION_WEEKS
            }
        if (
            self.admissibility_weeks is not None
            and self.decision_weeks is not None
            and self.admissibility_weeks > self.decision_weeks
        ):
            errors["admissibility_weeks"] = _("Over de ontvankelijkheid wordt besloten vóór het besluit zelf.")
        if self.extension_allowed and not self.extension_weeks:
            errors["extension_weeks"] = _("Geef aan met hoeveel weken de termijn ten hoogste kan worden verdaagd.")
        unknown = [p for p in self.required_parts or [] if p not in defaults.PARTS]
        unknown += [c for c in self.criteria or [] if c not in defaults.CRITERIA]
        if unknown:
            errors["required_parts"] = _("Onbekende onderdelen of criteria: %(codes)s.") % {"codes": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    @property
    def part_labels(self) -> list[tuple[str, str]]:
        return [(code, defaults.PARTS[code]) for code in self.required_parts]

    @property
    def criterion_labels(self) -> list[tuple[str, str]]:
        return [(code, defaults.CRITERIA[code]) for code in self.criteria]


class State(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ontvangen, ontvankelijkheid wordt beoordeeld")
    PUBLIC = "public", _("ter inzage: steun en reacties")
    ASSESSMENT = "assessment", _("in beoordeling")
    DECIDED = "decided", _("besloten")
    INADMISSIBLE = "inadmissible", _("niet-ontvankelijk")


#: States a visitor may see (a draft is the submitters' own).
PUBLIC_STATES = (State.SUBMITTED, State.PUBLIC, State.ASSESSMENT, State.DECIDED, State.INADMISSIBLE)
#: States in which the municipality's decision term runs.
RUNNING_STATES = (State.SUBMITTED, State.PUBLIC, State.ASSESSMENT)


class Outcome(models.TextChoices):
    GRANTED = "granted", _("toegekend")
    GRANTED_IN_PART = "granted_in_part", _("gedeeltelijk toegekend")
    REFUSED = "refused", _("afgewezen")


class SubmitterKind(models.TextChoices):
    RESIDENTS = "residents", _("een groep bewoners")
    ORGANISATION = "organisation", _("een organisatie")


class RightRequestQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(state__in=PUBLIC_STATES)

    def running(self):
        return self.filter(state__in=RUNNING_STATES)

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class RightRequest(models.Model):
    """A request under a buurtrecht: who asks what, under which terms, and where it stands.

    Stable for other apps: `funding` links its FundingAgreement here, and reads `is_granted`.
    """

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    terms = models.ForeignKey(RightTerms, on_delete=models.PROTECT, related_name="requests")
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    title = models.CharField(_("titel"), max_length=160)
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitter_kind = models.CharField(_("wie dient in"), max_length=12, choices=SubmitterKind.choices)
    group_name = models.CharField(
        _("naam van de groep of organisatie"), max_length=160, help_text=_("Deze naam is openbaar.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="right_requests"
    )
    # The residents who submit together (the group); private persons, never named in public.
    co_submitters = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Contact data: for the municipality's staff only (never on a public page, the API or a CSV).
    contact_email = models.EmailField(_("e-mailadres voor contact"))
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    parts = models.JSONField(_("onderdelen"), default=dict)
    budget_asked = models.DecimalField(
        _("gevraagd budget per jaar"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    state = models.CharField(_("stand"), max_length=14, choices=State.choices, default=State.DRAFT)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    # Whether the one who submitted had confirmed their account with DigiD at that moment
    # (a fact of the submission, kept as it was; shown to the municipality's handlers).
    submitter_verified = models.BooleanField(_("indiener bevestigd met DigiD"), default=False)
    admissible_on = models.DateField(_("ontvankelijk verklaard op"), null=True, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("besluit"), max_length=16, choices=Outcome.choices, blank=True)
    decision_reasons = models.TextField(_("motivering van het besluit"), blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The deadline a reminder was sent for: a new deadline (an extension) is reminded again.
    reminded_for = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = RightRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "state"])]
        verbose_name = _("buurtrechtverzoek")
        verbose_name_plural = _("buurtrechtverzoeken")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rights:detail", kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    @property
    def is_granted(self) -> bool:
        """Granted in full or in part: the request may become an agreement (and be funded)."""
        return self.state == State.DECIDED and self.outcome in (Outcome.GRANTED, Outcome.GRANTED_IN_PART)

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def is_decided(self) -> bool:
        return self.state in (State.DECIDED, State.INADMISSIBLE)


class Suspension(models.Model):
    """A request for more information: the term stops until the answer arrives (Awb art. 4:15)."""

    request = models.ForeignKey(RightRequest, on_delete=models.CASCADE, related_name="suspensions")
    asked_on = models.DateField(_("gevraagd op"))
    question = models.TextField(_("wat de gemeente wil weten"), max_length=3000)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    answer = models.TextField(_("antwoord"), max_length=5000, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["asked_on", "pk"]
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")

    def __str__(self) -> str:
        return f"Opschorting {self.asked_on}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


class Extension(models.Model):
    """A recorded extension of the decision term (Awb art. 4:14 lid 3), always with its reason."""

    request = models.ForeignKey(RightRequest, on_delete=models.CASCADE, related_name="extensions")
    weeks = models.PositiveSmallIntegerField(_("weken"), validators=[MinValueValidator(1)])
    reason = models.TextField(_("reden"), max_length=2000)
    decided_on = models.DateField(_("besloten op"), default=timezone.localdate)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["decided_on", "pk"]
        verbose_name = _("verdaging")
        verbose_name_plural = _("verdagingen")

    def __str__(self) -> str:
        return f"+{self.weeks} weken"


class Verdict(models.TextChoices):
    MET = "met", _("voldoet")
    PARTLY = "partly", _("voldoet deels")
    NOT_MET = "not_met", _("voldoet niet")


class CriterionScore(models.Model):
    """The municipality's verdict on one criterion of the ordinance, with its explanation."""

    request = models.ForeignKey(RightRequest, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterium"), max_length=20)
    verdict = models.CharField(_("oordeel"), max_length=8, choices=Verdict.choices)
    explanation = models.TextField(_("toelichting"), max_length=2000)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["request", "criterion"], name="criterion_scored_once")]
        verbose_name = _("oordeel per criterium")
        verbose_name_plural = _("oordelen per criterium")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.verdict}"

    @property
    def label(self) -> str:
        return defaults.CRITERIA.get(self.criterion, self.criterion)


class Hearing(models.Model):
    """The challengers heard before a negative decision (refused or granted in part)."""

    request = models.OneToOneField(RightRequest, on_delete=models.CASCADE, related_name="hearing")
    held_on = models.DateField(_("gehoord op"))
    summary = models.TextField(_("verslag (openbaar)"), max_length=5000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("hoorzitting")
        verbose_name_plural = _("hoorzittingen")

    def __str__(self) -> str:
        return f"Hoorzitting {self.held_on}"


class Support(models.Model):
    """A resident supports a published request; the page shows how many, by neighbourhood."""

    request = models.ForeignKey(RightRequest, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="right_support_once")]
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")

    def __str__(self) -> str:
        return f"Steun {self.request_id}"


class EndOption(models.TextChoices):
    UNDECIDED = "undecided", _("nog niet bepaald")
    RENEWAL = "renewal", _("verlenging")
    RETURN = "return", _("terug naar de gemeente")
    TRANSFER = "transfer", _("blijvende overdracht")


class RightAgreement(models.Model):
    """What a granted request becomes: task, results, budget, duration, reporting and reviews.

    The funding agreement with tranches (app `funding`) links to the request, not to this row.
    """

    request = models.OneToOneField(RightRequest, on_delete=models.CASCADE, related_name="agreement")
    task = models.TextField(_("de taak"), max_length=3000)
    expected_results = models.TextField(_("verwachte resultaten"), max_length=3000)
    budget = models.DecimalField(_("budget per jaar"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("loopt tot"))
    reporting = models.TextField(_("rapportagemomenten"), max_length=2000)
    review_every_months = models.PositiveSmallIntegerField(
        _("voortgangsgesprek elke (maanden)"), validators=[MinValueValidator(1)], default=6
    )
    end_option = models.CharField(
        _("aan het einde"), max_length=10, choices=EndOption.choices, default=EndOption.UNDECIDED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("buurtrechtovereenkomst")
        verbose_name_plural = _("buurtrechtovereenkomsten")

    def __str__(self) -> str:
        return f"Overeenkomst: {self.request}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt na de begindatum.")})
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("Het budget kan niet negatief zijn.")})


class Review(models.Model):
    """A periodic progress review of an agreement; public, as the agreement is."""

    agreement = models.ForeignKey(RightAgreement, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("gehouden op"))
    progress = models.TextField(_("voortgang"), max_length=3000)
    on_track = models.BooleanField(_("op koers"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")

    def __str__(self) -> str:
        return f"Voortgang {self.held_on}"
