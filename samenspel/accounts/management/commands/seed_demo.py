from django.core.management.base import BaseCommand
from django.db import transaction

from samenspel.accounts.demo import DEMO_ACCOUNTS
from samenspel.core.demo import DEMO_PASSWORD, DemoContext, run_seeders
from samenspel.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Load the demo municipality Lindeveen (safe to run again: it does nothing the second time)."

    def handle(self, *args, **options):
        if Municipality.objects.filter(slug="lindeveen").exists():
            self.stdout.write("De demogemeente Lindeveen staat er al; er is niets veranderd.")
        else:
            with transaction.atomic():
                run_seeders(DemoContext())
            self.stdout.write(self.style.SUCCESS("Demogemeente Lindeveen geladen."))
        self.stdout.write(f"\nDemo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        labels = {
            "resident": "inwoner",
            "initiator": "initiatiefnemer",
            "coach": "coach",
            "partner": "partnerorganisatie (Woonstichting Lindeveen)",
            "moderator": "moderator",
            "admin": "gemeentebeheerder",
        }
        for key, email, name, _role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {labels[key]:<45} {email:<36} ({name})")
        self.stdout.write(f"  {'Django-beheer (superuser)':<45} platform@samenspel.test")
