"""`manage.py warm_signals [--enqueue]`: compute the signals' default figures into the cache (cron, every 4 minutes).

The dashboard keeps computed figures for `selectors.CACHE_SECONDS` (5 minutes). Run a little
more often than that, so the page most people open (the default period) is always answered
from the cache and nobody waits for the computation. Idempotent: running it twice only
computes twice.
"""

from django.core.management.base import BaseCommand

from samenspel.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Bereken de standaardcijfers van de signalen vooruit, zodat het dashboard snel antwoordt."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="als taken in de wachtrij in plaats van nu")

    def handle(self, *args, enqueue=False, **options):
        from samenspel.insights.tasks import warm_figures

        ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
        for pk in ids:
            if enqueue:
                warm_figures.enqueue(pk)
            else:
                warm_figures.call(pk)
        self.stdout.write(f"Signalen van {len(ids)} gemeente(n) vooruit berekend.")
