"""On a 320 px phone (WCAG 1.4.10 reflow) the round, the ballot and the result fit the screen.

Tables scroll inside their own labelled region, never the page; long plan names wrap.
The story also changes a ballot from a second device and answers the empty-ballot
question, and no page logs a JavaScript or console error.
"""

import pytest
from django.test import Client

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot
from samenspel.budgeting.phases import Phase

from .factories import BallotFactory, BudgetRoundFactory, PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 800}
LONG = "Fietsenstallingsoverkappingsvernieuwingsproject"


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page that records every console error and uncaught exception."""
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on(
        "console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.errors = errors
    page.base = live_server.url
    yield page
    context.close()


def fits(page) -> None:
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a {PHONE['width']} px phone"
    assert page.errors == []


def test_round_ballot_and_result_fit_a_320_px_phone(phone, municipality, municipality_admin):
    voting = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING, slug="stemmen", budget=100_000)
    plans = [
        PlanFactory(budget_round=voting, title=f"{LONG} {n}", cost=10_000 + n, location=f"{LONG}plein {n}")
        for n in range(3)
    ]
    _batch, codes = services.code_batch_create(budget_round=voting, actor=municipality_admin, count=1)
    base = f"{phone.base}/lindeveen/burgerbegroting/stemmen/"

    phone.goto(base)
    fits(phone)
    phone.goto(f"{base}stemcode/")
    fits(phone)
    phone.get_by_label("Uw stemcode").fill(codes[0])
    phone.get_by_role("button", name="Verder naar het stembiljet").click()
    fits(phone)

    # An empty ballot is a question first, on its own page.
    phone.get_by_role("button", name="Stem uitbrengen").click()
    fits(phone)
    assert "Wilt u echt een lege stem uitbrengen?" in phone.locator("main").inner_text()
    assert Ballot.objects.count() == 0
    phone.get_by_role("link", name="Nee, terug naar het stembiljet").click()
    phone.get_by_label(plans[0].title).check()
    phone.get_by_role("button", name="Stem uitbrengen").click()
    fits(phone)
    assert list(Ballot.objects.get().plans.all()) == [plans[0]]

    # The same code on a second device shows the choice and changes it.
    laptop = Client()
    laptop.post("/lindeveen/burgerbegroting/stemmen/stemcode/", {"code": codes[0]})
    laptop.post("/lindeveen/burgerbegroting/stemmen/stemmen/", {"plans": [plans[1].pk]})
    phone.reload()
    fits(phone)
    assert phone.get_by_label(plans[1].title).is_checked() and not phone.get_by_label(plans[0].title).is_checked()
    assert "Laatst gewijzigd op" in phone.locator("#uw-stem").inner_text()

    counted = BudgetRoundFactory(
        municipality=municipality, phase=Phase.RESULT, slug="uitslag", rule="mes", budget=100_003
    )
    one = PlanFactory(budget_round=counted, title=f"{LONG} A", cost=30_000, lat=52.205, lon=5.205)
    other = PlanFactory(budget_round=counted, title=f"{LONG} B", cost=80_000)
    for ballot in ([one], [one], [one], [one, other], [other]):
        BallotFactory(budget_round=counted, plans=ballot)
    services.result_publish(
        result=services.round_count(budget_round=counted, actor=municipality_admin), actor=municipality_admin
    )
    phone.goto(f"{phone.base}/lindeveen/burgerbegroting/uitslag/uitslag/")
    fits(phone)
    assert phone.locator("#uitslag-kaart path.leaflet-interactive").count() >= 1  # the funded plan is drawn
    phone.get_by_text("Voor wie wil narekenen").click()
    fits(phone)
    regions = phone.locator(".table-scroll[role=region]")
    assert regions.count() == 2
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.evaluate("el => el.getBoundingClientRect().right") <= PHONE["width"]
        # Reachable by keyboard, named by its table's caption.
        assert region.get_attribute("tabindex") == "0"
        caption = phone.locator(f"#{region.get_attribute('aria-labelledby')}")
        assert caption.evaluate("el => el.tagName") == "CAPTION"
