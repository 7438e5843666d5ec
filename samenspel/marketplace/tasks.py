"""Background jobs of the marketplace (django-tasks), and how a listing change reaches them.

The pipeline (and with it the matching engine, numpy and scikit-learn) is imported
inside each task, so importing the app, its pages or its services does not load them.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django_tasks import task

_paused = threading.local()


@contextmanager
def matching_paused():
    """Queue no per-listing updates (e.g. while seeding); run `matches_recompute` afterwards."""
    previous = getattr(_paused, "on", False)
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = previous


def is_paused() -> bool:
    return getattr(_paused, "on", False)


def match_update_enqueue(*, listing) -> None:
    """Queue one update of the stored matches of this need or offer, after the commit.

    Every listing service calls this exactly once, as its last step: after the commit
    the task sees the saved row and its themes (set after the first save).
    """
    if is_paused():
        return
    side, pk, municipality_id = listing.listing_type, listing.pk, listing.municipality_id
    transaction.on_commit(lambda: update_matches_for.enqueue(side, pk, municipality_id))


@task()
def recompute_matches(municipality_id: int) -> int:
    """Refit the matching engine and rewrite every stored match of one municipality."""
    from . import pipeline

    return pipeline.matches_recompute(municipality_id=municipality_id)


@task()
def update_matches_for(side: str, id: int, municipality_id: int | None = None) -> str:
    """Update the stored matches after one need (side="need") or offer ("offer") changed."""
    from . import pipeline

    return pipeline.matches_update_for(side=side, listing_id=id, municipality_id=municipality_id)


@task()
def send_match_digests() -> int:
    """The weekly "nieuwe matches" e-mails (see digests.match_digests_send)."""
    from .digests import match_digests_send

    return match_digests_send()
