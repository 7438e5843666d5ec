"""The money rules and the subsidy cycle, service by service: exact sums, reasons, nothing half-saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from samenspel.audit.models import AuditEvent
from samenspel.funding import services
from samenspel.funding.models import (
    EvidenceFile,
    FundingAgreement,
    ReportState,
    ResultReport,
    State,
    Tranche,
    TrancheEvent,
    TrancheKind,
    TrancheState,
)
from samenspel.notifications.models import Notification

from .factories import draft, future, pdf, photo, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(initiative, coach):
    agreement = draft(initiative=initiative, actor=coach)
    services.agreement_grant(agreement=agreement, reason="Past in het wijkplan Groen.", granted_by=coach)
    return agreement


def tranche(agreement, position):
    return agreement.tranches.get(position=position)


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_draft_adds_up_in_cents(initiative, coach):
    agreement = draft(initiative=initiative, actor=coach, amount="1000.00")
    amounts = list(agreement.tranches.values_list("amount", flat=True))
    assert amounts == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    agreement.refresh_from_db()
    assert agreement.tranches_total == Decimal("1000.00") == sum(amounts)
    assert agreement.state == State.DRAFT


def test_a_tranche_over_the_agreement_is_refused_and_nothing_is_saved(initiative, coach):
    agreement = services.agreement_create(
        municipality=initiative.municipality,
        initiative=initiative,
        title="Speeltuin",
        purpose="Nieuwe toestellen",
        amount=Decimal("5000.00"),
        end_date=future(200),
        created_by=coach,
    )
    services.tranche_add(
        agreement=agreement, kind=TrancheKind.ADVANCE, label="Voorschot", amount="4000", due_date=future(5), actor=coach
    )
    result = services.result_add(
        agreement=agreement,
        description="Toestellen staan",
        indicator="toestellen",
        target=3,
        evidence_required="foto's",
        actor=coach,
    )
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.tranche_add(
            agreement=agreement,
            kind=TrancheKind.RESULT,
            label="Rest",
            amount=Decimal("1000.01"),
            due_date=future(50),
            result=result,
            actor=coach,
        )
    assert "boven de verlening van € 5.000" in message(error.value)
    assert "er is nog € 1.000 over" in message(error.value)
    agreement.refresh_from_db()
    assert agreement.tranches.count() == 1 and agreement.tranches_total == Decimal("4000.00")
    assert AuditEvent.objects.count() == events


def test_the_database_refuses_a_total_over_the_agreement(initiative, coach):
    """Past the service (a script, a race): the check constraint on the counter holds."""
    agreement = draft(initiative=initiative, actor=coach)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAgreement.objects.filter(pk=agreement.pk).update(tranches_total=Decimal("9000.01"))


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "abc", "NaN", "Infinity"])
def test_amounts_are_positive_whole_cents(initiative, coach, amount):
    agreement = draft(initiative=initiative, actor=coach, amount="9000")
    with pytest.raises(ValidationError):
        services.agreement_create(
            municipality=initiative.municipality,
            initiative=initiative,
            title="x",
            purpose="y",
            amount=amount,
            end_date=future(10),
            created_by=coach,
        )
    assert FundingAgreement.objects.count() == 1 and agreement.pk


def test_exactly_one_source(initiative, coach):
    with pytest.raises(ValidationError):
        services.agreement_create(
            municipality=initiative.municipality,
            title="x",
            purpose="y",
            amount=10,
            end_date=future(9),
            created_by=coach,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAgreement.objects.create(
            municipality=initiative.municipality, title="x", purpose="y", amount=10, end_date=future(9)
        )


def test_an_initiative_of_another_municipality_is_refused(initiative, coach, other_municipality):
    with pytest.raises(ValidationError):
        services.agreement_create(
            municipality=other_municipality,
            initiative=initiative,
            title="x",
            purpose="y",
            amount=10,
            end_date=future(9),
            created_by=coach,
        )


def test_grant_needs_the_tranches_to_add_up(initiative, coach):
    agreement = draft(initiative=initiative, actor=coach)
    last = tranche(agreement, 3)
    Tranche.objects.filter(pk=last.pk).delete()
    FundingAgreement.objects.filter(pk=agreement.pk).update(tranches_total=Decimal("6000.00"))
    agreement.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.agreement_grant(agreement=agreement, reason="Goed plan", granted_by=coach)
    assert "tellen op tot € 6.000" in message(error.value)
    agreement.refresh_from_db()
    assert agreement.state == State.DRAFT


def test_grant_needs_a_reason(initiative, coach):
    agreement = draft(initiative=initiative, actor=coach)
    with pytest.raises(ValidationError):
        services.agreement_grant(agreement=agreement, reason="  ", granted_by=coach)
    agreement.refresh_from_db()
    assert agreement.state == State.DRAFT


def test_grant_tells_the_team_and_is_audited(resident, team_member, granted):
    assert granted.state == State.GRANTED and granted.granted_at
    assert AuditEvent.objects.filter(action="funding.grant", reason="Past in het wijkplan Groen.").exists()
    told = set(Notification.objects.filter(subject_id=granted.pk).values_list("user_id", flat=True))
    assert told == {resident.pk, team_member.pk}


def test_the_advance_is_released_without_evidence_the_rest_needs_an_accepted_report(
    granted, municipality_admin, coach, resident
):
    advance = services.tranche_release(
        tranche=tranche(granted, 1), reason="Start van het seizoen.", released_by=municipality_admin
    )
    assert advance.state == TrancheState.RELEASED and advance.released_at
    with pytest.raises(ValidationError) as error:
        services.tranche_release(tranche=tranche(granted, 2), reason="Klaar", released_by=municipality_admin)
    assert "nog geen goedgekeurd bewijs" in message(error.value)
    assert tranche(granted, 2).state == TrancheState.PLANNED

    sent = report(granted, team_user=resident)
    with pytest.raises(ValidationError):  # submitted is not yet accepted
        services.tranche_release(tranche=tranche(granted, 2), reason="Klaar", released_by=municipality_admin)
    services.report_review(report=sent, accept=True, note="Presentielijsten kloppen.", reviewed_by=coach)
    second = services.tranche_release(
        tranche=tranche(granted, 2), reason="Resultaat gehaald.", released_by=municipality_admin
    )
    assert second.state == TrancheState.RELEASED
    granted.refresh_from_db()
    assert granted.released_total == Decimal("6000.00")
    assert granted.remaining == Decimal("3000.00")


def test_a_release_needs_a_reason(granted, municipality_admin):
    with pytest.raises(ValidationError) as error:
        services.tranche_release(tranche=tranche(granted, 1), reason="", released_by=municipality_admin)
    assert "reden" in message(error.value)
    assert not TrancheEvent.objects.exists()
    assert tranche(granted, 1).state == TrancheState.PLANNED


def test_a_tranche_is_released_once(granted, municipality_admin):
    services.tranche_release(tranche=tranche(granted, 1), reason="Start", released_by=municipality_admin)
    with pytest.raises(ValidationError) as error:
        services.tranche_release(tranche=tranche(granted, 1), reason="Nog eens", released_by=municipality_admin)
    assert "al vrijgegeven" in message(error.value)
    granted.refresh_from_db()
    assert granted.released_total == Decimal("3000.00")
    assert TrancheEvent.objects.filter(action="release").count() == 1


def test_the_database_refuses_a_second_release_event(granted, municipality_admin):
    first = services.tranche_release(tranche=tranche(granted, 1), reason="Start", released_by=municipality_admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheEvent.objects.create(
            tranche=first, action="release", reason="twee keer", amount_before=1, amount_after=1
        )


def test_hold_with_a_reason_tells_the_team_then_release_later(granted, municipality_admin, resident, coach):
    held = services.tranche_hold(
        tranche=tranche(granted, 2), reason="De presentielijsten ontbreken nog.", held_by=municipality_admin
    )
    assert held.state == TrancheState.HELD and held.reason == "De presentielijsten ontbreken nog."
    notification = Notification.objects.filter(user=resident, body="De presentielijsten ontbreken nog.").get()
    assert "aangehouden" in notification.display_title
    sent = report(granted, team_user=resident)
    services.report_review(report=sent, accept=True, note="Nu compleet.", reviewed_by=coach)
    released = services.tranche_release(tranche=held, reason="Lijsten ontvangen.", released_by=municipality_admin)
    assert released.state == TrancheState.RELEASED


def test_hold_needs_a_reason(granted, municipality_admin):
    with pytest.raises(ValidationError):
        services.tranche_hold(tranche=tranche(granted, 2), reason="", held_by=municipality_admin)
    assert tranche(granted, 2).state == TrancheState.PLANNED


def test_adjust_keeps_the_total_within_the_agreement(granted, municipality_admin):
    lowered = services.tranche_adjust(
        tranche=tranche(granted, 3), amount="2000.50", reason="Resultaat deels gehaald.", adjusted_by=municipality_admin
    )
    assert lowered.amount == Decimal("2000.50")
    granted.refresh_from_db()
    assert granted.tranches_total == Decimal("8000.50")
    with pytest.raises(ValidationError) as error:
        services.tranche_adjust(
            tranche=tranche(granted, 2), amount="4000.00", reason="Meer", adjusted_by=municipality_admin
        )
    assert "boven de verlening" in message(error.value)
    assert tranche(granted, 2).amount == Decimal("3000.00")
    raised = services.tranche_adjust(
        tranche=tranche(granted, 2), amount="3999.50", reason="Extra bereik.", adjusted_by=municipality_admin
    )
    granted.refresh_from_db()
    assert raised.amount == Decimal("3999.50") and granted.tranches_total == granted.amount


def test_report_needs_evidence_and_checks_files(granted, resident):
    result = granted.results.get()
    with pytest.raises(ValidationError) as error:
        services.report_submit(result=result, measured_value=20, story="Gelukt", files=[], submitted_by=resident)
    assert "ten minste één foto of document" in message(error.value)
    exe = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.report_submit(result=result, measured_value=20, story="Gelukt", files=[exe], submitted_by=resident)
    assert "foto (JPEG, PNG of WebP) of een PDF" in message(error.value)
    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.report_submit(result=result, measured_value=20, story="Gelukt", files=[big], submitted_by=resident)
    assert "maximaal 5 MB" in message(error.value)
    with pytest.raises(ValidationError):
        services.report_submit(
            result=result, measured_value=20, story="Gelukt", files=[pdf() for _ in range(6)], submitted_by=resident
        )
    assert not ResultReport.objects.exists() and not EvidenceFile.objects.exists()


def test_report_stores_evidence_under_our_name_outside_media(granted, resident, settings):
    sent = report(granted, team_user=resident, files=[photo(), pdf()])
    kinds = sorted(sent.files.values_list("kind", "content_type"))
    assert kinds == [("document", "application/pdf"), ("photo", "image/jpeg")]
    for evidence in sent.files.all():
        assert "jansen" not in evidence.file.name and "foto" not in evidence.file.name
        assert not evidence.file.path.startswith(str(settings.MEDIA_ROOT))
        assert evidence.size > 0


def test_review_returned_needs_a_note_and_allows_a_new_report(granted, resident, coach):
    sent = report(granted, team_user=resident)
    with pytest.raises(ValidationError):
        report(granted, team_user=resident)  # one at a time with the coach
    with pytest.raises(ValidationError):
        services.report_review(report=sent, accept=False, note="", reviewed_by=coach)
    services.report_review(report=sent, accept=False, note="Er ontbreken foto's.", reviewed_by=coach)
    assert ResultReport.objects.get(pk=sent.pk).state == ReportState.RETURNED
    again = report(granted, team_user=resident)
    assert again.state == ReportState.SUBMITTED


def test_settlement_with_repayment(granted, municipality_admin, resident, coach):
    services.tranche_release(tranche=tranche(granted, 1), reason="Start", released_by=municipality_admin)
    sent = report(granted, team_user=resident)
    services.report_review(report=sent, accept=True, note="Goed", reviewed_by=coach)
    services.tranche_release(tranche=tranche(granted, 2), reason="Gehaald", released_by=municipality_admin)
    with pytest.raises(ValidationError):  # no settlement before the final report
        services.agreement_settle(agreement=granted, settled_amount="5000", reason="x", settled_by=municipality_admin)
    services.final_report_submit(
        agreement=granted, report="Veel geoogst.", spent_amount="5250.75", submitted_by=resident
    )
    with pytest.raises(ValidationError):
        services.agreement_settle(
            agreement=granted, settled_amount="9000.01", reason="x", settled_by=municipality_admin
        )
    settled = services.agreement_settle(
        agreement=granted, settled_amount="5250.75", reason="Besteed volgens de bonnen.", settled_by=municipality_admin
    )
    assert settled.state == State.SETTLED
    assert settled.repayment_amount == Decimal("749.25")  # 6000 paid - 5250.75 settled
    assert settled.settlement_payment == Decimal("0")
    assert tranche(granted, 3).state == TrancheState.LAPSED
    assert AuditEvent.objects.filter(action="funding.settle", reason="Besteed volgens de bonnen.").exists()


def test_settlement_without_repayment_clause_asks_nothing_back(initiative, coach, municipality_admin, resident):
    agreement = draft(initiative=initiative, actor=coach)
    FundingAgreement.objects.filter(pk=agreement.pk).update(repay_unearned=False)
    agreement.refresh_from_db()
    services.agreement_grant(agreement=agreement, reason="Goed", granted_by=coach)
    services.tranche_release(tranche=tranche(agreement, 1), reason="Start", released_by=municipality_admin)
    services.final_report_submit(agreement=agreement, report="Klaar", spent_amount="1000", submitted_by=resident)
    settled = services.agreement_settle(
        agreement=agreement,
        settled_amount="2000",
        reason="Lager dan gedacht, meer dan betaald",
        settled_by=municipality_admin,
    )
    # 3000 paid, 2000 settled: 1000 too much, but this agreement asks nothing back.
    assert settled.repayment_amount == Decimal("0") and settled.settlement_payment == Decimal("0")


def test_nothing_happens_in_the_wrong_phase(initiative, coach, municipality_admin):
    agreement = draft(initiative=initiative, actor=coach)
    with pytest.raises(ValidationError):
        services.tranche_release(tranche=tranche(agreement, 1), reason="x", released_by=municipality_admin)
    services.agreement_grant(agreement=agreement, reason="Goed", granted_by=coach)
    with pytest.raises(ValidationError):
        services.tranche_add(
            agreement=agreement, kind="result", label="x", amount=1, due_date=future(4), actor=coach,
            result=agreement.results.first(),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.agreement_grant(agreement=agreement, reason="nog eens", granted_by=coach)
