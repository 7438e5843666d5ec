"""Background jobs of the marketplace (django-tasks)."""

from django_tasks import task

from . import pipeline


@task()
def recompute_matches(municipality_id: int) -> int:
    """Refit the matching engine and rewrite every stored match of one municipality."""
    return pipeline.matches_recompute(municipality_id=municipality_id)


@task()
def update_matches_for(kind: str, id: int, municipality_id: int | None = None) -> str:
    """Update the stored matches after one need (kind="need") or offer ("offer") changed."""
    return pipeline.matches_update_for(side=kind, listing_id=id, municipality_id=municipality_id)


@task()
def send_match_digests() -> int:
    """The weekly "nieuwe matches" e-mails (see services.match_digests_send)."""
    from .services import match_digests_send

    return match_digests_send()
