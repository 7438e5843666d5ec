"""By keyboard only: a resident who joined writes to the team from the initiative's page, a
teammate opens the conversation from the list of who joined and answers. Every control is
reached with Tab, shows where the focus is, and works with Enter and typing (WCAG 2.1.1,
2.4.3, 2.4.7)."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into
from samenspel.initiatives.models import Support, TeamMember
from samenspel.initiatives.services import support_toggle
from samenspel.initiatives.tests.factories import InitiativeFactory
from samenspel.municipalities.models import Role

from ..models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_joiner_and_team_write_by_keyboard(session, municipality):
    initiator = UserFactory(display_name="Joost van der Berg")
    MembershipFactory(user=initiator, municipality=municipality, role=Role.RESIDENT)
    initiative = InitiativeFactory(
        municipality=municipality, initiator=initiator, title="Buurtkeuken", slug="buurtkeuken"
    )
    teammate = UserFactory(display_name="Anouk Visser")
    MembershipFactory(user=teammate, municipality=municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=initiative, user=teammate, email=teammate.email, accepted_at=initiative.submitted_at
    )
    joiner = UserFactory(display_name="Mees de Vries")
    MembershipFactory(user=joiner, municipality=municipality, role=Role.RESIDENT)
    support_toggle(initiative=initiative, user=joiner, kind=Support.Kind.JOIN)
    page = session.page
    detail = "/lindeveen/initiatieven/buurtkeuken/"

    # 1. Mees: Tab to "Schrijf het team", Enter, type, Tab to the button, Enter.
    log_in_as(session, joiner)
    session.goto(detail)
    tab_to(page, "link", "Schrijf het team")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    type_into(page, "textbox", "Uw bericht", "Ik neem zaterdag pannen mee.")
    tab_to(page, "button", "Bericht versturen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    expect(page.locator(".conversation-thread")).to_contain_text("Ik neem zaterdag pannen mee.")

    # 2. Anouk: from the list of who joined to the conversation, and an answer.
    log_in_as(session, teammate)
    session.goto(detail)
    tab_to(page, "link", "Gesprek openen (Mees de Vries)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    type_into(page, "textbox", "Uw bericht", "Top, tot zaterdag!")
    tab_to(page, "button", "Bericht versturen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    expect(page.locator(".conversation-thread")).to_contain_text("Top, tot zaterdag!")
    assert list(Message.objects.values_list("author", flat=True)) == [joiner.pk, teammate.pk]
