"""In a real browser: a housing corporation offers space, an initiative that needs space
sees it as its top match, asks for an introduction, the corporation accepts sharing an
address of its choice, each sees the other's name and what they chose to share (never an
account's e-mail address), and the need is marked as met."""

import pytest
from django.conf import settings
from django.test import Client

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.municipalities.models import Role

from ..models import Introduction, IntroductionStatus, ListingStatus, Offer
from .factories import InitiativeFactory, NeedFactory, OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as(session, user):
    """Give the browser the session cookie of a logged-in Django test client."""
    context = session.page.context
    context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}])


def test_space_offer_to_met_need(session, municipality, partner_member):
    linde = municipality.neighbourhoods.get(slug="de-linde")
    initiator = UserFactory(display_name="Joost van der Berg")
    MembershipFactory(user=initiator, municipality=municipality, role=Role.RESIDENT)
    initiative = InitiativeFactory(
        municipality=municipality,
        initiator=initiator,
        neighbourhood=linde,
        title="Buurtkeuken De Linde",
        slug="buurtkeuken",
    )
    need = NeedFactory(
        initiative=initiative,
        neighbourhood=linde,
        title="Ruimte met keuken op dinsdagavond",
        description="Wij zoeken een zaal met keuken in buurthuis De Linde om op dinsdagavond te koken.",
    )
    other_owner = InitiativeFactory(municipality=municipality)
    OfferFactory(initiative=other_owner, municipality=municipality, title="Kennis van subsidies", category="knowledge")
    page = session.page
    base = "/lindeveen/marktplaats/"

    # 1. The housing corporation's member publishes an offer of space for the organisation.
    log_in_as(session, partner_member)
    session.goto(base)
    session.screenshot("marketplace-1-overview", tour=True)
    page.get_by_role("link", name="Ik kan helpen met…").click()
    session.check()
    page.get_by_label("Namens").select_option(label="Woonstichting Lindeveen")
    page.get_by_label("Soort").select_option("space")
    page.get_by_label("Titel").fill("Ruimte in buurthuis De Linde op dinsdagavond")
    page.get_by_label("Omschrijving").fill("De grote zaal met keuken van buurthuis De Linde is op dinsdagavond vrij.")
    page.get_by_label("Beschikbaarheid").fill("dinsdagavond 19.00-22.00")
    page.get_by_label("Wijk").select_option(label="De Linde")
    page.get_by_role("button", name="Publiceren").click()
    session.check()
    offer = Offer.objects.get(title="Ruimte in buurthuis De Linde op dinsdagavond")

    # 2. The initiator sees it as the top match of the space need, with the reason in Dutch.
    log_in_as(session, initiator)
    session.goto(f"{base}vraag/{need.pk}/")
    first = page.locator(".match-list > li").first
    assert "Ruimte in buurthuis De Linde op dinsdagavond" in first.inner_text()
    assert "ruimte" in first.inner_text()
    assert partner_member.email not in page.content()
    session.screenshot("marketplace-2-matches", tour=True)
    first.get_by_role("button", name="Stel een kennismaking voor").click()
    session.check()
    introduction = Introduction.objects.get(need=need, offer=offer)
    assert partner_member.email not in page.content()

    # 3. The organisation accepts from its list of introductions.
    log_in_as(session, partner_member)
    session.goto(f"{base}kennismakingen/")
    page.get_by_role("link", name=need.title).click()
    session.check()
    assert initiator.email not in page.content() and initiator.display_name not in page.content()
    page.get_by_label("Hoe mag de andere kant u bereiken?").fill("zalen@woonstichting-lindeveen.example")
    page.get_by_role("button", name="Accepteren").click()
    session.check()
    assert initiator.display_name in page.locator(".contact-list").first.inner_text()
    assert initiator.email not in page.content()
    session.screenshot("marketplace-3-accepted", tour=True)

    # 4. The initiator sees what the corporation shared (not its member's account) and marks the need as met.
    log_in_as(session, initiator)
    session.goto(f"{base}kennismakingen/{introduction.pk}/")
    assert "zalen@woonstichting-lindeveen.example" in page.content()
    assert partner_member.email not in page.content()
    page.get_by_role("button", name="Onze vraag is hiermee vervuld").click()
    session.check()
    need.refresh_from_db()
    introduction.refresh_from_db()
    assert need.status == ListingStatus.MET and introduction.status == IntroductionStatus.CLOSED
    assert "afspraak gemaakt" in page.locator("#intro-status").inner_text()

    # 5. The municipality's view: charts with tables beside them.
    coach = UserFactory()
    MembershipFactory(user=coach, municipality=municipality, role=Role.COACH)
    log_in_as(session, coach)
    session.goto(f"{base}inzicht/")
    session.screenshot("marketplace-4-insights", tour=True)
