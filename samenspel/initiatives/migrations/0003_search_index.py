"""A GIN index for the Dutch full-text search, on PostgreSQL only.

The expression is exactly what selectors._search builds with SearchVector, so the
planner uses it; SQLite searches with LIKE and gets nothing here.
"""

from django.db import migrations

EXPRESSION = (
    "(setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A') || "
    "to_tsvector('dutch'::regconfig, COALESCE(pitch, '') || ' ' || COALESCE(story, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS initiative_search_dutch ON initiatives_initiative USING gin ({EXPRESSION})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search_dutch")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_images_updates")]
    operations = [migrations.RunPython(create, drop)]
