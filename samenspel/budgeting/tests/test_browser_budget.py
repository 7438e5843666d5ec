"""In a real browser: a resident submits a plan, the municipality finds it feasible, a voter
with a code votes within budget, changes the ballot, and reads the result with reasons."""

import pytest
from django.conf import settings
from django.test import Client

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot, Plan, PlanStatus
from samenspel.budgeting.phases import Phase

from .factories import BudgetRoundFactory, PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as(session, user):
    """Give the browser the session cookie of a logged-in Django test client."""
    context = session.page.context
    context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}])


def test_plan_to_result_with_a_voting_code(session, municipality, resident, coach, municipality_admin):
    budget_round = BudgetRoundFactory(
        municipality=municipality, phase=Phase.SUBMISSION, slug="begroot-2026", title="Lindeveen Begroot 2026",
        budget=50_000, max_plan_cost=45_000, rule="mes+greedy",
    )  # fmt: skip
    base = "/lindeveen/burgerbegroting/begroot-2026/"
    page = session.page

    # 1. A resident submits a plan.
    log_in_as(session, resident)
    session.goto(base)
    page.get_by_role("link", name="Plan indienen").click()
    session.check()
    page.get_by_label("Naam van uw plan").fill("Moestuin De Linde")
    page.get_by_label("Beschrijving").fill("Twaalf moestuinbakken achter het buurthuis, met een waterpunt.")
    page.get_by_label("Geschatte kosten in euro").fill("14000")
    page.get_by_role("button", name="Plan indienen").click()
    session.check()
    plan = Plan.objects.get(title="Moestuin De Linde")
    PlanFactory(budget_round=budget_round, title="Speeltuin Zuiderpark", cost=40_000, status=PlanStatus.SUBMITTED)

    # 2. The municipality marks it feasible in the feasibility phase.
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.FEASIBILITY)
    log_in_as(session, coach)
    session.goto(f"{base}plannen/{plan.pk}/haalbaarheid/")
    page.get_by_label("Haalbaar", exact=True).check()
    page.get_by_label("Openbare toelichting").fill("Haalbaar: het buurthuis stelt de grond beschikbaar.")
    page.get_by_role("button", name="Vastleggen").click()
    session.check()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.FEASIBLE
    for other in Plan.objects.exclude(pk=plan.pk):
        services.plan_feasibility_record(plan=other, actor=coach, feasible=True, reason="Haalbaar.")

    # 3. A voter with a code votes within budget, then changes the ballot.
    budget_round.refresh_from_db()
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.VOTING)
    _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
    log_in_as(session, None)
    session.goto(f"{base}stemcode/")
    page.get_by_label("Uw stemcode").fill(codes[0].lower())
    page.get_by_role("button", name="Verder naar het stembiljet").click()
    session.check()
    # Nothing chosen: the page asks before an empty vote counts.
    page.get_by_role("button", name="Stem uitbrengen").click()
    session.check()
    assert "Wilt u echt een lege stem uitbrengen?" in page.locator("main").inner_text()
    page.get_by_role("link", name="Nee, terug naar het stembiljet").click()
    session.check()
    assert Ballot.objects.count() == 0
    page.get_by_label("Speeltuin Zuiderpark").check()
    page.get_by_label("Moestuin De Linde").check()
    assert "ballot-total--over" in page.locator(".ballot-total").get_attribute("class")
    page.get_by_role("button", name="Stem uitbrengen").click()
    session.check()
    assert "meer dan het budget" in page.locator("#stembiljet-fouten").inner_text()
    assert Ballot.objects.count() == 0
    page.get_by_label("Speeltuin Zuiderpark").uncheck()
    page.get_by_role("button", name="Stem uitbrengen").click()
    session.check()
    session.screenshot("budget-ballot", tour=True)
    page.get_by_label("Moestuin De Linde").uncheck()
    page.get_by_label("Speeltuin Zuiderpark").check()
    page.get_by_role("button", name="Keuze aanpassen").click()
    session.check()
    assert [p.title for p in Ballot.objects.get().plans.all()] == ["Speeltuin Zuiderpark"]

    # 4. After the count the result explains every plan.
    budget_round.refresh_from_db()
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.RESULT)
    log_in_as(session, municipality_admin)
    session.goto(f"{base}uitslag/")
    page.get_by_role("button", name="Stemmen tellen").click()
    session.check()
    page.get_by_role("button", name="Uitslag publiceren").click()
    session.check()
    log_in_as(session, None)
    session.goto(f"{base}uitslag/")
    table = page.locator(".result-table").inner_text()
    assert "Dit plan krijgt geld. Het kreeg de steun van 1 stemmer." in table
    assert "Dit plan krijgt geen geld." in table
    assert page.locator("svg[role=img] title").count() == 1
    session.screenshot("budget-result", tour=True)
    # The recount, folded away from residents, opens by keyboard.
    page.get_by_text("Voor wie wil narekenen").focus()
    page.keyboard.press("Enter")
    session.check()
    assert "pb_count" in page.locator("#narekenen").inner_text()
