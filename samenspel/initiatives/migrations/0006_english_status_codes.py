"""An initiative's status is stored as an English code; the Dutch words stay the labels.

On SQLite the changed default makes Django rebuild the table, and a rebuild drops the
triggers that keep the Dutch search index in step (0005); they are created again here,
from 0005's own definitions. Any later migration that rebuilds initiatives_initiative on
SQLite must do the same (the search tests fail otherwise).
"""

import importlib

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate
from samenspel.initiatives.search import register_sqlite_functions

STATUS = {
    "aangemeld": "submitted",
    "in_gesprek": "in_conversation",
    "in_begeleiding": "coached",
    "gerealiseerd": "realised",
    "gestopt": "stopped",
    "opgeschaald": "scaled_up",
}
FIELDS = [("initiatives", "Initiative", "status")]


def _recode(apps, table):
    for app, model_name, field in FIELDS:
        model = apps.get_model(app, model_name)
        for old, new in table.items():
            model.objects.filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _recode(apps, STATUS)


def restore_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    search = importlib.import_module("samenspel.initiatives.migrations.0005_sqlite_dutch_search")
    register_sqlite_functions(schema_editor.connection.connection)
    for statement in search.DROP[:3] + [sql for sql in search.CREATE if sql.startswith("CREATE TRIGGER")]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    _recode(apps, {new: old for old, new in STATUS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_sqlite_dutch_search"),
    ]

    operations = [
        constraints_immediate(),
        # Reversed, the table is rebuilt after this point: the triggers come back last.
        migrations.RunPython(migrations.RunPython.noop, restore_search_triggers),
        migrations.AlterField(
            model_name="initiative",
            name="status",
            field=models.CharField(
                choices=[
                    ("submitted", "aangemeld"),
                    ("in_conversation", "in gesprek"),
                    ("coached", "in begeleiding"),
                    ("realised", "gerealiseerd"),
                    ("stopped", "gestopt"),
                    ("scaled_up", "opgeschaald"),
                ],
                default="submitted",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(restore_search_triggers, migrations.RunPython.noop),
        constraints_immediate(),
    ]
