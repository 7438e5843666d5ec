"""In a real browser: an in-page vote that fails tells the voter why, in Dutch, saves nothing,
throws no JavaScript error and leaves focus where the voter is (samenspel.js, one mechanism
for every htmx action)."""

import pytest
from playwright.sync_api import expect

from samenspel.vision.models import Participant, Statement, Vote

from .factories import StatementFactory, VisionProcessFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVER = "Er ging bij ons iets mis. Er is niets opgeslagen; probeer het over een moment opnieuw."
NETWORK = "Er is geen verbinding. Er is niets opgeslagen; probeer het opnieuw als u weer online bent."


@pytest.fixture
def voting(municipality):
    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    statements = [StatementFactory(process=process, text=f"Stelling nummer {n}") for n in range(3)]
    return process, statements


def _watch_errors(page) -> list[str]:
    thrown: list[str] = []
    page.on("pageerror", lambda error: thrown.append(str(error)))
    return thrown


def forget_provoked_errors(session) -> None:
    """The browser logs the failed request itself (and htmx its status) as console errors: that
    is the failure the story provokes. The shared session's console check keeps every other one."""
    errors = getattr(session, "console_errors", None)
    if errors is not None:
        provoked = ("Failed to load resource", "Response Status Error Code", "htmx:sendError", "htmx:afterRequest")
        errors[:] = [e for e in errors if not any(text in e for text in provoked)]


def _announced(page, sentence) -> None:
    """The live region, read out by screen readers, carries the sentence."""
    expect(page.locator("#pagina-melding")).to_have_text(sentence)


@pytest.mark.parametrize(("failure", "sentence"), [("server", SERVER), ("network", NETWORK)])
def test_a_vote_that_fails_in_transit_says_so_and_can_be_tried_again(session, voting, failure, sentence):
    process, _statements = voting
    page = session.page
    thrown = _watch_errors(page)
    session.goto(process.get_absolute_url())

    def fail(route):
        if route.request.method != "POST":
            return route.continue_()
        if failure == "network":
            return route.abort("internetdisconnected")
        return route.fulfill(status=500, body="<h1>Server Error (500)</h1>", content_type="text/html")

    page.route("**/stem/", fail)
    card = page.locator("#stemmen")
    button = card.get_by_role("button", name="Eens", exact=True)
    button.focus()
    page.keyboard.press("Enter")

    shown = card.locator("[data-in-page-error]")
    shown.wait_for()
    assert shown.text_content().strip() == sentence
    _announced(page, sentence)
    # Focus stays on the button, so Enter tries again; the statement is still the same one.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Eens"
    assert card.get_by_text("U stemde op 0 van 3 stellingen.").is_visible()
    assert not Vote.objects.exists() and not Participant.objects.exists()

    page.unroute("**/stem/")
    page.keyboard.press("Enter")
    card.get_by_text("U stemde op 1 van 3 stellingen.").wait_for()
    assert card.locator("[data-in-page-error]").count() == 0
    assert Vote.objects.count() == 1
    # After a successful vote focus is on the next statement, not on the page body.
    expect(card.locator(".vote-card__statement")).to_be_focused()
    forget_provoked_errors(session)
    session.check()
    assert thrown == []


def test_a_vote_refused_by_the_service_shows_the_reason_and_keeps_nothing(session, voting):
    process, statements = voting
    page = session.page
    thrown = _watch_errors(page)
    session.goto(process.get_absolute_url())
    # While the voter reads, a moderator hides the statement on screen.
    shown = page.locator("#stemmen blockquote").text_content().strip()
    Statement.objects.filter(text=shown).update(status=Statement.Status.HIDDEN)

    page.locator("#stemmen").get_by_role("button", name="Oneens", exact=True).click()
    reason = "Op deze stelling kan niet (meer) worden gestemd."
    refusal = page.locator("#stemmen [data-refusal]")
    refusal.wait_for()
    assert refusal.text_content().strip() == reason
    _announced(page, reason)
    expect(refusal).to_be_focused()
    # The card goes on with a statement that can still be voted on.
    assert page.locator("#stemmen blockquote").text_content().strip() != shown
    assert not Vote.objects.exists() and not Participant.objects.exists()
    forget_provoked_errors(session)
    session.check()
    assert thrown == []
