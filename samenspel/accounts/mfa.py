"""Staff log in with two steps: a coach, moderator, municipality administrator or superuser
without an authenticator app is sent to set one up before any other page (STAFF_MFA_REQUIRED).

The second step itself is allauth's (`allauth.mfa`: TOTP and recovery codes); allauth asks
for it at every log-in of an account that has one. This middleware only makes having one
obligatory for the people who can see and decide more than residents (BIO2 on privileged
accounts).
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


def is_staff_person(user) -> bool:
    """Holds a role beyond resident in any municipality, or is a superuser."""
    from samenspel.municipalities.models import Membership

    if not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.staff().filter(user=user).exists()


def has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    # What a person setting up the second step still needs: allauth's MFA pages, the password
    # again (allauth asks it before adding a second step), logging out,
    # static files, the language switch and the health check.
    ALLOWED_PREFIXES = (
        "/account/2fa/",
        "/account/reauthenticate/",
        "/account/logout/",
        "/static/",
        "/i18n/",
        "/healthz",
        "/.well-known/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            message = _(
                "U werkt voor de gemeente op Samenspel. Stel eerst een tweede stap in met een "
                "authenticator-app; daarna kunt u verder."
            )
            if request.headers.get("HX-Request"):
                # A part of a page (the notification badge, an in-page action): a redirect
                # would put a whole page inside it. A read answers nothing to swap; an action
                # is refused with the reason, which the page shows in its live region.
                if request.method in ("GET", "HEAD"):
                    return HttpResponse(status=204)
                return HttpResponseForbidden(message)
            messages.warning(request, message)
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if not settings.STAFF_MFA_REQUIRED or not request.user.is_authenticated:
            return False
        if request.path.startswith(self.ALLOWED_PREFIXES):
            return False
        return is_staff_person(request.user) and not has_authenticator(request.user)
