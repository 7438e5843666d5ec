"""Pages, the initiative panel, the desk section, the CSV and the API: what each shows, to whom,
and that the team's personal data (names, e-mail, who reported, evidence files) never leaks."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from samenspel.funding import services
from samenspel.funding.models import FundingAgreement, ResultReport, Tranche, TrancheState
from samenspel.notifications.models import Notification

from .factories import draft, photo, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(initiative, coach, team_member):
    agreement = draft(initiative=initiative, actor=coach)
    services.agreement_grant(agreement=agreement, reason="Past in het wijkplan Groen.", granted_by=coach)
    return agreement


@pytest.fixture
def reported(granted, resident, coach, municipality_admin):
    """Advance released, the result reported and accepted, the second tranche released, the last held."""
    services.tranche_release(tranche=granted.tranches.get(position=1), reason="Start.", released_by=municipality_admin)
    sent = report(granted, team_user=resident)
    services.report_review(report=sent, accept=True, note="Presentielijsten kloppen.", reviewed_by=coach)
    services.tranche_release(
        tranche=granted.tranches.get(position=2), reason="Resultaat gehaald.", released_by=municipality_admin
    )
    services.tranche_hold(
        tranche=granted.tranches.get(position=3), reason="Wacht op de jaarrekening.", held_by=municipality_admin
    )
    return FundingAgreement.objects.get(pk=granted.pk)


def town(path, **kwargs):
    return reverse(path, kwargs={"municipality": "lindeveen", **kwargs})


def personal(initiative, resident, team_member):
    """Everything personal about the team that a page could let slip."""
    return [
        resident.email,
        team_member.email,
        resident.display_name,
        team_member.display_name,
        "presentielijst-jan-jansen",
    ]


def test_public_page_shows_results_progress_amounts_and_reasons(client, reported, initiative, resident, team_member):
    page = client.get(reported.get_absolute_url()).content.decode()
    assert "Moestuin op resultaat" in page
    assert "€ 9.000" in page and "€ 6.000" in page  # granted, released
    assert 'value="100"' in page  # 22 of 20 measured: the result is reached
    assert "Wacht op de jaarrekening." in page and "Past in het wijkplan Groen." in page
    for secret in personal(initiative, resident, team_member):
        assert secret not in page
    assert "Elke zaterdag" not in page  # the report's story is for the team and the desk
    assert "/bewijs/" not in page


def test_the_initiative_page_has_the_funding_panel(client, reported, initiative, resident, team_member):
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Financiering op resultaat" in page and reported.get_absolute_url() in page
    assert "€ 6.000" in page
    for secret in personal(initiative, resident, team_member):
        if secret not in (resident.display_name,):  # the initiator's name is the initiative's own business
            assert secret not in page.split("financiering-kop")[1]


def test_a_draft_is_not_on_public_pages(client, initiative, coach):
    agreement = draft(initiative=initiative, actor=coach)
    assert client.get(agreement.get_absolute_url()).status_code == 302  # to log in
    assert agreement.title not in client.get(town("funding:index")).content.decode()
    assert agreement.title not in client.get(initiative.get_absolute_url()).content.decode()
    assert client.get(reverse("funding-agreement-list")).json()["count"] == 0


def test_api_serves_public_fields_only(client, reported, initiative, resident, team_member):
    data = client.get(reverse("funding-agreement-list"), {"municipality": "lindeveen"}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["amount"] == "9000.00" and row["released_total"] == "6000.00"
    assert [t["state"] for t in row["tranches"]] == ["released", "released", "held"]
    assert row["results"][0]["measured"] == "22.00"
    text = str(data)
    for secret in personal(initiative, resident, team_member):
        assert secret not in text
    assert "Elke zaterdag" not in text and "submitted_by" not in text


def test_evidence_is_for_the_team_and_staff_only(client_for, reported, resident, coach, people, team_member):
    evidence = ResultReport.objects.get().files.get()
    path = town("funding:evidence", pk=reported.pk, file_pk=evidence.pk)
    for user, expected in [(resident, 200), (team_member, 200), (coach, 200), (people["moderator"], 403)]:
        response = client_for(user).get(path)
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == "image/jpeg"
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert client_for(None).get(path).status_code == 302
    assert client_for(people["outsider"]).get(path).status_code == 403


def test_the_team_sees_its_report_and_files_on_the_page(client_for, reported, team_member):
    page = client_for(team_member).get(reported.get_absolute_url()).content.decode()
    assert "Elke zaterdag" in page and "/bewijs/" in page


def test_csv_for_the_finance_system(client_for, reported, coach, initiative, resident, team_member):
    response = client_for(coach).get(town("funding:tranches_csv"), {"scheiding": "puntkomma"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [(r["termijn"], r["stand"], r["bedrag"]) for r in rows] == [
        ("1", "released", "3000,00"),
        ("2", "released", "3000,00"),
    ]
    for secret in personal(initiative, resident, team_member):
        assert secret not in text


def test_csv_lists_a_tranche_ready_to_pay_and_a_repayment(client_for, granted, coach, municipality_admin, resident):
    rows = lambda: list(  # noqa: E731
        csv.DictReader(io.StringIO(client_for(coach).get(town("funding:tranches_csv")).content.decode("utf-8-sig")))
    )
    assert [(r["termijn"], r["stand"]) for r in rows()] == [("1", "due")]  # the advance, ready; the rest waits
    services.tranche_release(tranche=granted.tranches.get(position=1), reason="Start", released_by=municipality_admin)
    services.final_report_submit(agreement=granted, report="Klaar", spent_amount="1000", submitted_by=resident)
    services.agreement_settle(agreement=granted, settled_amount="1000", reason="Bonnen", settled_by=municipality_admin)
    assert [(r["soort"], r["stand"], r["bedrag"]) for r in rows()][-1] == ("repayment", "due", "-2000.00")


def test_desk_shows_tranches_due(client_for, granted, coach):
    page = client_for(coach).get(town("coaching:queue")).content.decode()
    assert "Termijnen van resultaatfinanciering" in page
    assert "Voorschot" in page and "klaar om vrij te geven" in page


def test_notifications_name_the_tranche_not_the_people(reported, resident, team_member):
    notes = Notification.objects.filter(user=team_member)
    titles = [n.display_title for n in notes]
    assert any("aangehouden" in t for t in titles) and any("vrijgegeven" in t for t in titles)
    for note in notes:
        assert resident.email not in note.title + note.body


# --- Bad input over HTTP: a clear Dutch message, nothing saved -----------------------------------


def test_a_tranche_over_the_agreement_on_the_form(client_for, initiative, coach):
    agreement = draft(initiative=initiative, actor=coach, amount="9000")
    before = list(Tranche.objects.values_list("pk", "amount"))
    response = client_for(coach).post(
        town("funding:add_tranche", pk=agreement.pk),
        {
            "kind": "result",
            "label": "Extra",
            "amount": "0,01",
            "result": agreement.results.get().pk,
            "due_date": "2030-01-01",
        },
    )
    assert response.status_code == 400
    assert "boven de verlening van € 9.000" in response.content.decode()
    assert list(Tranche.objects.values_list("pk", "amount")) == before


def test_release_without_evidence_on_the_form(client_for, granted, municipality_admin):
    tranche = granted.tranches.get(position=2)
    response = client_for(municipality_admin).post(
        town("funding:release", pk=granted.pk, tranche_pk=tranche.pk), {"reason": "Graag"}
    )
    assert response.status_code == 400
    assert "nog geen goedgekeurd bewijs" in response.content.decode()
    assert Tranche.objects.get(pk=tranche.pk).state == TrancheState.PLANNED


def test_release_without_reason_on_the_form(client_for, granted, municipality_admin):
    tranche = granted.tranches.get(position=1)
    response = client_for(municipality_admin).post(
        town("funding:release", pk=granted.pk, tranche_pk=tranche.pk), {"reason": ""}
    )
    assert response.status_code == 400
    assert "Geef een reden voor het vrijgeven" in response.content.decode()
    assert Tranche.objects.get(pk=tranche.pk).state == TrancheState.PLANNED


def test_a_report_without_evidence_on_the_form(client_for, granted, resident):
    result = granted.results.get()
    response = client_for(resident).post(
        town("funding:report", pk=granted.pk, result_pk=result.pk), {"measured_value": "20", "story": "Gelukt"}
    )
    assert response.status_code == 400
    assert "ten minste één foto of document" in response.content.decode()
    assert not ResultReport.objects.exists()


def test_a_report_with_a_photo_over_http(client_for, granted, resident):
    result = granted.results.get()
    response = client_for(resident).post(
        town("funding:report", pk=granted.pk, result_pk=result.pk),
        {"measured_value": "21", "story": "Gelukt", "files": [photo(), photo("twee.jpg")]},
    )
    assert response.status_code == 302
    assert ResultReport.objects.get().files.count() == 2


def test_dutch_amounts_are_read_exactly(client_for, initiative, coach):
    response = client_for(coach).post(
        town("funding:create"),
        {
            "initiative": initiative.pk,
            "title": "Buurtkeuken",
            "purpose": "Samen koken",
            "amount": "€ 12.345,67",
            "end_date": "2030-06-30",
            "repay_unearned": "on",
        },
    )
    assert response.status_code == 302
    assert FundingAgreement.objects.get().amount == Decimal("12345.67")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("3.000", Decimal("3000")),
        ("€ 12.345,67", Decimal("12345.67")),
        ("1250,5", Decimal("1250.50")),
        ("1250.50", Decimal("1250.50")),
        ("3000", Decimal("3000")),
    ],
)
def test_money_as_people_type_it(typed, amount):
    from samenspel.funding.forms import MoneyField

    assert MoneyField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["12,345", "1.2.3", "abc", "1e5"])
def test_money_that_is_not_an_amount(typed):
    from django.core.exceptions import ValidationError

    from samenspel.funding.forms import MoneyField

    with pytest.raises(ValidationError):
        MoneyField().clean(typed)


def test_the_reporters_data_download_has_their_reports(reported, resident, team_member):
    from samenspel.funding.personal_data import export

    assert [r["measured_value"] for r in export(resident)["funding"]["result_reports"]] == ["22.00"]
    assert export(team_member)["funding"]["result_reports"] == []
