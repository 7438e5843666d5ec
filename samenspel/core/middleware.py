import logging

from django.conf import settings

logger = logging.getLogger(__name__)


class ApiVersionMiddleware:
    """Adds the API-Version header the NL API Design Rules ask for (API-57)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose another language with the switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show a
    municipality's site in English to every resident with an English browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in value for value in items) for key, items in values)


class RefuseNulBytesMiddleware:
    """Answers 400 to a request with a NUL byte in its address, query string, form data or cookies.

    No person types a NUL byte, and PostgreSQL refuses it in text (a DataError, so a 500 wherever
    a parameter reaches a query). Refused here, once, no view or filter has to think of it: under
    /api/ as problem+json, elsewhere as a Dutch page. Sits after the authentication and
    municipality middleware (their work is lazy or per view), so the page can render as any other.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            return self._refuse(request)
        return self.get_response(request)

    def _carries_nul(self, request) -> bool:
        if "\x00" in request.path or _has_nul(request.GET.lists()):
            return True
        if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
            return True
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

            try:
                return _has_nul(request.POST.lists())
            except (RequestDataTooBig, TooManyFieldsSent):
                return False  # Django's own 400 follows when the view reads the form
        return False

    def _refuse(self, request):
        from django.contrib.auth.models import AnonymousUser
        from django.contrib.sessions.backends.base import SessionBase
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from .api import problem_response

        if request.path.startswith("/api/"):
            return problem_response(request, 400, detail=_("Het verzoek bevat een ongeldig teken (NUL)."))
        # A cookie may be what carries the NUL: render without looking up its session or user.
        request.user = AnonymousUser()
        request.session = SessionBase()
        return render(request, "400.html", status=400)


class CacheOutageMiddleware:
    """A view that fails because the cache (Redis) cannot be reached answers 503 with a Dutch
    page (problem+json under /api/), not a 500.

    Our own limits already refuse with a message on the form (`core.ratelimit` fails closed);
    this catches what reaches the cache elsewhere, such as allauth's log-in limits. Nothing is
    half-done: the view's transaction was rolled back by the exception.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .ratelimit import cache_errors

        if not isinstance(exception, cache_errors()):
            return None
        logger.warning("cache unavailable during %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            from .api import problem_response

            return problem_response(request, 503)
        from django.shortcuts import render

        response = render(request, "503.html", status=503)
        response["Retry-After"] = "120"
        return response
