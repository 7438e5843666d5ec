from .models import AuditEvent


def audit_event_list(*, municipality, action_prefix: str = ""):
    events = AuditEvent.objects.for_municipality(municipality).select_related("target_type")
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    return events
