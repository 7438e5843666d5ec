"""Report reasons are stored as English snake_case codes; the Dutch words stay the labels."""

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate

CODES = {
    "kwetsend": "offensive",
    "discriminerend": "discrimination",
    "persoonsgegevens": "personal_data",
    "anders": "other",
}


def forward(apps, schema_editor):
    Report = apps.get_model("comments", "Report")
    for dutch, english in CODES.items():
        Report.objects.filter(reason=dutch).update(reason=english)


def backward(apps, schema_editor):
    Report = apps.get_model("comments", "Report")
    for dutch, english in CODES.items():
        Report.objects.filter(reason=english).update(reason=dutch)


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0002_comments_on_any_subject'),
    ]

    operations = [
        constraints_immediate(),
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name='report',
            name='reason',
            field=models.CharField(choices=[('offensive', 'Kwetsend of beledigend'), ('discrimination', 'Discriminerend'), ('spam', 'Spam of reclame'), ('personal_data', 'Bevat persoonsgegevens'), ('other', 'Anders')], max_length=20, verbose_name='reden'),
        ),
        constraints_immediate(),
    ]
