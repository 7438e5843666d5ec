"""A decision's from/to status follows the initiative's English status codes."""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

STATUS = {
    "aangemeld": "submitted",
    "in_gesprek": "in_conversation",
    "in_begeleiding": "coached",
    "gerealiseerd": "realised",
    "gestopt": "stopped",
    "opgeschaald": "scaled_up",
}
FIELDS = [("coaching", "Decision", "from_status"), ("coaching", "Decision", "to_status")]


def _recode(apps, table):
    for app, model_name, field in FIELDS:
        model = apps.get_model(app, model_name)
        for old, new in table.items():
            model.objects.filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _recode(apps, STATUS)


def backwards(apps, schema_editor):
    _recode(apps, {new: old for old, new in STATUS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0002_english_values"),
    ]

    operations = [
        constraints_immediate(),
        migrations.AlterField(
            model_name="decision",
            name="from_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("submitted", "aangemeld"),
                    ("in_conversation", "in gesprek"),
                    ("coached", "in begeleiding"),
                    ("realised", "gerealiseerd"),
                    ("stopped", "gestopt"),
                    ("scaled_up", "opgeschaald"),
                ],
                max_length=16,
                verbose_name="van status",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="to_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("submitted", "aangemeld"),
                    ("in_conversation", "in gesprek"),
                    ("coached", "in begeleiding"),
                    ("realised", "gerealiseerd"),
                    ("stopped", "gestopt"),
                    ("scaled_up", "opgeschaald"),
                ],
                max_length=16,
                verbose_name="naar status",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        constraints_immediate(),
    ]
