"""Toekomstvisie: a vision process with statements, votes, the opinion map, principles and assessments."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATEMENT_MAX_LENGTH = 140
STORED_MAX_LENGTH = 500


class Phase(models.TextChoices):
    """Where a process stands; what each phase allows lives in rules.TABLE."""

    UPCOMING = "upcoming", _("in voorbereiding")
    GATHER = "gathering", _("stellingen verzamelen en wegen")
    DRAFT = "drafting", _("concept-visie")
    CLOSED = "closed", _("afgerond")


class VisionProcessQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class VisionProcess(models.Model):
    class Moderation(models.TextChoices):
        PRE = "pre", _("vooraf: stellingen verschijnen na goedkeuring")
        POST = "post", _("achteraf: stellingen verschijnen direct")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="vision_processes"
    )
    title = models.CharField(_("titel"), max_length=150)
    slug = models.SlugField(_("korte naam"), max_length=80)
    question = models.CharField(_("vraag aan inwoners"), max_length=300)
    introduction = models.TextField(_("toelichting"), blank=True)
    moderation = models.CharField(_("moderatie"), max_length=8, choices=Moderation.choices, default=Moderation.POST)
    gather_start = models.DateTimeField(_("begin stellingen verzamelen"))
    gather_end = models.DateTimeField(_("einde stellingen verzamelen"))
    draft_end = models.DateTimeField(_("einde concept-visie"))
    # Debounced recomputation of the opinion map: votes set `map_dirty`; a task is
    # enqueued at most once per interval (`map_enqueued_at`) and clears the flag.
    map_dirty = models.BooleanField(default=False)
    map_enqueued_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = VisionProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-gather_start", "-pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"], name="vision_slug_per_municipality")]
        verbose_name = _("visietraject")
        verbose_name_plural = _("visietrajecten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("vision:detail", kwargs={"municipality": self.municipality.slug, "slug": self.slug})

    def clean(self) -> None:
        if self.gather_start and self.gather_end and self.gather_end <= self.gather_start:
            raise ValidationError({"gather_end": _("Het einde moet na het begin liggen.")})
        if self.gather_end and self.draft_end and self.draft_end <= self.gather_end:
            raise ValidationError({"draft_end": _("De concept-visie eindigt na het verzamelen van stellingen.")})

    def phase_at(self, when=None) -> str:
        when = when or timezone.now()
        if when < self.gather_start:
            return Phase.UPCOMING
        if when < self.gather_end:
            return Phase.GATHER
        if when < self.draft_end:
            return Phase.DRAFT
        return Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at()

    def get_phase_display(self) -> str:
        return Phase(self.phase).label


class Participant(models.Model):
    """Someone who votes: an account, or an anonymous visitor known by a signed cookie key."""

    process = models.ForeignKey(VisionProcess, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="vision_participations"
    )
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    # The participant id of an imported Polis conversation, kept for a faithful re-export.
    external_id = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "key"], name="vision_participant_key_once"),
            models.UniqueConstraint(
                fields=["process", "user"], condition=Q(user__isnull=False), name="vision_participant_user_once"
            ),
        ]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return f"Deelnemer {self.pk}"


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Statement.Status.PUBLISHED)


class Statement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op moderatie")
        PUBLISHED = "published", _("zichtbaar")
        HIDDEN = "hidden", _("verborgen")

    process = models.ForeignKey(VisionProcess, on_delete=models.CASCADE, related_name="statements")
    # New statements are capped at STATEMENT_MAX_LENGTH by statement_submit; the column is
    # wider because imported Polis conversations contain longer ones.
    text = models.CharField(_("stelling"), max_length=STORED_MAX_LENGTH)
    # Lower-case, punctuation-free form used to refuse duplicates.
    normalized = models.CharField(max_length=STORED_MAX_LENGTH, db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="vision_statements"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    moderation_reason = models.CharField(_("reden"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    external_id = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["process", "status"])]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("eens")
        DISAGREE = -1, _("oneens")
        PASS = 0, _("sla over")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("stem"), choices=Value.choices)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "participant"], name="vision_one_vote_per_statement"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="vision_vote_value"),
        ]
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.value:+d} op {self.statement_id}"


class OpinionMapSnapshot(models.Model):
    """A stored opinion map: OpinionMapResult.to_dict() plus when and from how many people."""

    process = models.ForeignKey(VisionProcess, on_delete=models.CASCADE, related_name="snapshots")
    computed_at = models.DateTimeField(default=timezone.now)
    n_participants = models.PositiveIntegerField(default=0)
    n_votes = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        get_latest_by = ["computed_at", "pk"]
        verbose_name = _("opiniekaart")
        verbose_name_plural = _("opiniekaarten")

    def __str__(self) -> str:
        return f"Opiniekaart {self.process} {self.computed_at:%Y-%m-%d %H:%M}"


class VisionVersion(models.Model):
    """One version of the vision text; a new version starts as a copy of the last one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in voorbereiding")
        PUBLISHED = "published", _("concept gepubliceerd")
        ADOPTED = "adopted", _("vastgesteld")

    process = models.ForeignKey(VisionProcess, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("stand"), max_length=14, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("samenvatting"), blank=True)
    endorse_until = models.DateField(_("reageren kan tot en met"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    raadsbesluit = models.CharField(_("raadsbesluit"), max_length=120, blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["process", "number"], name="vision_version_number_once")]
        verbose_name = _("visieversie")
        verbose_name_plural = _("visieversies")

    def __str__(self) -> str:
        return f"{self.process.title}, versie {self.number}"

    @property
    def municipality(self):
        return self.process.municipality


class Principle(models.Model):
    version = models.ForeignKey(VisionVersion, on_delete=models.CASCADE, related_name="principles")
    title = models.CharField(_("titel"), max_length=150)
    explanation = models.TextField(_("toelichting"), max_length=3000)
    order = models.PositiveIntegerField(default=0)
    # Residents' comments, kept by the comments app (a principle is a registered comment subject).
    comments = GenericRelation("comments.Comment", related_query_name="principle")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("uitgangspunt")
        verbose_name_plural = _("uitgangspunten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The principle's place on the public vision page."""
        process = self.version.process
        url = reverse("vision:vision", kwargs={"municipality": process.municipality.slug, "slug": process.slug})
        return f"{url}#uitgangspunt-{self.pk}"


class PrincipleSource(models.Model):
    """A statement a principle grew from, with how each opinion group voted on it at the time."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="sources")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="principle_sources")
    # [{"group": 0, "label": "A", "agree": 31, "disagree": 2, "seen": 36, "share": 0.86}, ...]
    agreement = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["principle", "statement"], name="vision_source_once")]

    def __str__(self) -> str:
        return f"{self.principle} ← {self.statement}"


class Endorsement(models.Model):
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["principle", "user"], name="vision_endorse_once")]

    def __str__(self) -> str:
        return f"{self.user_id} steunt {self.principle_id}"


class Verdict(models.TextChoices):
    CONTRIBUTES = "contributes", _("draagt bij")
    NEUTRAL = "neutral", _("neutraal")
    CONFLICTS = "conflicts", _("strijdig")


class Assessment(models.Model):
    """A decision's toetsing against an adopted vision; the decision may be of any app."""

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    decision = GenericForeignKey("content_type", "object_id")
    vision_version = models.ForeignKey(VisionVersion, on_delete=models.PROTECT, related_name="assessments")
    summary = models.TextField(_("samenvatting"), max_length=2000, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "vision_version"], name="vision_assess_once_per_version"
            )
        ]
        verbose_name = _("toetsing")
        verbose_name_plural = _("toetsingen")

    def __str__(self) -> str:
        return f"Toetsing {self.content_type.model} {self.object_id}"


class AssessmentLine(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="lines")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="assessment_lines")
    verdict = models.CharField(_("oordeel"), max_length=12, choices=Verdict.choices)
    # Asked only where the principle is not neutral: why it contributes, or why it conflicts.
    explanation = models.TextField(_("toelichting"), max_length=2000, blank=True)

    class Meta:
        ordering = ["principle__order", "principle__pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "principle"], name="vision_line_once")]

    def __str__(self) -> str:
        return f"{self.principle_id}: {self.verdict}"

    def clean(self) -> None:
        if self.verdict != Verdict.NEUTRAL and not (self.explanation or "").strip():
            raise ValidationError(
                {"explanation": _("Licht toe waarom het besluit bijdraagt aan dit uitgangspunt of ermee strijdig is.")}
            )
