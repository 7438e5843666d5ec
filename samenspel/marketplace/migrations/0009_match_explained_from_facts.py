"""A match stores the facts of its explanation; the sentence is said when read, in the reader's language.

Existing rows get their facts back from the Dutch sentence the engine wrote (its shape is
fixed: "zelfde buurt, 600 m; past bij: ruimte; thema: groen; woorden: grond, moestuin"), so
every page says the same as before until the next recompute writes the facts directly.
"""

import re

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

# The engine's theme words (matching.THEME_LABELS as of this migration), back to their codes.
THEMES = {
    "energie": "energie",
    "groen": "groen",
    "zorg en welzijn": "zorg-welzijn",
    "jeugd": "jeugd",
    "wonen": "wonen",
    "veiligheid": "veiligheid",
    "cultuur": "cultuur",
    "mobiliteit": "mobiliteit",
    "economie": "economie",
    "sport": "sport",
}


def _distance(text: str):
    metres = re.fullmatch(r"(\d+) m", text)
    if metres:
        return int(metres.group(1))
    km = re.fullmatch(r"(\d+)(?:,(\d))? km", text)
    if km:
        return int(km.group(1)) * 1000 + int(km.group(2) or 0) * 100
    return None


def facts_of(sentence: str) -> dict:
    facts = {"distance_m": None, "same_area": None, "shared_themes": [], "shared_words": []}
    parts = sentence.split("; ")
    for bit in parts[0].split(", ") if parts else []:
        if bit in ("zelfde buurt", "zelfde wijk"):
            facts["same_area"] = bit.split()[1]
        elif _distance(bit) is not None:
            facts["distance_m"] = _distance(bit)
    for part in parts[1:]:
        label, _, rest = part.partition(": ")
        if label in ("thema", "thema's"):
            facts["shared_themes"] = [THEMES.get(word, word) for word in rest.split(", ")]
        elif label in ("woord", "woorden"):
            facts["shared_words"] = rest.split(", ")
    return facts


def forwards(apps, schema_editor):
    Match = apps.get_model("marketplace", "Match")
    for match in Match.objects.only("pk", "explanation").iterator():
        Match.objects.filter(pk=match.pk).update(facts=facts_of(match.explanation))


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0008_introduction_messages_moved_to_conversations")]

    operations = [
        constraints_immediate(),
        migrations.AddField(
            model_name="match",
            name="facts",
            field=models.JSONField(default=dict, verbose_name="feiten"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="match", name="explanation"),
        constraints_immediate(),
    ]
