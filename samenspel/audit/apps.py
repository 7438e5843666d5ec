from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samenspel.audit"
    verbose_name = "Audittrail"

    def ready(self) -> None:
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("audit", personal_data.export, personal_data.erase, order=90))
