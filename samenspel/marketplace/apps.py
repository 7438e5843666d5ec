from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "samenspel.marketplace"
    verbose_name = "Maatschappelijke marktplaats"
