"""`manage.py refresh_opinion_maps`: recompute out-of-date opinion maps (run from cron every few minutes).

Votes enqueue a recomputation at most once per interval; votes cast after that
leave the map marked dirty until the next vote or this command picks it up.
"""

from django.core.management.base import BaseCommand

from samenspel.vision.services import opinion_map_refresh_dirty


class Command(BaseCommand):
    help = "Bereken opiniekaarten opnieuw waarvan de stemmen zijn veranderd."

    def handle(self, *args, **options):
        count = opinion_map_refresh_dirty()
        self.stdout.write(f"{count} opiniekaart(en) opnieuw berekend.")
