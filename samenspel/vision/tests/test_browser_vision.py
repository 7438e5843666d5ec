"""In a real browser: an anonymous resident votes on seven statements and sees where they stand;
an admin turns a consensus statement into a principle and adopts the vision; a coach's decision
gets a scorecard that appears on the initiative page. Every page is checked with axe."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from samenspel.coaching.models import Decision
from samenspel.vision import services
from samenspel.vision.models import Assessment, VisionVersion

from .factories import InitiativeFactory, VisionProcessFactory, polarised_votes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as(session, user):
    context = session.page.context
    context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}])


def test_vote_map_principle_adoption_and_scorecard(session, municipality, coach, municipality_admin, resident):
    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035", title="Lindeveen 2035")
    polarised_votes(process, n_statements=10)
    services.opinion_map_compute(process=process)
    page = session.page
    base = f"/lindeveen/toekomstvisie/{process.slug}/"

    # 1. An anonymous resident votes on seven statements, by keyboard, one at a time.
    session.goto(base)
    for n in range(7):
        card = page.locator("#stemmen")
        card.get_by_text(f"U stemde op {n} van 10 stellingen.").wait_for()
        button = card.get_by_role("button", name="Eens" if n % 2 == 0 else "Oneens", exact=True)
        button.focus()
        page.keyboard.press("Enter")
    page.locator("#stemmen").get_by_text("U stemde op 7 van 10 stellingen.").wait_for()
    session.check()
    session.screenshot("vision-vote", tour=True)

    page.get_by_role("link", name="Bekijk waar u staat op de opiniekaart").click()
    page.get_by_text("U zit in groep").wait_for()
    assert page.locator("svg.opinion-map__svg .opinion-map__me").count() == 1
    # Who took part, so stuffing with made-up visitors cannot pass unseen (issue 17).
    assert "ingelogd" in page.locator("#deelnemers-herkomst").inner_text()
    session.check()
    session.screenshot("opinion-map", tour=True)

    # 2. The admin drafts a principle from a consensus statement, publishes and adopts.
    log_in_as(session, municipality_admin)
    session.goto(f"{base}beheer/")
    page.get_by_role("button", name="Nieuwe conceptversie beginnen").click()
    page.get_by_label("Titel van het uitgangspunt").fill("Groen dichtbij")
    page.get_by_label("Toelichting").fill("Iedereen heeft groen binnen vijf minuten lopen.")
    page.locator("input[name=statements]").first.check()
    page.get_by_role("button", name="Uitgangspunt toevoegen").click()
    page.get_by_text("Het uitgangspunt is toegevoegd.").wait_for()
    session.check()
    page.get_by_label("Inwoners kunnen reageren tot en met").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Concept publiceren").click()
    page.get_by_label("Raadsbesluit").fill("Raadsbesluit 2026-41")
    page.get_by_role("button", name="Visie vaststellen").click()
    page.get_by_text("De toekomstvisie is vastgesteld.").wait_for()
    assert VisionVersion.objects.get().status == VisionVersion.Status.ADOPTED
    session.goto(f"{base}visie/")
    assert page.get_by_text("Raadsbesluit 2026-41").first.is_visible()

    # 3. A coach's decision gets a scorecard that shows on the initiative page.
    initiative = InitiativeFactory(
        municipality=municipality, initiator=resident, slug="moestuin-de-linde", title="Moestuin De Linde"
    )
    Decision.objects.create(
        initiative=initiative,
        kind=Decision.Kind.OTHER,
        title="Startsubsidie toegekend",
        reasoning="Veel steun uit de straat.",
        decided_by=coach,
    )
    log_in_as(session, coach)
    session.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Toetsen aan de visie").click()
    session.check()
    page.get_by_label("draagt bij").first.check()
    page.get_by_label("Toelichting: Groen dichtbij").fill("De moestuin maakt de buurt groener.")
    page.get_by_role("button", name="Toetsing opslaan").click()
    page.get_by_text("De toetsing is opgeslagen en openbaar.").wait_for()
    assert Assessment.objects.count() == 1
    session.page.context.clear_cookies()
    session.goto(initiative.get_absolute_url())
    panel = page.locator("#toetsing")
    assert panel.get_by_role("heading", name="Startsubsidie toegekend").is_visible()
    # The scorecard names what the decision is about, linked.
    assert panel.get_by_role("link", name="Moestuin De Linde").first.is_visible()
    assert panel.get_by_text("De moestuin maakt de buurt groener.").is_visible()
