"""Presentation helpers for comments in templates: where a comment lives and what it is about."""

from django import template

from samenspel.comments.targets import comment_url as _comment_url

register = template.Library()


@register.filter
def comment_url(comment) -> str:
    """The comment's place on its subject's page."""
    return _comment_url(comment)


@register.filter
def subject_kind(comment) -> str:
    """What the comment is about, as a word: "initiatief", "uitgangspunt"."""
    return str(comment.content_type.model_class()._meta.verbose_name)
