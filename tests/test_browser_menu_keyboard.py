"""By keyboard only: the main menu. On a 320 px phone it folds behind a "Menu" button that opens
with Enter, says so with aria-expanded, and its links come next in the Tab order; on a desktop
the links are in the Tab order directly. A link followed with Enter opens its page, marked as
the current one (WCAG 2.1.1, 2.4.3, 2.4.7, 4.1.2)."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import focused_description, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_menu_by_keyboard(session, municipality):
    page = session.goto("/lindeveen/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    toggle = menu.get_by_role("button", name="Menu")
    initiatives = menu.get_by_role("link", name="Initiatieven")

    if not session.is_phone:
        expect(toggle).to_be_hidden()
        tab_to(page, "link", "Initiatieven", exact=True)
    else:
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(initiatives).to_be_hidden()
        tab_to(page, "button", "Menu", exact=True)
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(initiatives).to_be_visible()
        expect(toggle).to_be_focused()
        session.check()
        # The menu's links come straight after the button.
        page.keyboard.press("Tab")
        expect(menu.get_by_role("link").first).to_be_focused()

        # Enter again closes it, and the hidden links leave the Tab order.
        page.keyboard.press("Shift+Tab")
        expect(toggle).to_be_focused()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(initiatives).to_be_hidden()
        page.keyboard.press("Tab")
        assert not menu.locator(":focus").count(), f"Tab went into the closed menu: {focused_description(page)}"

        page.keyboard.press("Shift+Tab")
        expect(toggle).to_be_focused()
        page.keyboard.press("Enter")
        tab_to(page, "link", "Initiatieven", exact=True, limit=len(menu.get_by_role("link").all()))

    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/lindeveen/initiatieven/")
    session.check()
    # On a phone the menu is folded again on the new page; the current page is marked in it.
    expect(page.locator("#hoofdmenu a[aria-current='page']")).to_have_text("Initiatieven")
