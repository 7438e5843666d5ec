"""Dutch full-text search on SQLite: an FTS5 table of stemmed lexemes, kept in step by triggers.

`initiatives_search` holds, per initiative (rowid = initiative id), the lexemes of the title
and of pitch + story, as `initiatives.search.lexemes` makes them (PostgreSQL's `dutch`
configuration, emulated). Three triggers keep it in step on every insert, edit of the text
and delete, whichever code path writes (services, admin, seeding, a bulk update): the
index cannot drift from the table. They call `samenspel_dutch_lexemes()`, a Python function
every Django connection registers (`InitiativesConfig.ready`); a bare `sqlite3` shell that
edits initiatives would need it too. PostgreSQL searches with its own `dutch` configuration
and the GIN index of 0003; nothing happens there.
"""

from django.db import migrations

from samenspel.initiatives.search import FUNCTION, register_sqlite_functions

TABLE = "initiatives_search"
DOCUMENT = f"{FUNCTION}(new.title), {FUNCTION}(COALESCE(new.pitch, '') || ' ' || COALESCE(new.story, ''))"
CREATE = [
    # The stored text is lexemes separated by spaces; the tokenizer must not split them again.
    f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        title, body, tokenize = "unicode61 remove_diacritics 0 tokenchars '-.@/+_?=&#~'")""",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON initiatives_initiative BEGIN
        INSERT INTO {TABLE}(rowid, title, body) VALUES (new.id, {DOCUMENT});
    END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, title, pitch, story ON initiatives_initiative
    WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.pitch IS NOT new.pitch
        OR old.story IS NOT new.story
    BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        INSERT INTO {TABLE}(rowid, title, body) VALUES (new.id, {DOCUMENT});
    END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON initiatives_initiative BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
    END""",
    # Existing initiatives.
    f"""INSERT INTO {TABLE}(rowid, title, body)
        SELECT id, {DOCUMENT.replace("new.", "")} FROM initiatives_initiative""",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{when}" for when in ("insert", "update", "delete")] + [
    f"DROP TABLE IF EXISTS {TABLE}"
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # Already registered by the app on connect; again here so the migration stands on its own.
    register_sqlite_functions(schema_editor.connection.connection)
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_english_codes_for_roles_and_support")]
    operations = [migrations.RunPython(create, drop)]
