"""A tranche is paid out once, and tranches never exceed the agreement, even with requests at once.

These need real concurrent connections, so they run on PostgreSQL only (SQLite serialises
every write anyway):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/funding_test \\
        .venv/bin/pytest -p no:cacheprovider samenspel/funding/tests/test_parallel_release.py
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.concurrency import at_once
from samenspel.funding import services
from samenspel.funding.models import FundingAgreement, Tranche, TrancheEvent, TrancheKind, TrancheState
from samenspel.notifications.models import Notification

from .factories import draft, future

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections; runs in CI on PostgreSQL"
    ),
]

REQUESTS = 8


def test_parallel_releases_of_one_tranche_pay_it_once(initiative, coach, municipality_admin):
    """Eight browser tabs of the budget holder press "Termijn vrijgeven" together."""
    agreement = draft(initiative=initiative, actor=coach)
    services.agreement_grant(agreement=agreement, reason="Past in het wijkplan.", granted_by=coach)
    advance = agreement.tranches.get(position=1)
    path = reverse(
        "funding:release", kwargs={"municipality": "lindeveen", "pk": agreement.pk, "tranche_pk": advance.pk}
    )
    tabs = [Client() for _ in range(REQUESTS)]
    for tab in tabs:
        tab.force_login(municipality_admin)
    statuses = []

    def press(index):
        statuses.append(tabs[index].post(path, {"reason": f"Start van het seizoen ({index})."}).status_code)

    assert at_once(press, REQUESTS) == []
    # One release; the others see the page again with "al vrijgegeven" (400), none a server error.
    assert sorted(statuses) == [302] + [400] * (REQUESTS - 1)
    assert TrancheEvent.objects.filter(tranche=advance, action="release").count() == 1
    assert AuditEvent.objects.filter(action="funding.release").count() == 1
    agreement.refresh_from_db()
    assert agreement.released_total == advance.amount == Decimal("3000.00")
    assert Tranche.objects.get(pk=advance.pk).state == TrancheState.RELEASED
    # The team is told once, not eight times.
    told = [n.display_title for n in Notification.objects.filter(user=initiative.initiator)]
    assert sum("vrijgegeven" in title for title in told) == 1


def test_parallel_releases_through_the_service_pay_once(initiative, coach, municipality_admin):
    agreement = draft(initiative=initiative, actor=coach)
    services.agreement_grant(agreement=agreement, reason="Goed plan.", granted_by=coach)
    advance = agreement.tranches.get(position=1)
    refused = []

    def release(index):
        try:
            services.tranche_release(
                tranche=Tranche.objects.get(pk=advance.pk), reason="Start", released_by=municipality_admin
            )
        except Exception as error:
            refused.append(error)

    assert at_once(release, REQUESTS) == []
    assert len(refused) == REQUESTS - 1
    assert all("al vrijgegeven" in " ".join(getattr(e, "messages", [str(e)])) for e in refused)
    assert FundingAgreement.objects.get(pk=agreement.pk).released_total == Decimal("3000.00")


def test_parallel_tranches_never_exceed_the_agreement(initiative, coach):
    """Eight coaches each plan a tranche of 2000 on an agreement of 9000 at the same moment."""
    agreement = services.agreement_create(
        municipality=initiative.municipality,
        initiative=initiative,
        title="Speeltuin",
        purpose="Toestellen",
        amount=Decimal("9000.00"),
        end_date=future(300),
        created_by=coach,
    )
    result = services.result_add(
        agreement=agreement, description="Speeltuin open", indicator="toestellen", target=4, evidence_required="foto's",
        actor=coach,
    )  # fmt: skip

    refused = []

    def plan(index):
        try:
            services.tranche_add(
                agreement=FundingAgreement.objects.get(pk=agreement.pk),
                kind=TrancheKind.RESULT,
                label=f"Termijn {index}",
                amount=Decimal("2000.00"),
                due_date=future(30 + index),
                result=result,
                actor=coach,
            )
        except ValidationError as error:
            refused.append(error)

    assert at_once(plan, REQUESTS) == []
    agreement.refresh_from_db()
    total = sum(agreement.tranches.values_list("amount", flat=True))
    assert agreement.tranches.count() == 4 and len(refused) == 4
    assert all("boven de verlening" in " ".join(e.messages) for e in refused)
    assert total == agreement.tranches_total == Decimal("8000.00") <= agreement.amount
