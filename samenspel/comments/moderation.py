"""What moderation means, for everything people write: public comments and private messages.

One set of rules: a moderator hides with a reason of at most HIDE_REASON_MAX_LENGTH characters,
the words are then shown only in moderation, "hidden" is the moment it happened (never a
second field that could disagree), a person may have one open report per item, and handling
reports closes them with an outcome. Comments (`models.Comment`) and conversation messages
(`conversations.Message`) both build on these pieces; what differs (who may see the item, who
is told) stays with each.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.core.ratelimit import rate_limit

# Shown in place of the hidden words, so short.
HIDE_REASON_MAX_LENGTH = 300
REPORTS_PER_HOUR = 20


class ModeratedQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def hidden(self):
        return self.filter(hidden_at__isnull=False)


class Moderated(models.Model):
    """Something a person wrote that a moderator may hide (the concrete model has `author`)."""

    hidden_reason = models.CharField(gettext_lazy("reden van verbergen"), max_length=HIDE_REASON_MAX_LENGTH, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def author_name(self) -> str:
        # A deleted account leaves its words without a name.
        return self.author.display_name if self.author is not None else "—"


class ReportReason(models.TextChoices):
    OFFENSIVE = "offensive", gettext_lazy("Kwetsend of beledigend")
    DISCRIMINATION = "discrimination", gettext_lazy("Discriminerend")
    SPAM = "spam", gettext_lazy("Spam of reclame")
    PERSONAL_DATA = "personal_data", gettext_lazy("Bevat persoonsgegevens")
    OTHER = "other", gettext_lazy("Anders")


class ReportStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("open")
    HANDLED = "handled", gettext_lazy("afgehandeld")


class ReportBase(models.Model):
    """A person's report that an item breaks the house rules (the concrete model names the item)."""

    Reason = ReportReason
    Status = ReportStatus

    reason = models.CharField(gettext_lazy("reden"), max_length=20, choices=ReportReason.choices)
    explanation = models.TextField(gettext_lazy("toelichting"), max_length=1000, blank=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


def required_reason(reason: str, *, missing: str) -> str:
    """A moderator's reason: required (`missing` says who will read it) and short."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": missing})
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Houd de reden korter dan %(limit_value)d tekens.") % {"limit_value": HIDE_REASON_MAX_LENGTH}}
        )
    return reason


def report_file(report: ReportBase, *, already: str) -> ReportBase:
    """Store a report after the checks every report shares: valid, within the hourly limit, not twice."""
    report.full_clean()
    rate_limit(
        key=f"report:{report.reporter_id}",
        limit=REPORTS_PER_HOUR,
        message=_("U heeft het afgelopen uur te veel meldingen gedaan. Probeer het later opnieuw."),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a double click racing the caller's check
        raise ValidationError(already) from error
    return report


def reports_close(reports, *, moderator, outcome: str) -> int:
    """Close the open ones among `reports` with `outcome`; how many were open."""
    return reports.filter(status=ReportStatus.OPEN).update(
        status=ReportStatus.HANDLED, outcome=outcome, handled_by=moderator, handled_at=timezone.now()
    )


def hide(item: Moderated, *, moderator, reason: str) -> None:
    item.hidden_reason, item.hidden_by, item.hidden_at = reason, moderator, timezone.now()
    item.full_clean(exclude=["author"])  # the author may have deleted their account since
    item.save(update_fields=["hidden_reason", "hidden_by", "hidden_at"])


def unhide(item: Moderated) -> None:
    item.hidden_reason, item.hidden_by, item.hidden_at = "", None, None
    item.full_clean(exclude=["author"])
    item.save(update_fields=["hidden_reason", "hidden_by", "hidden_at"])
