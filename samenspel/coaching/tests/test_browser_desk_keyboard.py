"""By keyboard only: a coach opens the intake, opens an initiative on the desk, takes it, records
a status change with its public reason and adds an agreement with the team. Every control is
reached with Tab, shows where the focus is, and works with Enter, Space, arrows and typing
(WCAG 2.1.1, 2.4.3, 2.4.7)."""

import datetime

import pytest
from playwright.sync_api import expect

from samenspel.coaching.models import Agreement, Decision
from samenspel.core.tests.keyboard import tab_to, type_date, type_into
from samenspel.initiatives.models import Status

from .test_browser_desk import REASON, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coach_works_the_desk_by_keyboard(session, initiative, coach):
    page = session.page
    log_in_as(session, coach)
    session.goto("/lindeveen/begeleiding/")

    tab_to(page, "link", "Moestuin De Linde")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/begeleiding/{initiative.slug}/")
    session.check()

    # The coach field is preset to the coach who is looking: Tab past it to the button.
    expect(page.get_by_role("combobox", name="Coach", exact=True)).to_have_value(str(coach.pk))
    tab_to(page, "button", "Toewijzen")
    page.keyboard.press("Enter")
    page.get_by_text("De coach is toegewezen.").wait_for()
    session.check()
    initiative.refresh_from_db()
    assert initiative.coach == coach

    status = tab_to(page, "combobox", "Nieuwe status")
    page.keyboard.press("ArrowDown")  # "Kies de volgende stap" -> the first next step
    expect(status).to_have_value(Status.IN_CONVERSATION)
    type_into(page, "textbox", "Reden (wordt openbaar", REASON)
    tab_to(page, "button", "Status wijzigen en besluit publiceren")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_CONVERSATION
    assert Decision.objects.filter(initiative=initiative, reasoning=REASON, decided_by=coach).exists()

    due = datetime.date.today() + datetime.timedelta(days=21)
    party = tab_to(page, "combobox", "Wie", exact=True)
    page.keyboard.press("ArrowDown")
    expect(party).to_have_value(Agreement.Party.TEAM)
    type_into(page, "textbox", "Wat", "Het team vraagt de vergunning voor de bakken aan.", exact=True)
    date = tab_to(page, "textbox", "Uiterlijk op")
    type_date(page, date, due)
    expect(date).to_have_value(due.isoformat())
    tab_to(page, "button", "Afspraak vastleggen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    agreement = Agreement.objects.get(initiative=initiative)
    assert (agreement.party, agreement.due_date, agreement.is_public) == (Agreement.Party.TEAM, due, True)
    expect(
        page.get_by_role("cell", name="Het team vraagt de vergunning voor de bakken aan.", exact=True)
    ).to_be_visible()
