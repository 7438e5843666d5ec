"""A new resident's first visit, in a real browser, with axe on every page."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_resident_signs_up_confirms_logs_in_switches_language_and_logs_out(session, municipality, mailoutbox):
    page = session.goto("/")
    page.get_by_role("link", name="Gemeente Lindeveen").click()
    session.check()
    session.screenshot("home", tour=True)

    page.get_by_role("link", name="Account aanmaken").click()
    session.check()
    page.get_by_label("E-mailadres").fill("fatima@voorbeeld.test")
    page.get_by_label("Weergavenaam").fill("Fatima el Amrani")
    page.get_by_label("Wachtwoord", exact=True).fill("zonnebloem-aan-de-dijk")
    page.get_by_label("Wachtwoord (bevestigen)").fill("zonnebloem-aan-de-dijk")
    page.get_by_role("button", name="Registreren").click()
    session.check()
    assert "Bevestig" in page.content() or "bevestig" in page.content()

    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    session.goto("/" + link.split("/", 3)[3])
    page.get_by_role("button", name="Bevestigen").click()
    session.check()

    session.goto("/account/login/")
    page.get_by_label("E-mailadres").fill("fatima@voorbeeld.test")
    page.get_by_label("Wachtwoord").fill("zonnebloem-aan-de-dijk")
    page.get_by_role("button", name="Aanmelden").click()
    session.check()
    assert page.get_by_role("link", name="Fatima el Amrani").is_visible()

    page.get_by_role("button", name="English").click()
    session.check()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    page.get_by_role("button", name="Nederlands").click()
    session.check()
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("button", name="Uitloggen").click()
    session.check()
    if page.get_by_role("button", name="Uitloggen").count():
        page.get_by_role("button", name="Uitloggen").click()  # allauth's confirmation page
    assert page.get_by_role("link", name="Inloggen").is_visible()
    session.screenshot("logged-out")


def test_keyboard_user_reaches_the_content_with_the_skip_link(session, municipality):
    page = session.goto("/lindeveen/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Direct naar de inhoud" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud" or page.url.endswith("#inhoud")
