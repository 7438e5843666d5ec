"""Background jobs; `manage.py send_digests` runs or enqueues the daily one from cron."""

from django_tasks import task

from .services import digests_send


@task()
def send_daily_digests() -> int:
    """At most one e-mail per person per day with their new notifications."""
    return digests_send()
