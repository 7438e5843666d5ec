from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "samenspel.organisations"
    verbose_name = "Organisaties"

    def ready(self):
        from samenspel.core.registry import PersonalData, register_personal_data

        from . import personal_data

        register_personal_data(PersonalData("organisations", personal_data.export, None, order=5))
        from . import home

        home.register()
