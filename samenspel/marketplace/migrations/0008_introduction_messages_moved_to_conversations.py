# The thread of an introduction now lives in the conversations app (conversations 0002 moved
# every message there first), under its rule: only the parties, only after both accepted.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0007_introduction_shared_contact"),
        ("conversations", "0002_absorb_introduction_messages"),
    ]

    operations = [migrations.DeleteModel(name="IntroductionMessage")]
