from django.shortcuts import get_object_or_404

from .models import Notification, NotificationPreference


def notifications_for(*, user):
    return Notification.objects.filter(user=user).select_related("municipality").prefetch_related("subject")


def notification_of(*, user, pk: int) -> Notification:
    """One of the user's own notifications; anyone else's is a 404."""
    return get_object_or_404(Notification, pk=pk, user=user)


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user).unread().count()


def preference_for(*, user) -> NotificationPreference:
    """The user's choice, or the default (not saved) when they never chose."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
