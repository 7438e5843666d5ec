from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


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
