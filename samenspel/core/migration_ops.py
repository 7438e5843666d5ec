"""Operations shared by data migrations.

PostgreSQL refuses to ALTER a table in a transaction that changed rows of it while foreign-key
checks are still deferred ("cannot ALTER TABLE ... because it has pending trigger events"), and
Django's foreign keys are DEFERRABLE INITIALLY DEFERRED. A migration that changes data and
then the schema (or, undone, the schema after the data) would then fail on every database
that has rows: an upgrade of a municipality, not of an empty test database. Placed first and
last in such a migration, `constraints_immediate()` makes the checks run at each statement,
so nothing is pending when the ALTER comes, in either direction.
"""

from django.db import migrations


def _immediate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def constraints_immediate() -> migrations.RunPython:
    return migrations.RunPython(_immediate, _immediate)
