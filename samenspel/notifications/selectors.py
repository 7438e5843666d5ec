from .models import Notification


def notifications_for(*, user):
    return Notification.objects.filter(user=user).select_related("municipality")


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user).unread().count()
