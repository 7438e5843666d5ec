"""Writes of conversations: posting a message, reporting it, a moderator's decision.

Every message tells the people on the other side (and the author's own side) through an
in-app notification, which the daily digest mails to whoever chose e-mail. The notification
carries no words of the message and no address: it says there is a new message and links to
the conversation, where only participants can read it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.comments import moderation
from samenspel.core.ratelimit import rate_limit
from samenspel.notifications.services import notification_send

from .models import MESSAGE_MAX_LENGTH, Conversation, Kind, Message, MessageReport
from .selectors import recipients, side_of

# Messages land in other people's lists; a cap per hour keeps one account from flooding them.
MESSAGES_PER_HOUR = 60


def conversation_url(conversation: Conversation) -> str:
    slug = conversation.municipality.slug
    if conversation.kind == Kind.INTRODUCTION:
        return reverse("conversations:introduction", kwargs={"municipality": slug, "pk": conversation.introduction_id})
    if conversation.kind == Kind.CASE:
        return reverse("conversations:case", kwargs={"municipality": slug, "slug": conversation.initiative.slug})
    return reverse(
        "conversations:join",
        kwargs={"municipality": slug, "slug": conversation.initiative.slug, "joiner": conversation.joiner_id},
    )


def message_url(message: Message) -> str:
    return conversation_url(message.conversation) + f"#bericht-{message.pk}"


def _saved(conversation: Conversation) -> Conversation:
    """The conversation's row, created with its first message (two first messages at once share one)."""
    if conversation.pk is not None:
        return conversation
    conversation.full_clean()
    subject = {
        Kind.CASE: {"initiative": conversation.initiative},
        Kind.JOIN: {"initiative": conversation.initiative, "joiner": conversation.joiner},
        Kind.INTRODUCTION: {"introduction": conversation.introduction},
    }[conversation.kind]
    try:
        with transaction.atomic():
            conversation.save()
    except IntegrityError:
        found = Conversation.objects.get(kind=conversation.kind, **subject)
        found.__dict__.update({k: v for k, v in conversation.__dict__.items() if k.startswith("_")})
        return found
    return conversation


@transaction.atomic
def message_post(*, conversation: Conversation, author, body: str) -> Message:
    """Add a message for the author's side; the other participants are told there is one."""
    side = side_of(author, conversation)
    if side is None:
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf eerst uw bericht.")})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": _("Uw bericht is te lang: maximaal %(max)d tekens.") % {"max": MESSAGE_MAX_LENGTH}}
        )
    rate_limit(
        key=f"message:{author.pk}",
        limit=MESSAGES_PER_HOUR,
        message=_("U heeft het afgelopen uur veel berichten gestuurd. Probeer het later opnieuw."),
    )
    conversation = _saved(conversation)
    message = Message(conversation=conversation, author=author, side=side, body=body)
    message.full_clean()
    message.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created)
    notification_send(
        users=recipients(conversation, author=author),
        # No words of the message and no address: read it on the site, where only participants can.
        title=_("Nieuw bericht: %(conversation)s. Lees het op de site.") % {"conversation": conversation},
        url=message_url(message),
        municipality=conversation.municipality,
        exclude=author,
    )
    return message


@transaction.atomic
def message_report(*, message: Message, reporter, reason: str, explanation: str = "") -> MessageReport:
    if message.author_id == reporter.pk:
        raise ValidationError(_("U kunt uw eigen bericht niet melden."))
    already = _("U heeft dit bericht al gemeld. Een moderator bekijkt uw melding.")
    if MessageReport.objects.filter(message=message, reporter=reporter, status=MessageReport.Status.OPEN).exists():
        raise ValidationError(already)
    report = MessageReport(message=message, reporter=reporter, reason=reason, explanation=(explanation or "").strip())
    return moderation.report_file(report, already=already)


def _close_reports(*, message: Message, moderator, outcome: str) -> int:
    return moderation.reports_close(message.reports.all(), moderator=moderator, outcome=outcome)


@transaction.atomic
def message_hide(*, message: Message, moderator, reason: str) -> Message:
    """Hide a reported message with a reason: audited, its reports closed, its author told why."""
    # The author and the other participants read why a message was hidden, as with comments.
    reason = moderation.required_reason(reason, missing=_("Geef een reden op; de deelnemers aan het gesprek zien die."))
    message = (
        Message.objects.select_for_update(of=("self",)).select_related("conversation__municipality").get(pk=message.pk)
    )
    if message.is_hidden:
        raise ValidationError(_("Dit bericht is al verborgen."))
    moderation.hide(message, moderator=moderator, reason=reason)
    closed = _close_reports(message=message, moderator=moderator, outcome=MessageReport.Outcome.HIDDEN)
    municipality = message.conversation.municipality
    # The audit trail names the conversation's kind, never its words or its people.
    audit_record(
        municipality=municipality,
        actor=moderator,
        action="conversations.message_hidden",
        summary=_("Bericht in een gesprek (%(kind)s) verborgen") % {"kind": message.conversation.get_kind_display()},
        target=message,
        reason=reason,
        data={"reports_closed": closed, "conversation": message.conversation_id},
    )
    if message.author is not None:
        notification_send(
            users=[message.author],
            title=_("Uw bericht is verborgen door een moderator"),
            body=_("Reden: %(reason)s") % {"reason": reason},
            url=message_url(message),
            municipality=municipality,
        )
    return message


@transaction.atomic
def reports_dismiss(*, message: Message, moderator, reason: str = "") -> int:
    """The message stays; its open reports are closed as unfounded."""
    reason = (reason or "").strip()[:500]
    closed = _close_reports(message=message, moderator=moderator, outcome=MessageReport.Outcome.DISMISSED)
    if not closed:
        raise ValidationError(_("Er zijn geen open meldingen over dit bericht."))
    audit_record(
        municipality=message.conversation.municipality,
        actor=moderator,
        action="conversations.reports_dismissed",
        summary=_("%(count)d melding(en) over een bericht afgewezen") % {"count": closed},
        target=message,
        reason=reason,
        data={"reports_closed": closed},
    )
    return closed
