import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from .factories import ExperimentFactory, IndicatorFactory, obstacle_with_space


@pytest.fixture
def make_experiment(municipality):
    """An experiment on a rule obstacle with space; `state` running, overdue or evaluated."""

    def make(state="running", measured=Decimal("12"), **kwargs):
        obstacle = obstacle_with_space(municipality)
        days = -3 if state == "overdue" else 30
        experiment = ExperimentFactory(
            municipality=municipality,
            obstacle=obstacle,
            evaluation_date=timezone.localdate() + datetime.timedelta(days=days),
            **kwargs,
        )
        IndicatorFactory(experiment=experiment, measured=measured)
        if state == "evaluated":
            experiment.result, experiment.verdict = "worked", "scale_up"
            experiment.learned, experiment.verdict_reasoning = "Het werkte.", "Opschalen."
            experiment.evaluated_at = timezone.now()
            experiment.save()
        return experiment

    return make
