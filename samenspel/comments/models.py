"""Comments on initiatives, reports about them, and the moderator's decisions."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


class CommentQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(initiative__municipality=municipality)

    def visible(self):
        return self.filter(is_hidden=False)

    def with_open_reports(self):
        is_open = Q(reports__status=Report.Status.OPEN)
        return self.annotate(
            open_report_count=Count("reports", filter=is_open), first_report_at=Min("reports__created", filter=is_open)
        ).filter(open_report_count__gt=0)


class Comment(models.Model):
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("reactie"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["initiative", "created"])]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self) -> str:
        return f"{self.author} over {self.initiative}: {self.public_text[:40]}"

    @property
    def public_text(self) -> str:
        """The text anyone may see: once hidden, the words are never shown outside moderation."""
        return "" if self.is_hidden else self.text

    @property
    def municipality(self):
        return self.initiative.municipality


class Report(models.Model):
    """A person's report that a comment breaks the house rules; moderators handle it."""

    class Reason(models.TextChoices):
        OFFENSIVE = "kwetsend", _("Kwetsend of beledigend")
        DISCRIMINATION = "discriminerend", _("Discriminerend")
        SPAM = "spam", _("Spam of reclame")
        PERSONAL_DATA = "persoonsgegevens", _("Bevat persoonsgegevens")
        OTHER = "anders", _("Anders")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        HANDLED = "handled", _("afgehandeld")

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("reactie verborgen")
        DISMISSED = "dismissed", _("melding afgewezen")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports")
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("toelichting"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], condition=Q(status="open"), name="one_open_report_per_person"
            )
        ]
        indexes = [models.Index(fields=["status", "created"])]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.comment_id}"
