"""Weekly cron: `manage.py send_match_digests` (add --enqueue to hand it to the task worker)."""

from django.core.management.base import BaseCommand

from samenspel.marketplace.digests import match_digests_send
from samenspel.marketplace.tasks import send_match_digests


class Command(BaseCommand):
    help = "Send the weekly 'nieuwe matches' e-mail to everyone who opted in (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Run it as a background task.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            send_match_digests.enqueue()
            self.stdout.write("Taak ingepland.")
            return
        sent = match_digests_send()
        self.stdout.write(f"{sent} e-mail(s) verstuurd.")
