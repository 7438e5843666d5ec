from django.db import transaction

from .models import Notification


@transaction.atomic
def notification_send(*, users, title: str, url: str = "", body: str = "", municipality=None, exclude=None) -> int:
    """Put a notification in each user's list; the daily digest task mails them later."""
    exclude_pk = getattr(exclude, "pk", None)
    rows = [
        Notification(user=user, municipality=municipality, title=title[:200], url=url, body=body)
        for user in {u.pk: u for u in users}.values()
        if user.pk != exclude_pk
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notification_send_to_followers(*, initiative, title: str, url: str = "", body: str = "", actor=None) -> int:
    """Tell everyone who follows an initiative (except whoever caused it)."""
    from django.contrib.auth import get_user_model

    followers = get_user_model().objects.filter(follows__initiative=initiative, is_active=True)
    return notification_send(
        users=followers,
        title=title,
        url=url or initiative.get_absolute_url(),
        body=body,
        municipality=initiative.municipality,
        exclude=actor,
    )
