"""Conversations' share of a person's data (AVG): the messages they wrote. Only their own words:
the other side's replies are theirs. On deletion the messages go (unlike public comments): a
private message may hold a phone number or an address."""

from .models import Message


def export(user) -> dict:
    return {
        "messages_you_wrote": [
            {"text": m.body, "created": m.created.isoformat()} for m in Message.objects.filter(author=user)
        ]
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    Message.objects.filter(author=user).delete()
