"""One ballot per voter, held by the database even when the same voter submits twice at once."""

import threading

import pytest
from django.db import connection, connections

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot
from samenspel.budgeting.phases import Phase

from .factories import BudgetRoundFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent connections; runs in CI on PostgreSQL"
)
def test_parallel_submissions_by_the_same_voter_never_make_two_ballots(municipality, municipality_admin):
    budget_round = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING)
    plans = PlanFactory.create_batch(4, budget_round=budget_round, cost=5_000)
    _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
    digest = services.code_redeem(budget_round=budget_round, entered=codes[0], ip="1", session_key="s")
    barrier = threading.Barrier(8)
    errors = []

    def vote(index):
        try:
            barrier.wait()
            services.ballot_submit(budget_round=budget_round, plan_ids=[plans[index % 4].pk], code_hash=digest)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Ballot.objects.filter(budget_round=budget_round).count() == 1
    assert Ballot.objects.get().plans.count() == 1
