"""Stored values become English snake_case codes; the Dutch words stay the labels (gettext)."""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

CODES = {
    ("VisionProcess", "moderation"): {"vooraf": "pre", "achteraf": "post"},
    ("Statement", "status"): {"wacht": "pending", "zichtbaar": "published", "verborgen": "hidden"},
    ("VisionVersion", "status"): {"concept": "draft", "gepubliceerd": "published", "vastgesteld": "adopted"},
    ("AssessmentLine", "verdict"): {"draagt_bij": "contributes", "neutraal": "neutral", "strijdig": "conflicts"},
}


def _recode(apps, *, reverse: bool) -> None:
    for (model, field), codes in CODES.items():
        manager = apps.get_model("vision", model).objects
        for dutch, english in codes.items():
            old, new = (english, dutch) if reverse else (dutch, english)
            manager.filter(**{field: old}).update(**{field: new})


def forward(apps, schema_editor):
    _recode(apps, reverse=False)


def backward(apps, schema_editor):
    _recode(apps, reverse=True)


class Migration(migrations.Migration):

    dependencies = [
        ('vision', '0003_principle_comments_moved_to_comments'),
    ]

    operations = [
        constraints_immediate(),
        migrations.AlterField(
            model_name="assessmentline",
            name="verdict",
            field=models.CharField(max_length=12, verbose_name="oordeel"),
        ),
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name='assessmentline',
            name='verdict',
            field=models.CharField(choices=[('contributes', 'draagt bij'), ('neutral', 'neutraal'), ('conflicts', 'strijdig')], max_length=12, verbose_name='oordeel'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='status',
            field=models.CharField(choices=[('pending', 'wacht op moderatie'), ('published', 'zichtbaar'), ('hidden', 'verborgen')], default='published', max_length=10),
        ),
        migrations.AlterField(
            model_name='visionprocess',
            name='moderation',
            field=models.CharField(choices=[('pre', 'vooraf: stellingen verschijnen na goedkeuring'), ('post', 'achteraf: stellingen verschijnen direct')], default='post', max_length=8, verbose_name='moderatie'),
        ),
        migrations.AlterField(
            model_name='visionversion',
            name='status',
            field=models.CharField(choices=[('draft', 'in voorbereiding'), ('published', 'concept gepubliceerd'), ('adopted', 'vastgesteld')], default='draft', max_length=14, verbose_name='stand'),
        ),
        constraints_immediate(),
    ]
