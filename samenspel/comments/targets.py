"""What can be commented on: one registration per model.

An app makes its model a comment subject in its AppConfig.ready():

    register_target(
        Principle,
        key="uitgangspunt",                            # the URL segment: /reacties/uitgangspunt/<pk>/
        municipality="version.process.municipality",  # how the subject reaches its municipality
        may_post=may_react_to_principle,               # the permission hook: (user, subject) -> bool
    )

That is all a new subject needs: the comments panel, the posting and report views, the one
moderation queue and the `comments.*` permissions then work for it. The subject's page is its
`get_absolute_url()` and its name is `str(subject)`; a comment's place is that page at
`#reactie-<pk>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from urllib.parse import urlsplit, urlunsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class CommentTarget:
    model: type[models.Model]
    key: str
    municipality: str
    may_post: Callable  # a rules predicate (user, subject) -> bool
    # Subjects that are not public (a hidden initiative) are not found: 404, not 403.
    is_public: Callable = lambda subject: True
    # Who besides the author hears of a new comment: (subject) -> users; None for nobody.
    followers: Callable | None = None

    @property
    def related(self) -> str:
        return self.municipality.replace(".", "__")

    def municipality_of(self, subject):
        return attrgetter(self.municipality)(subject)

    def queryset(self):
        return self.model._default_manager.select_related(self.related)


_by_key: dict[str, CommentTarget] = {}
_by_model: dict[type, CommentTarget] = {}


def register_target(model, *, key: str, municipality: str, may_post, is_public=None, followers=None) -> CommentTarget:
    target = CommentTarget(
        model=model,
        key=key,
        municipality=municipality,
        may_post=may_post,
        is_public=is_public or (lambda subject: True),
        followers=followers,
    )
    _by_key[key] = target
    _by_model[model] = target
    return target


def target_of(subject_or_model) -> CommentTarget:
    model = subject_or_model if isinstance(subject_or_model, type) else type(subject_or_model)
    model = model._meta.concrete_model
    if model not in _by_model:
        raise LookupError(f"{model.__name__} is not registered as a comment target")
    return _by_model[model]


def registered_targets() -> list[CommentTarget]:
    return list(_by_model.values())


def subject_get(*, key: str, pk: int, municipality):
    """The public subject `key`/`pk` of this municipality, or 404."""
    target = _by_key.get(key)
    if target is None:
        raise Http404
    related = {target.related: municipality}
    subject = target.queryset().filter(pk=pk, **related).first()
    if subject is None or not target.is_public(subject):
        raise Http404
    return subject


def is_public(subject) -> bool:
    return subject is not None and target_of(subject).is_public(subject)


def subject_url(subject) -> str:
    """The subject's public page; the municipality home if that page is not wired."""
    try:
        return subject.get_absolute_url()
    except NoReverseMatch:
        municipality = target_of(subject).municipality_of(subject)
        return reverse("municipality_home", kwargs={"municipality": municipality.slug})


def comment_url(comment) -> str:
    """The comment's place: its subject's page, at the comment."""
    parts = urlsplit(subject_url(comment.target))
    return urlunsplit(parts._replace(fragment=f"reactie-{comment.pk}"))


def post_url(subject) -> str:
    target = target_of(subject)
    municipality = target.municipality_of(subject)
    return reverse(
        "comments:create", kwargs={"municipality": municipality.slug, "target": target.key, "pk": subject.pk}
    )


def content_type_of(subject) -> ContentType:
    return ContentType.objects.get_for_model(subject)
