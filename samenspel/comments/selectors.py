"""Reads for the comments panel and the moderation queue; fixed query counts as rows grow."""

from django.db.models import Prefetch

from .models import Comment, Report


def comments_for_initiative(*, initiative):
    return Comment.objects.filter(initiative=initiative).select_related("author")


def moderation_queue(*, municipality):
    """Comments with open reports, oldest report first, each with its open reports and reporters."""
    open_reports = Report.objects.filter(status=Report.Status.OPEN).select_related("reporter")
    return (
        Comment.objects.for_municipality(municipality)
        .with_open_reports()
        .select_related("author", "initiative__municipality")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("first_report_at", "pk")
    )


def hidden_comments(*, municipality, limit: int = 50):
    return (
        Comment.objects.for_municipality(municipality)
        .filter(is_hidden=True)
        .select_related("author", "hidden_by", "initiative__municipality")
        .order_by("-hidden_at", "-pk")[:limit]
    )
