"""In a real browser: Lindeveen's coach publishes a settled result-funding agreement in Wat
werkt from the agreement's page, the form prefilled with its results and money; Heideborg's
coach takes the practice up as an experiment, which the practice then shows."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as
from samenspel.funding.models import State
from samenspel.practices.models import Adoption, Practice

from .test_agreements_and_experiments import agreement_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_publish_a_settled_agreement_and_adopt_it_as_an_experiment(
    session, municipality, other_municipality, coach, municipality_admin, people
):
    agreement = agreement_in(State.SETTLED, municipality=municipality, coach=coach, admin=municipality_admin)
    page = session.page

    log_in_as(session, coach)
    session.goto(agreement.get_absolute_url())
    session.check()
    page.get_by_role("link", name="Publiceer in Wat werkt").click()
    session.check()
    expect(page.get_by_label("Naam van de aanpak")).to_have_value("Moestuin op resultaat")
    expect(page.get_by_label("Resultaten", exact=True)).to_have_value(
        "Twintig buurtbewoners tuinieren wekelijks mee — aantal vaste deelnemers: 22 (doel 20)"
    )
    expect(page.get_by_label("Financieringsvorm")).to_have_value("result_funding")
    session.screenshot("what-works-publish-from-agreement", tour=True)
    page.get_by_label("In één zin").fill("Een buurtmoestuin betaald per bereikt resultaat, in drie termijnen.")
    page.get_by_label("Thema").select_option("green")
    page.get_by_label("Doelgroep").select_option("all")
    page.get_by_label("Aanpak", exact=True).fill("Voorschot, dan termijnen na bewezen deelname.")
    page.get_by_label("Werkzame elementen").fill("Een vaste coach en een duidelijk afgesproken resultaat.")
    page.get_by_label("Randvoorwaarden").fill("Een stuk grond en een coach met tijd.")
    page.get_by_label("Bewijskracht").select_option("described")
    page.get_by_label("Overdraagbaarheid").fill("Past in elke gemeente met een budget voor wijkinitiatieven.")
    page.get_by_label("Contact (een functie, geen persoon)").fill("Coördinator wijkinitiatieven, gemeente Lindeveen")
    page.get_by_label("Omvang van de gemeente").select_option("medium")
    page.get_by_role("button", name="Publiceren in Wat werkt").click()
    session.check()
    practice = Practice.objects.get(source_agreement=agreement)
    expect(page.get_by_role("link", name=agreement.title)).to_be_visible()

    log_in_as(session, people["outsider"])
    session.goto(f"/heideborg/wat-werkt/{practice.pk}/")
    page.get_by_role("link", name="Deze aanpak gebruiken").click()
    session.check()
    page.get_by_label("Hoe past u de aanpak hier toe?").fill("Eerst een half jaar als experiment in Heidedorp.")
    page.get_by_label("Een experiment").check()
    page.get_by_label("Naam van het nieuwe initiatief of experiment").fill("Moestuin op resultaat in Heidedorp")
    page.get_by_role("button", name="Aanpak overnemen").click()
    session.check()
    adoption = Adoption.objects.get(practice=practice)
    assert adoption.municipality == other_municipality and adoption.initiative is None
    assert adoption.experiment.title == "Moestuin op resultaat in Heidedorp"
    expect(page.get_by_role("heading", name="Moestuin op resultaat in Heidedorp")).to_be_visible()

    session.goto(f"/heideborg/wat-werkt/{practice.pk}/")
    expect(page.get_by_role("link", name="Moestuin op resultaat in Heidedorp")).to_be_visible()
    session.check("practice-adopted-as-experiment")
    session.screenshot("what-works-adopted-as-experiment", tour=True)
