"""One ballot per voter, held by the database even when the same voter submits from several devices at once.

These need real concurrent connections, so they run on PostgreSQL only (SQLite
serialises every write anyway):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_ballot_test \\
        .venv/bin/pytest -p no:cacheprovider samenspel/budgeting/tests/test_parallel_ballots.py
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot
from samenspel.budgeting.phases import Phase
from samenspel.core.tests.concurrency import at_once

from .factories import BudgetRoundFactory, PlanFactory, VoterDeclarationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections; runs in CI on PostgreSQL"
    ),
]

DEVICES = 8


def url(budget_round, name):
    return reverse(
        f"budgeting:{name}", kwargs={"municipality": budget_round.municipality.slug, "slug": budget_round.slug}
    )


def test_parallel_submissions_by_the_same_voter_never_make_two_ballots(municipality, municipality_admin):
    budget_round = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING)
    plans = PlanFactory.create_batch(4, budget_round=budget_round, cost=5_000)
    _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
    digest = services.code_redeem(budget_round=budget_round, entered=codes[0], ip="1", session_key="s")

    def vote(index):
        services.ballot_submit(budget_round=budget_round, plan_ids=[plans[index % 4].pk], code_hash=digest)

    assert at_once(vote, DEVICES) == []
    assert Ballot.objects.filter(budget_round=budget_round).count() == 1
    assert Ballot.objects.get().plans.count() == 1


def test_one_code_on_many_devices_submitting_at_once_leaves_one_whole_ballot(municipality, municipality_admin):
    """Eight browsers hold the same code (it was entered on each) and press the button together."""
    budget_round = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING)
    plans = PlanFactory.create_batch(4, budget_round=budget_round, cost=5_000)
    _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
    devices = [Client() for _ in range(DEVICES)]
    for device in devices:
        assert device.post(url(budget_round, "code"), {"code": codes[0]}).status_code == 302
    # Each device chooses a different pair of plans.
    choices = [{plans[i % 4].pk, plans[(i + 1) % 4].pk} for i in range(DEVICES)]
    statuses = []

    def vote(index):
        statuses.append(devices[index].post(url(budget_round, "ballot"), {"plans": sorted(choices[index])}).status_code)

    assert at_once(vote, DEVICES) == []
    assert statuses == [302] * DEVICES
    assert Ballot.objects.filter(budget_round=budget_round).count() == 1
    # The one that counts is one device's whole choice, never a mix of two.
    assert set(Ballot.objects.get().plans.values_list("pk", flat=True)) in choices


def test_a_verified_residents_first_ballot_from_many_devices_at_once_is_one_ballot(municipality, resident):
    """No code row to lock: the unique constraint alone keeps one ballot when the first ones race."""
    budget_round = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING, voter_mode="verified")
    plans = PlanFactory.create_batch(4, budget_round=budget_round, cost=5_000)
    VoterDeclarationFactory(municipality=municipality, user=resident)
    devices = [Client() for _ in range(DEVICES)]
    for device in devices:
        device.force_login(resident)
    statuses = []

    def vote(index):
        statuses.append(devices[index].post(url(budget_round, "ballot"), {"plans": [plans[index % 4].pk]}).status_code)

    assert at_once(vote, DEVICES) == []
    assert statuses == [302] * DEVICES
    assert Ballot.objects.filter(budget_round=budget_round).count() == 1
    assert Ballot.objects.get().plans.count() == 1
