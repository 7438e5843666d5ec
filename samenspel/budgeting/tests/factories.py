"""Factories for the burgerbegroting; `round_in_phase` builds a round whose dates put it in a phase."""

from datetime import timedelta

import factory
from django.utils import timezone

from samenspel.budgeting.models import Ballot, BudgetRound, Plan, PlanStatus, VoterDeclaration
from samenspel.budgeting.phases import PHASE_STARTS, Phase
from samenspel.core.tests.factories import MunicipalityFactory, UserFactory


def phase_dates(phase: Phase, now=None) -> dict:
    """Start dates such that `phase` is the current phase (earlier phases past, later ones future)."""
    now = now or timezone.now()
    fields = [field for _phase, field in PHASE_STARTS]
    current = [p for p, _field in PHASE_STARTS].index(phase) if phase != Phase.PREPARATION else -1
    dates = {}
    for index, field in enumerate(fields):
        dates[field] = now + timedelta(days=index - current) - (timedelta(hours=1) if index <= current else timedelta())
    return dates


class BudgetRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetRound

    class Params:
        phase = Phase.SUBMISSION

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Lindeveen Begroot {2026 + n}")
    slug = factory.Sequence(lambda n: f"begroot-{2026 + n}")
    description = "Inwoners verdelen samen het budget voor hun buurt."
    budget = 100_000
    min_plan_cost = 1_000
    max_plan_cost = 60_000
    voter_mode = "codes"
    rule = "mes+greedy"
    submission_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["submission_start"])
    feasibility_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["feasibility_start"])
    voting_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["voting_start"])
    voting_end = factory.LazyAttribute(lambda o: phase_dates(o.phase)["voting_end"])
    implementation_start = factory.LazyAttribute(lambda o: phase_dates(o.phase)["implementation_start"])


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    budget_round = factory.SubFactory(BudgetRoundFactory)
    title = factory.Sequence(lambda n: f"Bankjes langs de Veenkade {n}")
    description = "Zes nieuwe bankjes zodat ouderen onderweg kunnen uitrusten."
    cost = 10_000
    status = PlanStatus.FEASIBLE
    author = factory.SubFactory(UserFactory)


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballot
        skip_postgeneration_save = True

    budget_round = factory.SubFactory(BudgetRoundFactory)
    voter_key = factory.Sequence(lambda n: f"v:{100000 + n:064x}")

    @factory.post_generation
    def plans(self, create, extracted, **kwargs):
        if create and extracted:
            self.plans.set(extracted)


class VoterDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoterDeclaration

    municipality = factory.SubFactory(MunicipalityFactory)
    user = factory.SubFactory(UserFactory)
    birth_year = 1980
