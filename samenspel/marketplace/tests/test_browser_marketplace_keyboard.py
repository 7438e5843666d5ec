"""By keyboard only: a resident publishes a need and browses its matches; a housing corporation's
member proposes an introduction from its offer; the resident accepts, choosing what to share.
Every control is reached with Tab, shows where the focus is, and works with Enter, arrows and
typing (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into
from samenspel.organisations.models import Organisation

from ..forms import PERSON
from ..models import Category, Introduction, IntroductionStatus, Need
from .factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEED = "Ruimte om op dinsdagavond te koken"
OFFER = "Ruimte in buurthuis De Linde op dinsdagavond"
CONTACT = "buurtkeuken@example.org"


def test_need_to_accepted_introduction_by_keyboard(session, municipality, resident, partner_member):
    linde = municipality.neighbourhoods.get(slug="de-linde")
    offer = OfferFactory(
        organisation=Organisation.objects.get(slug="woonstichting"),
        municipality=municipality,
        created_by=partner_member,
        neighbourhood=linde,
        title=OFFER,
    )
    page = session.page

    # 1. The resident publishes a need for space and sees the corporation's offer as a match.
    log_in_as(session, resident)
    session.goto("/lindeveen/marktplaats/")
    tab_to(page, "link", "Ik zoek…")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    expect(page.get_by_role("combobox", name="Namens")).to_have_value(PERSON)
    category = tab_to(page, "combobox", "Soort", exact=True)
    page.keyboard.type("ruimte")  # type-ahead in a closed select
    expect(category).to_have_value(Category.SPACE)
    type_into(page, "textbox", "Titel", NEED, exact=True)
    type_into(page, "textbox", "Omschrijving", "Een keuken voor twintig buren, elke dinsdagavond.", exact=True)
    neighbourhood = tab_to(page, "combobox", "Wijk")
    page.keyboard.press("ArrowDown")
    expect(neighbourhood).to_have_value(str(linde.pk))
    tab_to(page, "button", "Publiceren")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    need = Need.objects.get(title=NEED)
    assert need.created_by == resident and need.neighbourhood == linde
    # Browsing the match: its title is a link, reached and followed by keyboard.
    tab_to(page, "link", OFFER, exact=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFER)
    session.check()

    # 2. The corporation's member proposes an introduction from the offer's matches.
    log_in_as(session, partner_member)
    session.goto(f"/lindeveen/marktplaats/aanbod/{offer.pk}/")
    tab_to(page, "button", "Stel een kennismaking voor")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    introduction = Introduction.objects.get(need=need, offer=offer)
    assert introduction.proposed_by == partner_member

    # 3. The resident answers from "Mijn kennismakingen", sharing an address of her choice.
    log_in_as(session, resident)
    session.goto("/lindeveen/marktplaats/kennismakingen/")
    tab_to(page, "link", NEED, exact=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    type_into(page, "textbox", "Hoe mag de andere kant u bereiken?", CONTACT)
    tab_to(page, "button", "Accepteren", exact=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    introduction.refresh_from_db()
    assert introduction.need_side_accepted_at and introduction.offer_side_accepted_at
    assert introduction.status == IntroductionStatus.ACCEPTED
    expect(page.locator(".contact-list").first).to_contain_text(CONTACT)
    assert resident.email not in page.content() and partner_member.email not in page.content()
