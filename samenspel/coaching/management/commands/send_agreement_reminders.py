"""Daily cron job: remind the responsible side of agreements that fall due soon.

    0 7 * * *  manage.py send_agreement_reminders            # default: 2 days ahead

Idempotent: each agreement is reminded once (Agreement.reminder_sent_at).
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from samenspel.coaching.services import agreement_reminders_send


class Command(BaseCommand):
    help = "Herinner teams en coaches aan afspraken die binnenkort aflopen."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="Hoeveel dagen vooraf (standaard 2).")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="Datum (JJJJ-MM-DD).")

    def handle(self, *args, days, today, **options):
        sent = agreement_reminders_send(today=today or timezone.localdate(), days_before=days)
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
