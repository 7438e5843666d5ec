"""Stored status codes become English snake_case; the Dutch words stay as the labels (gettext)."""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

PLAN_STATUS = {"ingediend": "submitted", "haalbaar": "feasible", "niet_haalbaar": "not_feasible", "samengevoegd": "merged"}
UPDATE_STATUS = {"niet_gestart": "not_started", "in_uitvoering": "in_progress", "opgeleverd": "done", "vertraagd": "delayed"}


def _recode(apps, backwards: bool) -> None:
    for model, codes in (("Plan", PLAN_STATUS), ("PlanUpdate", UPDATE_STATUS)):
        manager = apps.get_model("budgeting", model).objects
        for old, new in codes.items():
            before, after = (new, old) if backwards else (old, new)
            manager.filter(status=before).update(status=after)


def to_english(apps, schema_editor):
    _recode(apps, backwards=False)


def to_dutch(apps, schema_editor):
    _recode(apps, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ('budgeting', '0002_result_facts_and_derived_implementation_status'),
    ]

    operations = [
        constraints_immediate(),
        migrations.RunPython(to_english, to_dutch),
        migrations.AlterField(
            model_name='plan',
            name='status',
            field=models.CharField(choices=[('submitted', 'ingediend'), ('feasible', 'haalbaar'), ('not_feasible', 'niet haalbaar'), ('merged', 'samengevoegd')], default='submitted', max_length=16, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='planupdate',
            name='status',
            field=models.CharField(choices=[('not_started', 'nog niet gestart'), ('in_progress', 'in uitvoering'), ('done', 'opgeleverd'), ('delayed', 'vertraagd')], max_length=16, verbose_name='stand van de uitvoering'),
        ),
        constraints_immediate(),
    ]
