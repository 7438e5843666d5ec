from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samenspel.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
