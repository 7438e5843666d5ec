"""The counted result's map: the funded plan is drawn, the wijk is named on the map, and the
list beside it names the same plan with its wijk (the map's fallback)."""

import pytest
from playwright.sync_api import expect

from samenspel.budgeting import services
from samenspel.budgeting.phases import Phase
from samenspel.municipalities.models import Neighbourhood

from .factories import BallotFactory, BudgetRoundFactory, PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_result_map_shows_funded_plans_in_named_wijken(session, municipality, municipality_admin):
    linde = Neighbourhood.objects.get(municipality=municipality, slug="de-linde")
    counted = BudgetRoundFactory(municipality=municipality, phase=Phase.RESULT, slug="uitslag", budget=50_000)
    funded = PlanFactory(
        budget_round=counted, title="Bankjes Lindelaan", cost=30_000, lat=52.205, lon=5.205, neighbourhood=linde
    )
    BallotFactory(budget_round=counted, plans=[funded])
    services.result_publish(
        result=services.round_count(budget_round=counted, actor=municipality_admin), actor=municipality_admin
    )
    page = session.goto("/lindeveen/burgerbegroting/uitslag/uitslag/")
    page.wait_for_selector("#uitslag-kaart[data-loaded='1']")
    expect(page.locator("#uitslag-kaart .map-label", has_text="De Linde")).to_be_visible()
    expect(page.locator("#uitslag-kaart .map-fallback")).to_have_count(0)
    expect(page.locator(".funded-list li", has_text="Bankjes Lindelaan")).to_contain_text("De Linde")
    session.check()
