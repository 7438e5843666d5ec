"""By keyboard only, in a real browser at desktop and phone size: an admin reads the signals,
narrows them to one wijk, makes the participation report of 2026 and publishes it; a visitor
then reads it. Every page is checked with axe, for console errors and sideways scrolling."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into
from samenspel.insights.models import ParticipationReport

from .factories import busy_january

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_reads_signals_and_publishes_the_report_by_keyboard(session, municipality, world, municipality_admin):
    busy_january(municipality, world)
    page = session.page
    log_in_as(session, municipality_admin)
    session.goto("/lindeveen/signalen/gemeente/?van=2026-01-05&tot=2026-02-01")
    expect(page.get_by_role("heading", name="Signalen voor de gemeente")).to_be_visible()
    expect(page.get_by_role("table", name="Deelnemers per wijk tegen het aantal inwoners")).to_be_visible()
    session.check()
    session.screenshot("signalen-dashboard", tour=True)

    # Narrow to one wijk: the filter lives in the URL.
    wijk = tab_to(page, "combobox", "Wijk")
    page.keyboard.press("ArrowDown")  # Hele gemeente -> Centrum
    page.keyboard.press("ArrowDown")  # -> De Linde
    expect(wijk).to_have_value("de-linde")
    tab_to(page, "button", "Toon")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "wijk=de-linde" in page.url
    expect(page.get_by_text("Alleen de wijk De Linde.")).to_be_visible()
    session.check()

    tab_to(page, "link", "Participatieverslagen per jaar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    type_into(page, "spinbutton", "Jaar", "2026")
    tab_to(page, "button", "Verslag maken")
    with page.expect_navigation(timeout=120_000):
        page.keyboard.press("Enter")
    expect(page.get_by_text("Het verslag wordt gemaakt.")).to_be_visible()
    session.check()

    tab_to(page, "link", "Participatieverslag 2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Concept: dit verslag is nog niet gepubliceerd.")).to_be_visible()
    session.check()
    session.screenshot("participatieverslag", tour=True)
    tab_to(page, "button", "Verslag publiceren")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Het verslag is gepubliceerd.")).to_be_visible()
    session.check()
    assert ParticipationReport.objects.get(year=2026).is_published

    log_in_as(session, None)
    session.goto("/lindeveen/signalen/verslagen/2026/")
    expect(page.get_by_role("heading", name="Participatieverslag 2026", level=1)).to_be_visible()
    session.check()
