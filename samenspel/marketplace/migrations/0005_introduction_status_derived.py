"""An introduction's status is derived from its acceptance timestamps and outcome, not stored.

A decline was the only state the timestamps could not tell, so it gets its own moment
(`declined_at`, taken from the row's last change for old rows) before `status` goes.
"""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate


def keep_declines(apps, schema_editor):
    Introduction = apps.get_model("marketplace", "Introduction")
    for introduction in Introduction.objects.filter(status="declined").only("pk", "updated"):
        Introduction.objects.filter(pk=introduction.pk).update(declined_at=introduction.updated)


def restore_status(apps, schema_editor):
    Introduction = apps.get_model("marketplace", "Introduction")
    Introduction.objects.exclude(outcome="").update(status="closed")
    Introduction.objects.filter(outcome="").exclude(declined_at=None).update(status="declined")
    Introduction.objects.filter(
        outcome="", declined_at=None, need_side_accepted_at__isnull=False, offer_side_accepted_at__isnull=False
    ).update(status="accepted")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0004_listings_at_their_area_centre")]

    operations = [
        constraints_immediate(),
        migrations.AddField(
            model_name="introduction", name="declined_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.RunPython(keep_declines, restore_status),
        migrations.RemoveField(model_name="introduction", name="status"),
        constraints_immediate(),
    ]
