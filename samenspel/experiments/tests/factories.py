"""Factories for experiments: an experiment on a rule obstacle with experiment space."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from samenspel.coaching.models import ExperimentSpace, Outcome
from samenspel.coaching.tests.factories import InitiativeFactory, RuleObstacleFactory
from samenspel.experiments.models import Comparison, Experiment, Indicator


def obstacle_with_space(municipality, *, evaluation_in_days=30, **initiative):
    """A rule obstacle decided as experiment space, on a fresh initiative of the municipality."""
    obstacle = RuleObstacleFactory(
        initiative=InitiativeFactory(municipality=municipality, **initiative),
        outcome=Outcome.EXPERIMENT,
        outcome_reasoning="Een jaar proberen.",
    )
    today = timezone.localdate()
    ExperimentSpace.objects.create(
        obstacle=obstacle,
        scope="Alleen voor dit initiatief.",
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=35) + datetime.timedelta(days=evaluation_in_days),
        evaluation_date=today + datetime.timedelta(days=evaluation_in_days),
        conditions="Resultaten delen bij de evaluatie.",
    )
    return obstacle


class ExperimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experiment

    title = factory.Sequence(lambda n: f"Subsidie aan groepen inwoners {n}")
    question = "Kunnen groepen inwoners zonder stichting verantwoord met een kleine subsidie werken?"
    hypothesis = "Zonder de eis van een rechtspersoon komen er meer aanvragen, zonder meer misbruik."
    departs_from = "Subsidie alleen voor rechtspersonen."
    comparison = Comparison.BEFORE_AFTER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=300))
    evaluation_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    experiment = factory.SubFactory(ExperimentFactory)
    name = "Aanvragen van groepen inwoners per jaar"
    unit = "aanvragen"
    baseline = Decimal("2")
    target = Decimal("10")
