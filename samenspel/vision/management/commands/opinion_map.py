"""`manage.py opinion_map FOLDER --out FILE`: the opinion map of a Polis export, without the database."""

from django.core.management.base import BaseCommand, CommandError

from samenspel.vision.polis_io import PolisFormatError, run_folder


class Command(BaseCommand):
    help = "Bereken de opiniekaart van een Polis-exportmap en schrijf participants-votes.csv met onze group-id."
    # Nothing here reads or writes the database, so it runs before migrations too.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("folder", help="map met comments.csv en votes.csv of participants-votes.csv")
        parser.add_argument("--out", required=True, help="uitvoerbestand (participants-votes.csv)")
        parser.add_argument("--seed", type=int, default=0, help="zaadwaarde voor een reproduceerbare kaart")

    def handle(self, *args, folder, out, seed, **options):
        try:
            result = run_folder(folder, out, seed=seed)
        except PolisFormatError as exc:
            raise CommandError(str(exc)) from exc
        sizes = ", ".join(f"groep {chr(65 + g.id)}: {g.size}" for g in result.groups)
        self.stdout.write(
            f"{len(result.participant_ids)} deelnemers, {len(result.clustered_ids)} in groepen "
            f"({sizes or 'geen groepen'}); geschreven naar {out}."
        )
