"""Experiments' share of a person's data (AVG): only staff appear here, as who set up or evaluated
an experiment. On deletion the link is cleared (SET_NULL); the experiment and its verdict stay,
as the municipality's decision."""

from django.db.models import Q

from .models import Experiment


def export(user) -> dict:
    rows = Experiment.objects.filter(Q(created_by=user) | Q(evaluated_by=user)).select_related("municipality")
    return {
        "experiments": [
            {
                "municipality": e.municipality.name,
                "title": e.title,
                "set_up": e.created_by_id == user.pk,
                "evaluated": e.evaluated_by_id == user.pk,
            }
            for e in rows
        ]
    }
