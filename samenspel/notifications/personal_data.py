"""Notifications' share of a person's data (AVG): what they were told, and others' notifications naming them."""

from samenspel.core.erasure import replace_name

from .models import Notification
from .selectors import preference_for


def export(user) -> dict:
    return {
        "notifications": {
            "email_digest": preference_for(user=user).email_digest,
            "items": [
                {
                    "title": n.headline,
                    "link": n.url,
                    "created": n.created.isoformat(),
                    "read": n.read_at.isoformat() if n.read_at else None,
                }
                for n in Notification.objects.filter(user=user).prefetch_related("subject")
            ],
        }
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # Others' notifications that named the person ("Coach toegewezen: ...").
    replace_name(Notification.objects.all(), ("title", "body", "subject_label"), user.display_name, pseudonym)
