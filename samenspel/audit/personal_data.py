"""The audit trail's share of a person's data (AVG): what it recorded them doing, kept under a pseudonym."""

from django.db import models

from samenspel.core.erasure import replace_name

from .models import AuditEvent


def export(user) -> dict:
    # Summaries and subjects may name other people, so only the action and the time.
    return {
        "audit_trail": [
            {"action": e.action, "when": e.created.isoformat()} for e in AuditEvent.objects.filter(actor=user)
        ]
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # The trail is append-only; erasure is its one allowed change (AuditEvent's own QuerySet
    # refuses updates, so the plain QuerySet update is called on purpose): a pseudonym for the
    # name, as the actor and wherever a summary or subject spelled it out.
    models.QuerySet.update(AuditEvent.objects.filter(actor=user), actor_name=pseudonym)
    replace_name(
        AuditEvent.objects.all(), ("summary", "target_repr", "reason"), user.display_name, pseudonym, guarded=True
    )
