from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .cookies import participant_key
from .services import participant_claim


@receiver(user_logged_in, dispatch_uid="vision_claim_anonymous_votes")
def claim_anonymous_votes(sender, request, user, **kwargs):
    """Votes cast before logging in become the account's votes."""
    key = participant_key(request) if request is not None else None
    if key is not None:
        participant_claim(user=user, key=key)
