"""In a real browser, on a desktop and on a phone: a coach agrees a result-funded agreement with
an initiative in three tranches, the team reports a result with a photo as evidence, the coach
approves it, the municipality releases the second tranche, and anyone reads the progress on the
public page."""

import datetime
import io

import pytest
from PIL import Image

from samenspel.coaching.tests.test_browser_desk import log_in_as
from samenspel.funding.models import FundingAgreement, ReportState, State, TrancheState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRANT = "Het plan past in de wijkagenda Groen en het team heeft een vaste tuinploeg."
STORY = "Elke zaterdag tuinieren er nu 22 buren mee; de lijst en de foto laten het zien."


@pytest.fixture
def evidence_photo(tmp_path):
    path = tmp_path / "moestuin.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (60, 140, 70)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def agree(session, initiative):
    """The coach drafts the agreement from the initiative's page: one result, three tranches, granted."""
    page = session.page
    session.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Een financieringsafspraak op resultaat opstellen").click()
    session.check()
    page.get_by_label("Naam van de afspraak").fill("Moestuin De Linde op resultaat")
    page.get_by_label("Waarvoor het geld is").fill("Bakken, grond en gereedschap voor twintig tuiniers.")
    page.get_by_label("Te verlenen bedrag (euro)").fill("9.000,00")
    page.get_by_label("Looptijd tot").fill((datetime.date.today() + datetime.timedelta(days=365)).isoformat())
    page.get_by_role("button", name="Concept opslaan").click()
    session.check()
    agreement = FundingAgreement.objects.get()
    assert agreement.initiative == initiative and agreement.state == State.DRAFT

    page.get_by_label("Resultaat", exact=True).fill("Twintig buren tuinieren wekelijks mee")
    page.get_by_label("Indicator").fill("aantal vaste tuiniers")
    page.get_by_label("Streefwaarde").fill("20")
    page.get_by_label("Bewijs dat telt").fill("presentielijst en foto's")
    page.get_by_role("button", name="Resultaat afspreken").click()
    session.check()
    result = agreement.results.get()

    today = datetime.date.today()
    for kind, label, amount, days in [
        ("advance", "Voorschot bij de start", "3.000", 7),
        ("result", "Twintig tuiniers", "3.000", 90),
        ("result", "Einde van het seizoen", "3.000", 300),
    ]:
        page.locator("#termijn_kind").select_option(kind)
        page.locator("#termijn_label").fill(label)
        page.locator("#termijn_amount").fill(amount)
        page.locator("#termijn_result").select_option(str(result.pk) if kind == "result" else "")
        page.locator("#termijn_due_date").fill((today + datetime.timedelta(days=days)).isoformat())
        page.get_by_role("button", name="Termijn plannen").click()
        session.check()
    page.locator("#verlening_reason").fill(GRANT)
    page.get_by_role("button", name="Afspraak verlenen").click()
    session.check()
    assert page.get_by_text("De afspraak is verleend").is_visible()
    agreement.refresh_from_db()
    assert agreement.state == State.GRANTED and agreement.tranches_total == agreement.amount
    return agreement


def test_result_funding_from_agreement_to_public_progress(
    session, initiative, resident, coach, municipality_admin, evidence_photo
):
    page = session.page
    log_in_as(session, coach)
    agreement = agree(session, initiative)
    session.screenshot("funding-agreement-granted", tour=True)

    # The municipality pays the advance at the start.
    log_in_as(session, municipality_admin)
    session.goto(agreement.get_absolute_url())
    advance, second, _last = agreement.tranches.order_by("position")
    page.get_by_text("Vrijgeven: Voorschot bij de start").click()
    page.locator(f"#vrijgeven{advance.pk}_reason").fill("Voorschot bij de start, zoals verleend.")
    page.get_by_role("button", name="Termijn vrijgeven").first.click()
    session.check()

    # The team reports the result with a photo.
    log_in_as(session, resident)
    session.goto(agreement.get_absolute_url())
    result = agreement.results.get()
    page.get_by_text("Resultaat rapporteren: Twintig buren tuinieren wekelijks mee").click()
    page.locator(f"#verslag{result.pk}_measured_value").fill("22")
    page.locator(f"#verslag{result.pk}_story").fill(STORY)
    page.locator(f"#verslag{result.pk}_files").set_input_files(str(evidence_photo))
    page.get_by_role("button", name="Verslag indienen", exact=True).click()
    session.check()
    assert page.get_by_text("Uw verslag is ingediend").is_visible()

    # The coach looks at the evidence and approves.
    log_in_as(session, coach)
    session.goto(agreement.get_absolute_url())
    report = result.reports.get()
    page.get_by_label("Goedkeuren: het bewijs laat het resultaat zien").check()
    page.locator(f"#beoordeling{report.pk}_note").fill("De lijst en de foto laten 22 vaste tuiniers zien.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    session.check()
    assert result.reports.get().state == ReportState.ACCEPTED

    # The municipality releases the second tranche.
    log_in_as(session, municipality_admin)
    session.goto(agreement.get_absolute_url())
    page.get_by_text("Vrijgeven: Twintig tuiniers").click()
    page.locator(f"#vrijgeven{second.pk}_reason").fill("Resultaat gehaald: 22 vaste tuiniers.")
    page.locator(f"#vrijgeven{second.pk}_reason").locator("xpath=ancestor::form").get_by_role(
        "button", name="Termijn vrijgeven"
    ).click()
    session.check()
    second.refresh_from_db()
    assert second.state == TrancheState.RELEASED

    # Anyone reads the progress; no name, no story, no evidence.
    log_in_as(session, None)
    session.goto(agreement.get_absolute_url())
    assert page.get_by_text("€ 6.000 (66%)").is_visible()
    assert page.get_by_text("Resultaat gehaald: 22 vaste tuiniers.").first.is_visible()
    assert STORY not in page.content() and resident.display_name not in page.content()
    session.screenshot("funding-public-progress", tour=True)
    session.goto(initiative.get_absolute_url())
    assert page.get_by_role("heading", name="Financiering op resultaat").is_visible()
