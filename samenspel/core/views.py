from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samenspel.municipalities.selectors import municipality_list

from .registry import home_sections


def root(request):
    return render(request, "core/root.html", {"municipalities": municipality_list()})


def municipality_home(request):
    municipality = request.municipality
    sections = []
    for section in home_sections:
        context = section.context(request, municipality)
        if context is not None:
            sections.append({"template": section.template, "context": context, "key": section.key})
    return render(request, "core/municipality_home.html", {"municipality": municipality, "sections": sections})


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
