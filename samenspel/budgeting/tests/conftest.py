import pytest

from samenspel.budgeting import services
from samenspel.budgeting.phases import Phase

from .factories import BudgetRoundFactory, PlanFactory


@pytest.fixture
def make_round(municipality):
    def make(phase=Phase.SUBMISSION, **kwargs):
        kwargs.setdefault("municipality", municipality)
        return BudgetRoundFactory(phase=phase, **kwargs)

    return make


@pytest.fixture
def voting_round(make_round):
    """A code round in the voting phase with three feasible plans (€ 100.000 budget)."""
    budget_round = make_round(Phase.VOTING)
    plans = [
        PlanFactory(budget_round=budget_round, title="Speeltuin Zuiderpark", cost=60_000),
        PlanFactory(budget_round=budget_round, title="Moestuin De Linde", cost=30_000),
        PlanFactory(budget_round=budget_round, title="Bankjes langs de Veenkade", cost=20_000),
    ]
    budget_round.test_plans = plans
    return budget_round


@pytest.fixture
def code_for(municipality_admin):
    """Issue one voting code for a round; returns the plain code (as printed on the letter)."""

    def issue(budget_round):
        _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
        return codes[0]

    return issue
