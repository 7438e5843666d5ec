"""In a real browser: the experiment that lifted a rule is evaluated as worked and the rule
changes for good (visible in the rule register); Lindeveen publishes the practice in Wat werkt;
Heideborg's coach finds it there and starts a linked initiative. Then the Heideborg part again
by keyboard only."""

import pytest
from playwright.sync_api import expect

from samenspel.coaching.models import Rule
from samenspel.core.tests.keyboard import log_in_as, tab_to, type_into
from samenspel.experiments.tests.conftest import make_experiment  # noqa: F401  (fixture)
from samenspel.initiatives.models import Initiative
from samenspel.practices.models import Adoption, Practice

from .factories import PracticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNED = "Groepen van drie inwoners vroegen zeven keer zo vaak subsidie aan, zonder meer verkeerde besteding."


def test_from_evaluated_experiment_to_an_adopted_practice(
    session,
    municipality,
    other_municipality,
    municipality_admin,
    people,
    make_experiment,  # noqa: F811
):
    experiment = make_experiment(title="Wijksubsidie voor groepen van drie inwoners")
    Rule.objects.filter(pk=experiment.obstacle.rule_id).update(
        title="Subsidie alleen voor rechtspersonen (stichting of vereniging)",
        reference="art. 3 lid 1 Subsidieregeling Wijkinitiatieven Lindeveen 2023",
    )
    page = session.page

    # The administrator evaluates: it worked, and the rule changes for good.
    log_in_as(session, municipality_admin)
    session.goto(f"/lindeveen/experimenten/{experiment.pk}/")
    session.check()
    page.get_by_role("link", name="Evalueren").click()
    session.check()
    page.get_by_label("werkte", exact=True).check()
    page.get_by_label("Wat we leerden").fill(LEARNED)
    page.get_by_label("de regel blijvend aanpassen").check()
    page.get_by_label("Onderbouwing van het besluit").fill("De proef werkte; de raad past de regeling aan.")
    page.get_by_label("Wat verandert er blijvend aan de regel?").fill("Groepen van drie inwoners mogen aanvragen.")
    page.get_by_label("Vindplaats van de wijziging").fill("Raadsbesluit 2026-014")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    session.check()
    expect(page.get_by_text("De evaluatie is vastgelegd en openbaar.")).to_be_visible()
    assert Rule.objects.get(pk=experiment.obstacle.rule_id).changed_at is not None

    session.goto("/lindeveen/regelknelpunten/")
    expect(page.get_by_text("Blijvend aangepast op").first).to_be_visible()
    session.check("rule-register-changed")
    session.screenshot("rule-changed-by-experiment", tour=True)

    # The municipality publishes the practice, prefilled from the experiment.
    session.goto(f"/lindeveen/experimenten/{experiment.pk}/")
    page.get_by_role("link", name="Publiceren in Wat werkt").click()
    session.check()
    expect(page.get_by_label("Naam van de aanpak")).to_have_value(experiment.title)
    page.get_by_label("In één zin").fill("Drie inwoners samen kunnen tot € 2.500 aanvragen, zonder stichting.")
    page.get_by_label("Thema").select_option("culture")
    page.get_by_label("Doelgroep").select_option("all")
    page.get_by_label("Aanpak", exact=True).fill("Formulier van één pagina, besluit binnen tien werkdagen.")
    page.get_by_label("Werkzame elementen").fill("Vertrouwen vooraf, verantwoording achteraf.")
    page.get_by_label("Randvoorwaarden").fill("Een coach met tijd.")
    page.get_by_label("Kosten").fill("€ 25.000 per jaar.")
    page.get_by_label("Financieringsvorm").select_option("subsidy")
    page.get_by_label("Bewijskracht").select_option("indications")
    page.get_by_label("Overdraagbaarheid").fill("Past in elke gemeente met een subsidieregeling.")
    page.get_by_label("Contact (een functie, geen persoon)").fill("Coördinator wijkinitiatieven, gemeente Lindeveen")
    page.get_by_label("Omvang van de gemeente").select_option("medium")
    page.get_by_role("button", name="Publiceren in Wat werkt").click()
    session.check()
    practice = Practice.objects.get(source_experiment=experiment)

    # Heideborg's coach finds it in the library and starts a linked initiative.
    log_in_as(session, people["outsider"])
    session.goto("/heideborg/wat-werkt/")
    page.get_by_role("textbox", name="Zoekwoorden").fill("subsidie groepen")
    page.get_by_role("button", name="Zoeken").click()
    session.check()
    page.get_by_role("link", name=practice.title).click()
    session.check()
    session.screenshot("what-works-practice", tour=True)
    page.get_by_role("link", name="Deze aanpak gebruiken").click()
    session.check()
    page.get_by_label("Hoe past u de aanpak hier toe?").fill("In de kernen, met de dorpsraad als vraagbaak.")
    page.get_by_label("Naam van het nieuwe initiatief").fill("Dorpsbudget voor groepen inwoners")
    page.get_by_role("button", name="Aanpak overnemen").click()
    session.check()
    adoption = Adoption.objects.get(practice=practice)
    assert adoption.municipality == other_municipality
    assert adoption.initiative.title == "Dorpsbudget voor groepen inwoners"
    expect(page.get_by_role("heading", name="Dorpsbudget voor groepen inwoners")).to_be_visible()

    session.goto(f"/heideborg/wat-werkt/{practice.pk}/")
    expect(page.get_by_role("link", name="Dorpsbudget voor groepen inwoners")).to_be_visible()


def test_heideborg_adopts_a_practice_by_keyboard(session, municipality, other_municipality, people):
    practice = PracticeFactory(municipality=municipality, title="Wijksubsidie voor groepen inwoners")
    page = session.page
    log_in_as(session, people["outsider"])
    session.goto("/heideborg/wat-werkt/")
    type_into(page, "textbox", "Zoekwoorden", "subsidie")
    tab_to(page, "button", "Zoeken", exact=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    tab_to(page, "link", practice.title)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    tab_to(page, "link", "Deze aanpak gebruiken")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    type_into(page, "textbox", "Hoe past u de aanpak hier toe?", "Met de dorpsraad.")
    tab_to(page, "button", "Aanpak overnemen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    adoption = Adoption.objects.get(practice=practice)
    assert adoption.municipality == other_municipality
    assert Initiative.objects.filter(municipality=other_municipality, adoptions=adoption).exists()
