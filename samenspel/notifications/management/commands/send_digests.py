"""Daily digest of notifications by e-mail. Run once a day from cron, e.g. `0 7 * * *`."""

from django.core.management.base import BaseCommand

from samenspel.notifications.services import digests_send
from samenspel.notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Mail everyone their new notifications in one digest (at most one per person per day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task queue instead of running it here."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Digest task enqueued: {result.id}")
            return
        sent = digests_send()
        self.stdout.write(f"Digests sent: {sent}")
