from django.core.management.base import BaseCommand

from samenspel.core.configuration import markdown


class Command(BaseCommand):
    help = "Print the table of environment variables (docs/configuration.md) from the settings."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
