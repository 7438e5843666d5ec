from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import AuditEvent


@transaction.atomic
def audit_record(
    *,
    municipality,
    actor,
    action: str,
    summary: str,
    target=None,
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Write one entry in the audit trail; callers do so inside their own transaction."""
    event = AuditEvent(
        municipality=municipality,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(actor.display_name if actor is not None and actor.is_authenticated else "systeem")[:150],
        action=action,
        summary=summary[:500],
        reason=reason,
        data=data or {},
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:250]
    event.full_clean()
    event.save()
    return event
