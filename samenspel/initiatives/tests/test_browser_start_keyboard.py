"""By keyboard only: a resident starts an initiative (text, a theme, the neighbourhood), submits
it with Enter and lands on its public page. Every control is reached with Tab, shows where the
focus is, and is operated with Space, the arrow keys and typing (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import tab_to, type_into

from ..models import Initiative
from .test_browser_start import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_starts_an_initiative_by_keyboard(session, municipality, resident, themes, linde):
    _log_in(session, resident)
    page = session.goto("/lindeveen/initiatieven/")

    tab_to(page, "link", "Start een initiatief")
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiatieven/nieuw/**")
    session.check()

    type_into(page, "textbox", "Naam van uw initiatief", "Buurtmoestuin Lindelaan")
    type_into(page, "textbox", "In één zin", "Groente kweken met de hele straat.")
    type_into(page, "textbox", "Uw verhaal", "We maken twintig bakken en een composthoek.")
    tab_to(page, "checkbox", "Groen", exact=True)
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Groen", exact=True)).to_be_checked()
    neighbourhood = tab_to(page, "combobox", "Wijk")
    page.keyboard.press("ArrowDown")  # from "Hele gemeente of weet ik niet" to the first neighbourhood
    expect(neighbourhood).to_have_value(str(linde.pk))
    type_into(page, "textbox", "Adres of plek", "Lindelaan 12")
    session.check()

    tab_to(page, "button", "Initiatief starten")
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiatieven/buurtmoestuin-lindelaan/")
    session.check()

    initiative = Initiative.objects.get(slug="buurtmoestuin-lindelaan")
    assert initiative.initiator == resident
    assert initiative.neighbourhood == linde
    assert list(initiative.themes.values_list("slug", flat=True)) == ["groen"]
    assert initiative.address == "Lindelaan 12"
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtmoestuin Lindelaan")
    # The page the resident landed on goes on by keyboard: their own initiative's next step.
    tab_to(page, "link", "Vraag toevoegen")
