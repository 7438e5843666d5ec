"""Stored codes in English (Dutch stays in the labels): team roles and the two kinds of support.

The API's team `role` follows (it was "initiatiefnemer", now "initiator").
"""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

ROLES = {"initiatiefnemer": "initiator", "teamlid": "member", "penningmeester": "treasurer", "contactpersoon": "contact"}
SUPPORT = {"steun": "support", "meedoen": "join"}


def _recode(apps, model_name, field, table):
    model = apps.get_model("initiatives", model_name)
    for old, new in table.items():
        model.objects.filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _recode(apps, "TeamMember", "role", ROLES)
    _recode(apps, "Support", "kind", SUPPORT)


def backwards(apps, schema_editor):
    _recode(apps, "TeamMember", "role", {new: old for old, new in ROLES.items()})
    _recode(apps, "Support", "kind", {new: old for old, new in SUPPORT.items()})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_search_index")]

    operations = [
        constraints_immediate(),
        migrations.AlterField(
            model_name="support",
            name="kind",
            field=models.CharField(choices=[("support", "Ik steun dit"), ("join", "Ik doe mee")], max_length=8),
        ),
        migrations.AlterField(
            model_name="teammember",
            name="role",
            field=models.CharField(
                choices=[
                    ("initiator", "initiatiefnemer"),
                    ("member", "teamlid"),
                    ("treasurer", "penningmeester"),
                    ("contact", "contactpersoon"),
                ],
                default="member",
                max_length=16,
                verbose_name="rol",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        constraints_immediate(),
    ]
