"""In a real browser: a resident clicks "Ik doe mee", writes to the team from the initiative's
page, a teammate sees who joined (by name only), answers, and the joiner reads the answer.
Nobody's e-mail address shows on the way."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.initiatives.models import TeamMember
from samenspel.initiatives.tests.factories import InitiativeFactory
from samenspel.marketplace.tests.test_browser_marketplace import log_in_as
from samenspel.municipalities.models import Role
from samenspel.notifications.models import Notification

from ..models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_joiner_and_the_team_exchange_messages(session, municipality):
    initiator = UserFactory(display_name="Joost van der Berg")
    MembershipFactory(user=initiator, municipality=municipality, role=Role.RESIDENT)
    initiative = InitiativeFactory(
        municipality=municipality, initiator=initiator, title="Buurtkeuken De Linde", slug="buurtkeuken"
    )
    teammate = UserFactory(display_name="Anouk Visser", email="anouk.prive@voorbeeld.test")
    MembershipFactory(user=teammate, municipality=municipality, role=Role.RESIDENT)
    TeamMember.objects.create(
        initiative=initiative, user=teammate, email=teammate.email, accepted_at=initiative.submitted_at
    )
    joiner = UserFactory(display_name="Mees de Vries", email="mees.prive@voorbeeld.test")
    MembershipFactory(user=joiner, municipality=municipality, role=Role.RESIDENT)
    page = session.page
    detail = "/lindeveen/initiatieven/buurtkeuken/"

    # 1. Mees joins and writes to the team from the initiative's page.
    log_in_as(session, joiner)
    session.goto(detail)
    page.get_by_role("button", name="Ik doe mee").click()
    # Wait until the page says it took (a new request before the answer would race the write).
    expect(page.locator("#steun-knop-join")).to_have_attribute("aria-pressed", "true")
    session.goto(detail)
    page.get_by_role("link", name="Schrijf het team").click()
    session.check()
    page.get_by_label("Uw bericht").fill("Ik kan zaterdag helpen met koken. Hoe laat beginnen jullie?")
    page.get_by_role("button", name="Bericht versturen").click()
    session.check()
    assert "Ik kan zaterdag helpen met koken" in page.locator(".conversation-thread").inner_text()
    assert teammate.email not in page.content()
    assert Notification.objects.filter(user=teammate).exists()

    # 2. Anouk sees who joined, by display name only, opens the conversation and answers.
    log_in_as(session, teammate)
    session.goto(detail)
    panel = page.locator(".initiative-panel--conversations")
    assert "Mees de Vries" in panel.inner_text() and joiner.email not in page.content()
    panel.get_by_role("link", name="Gesprek openen").click()
    session.check()
    assert "Hoe laat beginnen jullie?" in page.content()
    page.get_by_label("Uw bericht").fill("Welkom Mees! We beginnen om 17.00 uur in buurthuis De Linde.")
    page.get_by_role("button", name="Bericht versturen").click()
    session.check()
    session.screenshot("conversations-team-answers", tour=True)

    # 3. Mees reads the answer; no address of anyone on the page.
    log_in_as(session, joiner)
    session.goto(detail)
    page.get_by_role("link", name="Schrijf het team").click()
    session.check()
    thread = page.locator(".conversation-thread").inner_text()
    assert "We beginnen om 17.00 uur" in thread and "Anouk Visser" in thread
    assert teammate.email not in page.content() and initiator.email not in page.content()
    assert Message.objects.count() == 2
