"""Recount a Pabulib .pb file without touching the database.

    python manage.py pb_count FILE.pb --rule greedy|mes|mes+greedy

Prints the ids of the funded projects, one per line, in funding order.
"""

from django.core.management.base import BaseCommand, CommandError

from samenspel.budgeting.counting import Rule
from samenspel.budgeting.pabulib import PabulibFormatError, count_file


class Command(BaseCommand):
    help = "Tel een Pabulib-bestand (.pb) met een telmethode en druk de gefinancierde projecten af."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het .pb-bestand")
        parser.add_argument("--rule", choices=[r.value for r in Rule], default=Rule.MES_GREEDY.value)

    def handle(self, *args, file, rule, **options):
        try:
            funded = count_file(file, rule)
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {file}") from error
        except PabulibFormatError as error:
            raise CommandError(f"Ongeldig .pb-bestand: {error}") from error
        for project_id in funded:
            self.stdout.write(project_id)
