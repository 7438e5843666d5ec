from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import PermissionDenied

from samenspel.core import ratelimit
from samenspel.core.client import client_address, client_key
from samenspel.core.site import absolute_url, current_site

from .selectors import municipalities_of, municipality_of_request, safe_next

# Where a sign-up came from, kept in the session until the first log-in: with mandatory
# e-mail confirmation, sign-up and log-in are separate requests (the link in the mail).
SIGNUP_NEXT_KEY = "samenspel_signup_next"


def _account(credentials) -> str:
    """Whose log-in failed, for counting: the login alone. allauth also names the site by the
    request's host, port included (no sites framework here), so `Host: site:1`, `site:2` …
    sent straight to an app server would each start a fresh count."""
    return str(credentials.get("email", credentials.get("username", ""))).lower()


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client as TRUSTED_PROXIES reveal it: allauth's rate limits count this address.

        allauth's own reading trusts X-Forwarded-For by position (ALLAUTH_TRUSTED_PROXY_COUNT),
        whoever sent the request; core.client trusts it only from a configured proxy.
        """
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed log-ins count per account *and* client (allauth's `key` rate).

        Per account alone, anyone could lock an account's owner out by typing wrong passwords
        for it; the per-client rate (`ip`) and the per-account cap over all clients
        (`pre_authenticate`) bound guessing from one place and from many.
        """
        return f"{_account(credentials)}:{client_key(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        account = _account(credentials)
        # Counted before the password is checked (a burst gets no more through than the cap),
        # taken back when it was right (see authenticate).
        self._account_failures = f"login-failed:account:{account}"
        if ratelimit.hit(key=self._account_failures, period=3600, window="") > settings.LOGIN_FAILURE_LIMIT_ACCOUNT:
            self._rollback_login_failed_rl_usage()
            ratelimit.hit(key=self._account_failures, period=3600, window="", delta=-1)
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None and getattr(self, "_account_failures", None):
            ratelimit.hit(key=self._account_failures, period=3600, window="", delta=-1)
        return user

    def get_login_redirect_url(self, request):
        """Back to where the person was; called only when the log-in itself carries no `next`.

        Then: the page a sign-up came from, the municipality last visited, the person's own
        municipality, and only for someone with none of these "Kies uw gemeente".
        """
        remembered = safe_next(request, request.session.pop(SIGNUP_NEXT_KEY, None))
        if remembered:
            return remembered
        municipality = municipality_of_request(request)
        if municipality is None and request.user.is_authenticated:
            municipality = municipalities_of(user=request.user).first()
        if municipality is not None:
            return municipality.get_absolute_url()
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails name the site (SITE_NAME) and link to SITE_URL, not to the request's host.

        allauth builds its links (confirm, reset, sign up) from the request; they are moved
        onto the configured address here, so every allauth mail follows one setting.
        """
        request = allauth_context.request
        request_root = request.build_absolute_uri("/") if request is not None else None
        rebased = {
            key: absolute_url(value[len(request_root) - 1 :])
            if request_root and isinstance(value, str) and value.startswith(request_root)
            else value
            for key, value in context.items()
        }
        ctx = {"request": request, "email": email, "current_site": current_site(), **rebased}
        self.render_mail(template_prefix, email, ctx).send()
