"""Comments on any registered subject (an initiative, a principle of the vision, ...), reports
about them, and the moderator's decisions.

A comment points at its subject through a generic relation (`target`); which models may be
commented on, and who may comment on them, is declared in `targets.py`. The comment also
keeps its subject's municipality: the tenant key every list and permission is scoped by, so
the moderation queue of a municipality is one query whatever the subjects are.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

from .moderation import HIDE_REASON_MAX_LENGTH, Moderated, ModeratedQuerySet, ReportBase

COMMENT_MAX_LENGTH = 2000
__all__ = ["COMMENT_MAX_LENGTH", "HIDE_REASON_MAX_LENGTH", "Comment", "Report"]


class CommentQuerySet(ModeratedQuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def for_targets(self, targets):
        """The comments on these subjects (all of one model)."""
        targets = list(targets)
        if not targets:
            return self.none()
        content_type = ContentType.objects.get_for_model(targets[0])
        return self.filter(content_type=content_type, object_id__in=[t.pk for t in targets])

    def for_target(self, target):
        return self.for_targets([target])

    def with_open_reports(self):
        is_open = Q(reports__status=Report.Status.OPEN)
        return self.annotate(
            open_report_count=Count("reports", filter=is_open), first_report_at=Min("reports__created", filter=is_open)
        ).filter(open_report_count__gt=0)


class Comment(Moderated):
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A deleted account leaves its comments in place without a name: the conversation and
    # the moderator's decisions about it stay readable (the stricter of the two old rules).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    text = models.TextField(_("reactie"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created"]),
            models.Index(fields=["municipality", "hidden_at"]),
        ]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self) -> str:
        return f"{self.author_name} over {self.content_type.model} {self.object_id}: {self.public_text[:40]}"

    @property
    def public_text(self) -> str:
        """The text anyone may see: once hidden, the words are never shown outside moderation."""
        return "" if self.is_hidden else self.text


class Report(ReportBase):
    """A person's report that a comment breaks the house rules; moderators handle it."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("reactie verborgen")
        DISMISSED = "dismissed", _("melding afgewezen")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports")
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)

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
