"""One comments table for every subject: initiative comments get a generic target, the
principle comments of the vision app move in, and `is_hidden` becomes derived from `hidden_at`.

Merged rules: a deleted account leaves its comments without a name (SET_NULL), a hide reason is
at most 300 characters (longer old reasons are cut), and hidden comments always have a moment.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length

from samenspel.core.migration_ops import constraints_immediate

REASON_MAX = 300


def forward(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Initiative = apps.get_model("initiatives", "Initiative")
    PrincipleComment = apps.get_model("vision", "PrincipleComment")
    initiative_type, _ = ContentType.objects.get_or_create(app_label="initiatives", model="initiative")
    principle_type, _ = ContentType.objects.get_or_create(app_label="vision", model="principle")

    Comment.objects.update(
        municipality_id=Subquery(Initiative.objects.filter(pk=OuterRef("initiative_id")).values("municipality_id")[:1]),
        content_type_id=initiative_type.pk,
        object_id=F("initiative_id"),
    )
    Comment.objects.filter(is_hidden=True, hidden_at__isnull=True).update(hidden_at=F("created"))
    Comment.objects.filter(is_hidden=False).update(hidden_at=None, hidden_by=None, hidden_reason="")
    for comment in Comment.objects.annotate(n=Length("hidden_reason")).filter(n__gt=REASON_MAX):
        Comment.objects.filter(pk=comment.pk).update(hidden_reason=comment.hidden_reason[:REASON_MAX])

    old = PrincipleComment.objects.select_related("principle__version__process").order_by("created", "pk")
    for principle_comment in old.iterator():
        hidden = principle_comment.is_hidden
        comment = Comment.objects.create(
            municipality_id=principle_comment.principle.version.process.municipality_id,
            content_type_id=principle_type.pk,
            object_id=principle_comment.principle_id,
            author_id=principle_comment.author_id,
            text=principle_comment.text,
            is_hidden=hidden,
            hidden_reason=principle_comment.hidden_reason[:REASON_MAX] if hidden else "",
            hidden_by_id=principle_comment.hidden_by_id if hidden else None,
            hidden_at=(principle_comment.hidden_at or principle_comment.created) if hidden else None,
        )
        # `created` is auto_now_add: keep the original moment.
        Comment.objects.filter(pk=comment.pk).update(created=principle_comment.created)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatives", "0002_images_updates"),
        ("municipalities", "0002_theme"),
        ("vision", "0002_principle_comment_moderation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        constraints_immediate(),
        migrations.AddField(
            model_name="comment",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="municipalities.municipality",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="content_type",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
            ),
        ),
        migrations.AddField(model_name="comment", name="object_id", field=models.PositiveBigIntegerField(null=True)),
        migrations.AlterField(
            model_name="comment",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="comments",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="initiative",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="initiatives.initiative",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="comment", name="comments_co_initiat_f25562_idx"),
        migrations.RemoveField(model_name="comment", name="initiative"),
        migrations.RemoveField(model_name="comment", name="is_hidden"),
        migrations.AlterField(
            model_name="comment",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="municipalities.municipality"
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
            ),
        ),
        migrations.AlterField(model_name="comment", name="object_id", field=models.PositiveBigIntegerField()),
        migrations.AlterField(
            model_name="comment",
            name="hidden_reason",
            field=models.CharField(blank=True, max_length=300, verbose_name="reden van verbergen"),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["content_type", "object_id", "created"], name="comments_co_content_96cafb_idx"),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["municipality", "hidden_at"], name="comments_co_municip_53ee4d_idx"),
        ),
        constraints_immediate(),
    ]
