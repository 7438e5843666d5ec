"""By keyboard only: the coach plans the last tranche and grants the agreement, the budget holder
opens the second tranche and releases it with a reason. Every control is reached with Tab, shows
where the focus is, and works with Enter, Space and typing (WCAG 2.1.1, 2.4.3, 2.4.7)."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from samenspel.core.tests.keyboard import assert_focus_visible, log_in_as, tab_to, type_date, type_into
from samenspel.funding import services
from samenspel.funding.models import State, TrancheKind, TrancheState

from .factories import future, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_grant_and_release_by_keyboard(session, initiative, resident, coach, municipality_admin):
    page = session.page
    agreement = services.agreement_create(
        municipality=initiative.municipality,
        initiative=initiative,
        title="Moestuin De Linde op resultaat",
        purpose="Bakken, grond en gereedschap.",
        amount=Decimal("9000.00"),
        end_date=future(365),
        created_by=coach,
    )
    result = services.result_add(
        agreement=agreement, description="Twintig vaste tuiniers", indicator="aantal tuiniers", target=20,
        evidence_required="presentielijst", actor=coach,
    )  # fmt: skip
    services.tranche_add(
        agreement=agreement, kind=TrancheKind.ADVANCE, label="Voorschot", amount="3000", due_date=future(7), actor=coach
    )
    services.tranche_add(
        agreement=agreement, kind=TrancheKind.RESULT, label="Twintig tuiniers", amount="3000", due_date=future(90),
        result=result, actor=coach,
    )  # fmt: skip

    # The coach plans the last tranche and grants, by keyboard.
    log_in_as(session, coach)
    session.goto(agreement.get_absolute_url())
    kind = tab_to(page, "combobox", "Soort")
    page.keyboard.press("ArrowDown")  # voorschot -> bij resultaat
    expect(kind).to_have_value(TrancheKind.RESULT)
    type_into(page, "textbox", "Omschrijving", "Einde van het seizoen")
    type_into(page, "textbox", "Bedrag (euro)", "3.000", exact=True)
    linked = tab_to(page, "combobox", "Hoort bij resultaat")
    page.keyboard.press("ArrowDown")
    expect(linked).to_have_value(str(result.pk))
    due = datetime.date.today() + datetime.timedelta(days=300)
    date = tab_to(page, "textbox", "Gepland op")
    type_date(page, date, due)
    tab_to(page, "button", "Termijn plannen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    agreement.refresh_from_db()
    assert agreement.tranches_total == agreement.amount

    type_into(page, "textbox", "Reden (openbaar)", "Past in de wijkagenda Groen.")
    tab_to(page, "button", "Afspraak verlenen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    agreement.refresh_from_db()
    assert agreement.state == State.GRANTED

    # The team's report is approved (its own story is the mouse story's); the budget holder pays.
    sent = report(agreement, team_user=resident)
    services.report_review(report=sent, accept=True, note="Lijst klopt.", reviewed_by=coach)
    second = agreement.tranches.get(position=2)
    log_in_as(session, municipality_admin)
    session.goto(agreement.get_absolute_url())
    summary = page.locator("summary", has_text="Vrijgeven: Twintig tuiniers")
    for _ in range(80):  # Tab to the <summary> that opens the release form
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the summary “Vrijgeven: Twintig tuiniers”")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    reason = page.locator(f"#vrijgeven{second.pk}_reason")
    expect(reason).to_be_visible()
    page.keyboard.press("Tab")
    expect(reason).to_be_focused()
    page.keyboard.type("Resultaat gehaald: 22 vaste tuiniers.")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Termijn vrijgeven")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    second.refresh_from_db()
    assert second.state == TrancheState.RELEASED and second.reason == "Resultaat gehaald: 22 vaste tuiniers."
    session.screenshot("funding-release-keyboard")
