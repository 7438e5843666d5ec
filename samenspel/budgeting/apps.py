from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "samenspel.budgeting"
    verbose_name = "Burgerbegroting"
