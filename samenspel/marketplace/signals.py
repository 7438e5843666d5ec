"""Keep stored matches current whoever changes a need or offer (this app or initiatives).

The task is enqueued after commit, so it sees the saved row and its themes,
which are set after the first save.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import pipeline
from .models import Need, Offer


def _enqueue(side: str, listing) -> None:
    if pipeline.is_paused():
        return
    from .tasks import update_matches_for

    pk, municipality_id = listing.pk, listing.municipality_id
    transaction.on_commit(lambda: update_matches_for.enqueue(side, pk, municipality_id))


@receiver(post_save, sender=Need)
@receiver(post_delete, sender=Need)
def _need_changed(sender, instance, **kwargs):
    _enqueue("need", instance)


@receiver(post_save, sender=Offer)
@receiver(post_delete, sender=Offer)
def _offer_changed(sender, instance, **kwargs):
    _enqueue("offer", instance)


@receiver(m2m_changed, sender=Need.themes.through)
def _need_themes_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Need):
        _enqueue("need", instance)


@receiver(m2m_changed, sender=Offer.themes.through)
def _offer_themes_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Offer):
        _enqueue("offer", instance)
