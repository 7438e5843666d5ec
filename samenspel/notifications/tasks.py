"""Background jobs; `manage.py send_digests` runs or enqueues the daily one from cron."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from .services import DIGEST_BATCH_SIZE, digest_recipients, digests_send_batch


@task()
def send_daily_digests(after: int = 0, now: str | None = None) -> int:
    """One batch of the daily digest (at most one e-mail per person per day with their new
    notifications). The batch first enqueues the next one, then mails its own people: a digest
    for 100,000 people is a chain of small tasks, with never more than one of them waiting in
    the queue, other tasks running in between, and a failing batch not stopping the rest.
    Returns how many mails this batch sent."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    ids = digest_recipients(now=moment, after=after, limit=DIGEST_BATCH_SIZE)
    if not ids:
        return 0
    if len(ids) == DIGEST_BATCH_SIZE:
        send_daily_digests.enqueue(after=ids[-1], now=moment.isoformat())
    return digests_send_batch(user_ids=ids, now=moment)
