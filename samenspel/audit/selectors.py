from .models import AuditEvent


def audit_event_list(*, municipality):
    return AuditEvent.objects.for_municipality(municipality).select_related("target_type")
