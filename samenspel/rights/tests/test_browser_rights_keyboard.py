"""By keyboard only: a resident files a neighbourhood plan for the Lindelaan square and submits it,
the coach asks for more information (the term stops), the resident answers (it runs again), and
the coach declares it admissible. Every control is reached with Tab, shows where the focus is,
and works with Enter, Space, arrows and typing (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into
from samenspel.rights.models import RightRequest, State

from .factories import PART_TEXTS, adopt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Buurtplan voor het Lindelaanplein"


def press(page, role, name, **kwargs):
    tab_to(page, role, name, **kwargs)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_neighbourhood_plan_by_keyboard(session, municipality, municipality_admin, resident, coach):
    adopt(municipality, municipality_admin)
    page = session.page
    log_in_as(session, resident)
    session.goto("/lindeveen/buurtrechten/")
    press(page, "link", "Een verzoek onder het buurtplanrecht")
    session.check()

    type_into(page, "textbox", "Titel van uw verzoek", TITLE)
    type_into(page, "textbox", "Naam van uw groep of organisatie", "Buurtinitiatief Lindelaanplein")
    for label, code in [
        ("De taak die u wilt overnemen", "task"),
        ("Het ontwerp of de indeling", "design"),
        ("Steun onder de bewoners", "support"),
        ("Kostenraming", "costs"),
        ("Welke samenwerking of steun", "cooperation"),
    ]:
        type_into(page, "textbox", label, PART_TEXTS[code])
    press(page, "button", "Concept opslaan")
    session.check()
    press(page, "button", "Verzoek indienen")
    session.check()
    request = RightRequest.objects.get(title=TITLE)
    assert request.state == State.SUBMITTED

    log_in_as(session, coach)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/behandeling/")
    type_into(page, "textbox", "Welke informatie ontbreekt?", "Kunt u de tekening van het plein toevoegen?")
    press(page, "button", "Vraag versturen en termijn stilzetten")
    session.check()
    expect(page.get_by_text("Termijn staat stil sinds").first).to_be_visible()

    log_in_as(session, resident)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/")
    type_into(page, "textbox", "Uw antwoord", "De tekening staat nu bij het ontwerp.")
    press(page, "button", "Antwoord versturen")
    session.check()
    expect(page.get_by_text("de termijn loopt weer")).to_be_visible()

    log_in_as(session, coach)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/behandeling/")
    tab_to(page, "radio", "Ja: publiceren voor steun en reacties")
    page.keyboard.press("Space")
    press(page, "button", "Besluit over ontvankelijkheid vastleggen")
    session.check()
    request.refresh_from_db()
    assert request.state == State.PUBLIC and request.suspensions.get().answered_on is not None
