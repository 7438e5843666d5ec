"""In a real browser: a coach takes an initiative from the intake, the municipality grants
experiment space, and a resident reads the decision with its reasoning on the public page."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from samenspel.coaching.models import ExperimentSpace, RuleObstacle
from samenspel.initiatives.models import Status

from .factories import InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Mooi plan met veel steun in de straat. We plannen een kennismaking over de plek en de vergunning."
GRANT = "Twee jaar proberen op het veld achter de school; daarna evalueren we samen met de buurt."


def log_in_as(session, user):
    """Give the browser the session cookie of a logged-in Django test client (no login form round-trip)."""
    context = session.page.context
    context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}])


def test_coach_intake_to_public_decision(session, municipality, resident, coach, municipality_admin):
    initiative = InitiativeFactory(
        municipality=municipality,
        initiator=resident,
        title="Moestuin Achter De Linde",
        slug="moestuin-achter-de-linde",
        neighbourhood=municipality.neighbourhoods.first(),
    )
    page = session.page

    log_in_as(session, coach)
    session.goto("/lindeveen/begeleiding/")
    assert page.get_by_role("link", name="Moestuin Achter De Linde").is_visible()
    session.screenshot("coach-intake", tour=True)

    page.get_by_role("link", name="Moestuin Achter De Linde").click()
    session.check()
    # The coach takes it: the coach field is preset to the coach who is looking.
    page.get_by_role("button", name="Toewijzen").click()
    session.check()
    assert page.get_by_text("De coach is toegewezen.").is_visible()

    page.get_by_label("Nieuwe status").select_option(Status.IN_CONVERSATION)
    page.get_by_label("Reden (wordt openbaar").fill(REASON)
    page.get_by_role("button", name="Status wijzigen en besluit publiceren").click()
    session.check()
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_CONVERSATION and initiative.coach == coach

    page.get_by_label("Naam van de nieuwe regel").fill("Omgevingsplan: geen moestuin op functie ‘Groen’")
    page.get_by_label("Vindplaats").fill("art. 4.12 Omgevingsplan Lindeveen")
    page.get_by_label("Wat blokkeert de regel?").fill("Moestuinbakken passen niet in de functie ‘Groen’.")
    page.get_by_role("button", name="Knelpunt vastleggen").click()
    session.check()
    obstacle = RuleObstacle.objects.get(initiative=initiative)

    # Granting experiment space is the administrator's decision.
    log_in_as(session, municipality_admin)
    session.goto(f"/lindeveen/begeleiding/{initiative.slug}/")
    page.get_by_text("Besluiten over dit knelpunt").click()
    prefix = f"#uitkomst{obstacle.pk}_"
    today = datetime.date.today()
    page.locator(prefix + "outcome").select_option("experiment")
    page.locator(prefix + "reasoning").fill(GRANT)
    page.locator(prefix + "scope").fill("Het veld achter basisschool De Regenboog")
    page.locator(prefix + "start_date").fill(today.isoformat())
    page.locator(prefix + "end_date").fill((today + datetime.timedelta(days=730)).isoformat())
    page.locator(prefix + "evaluation_date").fill((today + datetime.timedelta(days=760)).isoformat())
    page.locator(prefix + "conditions").fill("Geen bouwwerken hoger dan één meter.")
    page.get_by_role("button", name="Besluit publiceren", exact=True).click()
    session.check()
    assert ExperimentSpace.objects.filter(obstacle=obstacle).exists()

    # The team's view of its agreements with the municipality.
    log_in_as(session, resident)
    session.goto(f"/lindeveen/begeleiding/{initiative.slug}/afspraken/")
    assert page.get_by_role("heading", name="Besluiten van de gemeente").is_visible()

    # A resident of the town reads why.
    log_in_as(session, None)
    session.goto(f"/lindeveen/initiatieven/{initiative.slug}/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Besluiten van de gemeente")).last
    assert panel.get_by_text(REASON).is_visible()
    assert panel.get_by_text(GRANT).is_visible()

    session.goto("/lindeveen/regelknelpunten/")
    assert page.get_by_role("link", name="Omgevingsplan: geen moestuin op functie ‘Groen’").is_visible()
    session.screenshot("rule-register", tour=True)
