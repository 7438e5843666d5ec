"""The library's share of a person's data (AVG): the practices a staff member published and the
adoptions they recorded. Never shown publicly; on deletion the link is cleared (SET_NULL) and
the practice stays, as the municipality's publication."""

from .models import Adoption, Practice


def export(user) -> dict:
    return {
        "practices": {
            "published": [
                {"municipality": p.municipality.name, "title": p.title}
                for p in Practice.objects.filter(published_by=user).select_related("municipality")
            ],
            "adopted": [
                {"municipality": a.municipality.name, "practice": a.practice.title}
                for a in Adoption.objects.filter(adopted_by=user).select_related("municipality", "practice")
            ],
        }
    }
