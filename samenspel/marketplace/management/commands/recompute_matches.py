"""Nightly cron: `manage.py recompute_matches` refits the matching engine per municipality."""

from django.core.management.base import BaseCommand

from samenspel.marketplace.pipeline import recompute_all
from samenspel.marketplace.tasks import recompute_matches
from samenspel.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Recompute every stored match (refits the text model); incremental updates run on every change."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Run it as background tasks.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            for municipality in Municipality.objects.filter(is_active=True):
                recompute_matches.enqueue(municipality.pk)
            self.stdout.write("Taken ingepland.")
            return
        for slug, n in recompute_all().items():
            self.stdout.write(f"{slug}: {n} matches")
