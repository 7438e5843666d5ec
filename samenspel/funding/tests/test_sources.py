"""An agreement comes from one source: an initiative, a funded budget plan or a granted buurtrecht."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.budgeting.models import Result, ResultRow
from samenspel.budgeting.tests.factories import PlanFactory
from samenspel.core.tests.factories import UserFactory
from samenspel.funding import services
from samenspel.funding.models import FundingAgreement
from samenspel.notifications.models import Notification
from samenspel.rights.models import State as RightState
from samenspel.rights.tests import factories as rights

from .factories import draft, future

pytestmark = pytest.mark.django_db


def funded(plan, *, published=True):
    result = Result.objects.create(
        budget_round=plan.budget_round,
        rule="greedy",
        budget=50_000,
        spent=plan.cost,
        voters=120,
        pb_text="",
        published_at=timezone.now() if published else None,
    )
    ResultRow.objects.create(result=result, plan=plan, votes=80, cost=plan.cost, funded=True, reason="funded")
    return plan


def test_a_funded_plans_author_is_its_team(municipality, coach, municipality_admin):
    author = UserFactory()
    plan = funded(PlanFactory(budget_round__municipality=municipality, author=author, cost=9000))
    agreement = draft(plan=plan, actor=coach)
    services.agreement_grant(agreement=agreement, reason="Gekozen door de buurt.", granted_by=coach)
    assert agreement.source_kind == "plan"
    assert Notification.objects.filter(user=author, subject_id=agreement.pk).exists()
    assert author.has_perm("funding.report_result", agreement)


@pytest.mark.parametrize("published", [True, False])
def test_only_a_plan_funded_in_a_published_result(municipality, coach, published):
    plan = PlanFactory(budget_round__municipality=municipality)
    if published:
        plan = PlanFactory(budget_round__municipality=municipality)  # never in a result
    else:
        funded(plan, published=False)
    with pytest.raises(ValidationError) as error:
        draft(plan=plan, actor=coach)
    assert "gefinancierd" in " ".join(error.value.messages)
    assert not FundingAgreement.objects.exists()


def test_a_granted_buurtrecht_request_is_funded_with_its_group_as_team(municipality, coach, municipality_admin):
    submitter = UserFactory()
    rights.adopt(municipality, municipality_admin)
    request = rights.in_state(municipality, submitter, coach, municipality_admin, RightState.DECIDED)
    assert request.is_granted
    agreement = services.agreement_create(
        municipality=municipality,
        right_request=request,
        title="Beheer buurthuis De Linde",
        purpose="Het budget voor beheer en programma.",
        amount=Decimal("48000.00"),
        end_date=future(365),
        created_by=coach,
    )
    assert agreement.source == request and agreement.source_kind == "right_request"
    assert submitter.has_perm("funding.view_evidence", agreement)
    assert not UserFactory().has_perm("funding.view_evidence", agreement)


def test_a_request_not_granted_is_refused(municipality, coach, municipality_admin):
    rights.adopt(municipality, municipality_admin)
    request = rights.in_state(municipality, UserFactory(), coach, municipality_admin, RightState.ASSESSMENT)
    with pytest.raises(ValidationError):
        services.agreement_create(
            municipality=municipality,
            right_request=request,
            title="x",
            purpose="y",
            amount=10,
            end_date=future(30),
            created_by=coach,
        )
    assert not FundingAgreement.objects.exists()


def test_two_sources_at_once_are_refused(initiative, coach):
    plan = funded(PlanFactory(budget_round__municipality=initiative.municipality))
    with pytest.raises(ValidationError):
        services.agreement_create(
            municipality=initiative.municipality,
            initiative=initiative,
            plan=plan,
            title="x",
            purpose="y",
            amount=10,
            end_date=future(30),
            created_by=coach,
        )
