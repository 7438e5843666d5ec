from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samenspel.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import rules  # noqa: F401  (registers the permissions)
        from .identity_views import link_pending_digid

        user_logged_in.connect(link_pending_digid, dispatch_uid="samenspel-link-pending-digid")
