"""By keyboard only: "Ik steun dit" keeps focus on the button and announces the new count (WCAG 2.4.3, 4.1.3)."""

import pytest
from playwright.sync_api import expect

from ..models import Support
from .test_browser_start import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, name, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _focused(page):
    return page.evaluate(
        "[document.activeElement.id, document.activeElement.textContent.trim(),"
        " document.activeElement.getAttribute('aria-pressed')]"
    )


def _settled(page):
    """Wait until htmx has settled the new box: it wires up the new forms only then, and a key
    pressed before that would send the form the old way (a page load). No person is that quick."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def test_support_by_keyboard_keeps_focus_on_the_button_and_announces_the_count(session, resident, initiative):
    _log_in(session, resident)
    page = session.goto(initiative.get_absolute_url())
    _tab_to(page, "Ik steun dit")
    page.keyboard.press("Enter")
    page.locator("#steun-knop-support[aria-pressed='true']").wait_for()
    _settled(page)
    assert Support.objects.filter(initiative=initiative, user=resident, kind="support").exists()
    assert _focused(page) == ["steun-knop-support", "Ik steun dit", "true"]
    region = page.locator("#pagina-melding")
    assert region.get_attribute("role") == "status"
    assert "1 steunt dit" in region.inner_text()
    session.check()

    page.keyboard.press("Enter")  # again: withdrawn, focus still there
    page.locator("#steun-knop-support[aria-pressed='false']").wait_for()
    _settled(page)
    expect(page.locator("#steun-knop-support")).to_be_focused()
    assert _focused(page) == ["steun-knop-support", "Ik steun dit", "false"]
    assert "0 steunen dit" in region.inner_text()

    page.keyboard.press("Tab")  # the next control is "Ik doe mee", as before the update
    assert _focused(page)[1] == "Ik doe mee"
    page.keyboard.press("Enter")
    page.locator("#steun-knop-join[aria-pressed='true']").wait_for()
    _settled(page)
    expect(page.locator("#steun-knop-join")).to_be_focused()
    assert "1 doet mee" in region.inner_text()
    session.check()
