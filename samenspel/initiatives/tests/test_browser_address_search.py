"""Maps people can read: a resident finds "Lindelaan 12" on the start form and the wijk is chosen
for her (from the point, by the server); the overview map names every wijk without hovering.
The address search runs against a stand-in Locatieserver on 127.0.0.1, never PDOK itself."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.factories import NeighbourhoodFactory, square
from samenspel.municipalities.tests.locatieserver import locatieserver  # noqa: F401 (a fixture)

from ..models import Initiative
from .factories import InitiativeFactory
from .test_browser_start import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_her_address_and_the_wijk_is_chosen(session, locatieserver, resident, themes, linde):  # noqa: F811
    _log_in(session, resident)
    page = session.goto("/lindeveen/initiatieven/nieuw/")

    page.get_by_label("Naam van uw initiatief").fill("Bankje voor de Lindelaan")
    page.get_by_label("In één zin").fill("Een bankje om even uit te rusten.")
    page.get_by_label("Uw verhaal").fill("Veel ouderen lopen hier naar de winkels.")
    search = page.get_by_role("searchbox", name="Zoek een adres")
    search.fill("Lindelaan 12")
    search.press("Enter")  # searches; it does not send the form
    choice = page.get_by_role("button", name="Lindelaan 12, 3911AB Lindeveen (De Linde)")
    choice.click()

    expect(page.get_by_role("combobox", name="Wijk")).to_have_value(str(linde.pk))
    expect(page.get_by_role("textbox", name="Coördinaten")).to_have_value("52.20500, 5.20500")
    expect(page.get_by_role("textbox", name="Adres of plek")).to_have_value("Lindelaan 12, 3911AB Lindeveen")
    expect(page.get_by_text("Gekozen: Lindelaan 12, 3911AB Lindeveen (De Linde).")).to_be_visible()
    page.wait_for_timeout(600)  # a search still waiting for a pause in typing must not come back
    expect(page.get_by_role("list", name="Gevonden adressen").get_by_role("button")).to_have_count(0)
    assert page.url.endswith("/nieuw/")
    session.check()
    session.screenshot("address-search", tour=True)

    page.get_by_role("button", name="Initiatief starten").click()
    page.wait_for_url("**/initiatieven/bankje-voor-de-lindelaan/")
    session.check()
    initiative = Initiative.objects.get(slug="bankje-voor-de-lindelaan")
    assert initiative.neighbourhood == linde
    assert (initiative.lat, initiative.lon) == (52.205, 5.205)
    assert initiative.address == "Lindelaan 12, 3911AB Lindeveen"


def test_when_the_search_fails_the_person_is_told_in_dutch(session, locatieserver, resident, linde):  # noqa: F811
    _log_in(session, resident)
    page = session.goto("/lindeveen/initiatieven/nieuw/")
    search = page.get_by_role("searchbox", name="Zoek een adres")
    search.fill("kapot 1")
    with session.expecting_errors("502"):
        page.get_by_role("button", name="Zoeken", exact=True).click()
        expect(page.get_by_text("Adressen zoeken lukt nu niet.")).to_be_visible()
    session.check()


def test_the_overview_map_names_every_wijk(session, municipality, linde):
    NeighbourhoodFactory(municipality=municipality, name="Zuiderpark", slug="zuiderpark", boundary=square(52.19, 5.2))
    InitiativeFactory(municipality=municipality, neighbourhood=linde, lat=52.205, lon=5.205)
    page = session.goto("/lindeveen/initiatieven/")
    page.wait_for_selector("#kaart[data-loaded='1']")
    labels = page.locator("#kaart .map-label")
    expect(labels.filter(has_text="De Linde")).to_be_visible()
    expect(labels.filter(has_text="Zuiderpark")).to_be_visible()
    session.check()
    session.screenshot("initiatives-map-labels", tour=True)


def test_without_the_map_the_places_and_the_form_still_work(session, locatieserver, resident, linde):  # noqa: F811
    """Offline (the map library does not load): the list names each initiative's wijk, and the
    form offers the wijk list and the address field; the address search stays hidden."""
    InitiativeFactory(municipality=linde.municipality, title="Repair Café", neighbourhood=linde, lat=52.205, lon=5.205)
    _log_in(session, resident)
    page = session.page
    page.route("**/leaflet.js", lambda route: route.abort())
    with session.expecting_errors("Failed to load resource"):
        page.goto(session.base_url + "/lindeveen/initiatieven/")
        page.wait_for_load_state("networkidle")
    expect(
        page.get_by_text("De kaart laadt niet. De initiatieven staan in de lijst, elk met zijn wijk.")
    ).to_be_visible()
    expect(page.locator(".initiative-card", has_text="Repair Café")).to_contain_text("De Linde")
    session.check()

    with session.expecting_errors("Failed to load resource"):
        page.goto(session.base_url + "/lindeveen/initiatieven/nieuw/")
        page.wait_for_load_state("networkidle")
    expect(page.get_by_role("combobox", name="Wijk")).to_be_visible()
    expect(page.get_by_role("textbox", name="Adres of plek")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoek een adres")).to_have_count(0)
    expect(page.get_by_text("De kaart laadt niet. Kies de wijk in de lijst")).to_be_visible()
    session.check()


def test_a_click_on_the_map_chooses_the_wijk_the_server_derives(session, resident, linde):
    _log_in(session, resident)
    page = session.goto("/lindeveen/initiatieven/nieuw/")
    page.locator("#kaart").click()  # the middle of the map: inside De Linde
    expect(page.get_by_text("Deze plek ligt in De Linde; die wijk staat nu in het formulier.")).to_be_visible()
    expect(page.get_by_role("combobox", name="Wijk")).to_have_value(str(linde.pk))
    session.check()


def test_tab_reaches_the_address_search_before_the_button_that_sends_the_form(session, locatieserver, resident, linde):  # noqa: F811
    """WCAG 2.4.3: the place belongs to the form, so it comes before sending it, not after."""
    _log_in(session, resident)
    page = session.goto("/lindeveen/initiatieven/nieuw/")
    page.get_by_label("Wijk").focus()
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
        if order[-1] == "Initiatief starten":
            break
    assert "adres-zoeken" in order and "Initiatief starten" in order
    assert order.index("adres-zoeken") < order.index("Initiatief starten")
