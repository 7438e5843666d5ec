"""Writes for comments, reports and moderation, the same for every subject; every moderator
action is audited and the author is told of it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.core.ratelimit import rate_limit
from samenspel.notifications.services import notification_send

from . import moderation
from .models import COMMENT_MAX_LENGTH, Comment, Report
from .targets import comment_url, content_type_of, target_of

COMMENTS_PER_HOUR = 30


def _required_reason(reason: str) -> str:
    """Hiding and showing again both need a reason: it is public, and the author is told it."""
    return moderation.required_reason(reason, missing=_("Geef een reden op; die is openbaar te zien."))


@transaction.atomic
def comment_create(*, subject, author, text: str) -> Comment:
    target = target_of(subject)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst uw reactie.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Uw reactie is te lang: maximaal %(max)d tekens.") % {"max": COMMENT_MAX_LENGTH}}
        )
    rate_limit(
        key=f"comment:{author.pk}",
        limit=COMMENTS_PER_HOUR,
        message=_("U heeft het afgelopen uur veel reacties geplaatst. Probeer het later opnieuw."),
    )
    municipality = target.municipality_of(subject)
    comment = Comment(
        municipality=municipality, content_type=content_type_of(subject), object_id=subject.pk, author=author, text=text
    )
    comment.target = subject
    comment.full_clean()
    comment.save()
    if target.followers is not None:
        notification_send(
            users=target.followers(subject),
            title=_("Nieuwe reactie bij %(subject)s") % {"subject": subject},
            url=comment_url(comment),
            body=text[:200],
            municipality=municipality,
            exclude=author,
        )
    return comment


@transaction.atomic
def report_create(*, comment: Comment, reporter, reason: str, explanation: str = "") -> Report:
    if comment.author_id == reporter.pk:
        raise ValidationError(_("U kunt uw eigen reactie niet melden."))
    if Report.objects.filter(comment=comment, reporter=reporter, status=Report.Status.OPEN).exists():
        raise ValidationError(_("U heeft deze reactie al gemeld. Een moderator bekijkt uw melding."))
    report = Report(comment=comment, reporter=reporter, reason=reason, explanation=(explanation or "").strip())
    return moderation.report_file(
        report, already=_("U heeft deze reactie al gemeld. Een moderator bekijkt uw melding.")
    )


def _close_reports(*, comment: Comment, moderator, outcome: str) -> int:
    return moderation.reports_close(comment.reports.all(), moderator=moderator, outcome=outcome)


def _locked(comment: Comment) -> Comment:
    # Lock only the comment: PostgreSQL cannot lock the nullable side of the join to the author.
    return Comment.objects.select_for_update(of=("self",)).select_related("municipality", "author").get(pk=comment.pk)


@transaction.atomic
def comment_hide(*, comment: Comment, moderator, reason: str) -> Comment:
    reason = _required_reason(reason)
    comment = _locked(comment)
    if comment.is_hidden:
        raise ValidationError(_("Deze reactie is al verborgen."))
    return _set_hidden(
        comment,
        moderator=moderator,
        reason=reason,
        hidden=True,
        action="comment.hidden",
        summary=_("Reactie van %(author)s bij %(subject)s verborgen"),
        title=_("Uw reactie bij %(subject)s is verborgen door een moderator"),
    )


@transaction.atomic
def comment_unhide(*, comment: Comment, moderator, reason: str) -> Comment:
    reason = _required_reason(reason)
    comment = _locked(comment)
    if not comment.is_hidden:
        raise ValidationError(_("Deze reactie is niet verborgen."))
    return _set_hidden(
        comment,
        moderator=moderator,
        reason=reason,
        hidden=False,
        action="comment.unhidden",
        summary=_("Reactie van %(author)s bij %(subject)s weer zichtbaar gemaakt"),
        title=_("Uw reactie bij %(subject)s is weer zichtbaar"),
    )


def _set_hidden(comment: Comment, *, moderator, reason: str, hidden: bool, action: str, summary: str, title: str):
    """Store a moderator's decision, audit it and tell the author why (both ways, the same rule)."""
    if hidden:
        moderation.hide(comment, moderator=moderator, reason=reason)
    else:
        moderation.unhide(comment)
    data = {
        "subject": f"{comment.content_type.app_label}.{comment.content_type.model}",
        "subject_id": comment.object_id,
    }
    if hidden:
        data = {
            "reports_closed": _close_reports(comment=comment, moderator=moderator, outcome=Report.Outcome.HIDDEN)
        } | data
    subject = comment.target
    audit_record(
        municipality=comment.municipality,
        actor=moderator,
        action=action,
        summary=summary % {"author": comment.author_name, "subject": subject},
        target=comment,
        reason=reason,
        data=data,
    )
    if comment.author is not None:  # the account is gone; nobody to tell
        notification_send(
            users=[comment.author],
            title=title % {"subject": subject},
            body=_("Reden: %(reason)s") % {"reason": reason},
            url=comment_url(comment),
            municipality=comment.municipality,
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
        municipality=comment.municipality,
        actor=moderator,
        action="comment.reports_dismissed",
        summary=_("%(count)d melding(en) over een reactie van %(author)s afgewezen")
        % {"count": closed, "author": comment.author_name},
        target=comment,
        reason=reason,
        data={"reports_closed": closed},
    )
    return closed
