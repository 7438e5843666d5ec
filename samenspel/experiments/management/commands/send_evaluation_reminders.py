"""Daily cron job: remind coaches (or the administrators) of experiment evaluations that fall due.

    0 7 * * *  manage.py send_evaluation_reminders           # default: 14 days ahead

Idempotent: each experiment is reminded once (Experiment.reminder_sent_at); an evaluation
already overdue when the job first sees it is reminded too.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from samenspel.experiments.services import evaluation_reminders_send


class Command(BaseCommand):
    help = "Herinner coaches aan evaluaties van experimenten die binnenkort (of al) moeten."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Hoeveel dagen vooraf (standaard 14).")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="Datum (JJJJ-MM-DD).")

    def handle(self, *args, days, today, **options):
        sent = evaluation_reminders_send(today=today or timezone.localdate(), days_before=days)
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
