"""The demo's buurtrechten: every state of the three rights, one term missed, one standing still."""

import pytest

from samenspel.core.demo import DemoContext
from samenspel.rights import selectors
from samenspel.rights.models import Ordinance, Right, RightRequest, State

pytestmark = pytest.mark.django_db


def test_demo_requests_cover_every_state_and_right():
    from samenspel.accounts.demo import seed as accounts
    from samenspel.municipalities.demo import seed as municipalities
    from samenspel.organisations.demo import seed as organisations
    from samenspel.rights.demo import seed

    ctx = DemoContext()
    for step in (municipalities, accounts, organisations, seed):
        step(ctx)
    requests = list(RightRequest.objects.filter(municipality=ctx.municipality))
    assert len(requests) >= 8
    assert {r.state for r in requests} == set(State.values)
    assert {r.right for r in requests} == set(Right.values)
    clocks = [selectors.clocks_of(r) for r in requests if r.received_on]
    assert sum(1 for c in clocks if c.overdue) == 1
    assert sum(1 for c in clocks if c.paused) == 1
    assert Ordinance.objects.filter(municipality=ctx.other_municipality).exists()
    linde = RightRequest.objects.get(title="Bewoners runnen buurthuis De Linde")
    assert linde.is_granted and linde.agreement.budget == 52000
