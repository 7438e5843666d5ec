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
    page.get_by_role("button", name="Inloggen").click()
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


def test_keyboard_only_log_in_goes_email_password_enter_and_back_to_the_page(session, municipality, resident):
    """WCAG 2.4.3: e-mail, Tab, password, Enter logs in (the reset link comes after the button)."""
    from samenspel.core.tests.factories import TEST_PASSWORD

    page = session.goto("/lindeveen/initiatieven/")
    page.get_by_role("link", name="Inloggen").click()
    session.check()
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type(resident.email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "remember"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Wachtwoord vergeten?"
    page.get_by_label("Wachtwoord").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/lindeveen/initiatieven/")
    session.check()
    assert page.get_by_role("link", name=resident.display_name).is_visible()


def test_sign_up_from_lindeveen_defaults_to_lindeveen(session, municipality, other_municipality):
    page = session.goto("/lindeveen/")
    page.get_by_role("link", name="Account aanmaken").click()
    session.check()
    assert page.get_by_label("Uw gemeente").evaluate("el => el.options[el.selectedIndex].text") == "Gemeente Lindeveen"


def test_an_anonymous_visitor_of_the_coach_desk_logs_in_and_lands_on_it(session, municipality, coach):
    from samenspel.core.tests.factories import TEST_PASSWORD

    page = session.goto("/lindeveen/begeleiding/")
    assert "/account/login/" in page.url
    page.get_by_label("E-mailadres").fill(coach.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/lindeveen/begeleiding/")
    session.check()


def test_a_resident_downloads_her_data_and_deletes_her_account(session, municipality, resident):
    from samenspel.accounts.models import User
    from samenspel.core.tests.factories import TEST_PASSWORD

    page = session.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    session.goto("/account/profiel/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download mijn gegevens").click()
    assert resident.email in download.value.path().read_text()
    page.get_by_role("link", name="Account verwijderen").click()
    session.check()
    page.get_by_label("Uw wachtwoord").fill(TEST_PASSWORD)
    page.get_by_label("Ja, verwijder mijn account").check()
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    session.check()
    assert page.get_by_text("Uw account is verwijderd").is_visible()
    assert page.get_by_role("link", name="Inloggen").is_visible()
    assert not User.objects.filter(pk=resident.pk).exists()
