"""By keyboard only: a voter enters the code from her letter, chooses plans on the ballot with
Space, votes, then changes her choice. Every control is reached with Tab, shows where the focus
is, and the live total follows the keyboard as it follows a mouse (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import pytest
from playwright.sync_api import expect

from samenspel.budgeting.models import Ballot
from samenspel.core.tests.keyboard import tab_to, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_voter_votes_and_changes_the_ballot_by_keyboard(session, voting_round, code_for):
    code = code_for(voting_round)
    page = session.goto(f"{voting_round.get_absolute_url()}stemcode/")

    type_into(page, "textbox", "Uw stemcode", code.lower())
    tab_to(page, "button", "Verder naar het stembiljet")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()

    for title in ("Speeltuin Zuiderpark", "Moestuin De Linde"):
        box = tab_to(page, "checkbox", title)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    expect(page.locator("[data-ballot-total]")).to_have_text("€ 90.000")
    tab_to(page, "button", "Stem uitbrengen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    ballot = Ballot.objects.get()
    assert sorted(p.title for p in ballot.plans.all()) == ["Moestuin De Linde", "Speeltuin Zuiderpark"]
    expect(page.locator("#uw-stem")).to_contain_text("u koos 2 plannen")

    # She changes her mind: the playground out, the benches in.
    box = tab_to(page, "checkbox", "Speeltuin Zuiderpark")
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    box = tab_to(page, "checkbox", "Bankjes langs de Veenkade")
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.locator("[data-ballot-total]")).to_have_text("€ 50.000")
    tab_to(page, "button", "Keuze aanpassen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    assert Ballot.objects.count() == 1
    assert sorted(p.title for p in Ballot.objects.get().plans.all()) == [
        "Bankjes langs de Veenkade",
        "Moestuin De Linde",
    ]
