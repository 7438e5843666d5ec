"""Reads of experiments, always scoped by municipality."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samenspel.coaching.models import Outcome, RuleObstacle
from samenspel.municipalities.models import Role

from .models import Experiment, Indicator

STATES = ("running", "overdue", "evaluated")


def _base():
    return Experiment.objects.select_related(
        "municipality", "obstacle__rule", "obstacle__initiative", "obstacle__experiment"
    ).prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("pk")))


def experiments_of(*, municipality, state: str = ""):
    """The municipality's experiments: overdue evaluations first, then by evaluation date."""
    qs = _base().filter(municipality=municipality)
    today = timezone.localdate()
    if state == "running":
        qs = qs.running().filter(evaluation_date__gte=today)
    elif state == "overdue":
        qs = qs.overdue(today)
    elif state == "evaluated":
        qs = qs.evaluated()
    return qs.order_by("evaluated_at", "evaluation_date", "pk")


def experiment_in(*, municipality, pk: int) -> Experiment:
    return get_object_or_404(_base(), municipality=municipality, pk=pk)


def indicator_of(*, experiment: Experiment, pk: int) -> Indicator:
    return get_object_or_404(Indicator, experiment=experiment, pk=pk)


def obstacles_for_experiments(*, municipality):
    """Rule obstacles an experiment can depart from: with experiment space granted, or not decided yet."""
    return (
        RuleObstacle.objects.filter(rule__municipality=municipality, outcome__in=[Outcome.EXPERIMENT, Outcome.PENDING])
        .select_related("rule", "initiative")
        .order_by("rule__title", "initiative__title")
    )


def evaluations_due(*, municipality, days: int = 30, today=None) -> dict:
    """For the coaches' desk: evaluations overdue, and those due within `days` days."""
    today = today or timezone.localdate()
    qs = _base().filter(municipality=municipality)
    return {
        "overdue": list(qs.overdue(today).order_by("evaluation_date", "pk")),
        "soon": list(qs.due_within(days, today).order_by("evaluation_date", "pk")),
    }


def reminder_recipients(*, experiment: Experiment) -> list:
    """Who is reminded of an evaluation: the coach of the linked initiative, else the administrators."""
    obstacle = experiment.obstacle
    if obstacle is not None and obstacle.initiative.coach_id and obstacle.initiative.coach.is_active:
        return [obstacle.initiative.coach]
    return list(
        get_user_model().objects.filter(
            memberships__municipality=experiment.municipality, memberships__role=Role.ADMIN, is_active=True
        )
    )
