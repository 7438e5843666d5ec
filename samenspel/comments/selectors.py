"""Reads for the comments panel and the moderation queue; fixed query counts as rows grow."""

from collections import defaultdict

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Prefetch

from .models import Comment, Report
from .targets import registered_targets


def comments_for(*, subjects) -> dict[int, list[Comment]]:
    """{subject pk: its comments, oldest first} for subjects of one model, in one query."""
    by_subject: dict[int, list[Comment]] = defaultdict(list)
    for comment in Comment.objects.for_targets(subjects).select_related("author", "municipality"):
        by_subject[comment.object_id].append(comment)
    return by_subject


def _with_subjects(comments):
    """Each comment's subject loaded with what its page address needs: one query per kind of subject."""
    return comments.prefetch_related(GenericPrefetch("target", [t.queryset() for t in registered_targets()]))


def moderation_queue(*, municipality):
    """Comments on any subject with open reports, oldest report first, with their open reports and reporters."""
    open_reports = Report.objects.filter(status=Report.Status.OPEN).select_related("reporter")
    return _with_subjects(
        Comment.objects.for_municipality(municipality)
        .with_open_reports()
        .select_related("author", "municipality", "content_type")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("first_report_at", "pk")
    )


def hidden_comments(*, municipality, limit: int = 50):
    return _with_subjects(
        Comment.objects.for_municipality(municipality)
        .hidden()
        .select_related("author", "hidden_by", "municipality", "content_type")
        .order_by("-hidden_at", "-pk")
    )[:limit]


def comment_get(*, municipality, pk: int) -> Comment | None:
    return Comment.objects.select_related("author", "municipality").filter(municipality=municipality, pk=pk).first()
