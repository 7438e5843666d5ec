from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()

# Pages that are themselves about logging in: coming back to them after log-in makes no sense.
_NOT_A_DESTINATION = ("/account/", "/i18n/")


@register.simple_tag(takes_context=True)
def account_url(context, name: str) -> str:
    """The URL of an account page (log in, sign up) that brings the person back to this page."""
    url = reverse(name)
    request = context.get("request")
    if request is None:
        return url
    here = request.get_full_path()
    if here == "/" or here.startswith(_NOT_A_DESTINATION):
        # Already on an account page: pass on its own `next`, if any.
        came_from = request.GET.get("next")
        return f"{url}?{urlencode({'next': came_from})}" if came_from else url
    return f"{url}?{urlencode({'next': here})}"


@register.simple_tag
def identity_enabled(provider: str) -> bool:
    """Whether DigiD (or eHerkenning) is configured here: the pages offer it only then."""
    from samenspel.accounts.oidc import is_configured

    return is_configured(provider)
