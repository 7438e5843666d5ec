"""Writes for comments, reports and moderation; every moderator action is audited."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.notifications.services import notification_send, notification_send_to_followers

from .models import COMMENT_MAX_LENGTH, Comment, Report

# Limits per person per hour, kept in the cache so that abuse costs no database rows.
REPORTS_PER_HOUR = 20
COMMENTS_PER_HOUR = 30


def initiative_url(initiative) -> str:
    """The initiative's public page; falls back to the municipality home if that page is not wired."""
    try:
        return initiative.get_absolute_url()
    except NoReverseMatch:
        return reverse("municipality_home", kwargs={"municipality": initiative.municipality.slug})


def comment_url(comment: Comment) -> str:
    return f"{initiative_url(comment.initiative)}#reactie-{comment.pk}"


def _rate_limit(*, key: str, limit: int, message: str) -> None:
    """Count one action in the current hour; refuse once the limit is passed."""
    bucket = f"samenspel:ratelimit:{key}:{int(timezone.now().timestamp() // 3600)}"
    cache.add(bucket, 0, timeout=3600)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr; start over
        cache.set(bucket, 1, timeout=3600)
        count = 1
    if count > limit:
        raise ValidationError(message, code="rate_limited")


def _required_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Geef een reden op; de schrijver en andere moderatoren zien die.")})
    if len(reason) > 500:
        raise ValidationError({field: _("Houd de reden korter dan 500 tekens.")})
    return reason


@transaction.atomic
def comment_create(*, initiative, author, text: str) -> Comment:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst uw reactie.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Uw reactie is te lang: maximaal %(max)d tekens.") % {"max": COMMENT_MAX_LENGTH}}
        )
    _rate_limit(
        key=f"comment:{author.pk}",
        limit=COMMENTS_PER_HOUR,
        message=_("U heeft het afgelopen uur veel reacties geplaatst. Probeer het later opnieuw."),
    )
    comment = Comment(initiative=initiative, author=author, text=text)
    comment.full_clean()
    comment.save()
    notification_send_to_followers(
        initiative=initiative,
        title=_("Nieuwe reactie bij %(initiative)s") % {"initiative": initiative.title},
        url=comment_url(comment),
        body=text[:200],
        actor=author,
    )
    return comment


@transaction.atomic
def report_create(*, comment: Comment, reporter, reason: str, explanation: str = "") -> Report:
    if comment.author_id == reporter.pk:
        raise ValidationError(_("U kunt uw eigen reactie niet melden."))
    if Report.objects.filter(comment=comment, reporter=reporter, status=Report.Status.OPEN).exists():
        raise ValidationError(_("U heeft deze reactie al gemeld. Een moderator bekijkt uw melding."))
    report = Report(comment=comment, reporter=reporter, reason=reason, explanation=(explanation or "").strip())
    report.full_clean()
    _rate_limit(
        key=f"report:{reporter.pk}",
        limit=REPORTS_PER_HOUR,
        message=_("U heeft het afgelopen uur te veel meldingen gedaan. Probeer het later opnieuw."),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a double click racing the check above
        raise ValidationError(_("U heeft deze reactie al gemeld. Een moderator bekijkt uw melding.")) from error
    return report


def _close_reports(*, comment: Comment, moderator, outcome: str) -> int:
    return comment.reports.filter(status=Report.Status.OPEN).update(
        status=Report.Status.HANDLED, outcome=outcome, handled_by=moderator, handled_at=timezone.now()
    )


@transaction.atomic
def comment_hide(*, comment: Comment, moderator, reason: str) -> Comment:
    reason = _required_reason(reason)
    comment = Comment.objects.select_for_update().select_related("initiative__municipality").get(pk=comment.pk)
    if comment.is_hidden:
        raise ValidationError(_("Deze reactie is al verborgen."))
    comment.is_hidden = True
    comment.hidden_reason = reason
    comment.hidden_by = moderator
    comment.hidden_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    closed = _close_reports(comment=comment, moderator=moderator, outcome=Report.Outcome.HIDDEN)
    initiative = comment.initiative
    audit_record(
        municipality=initiative.municipality,
        actor=moderator,
        action="comment.hidden",
        summary=_("Reactie van %(author)s bij %(initiative)s verborgen")
        % {"author": comment.author.display_name, "initiative": initiative.title},
        target=comment,
        reason=reason,
        data={"reports_closed": closed, "initiative": initiative.pk},
    )
    notification_send(
        users=[comment.author],
        title=_("Uw reactie bij %(initiative)s is verborgen door een moderator") % {"initiative": initiative.title},
        body=_("Reden: %(reason)s") % {"reason": reason},
        url=comment_url(comment),
        municipality=initiative.municipality,
    )
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, moderator, reason: str) -> Comment:
    reason = _required_reason(reason)
    comment = Comment.objects.select_for_update().select_related("initiative__municipality").get(pk=comment.pk)
    if not comment.is_hidden:
        raise ValidationError(_("Deze reactie is niet verborgen."))
    comment.is_hidden = False
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.hidden_at = None
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    initiative = comment.initiative
    audit_record(
        municipality=initiative.municipality,
        actor=moderator,
        action="comment.unhidden",
        summary=_("Reactie van %(author)s bij %(initiative)s weer zichtbaar gemaakt")
        % {"author": comment.author.display_name, "initiative": initiative.title},
        target=comment,
        reason=reason,
    )
    notification_send(
        users=[comment.author],
        title=_("Uw reactie bij %(initiative)s is weer zichtbaar") % {"initiative": initiative.title},
        body=_("Reden: %(reason)s") % {"reason": reason},
        url=comment_url(comment),
        municipality=initiative.municipality,
    )
    return comment


@transaction.atomic
def reports_dismiss(*, comment: Comment, moderator, reason: str = "") -> int:
    """The comment stays; its open reports are closed as unfounded."""
    reason = (reason or "").strip()[:500]
    closed = _close_reports(comment=comment, moderator=moderator, outcome=Report.Outcome.DISMISSED)
    if not closed:
        raise ValidationError(_("Er zijn geen open meldingen over deze reactie."))
    audit_record(
        municipality=comment.initiative.municipality,
        actor=moderator,
        action="comment.reports_dismissed",
        summary=_("%(count)d melding(en) over een reactie van %(author)s afgewezen")
        % {"count": closed, "author": comment.author.display_name},
        target=comment,
        reason=reason,
        data={"reports_closed": closed},
    )
    return closed
