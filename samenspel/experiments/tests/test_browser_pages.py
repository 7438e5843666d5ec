"""Every page of experiments that the main story does not visit, as staff, on a desktop and a
phone: the list with an overdue evaluation, the form for a new experiment (and its refusal),
the coaches' desk with the evaluations section, and a rule changed for good."""

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import log_in_as
from samenspel.experiments import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_experiment_pages_as_staff(session, municipality, coach, municipality_admin, make_experiment):
    overdue = make_experiment("overdue", title="Subsidie aan de bewonersgroep van de Huiskamer")
    changed = make_experiment(title="Wijksubsidie voor groepen van drie inwoners")
    services.experiment_evaluate(
        experiment=changed,
        evaluated_by=municipality_admin,
        result="worked",
        learned="Zeven keer zo veel aanvragen.",
        verdict="change_rule",
        reasoning="De proef werkte.",
        rule_change_summary="Groepen van drie inwoners mogen aanvragen.",
        rule_change_reference="Raadsbesluit 2026-014",
    )
    page = session.page
    log_in_as(session, coach)

    session.goto("/lindeveen/experimenten/")
    expect(page.get_by_text("Evaluatie te laat").first).to_be_visible()
    session.check()
    session.goto("/lindeveen/experimenten/?stand=overdue")
    expect(page.get_by_role("link", name=overdue.title)).to_be_visible()
    session.check()

    session.goto("/lindeveen/begeleiding/")
    expect(page.get_by_role("heading", name="Evaluaties van experimenten")).to_be_visible()
    session.check()

    session.goto(f"/lindeveen/experimenten/{overdue.pk}/")
    page.locator("summary", has_text="Indicator toevoegen").click()
    session.check()

    session.goto("/lindeveen/experimenten/nieuw/")
    session.check()
    page.get_by_role("button", name="Experiment vastleggen").click()
    expect(page.get_by_text("Geef het experiment een naam.")).to_be_visible()
    session.check()

    session.goto(f"/lindeveen/regelknelpunten/{changed.obstacle.rule_id}/")
    expect(page.get_by_role("heading", name="Blijvend aangepast")).to_be_visible()
    session.check()
