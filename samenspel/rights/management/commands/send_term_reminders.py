"""Daily cron job: remind the responsible civil servant of buurtrecht terms ending soon.

    0 7 * * 1-5  manage.py send_term_reminders           # default: 5 working days ahead

Idempotent: a request is reminded once per deadline (RightRequest.reminded_for); an extension
moves the deadline, and the new one is reminded again.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from samenspel.rights.services import term_reminders_send


class Command(BaseCommand):
    help = "Herinner behandelaars aan termijnen van buurtrechtverzoeken die binnenkort aflopen."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=5, help="Hoeveel werkdagen vooraf (standaard 5).")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="Datum (JJJJ-MM-DD).")

    def handle(self, *args, days, today, **options):
        sent = term_reminders_send(today=today or timezone.localdate(), working_days=days)
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
