"""In a real browser: a residents' group challenges the municipality to let it run community
centre De Linde. The municipality asks for more information (the term stops, and runs again when
the answer is in), publishes the request, assesses it against the ordinance's criteria and the
adopted vision, grants it and records the agreement, which then stands on the public page."""

import datetime

import pytest

from samenspel.core.tests.keyboard import log_in_as
from samenspel.rights.models import RightRequest, State
from samenspel.vision.models import Principle, VisionVersion
from samenspel.vision.tests.factories import VisionProcessFactory

from .factories import PART_TEXTS, adopt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Bewoners runnen buurthuis De Linde"
QUESTION = "Wilt u de statuten van de stichting en de begroting per post meesturen?"
ANSWER = "De statuten en de begroting per post staan nu in het verzoek."
REASONS = "De stichting is geworteld in de wijk, doet het werk al jaren en houdt het huis langer open voor minder geld."


@pytest.fixture
def setting(municipality, municipality_admin):
    adopt(municipality, municipality_admin)
    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    version = VisionVersion.objects.create(
        process=process, number=1, status=VisionVersion.Status.ADOPTED, raadsbesluit="Raadsbesluit 2026-41"
    )
    Principle.objects.create(version=version, title="Van en door de buurt", explanation="Bewoners doen mee.", order=1)
    Principle.objects.create(version=version, title="Groen dichtbij", explanation="Groen om de hoek.", order=2)
    return version


def test_a_residents_group_challenges_the_municipality_to_run_the_community_centre(
    session, setting, municipality, resident, coach, municipality_admin, partner_member
):
    page = session.page

    # The group's spokesperson files the challenge.
    log_in_as(session, resident)
    session.goto("/lindeveen/buurtrechten/")
    page.get_by_role("link", name="Een verzoek onder het uitdaagrecht").click()
    session.check()
    page.get_by_label("Titel van uw verzoek").fill(TITLE)
    page.get_by_label("Naam van uw groep of organisatie").fill("Stichting Bewoners Buurthuis De Linde")
    page.get_by_label("Telefoonnummer").fill("06-11223344")
    page.get_by_label("Gevraagd budget per jaar (euro)").fill("52000")
    for code, text in PART_TEXTS.items():
        field = page.locator(f"#id_part_{code}")
        if field.count():
            field.fill(text)
    page.get_by_role("button", name="Concept opslaan").click()
    session.check()
    page.get_by_role("button", name="Verzoek indienen").click()
    session.check()
    assert page.get_by_text("Uw verzoek is ingediend.").is_visible()
    request = RightRequest.objects.get(title=TITLE)
    assert request.state == State.SUBMITTED and request.received_on == datetime.date.today()
    assert page.get_by_text("Besluit uiterlijk:").is_visible()
    session.screenshot("buurtrecht-ontvangen")

    # The coach sees it on the desk, and asks for more information: the term stops.
    log_in_as(session, coach)
    session.goto("/lindeveen/begeleiding/")
    assert page.get_by_role("heading", name="Buurtrechten: lopende termijnen").is_visible()
    page.get_by_role("link", name=TITLE).click()
    session.check()
    page.get_by_label("Welke informatie ontbreekt?").fill(QUESTION)
    page.get_by_role("button", name="Vraag versturen en termijn stilzetten").click()
    session.check()
    assert page.get_by_text("Termijn staat stil sinds").first.is_visible()

    # The group answers; the term runs again.
    log_in_as(session, resident)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/")
    assert page.get_by_text(QUESTION).is_visible()
    page.get_by_label("Uw antwoord").fill(ANSWER)
    page.get_by_role("button", name="Antwoord versturen").click()
    session.check()
    assert page.get_by_text("de termijn loopt weer").is_visible()
    assert not page.get_by_text("Termijn staat stil sinds").count()

    # Admissible: published for support and comments.
    log_in_as(session, coach)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/behandeling/")
    page.get_by_label("Ja: publiceren voor steun en reacties").check()
    page.get_by_role("button", name="Besluit over ontvankelijkheid vastleggen").click()
    session.check()

    log_in_as(session, partner_member)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/")
    page.get_by_role("button", name="Ik steun dit verzoek").click()
    session.check()
    assert page.get_by_text("1 inwoner steunt dit verzoek.").is_visible()

    # Assessment against the ordinance's criteria and the adopted vision.
    log_in_as(session, coach)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/behandeling/")
    page.get_by_role("button", name="Inzage sluiten en beoordelen").click()
    session.check()
    for code in request.terms.criteria:
        page.locator(f"#score_verdict_{code}").select_option("met")
        page.locator(f"#score_explanation_{code}").fill("Aangetoond in het verzoek en het gesprek.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    session.check()
    page.get_by_role("link", name="Toetsen aan de toekomstvisie").click()
    session.check()
    first, second = setting.principles.all()
    page.locator(f'input[name="verdict_{first.pk}"][value="contributes"]').check()
    page.locator(f"#id_explanation_{first.pk}").fill("Het huis wordt van en door de buurt.")
    page.locator(f'input[name="verdict_{second.pk}"][value="neutral"]').check()
    page.get_by_role("button", name="Toetsing opslaan").click()
    session.check()

    # The administrator decides, and records the agreement.
    log_in_as(session, municipality_admin)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/behandeling/")
    page.get_by_label("Besluit", exact=True).select_option("granted")
    page.get_by_label("Motivering (openbaar)").fill(REASONS)
    page.get_by_role("button", name="Besluit nemen en publiceren").click()
    session.check()
    today = datetime.date.today()
    page.get_by_label("Verwachte resultaten").fill("Vijf dagen en twee avonden per week open; 300 bezoeken per week.")
    page.get_by_label("Begint op").fill(today.isoformat())
    page.get_by_label("Loopt tot").fill((today + datetime.timedelta(days=3 * 365)).isoformat())
    page.get_by_label("Rapportagemomenten").fill("Halfjaarlijks een verslag; de jaarrekening vóór 1 mei.")
    page.get_by_label("Aan het einde").select_option("renewal")
    page.get_by_role("button", name="Overeenkomst vastleggen").click()
    session.check()
    request.refresh_from_db()
    assert request.is_granted and request.agreement.budget == 52000
    # The ordinance's terms, and the form for a new version of it.
    session.goto("/lindeveen/buurtrechten/verordening/")
    page.get_by_role("link", name="Een nieuwe versie vastleggen").click()
    session.check()
    assert page.get_by_role("group", name="Uitdaagrecht").is_visible()

    # Anyone reads the decision, the assessment and the agreement.
    log_in_as(session, None)
    session.goto(f"/lindeveen/buurtrechten/{request.pk}/")
    assert page.get_by_role("heading", name="Overeenkomst").is_visible()
    assert page.get_by_text(REASONS).is_visible()
    assert page.get_by_text("Het huis wordt van en door de buurt.").is_visible()
    assert page.get_by_text("€ 52.000").first.is_visible()
    assert not page.get_by_text("06-11223344").count() and not page.get_by_text(resident.email).count()
    session.screenshot("buurtrecht-overeenkomst", tour=True)
    session.goto("/lindeveen/buurtrechten/")
    session.screenshot("buurtrechten-register", tour=True)
