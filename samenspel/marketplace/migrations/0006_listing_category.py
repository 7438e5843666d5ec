"""`kind` meant two things (need or offer, and money/space/...): the second is now `category`."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0005_introduction_status_derived")]

    operations = [
        migrations.RenameField(model_name="need", old_name="kind", new_name="category"),
        migrations.RenameField(model_name="offer", old_name="kind", new_name="category"),
    ]
