"""Principle comments now live in the comments app (copied there by comments 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vision", "0002_principle_comment_moderation"),
        ("comments", "0002_comments_on_any_subject"),
    ]

    operations = [migrations.DeleteModel(name="PrincipleComment")]
