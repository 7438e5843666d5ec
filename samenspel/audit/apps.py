from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samenspel.audit"
    verbose_name = "Audittrail"
