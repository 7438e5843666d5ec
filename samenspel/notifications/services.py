import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from samenspel.core.site import absolute_url

from .models import DigestLog, Notification, NotificationPreference
from .selectors import preference_for
from .sentences import Sentence


@transaction.atomic
def notification_send(
    *,
    users,
    title: "str | Sentence",
    url: str = "",
    body: str = "",
    municipality=None,
    exclude=None,
    subject=None,
) -> int:
    """Put a notification in each user's list; the daily digest task mails them later.

    `subject` is what it is about (named and linked wherever the notification is shown);
    a `Sentence` title is stored as facts and said in the reader's language when shown.
    """
    exclude_pk = getattr(exclude, "pk", None)
    facts = title.as_data() if isinstance(title, Sentence) else None
    about = {}
    if subject is not None:
        about = {
            "subject_type": ContentType.objects.get_for_model(subject),
            "subject_id": subject.pk,
            "subject_label": str(subject)[:200],
        }
    rows = [
        Notification(
            user=user, municipality=municipality, title=str(title)[:200], sentence=facts, url=url, body=body, **about
        )
        for user in {u.pk: u for u in users}.values()
        if user.pk != exclude_pk
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notification_send_to_followers(*, initiative, title, url: str = "", body: str = "", actor=None) -> int:
    """Tell everyone who follows an initiative (except whoever caused it); the initiative is the subject."""
    from django.contrib.auth import get_user_model

    followers = get_user_model().objects.filter(follows__initiative=initiative, is_active=True)
    return notification_send(
        users=followers,
        title=title,
        url=url or initiative.get_absolute_url(),
        body=body,
        municipality=initiative.municipality,
        exclude=actor,
        subject=initiative,
    )


# --- Reading and preferences -----------------------------------------------------------


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user).unread().update(read_at=timezone.now())


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def preference_set(*, user, email_digest: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_digest": email_digest}
    )
    return preference


# --- The daily digest ------------------------------------------------------------------

# Cron runs the digest once a day, but never exactly 24 h apart; a smaller gap keeps a
# late manual run and the next morning's run from mailing the same person twice.
DIGEST_MIN_GAP = timedelta(hours=20)
DIGEST_MAX_ITEMS = 50

logger = logging.getLogger(__name__)


DIGEST_BATCH_SIZE = 500


def digest_send_for_user(*, user, now=None, connection=None) -> int:
    """Mail one person their not-yet-mailed notifications; returns how many were listed (0: no mail)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    if not user.is_active or not user.email or not preference_for(user=user).email_digest:
        return 0
    with transaction.atomic():
        last = DigestLog.objects.filter(user=user).order_by("-sent_at").first()
        if last is not None and (last.day >= day or last.sent_at > now - DIGEST_MIN_GAP):
            return 0
        pending = list(
            Notification.objects.filter(user=user, emailed_at__isnull=True, created__lte=now)
            .select_related("municipality")
            .prefetch_related("subject")
            .order_by("created", "pk")
        )
        if not pending:
            return 0
        try:
            # Claim the day first: a second run racing this one fails here and sends nothing.
            with transaction.atomic():
                DigestLog.objects.create(user=user, day=day, sent_at=now, notification_count=len(pending))
        except IntegrityError:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        shown = pending[:DIGEST_MAX_ITEMS]
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "user": user,
                "items": [
                    {
                        "title": n.headline,
                        "body": n.body,
                        "url": absolute_url(n.url or reverse("notifications:list")),
                        "n": n,
                    }
                    for n in shown
                ],
                "more": len(pending) - len(shown),
                "count": len(pending),
                "list_url": absolute_url(reverse("notifications:list")),
                "site_name": settings.SITE_NAME,
                "day": day,
            }
            subject = render_to_string("notifications/email/digest_subject.txt", context).strip()
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string("notifications/email/digest.txt", context),
                to=[user.email],
                connection=connection,
            )
            message.attach_alternative(render_to_string("notifications/email/digest.html", context), "text/html")
            # Sent inside the transaction: if the mail server refuses, nothing is marked as mailed.
            message.send()
    return len(pending)


def digest_recipients(*, now, after: int = 0, limit: int | None = None) -> list[int]:
    """The ids of the next `limit` people, in id order after `after`, who have something new
    and may get today's digest. Keyset pagination: each batch costs the same however far
    into 100,000 people it is."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    news = Notification.objects.filter(user=OuterRef("pk"), emailed_at__isnull=True, created__lte=now)
    return list(
        get_user_model()
        .objects.filter(Exists(news), pk__gt=after, is_active=True)
        .exclude(notification_preference__email_digest=False)
        .exclude(digest_logs__day__gte=timezone.localdate(now))
        .order_by("pk")
        .values_list("pk", flat=True)[: limit or DIGEST_BATCH_SIZE]
    )


def digests_send_batch(*, user_ids: list[int], now) -> int:
    """Send the digests of one batch of people over one mail connection; returns how many."""
    from django.contrib.auth import get_user_model
    from django.core.mail import get_connection

    sent = 0
    connection = get_connection()
    try:
        for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
            try:
                if digest_send_for_user(user=user, now=now, connection=connection):
                    sent += 1
            except Exception:  # one unreachable mailbox must not stop everyone else's digest
                logger.exception("Digest for user %s failed", user.pk)
    finally:
        connection.close()
    return sent


def digests_send(*, now=None) -> int:
    """Send today's digests to everyone who has something new, batch by batch, in this
    process (the task `send_daily_digests` spreads the same batches over the task queue);
    safe to run more than once."""
    now = now or timezone.now()
    sent, after = 0, 0
    while ids := digest_recipients(now=now, after=after):
        sent += digests_send_batch(user_ids=ids, now=now)
        after = ids[-1]
    return sent
