"""By keyboard only: a resident posts a comment and reports someone else's; a moderator hides it
with a reason from the queue. Every control is reached with Tab, shows where the focus is, and
works with Enter, Space and typing; after the in-page post, focus is on the confirmation, not
back on the page body (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into

from ..models import Comment, Report
from .factories import CommentFactory, InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFENSIVE = "Wat een onzin, jullie zijn allemaal zakkenvullers."
MINE = "Ik kan zaterdag de kruiwagen meenemen."
REASON = "Beledigend voor de vrijwilligers; houd het bij de zaak."


def test_post_report_and_hide_by_keyboard(session, municipality, resident, moderator, author):
    initiative = InitiativeFactory(
        municipality=municipality, title="Buurtmoestuin De Linde", slug="buurtmoestuin-de-linde", initiator=author
    )
    offensive = CommentFactory(initiative=initiative, author=author, text=OFFENSIVE)

    log_in_as(session, resident)
    page = session.goto(initiative.get_absolute_url())
    type_into(page, "textbox", "Uw reactie", MINE, limit=150)
    tab_to(page, "button", "Reactie plaatsen")
    page.keyboard.press("Enter")
    page.get_by_text("Uw reactie is geplaatst.").wait_for()
    expect(page.locator(".comments-panel__posted")).to_be_focused()
    assert Comment.objects.filter(object_id=initiative.pk, author=resident, text=MINE).exists()
    session.check()

    # Back up the page to the other comment: Shift+Tab, as a keyboard user would.
    tab_to(page, "link", f"Melden (reactie van {author.display_name})", backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    reason = tab_to(page, "radio", "Kwetsend of beledigend", exact=True)
    page.keyboard.press("Space")
    expect(reason).to_be_checked()
    page.keyboard.press("ArrowDown")  # arrows move the choice within the group
    expect(page.get_by_role("radio", name="Discriminerend")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(reason).to_be_checked()
    type_into(page, "textbox", "Toelichting", "Scheldt de vrijwilligers uit.")
    tab_to(page, "button", "Melding versturen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Bedankt voor uw melding").wait_for()
    session.check()
    report = Report.objects.get(comment=offensive)
    assert (report.reporter, report.reason) == (resident, Report.Reason.OFFENSIVE)

    log_in_as(session, moderator)
    page = session.goto(reverse("comments:queue", kwargs={"municipality": municipality.slug}))
    type_into(page, "textbox", "Reden", REASON, exact=True)
    tab_to(page, "button", f"Verbergen (reactie van {author.display_name})")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("De reactie is verborgen.").wait_for()
    session.check()
    offensive.refresh_from_db()
    assert offensive.is_hidden and offensive.hidden_reason == REASON and offensive.hidden_by == moderator

    log_in_as(session, None)
    page = session.goto(initiative.get_absolute_url())
    expect(page.get_by_text(f"Deze reactie is verborgen door een moderator: {REASON}")).to_be_visible()
    assert OFFENSIVE not in page.content()
