from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        municipality = getattr(request, "context_municipality", None)
        if municipality is not None:
            return municipality.get_absolute_url()
        return super().get_login_redirect_url(request)
