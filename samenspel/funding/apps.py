from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "samenspel.funding"
    verbose_name = "Resultaatfinanciering"

    def ready(self):
        pass
