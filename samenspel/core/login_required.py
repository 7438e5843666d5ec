"""Anonymous visitors of a refused page are asked to log in first, then brought back.

Staff pages (the coach desk, the moderation queue, role management, the audit trail,
budget management) refuse with PermissionDenied. For someone who is logged in that stays
a 403: they have no role here, and logging in again would not help. For an anonymous
visitor it usually means "not yet": a bare 403 would strand a coach who opened a link from
an e-mail. One place decides this for every app, so no view needs its own check.

Only page views (GET/HEAD, not htmx fragments, not the API, which answers problem+json)
redirect; a refused POST keeps its 403 and changes nothing.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .actions import is_htmx


class LoginForAnonymousMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD") or is_htmx(request) or request.path.startswith("/api/"):
            return None
        return redirect_to_login(request.get_full_path())
