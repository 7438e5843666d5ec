"""Residents' own initiatives: what, where, who, and who supports them."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The coaching pipeline; transitions live in samenspel.coaching.services."""

    SUBMITTED = "submitted", _("aangemeld")
    IN_CONVERSATION = "in_conversation", _("in gesprek")
    COACHED = "coached", _("in begeleiding")
    REALISED = "realised", _("gerealiseerd")
    STOPPED = "stopped", _("gestopt")
    SCALED_UP = "scaled_up", _("opgeschaald")


OPEN_STATUSES = (Status.SUBMITTED, Status.IN_CONVERSATION, Status.COACHED)


class InitiativeQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def public(self):
        return self.filter(is_hidden=False)

    def in_intake(self):
        return self.filter(status=Status.SUBMITTED)


class Initiative(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=140)
    pitch = models.CharField(_("in één zin"), max_length=200)
    story = models.TextField(_("verhaal"), help_text=_("U kunt Markdown gebruiken: **vet**, lijstjes en links."))
    themes = models.ManyToManyField("municipalities.Theme", verbose_name=_("thema's"), related_name="initiatives")
    neighbourhood = models.ForeignKey(
        "municipalities.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    address = models.CharField(_("adres of plek"), max_length=200, blank=True)
    lat = models.FloatField(
        _("breedtegraad"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("lengtegraad"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="initiatives_started"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_coached",
    )
    # The intake clock: the promised first response runs from submission to first response.
    submitted_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    first_response_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    # Residents' comments, kept by the comments app; deleting an initiative deletes them.
    comments = GenericRelation("comments.Comment")
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=300, blank=True)
    updated = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="initiative_slug_per_municipality")
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "-submitted_at"]),
        ]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"municipality": self.municipality.slug, "slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TeamMember(models.Model):
    """Someone in the initiative's team; invited by e-mail, linked to an account on acceptance."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("initiatiefnemer")
        MEMBER = "member", _("teamlid")
        TREASURER = "treasurer", _("penningmeester")
        CONTACT = "contact", _("contactpersoon")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="team_memberships"
    )
    # Never shown to anyone but the team itself; not in the API or exports.
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "email"], name="one_invitation_per_email")]
        verbose_name = _("teamlid")
        verbose_name_plural = _("team")

    def __str__(self) -> str:
        return f"{self.user or self.email} ({self.get_role_display()})"


class Support(models.Model):
    """ "Ik steun dit" and "Ik doe mee": one of each per person per initiative."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("Ik steun dit")
        JOIN = "join", _("Ik doe mee")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "user", "kind"], name="one_support_of_a_kind")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.initiative}"


class Follow(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} volgt {self.initiative}"


def _image_path(instance, filename: str) -> str:
    # The stored name is ours, never the uploader's: it may carry personal data.
    return f"initiatives/{instance.initiative.municipality_id}/{instance.initiative_id}/{filename}"


def _upload_path(instance, filename: str) -> str:
    # Waiting for the task, with EXIF still in it: a random name, never linked from a page,
    # deleted as soon as the photo is processed.
    return f"initiatives/pending/{uuid.uuid4().hex}"


class InitiativeImageQuerySet(models.QuerySet):
    def ready(self):
        """Photos the task has processed; only these are shown."""
        return self.exclude(image="")


class InitiativeImage(models.Model):
    """A photo of the initiative, re-encoded by a task after upload so no metadata (EXIF, GPS) survives.

    Until the task has run, `original` holds the upload and `image` is empty (not shown).
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("foto"), upload_to=_image_path, width_field="width", height_field="height", blank=True)
    original = models.FileField(upload_to=_upload_path, blank=True, editable=False)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("wat staat er op de foto?"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = InitiativeImageQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")

    def __str__(self) -> str:
        return self.alt_text or self.initiative.title


class Update(models.Model):
    """A post on the initiative's public timeline, written by its team."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("titel"), max_length=120)
    body = models.TextField(_("bericht"), max_length=5000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    def __str__(self) -> str:
        return self.title
