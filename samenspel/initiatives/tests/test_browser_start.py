"""A resident starts an initiative in a real browser: map click, a need, the public page; axe on every page."""

import re

import pytest
from django.conf import settings
from django.test import Client

from ..models import Initiative
from .factories import InitiativeFactory, NeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(session, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    session.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}]
    )


def test_resident_starts_an_initiative_with_a_need_and_a_map_point(session, municipality, resident, themes, linde):
    neighbour = InitiativeFactory(
        municipality=municipality, title="Repair Café De Linde", slug="repair-cafe", neighbourhood=linde
    )
    NeedFactory(initiative=neighbour)
    _log_in(session, resident)
    page = session.page

    session.goto("/lindeveen/initiatieven/")
    page.wait_for_selector("#kaart[data-loaded='1']")
    session.screenshot("initiatives-overview", tour=True)

    page.get_by_role("link", name="Start een initiatief").click()
    session.check()
    page.get_by_label("Naam van uw initiatief").fill("Buurtmoestuin Lindelaan")
    page.get_by_label("In één zin").fill("Groente kweken met de hele straat.")
    page.get_by_label("Uw verhaal").fill("We maken **twintig** bakken en een composthoek.")
    page.get_by_label("Groen").check()
    page.locator("#kaart").click()  # the middle of the map: inside De Linde
    location = page.locator("#id_location").input_value()
    assert re.fullmatch(r"\d+\.\d{5}, \d+\.\d{5}", location), location
    page.get_by_role("button", name="Initiatief starten").click()

    page.wait_for_url("**/initiatieven/buurtmoestuin-lindelaan/")
    session.check()
    initiative = Initiative.objects.get(slug="buurtmoestuin-lindelaan")
    assert initiative.neighbourhood == linde and initiative.lat is not None

    page.get_by_role("link", name="Vraag toevoegen").click()
    session.check()
    page.get_by_label("Soort").select_option("volunteers")
    page.get_by_label("Titel").fill("Handen voor de bouwdag")
    page.get_by_label("Omschrijving").fill("Zaterdag 14 juni bouwen we de bakken.")
    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url("**/initiatieven/buurtmoestuin-lindelaan/**")
    session.check()
    assert page.get_by_role("heading", name="Handen voor de bouwdag").is_visible()
    assert page.get_by_text("De Linde").first.is_visible()
    page.get_by_role("button", name="Ik steun dit").click()
    page.wait_for_selector("text=U steunt dit initiatief.")
    session.check()
    session.screenshot("initiative-page", tour=True)
