from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache

from .api import problem_response


def page(request, template: str):
    return render(request, template)


@never_cache
def healthz(request):
    """Liveness and database check for load balancers; says nothing else about the site."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means: take this server out of rotation
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic in production.
    return HttpResponsePermanentRedirect(static("samenspel/favicon.svg"))


# Error pages. Under /api/ every error is problem+json, also the ones Django answers before or
# after DRF (an unknown address, a crash); elsewhere Django's pages with our templates.


def _api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _api(request):
        return problem_response(request, 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _api(request):
        return problem_response(request, 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _api(request):
        return problem_response(request, 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _api(request):
        return problem_response(request, 500)
    return defaults.server_error(request)
