"""The services of the buurtrechten: terms through a whole request, and bad input refused in
Dutch with nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from freezegun import freeze_time

from samenspel.audit.models import AuditEvent
from samenspel.notifications.models import Notification
from samenspel.rights import selectors, services
from samenspel.rights.models import Extension, Ordinance, Outcome, RightRequest, RightTerms, State, Suspension

from .factories import adopt, draft, in_state, scores_all

pytestmark = pytest.mark.django_db
D = datetime.date


def _request_at(day, municipality, resident, **kwargs):
    with freeze_time(f"{day.isoformat()} 10:00:00"):
        request = draft(municipality, resident, **kwargs)
        services.request_submit(request=request, submitted_by=resident)
    return RightRequest.objects.get(pk=request.pk)


def test_the_acknowledgement_names_the_decision_date(ordinance, municipality, resident):
    request = _request_at(D(2026, 11, 2), municipality, resident)
    assert request.received_on == D(2026, 11, 2)
    note = Notification.objects.get(user=resident)
    assert "11-01-2027" in note.title  # ten weeks: Monday 11 January 2027


def test_a_question_stops_the_term_and_the_answer_starts_it_again(ordinance, municipality, resident, coach):
    request = _request_at(D(2026, 11, 2), municipality, resident)
    with freeze_time("2026-11-16 09:00:00"):
        services.info_request(request=request, question="Stuur de begroting mee.", asked_by=coach)
    with freeze_time("2026-11-23 09:00:00"):
        clocks = selectors.clocks_of(RightRequest.objects.get(pk=request.pk))
        assert clocks.paused and not clocks.overdue
        assert clocks.decision.paused_since == D(2026, 11, 16)
        with pytest.raises(ValidationError, match="vraag om aanvulling open"):
            services.admissibility_decide(request=request, admissible=True, reasons="", decided_by=coach)
    with freeze_time("2026-11-30 15:00:00"):
        services.info_answer(request=request, answer="De begroting is bijgevoegd.", answered_by=resident)
    with freeze_time("2026-12-01 09:00:00"):
        clocks = selectors.clocks_of(RightRequest.objects.get(pk=request.pk))
        assert not clocks.paused
        assert clocks.decision.deadline == D(2027, 1, 25)  # 14 days stood still
        assert clocks.admissibility.deadline == D(2026, 12, 14)  # 4 weeks + 14 days


def test_an_ordinance_changed_mid_request_applies_to_new_requests_only(
    ordinance, municipality, resident, municipality_admin
):
    running = _request_at(D(2026, 11, 2), municipality, resident)
    with freeze_time("2026-11-10 09:00:00"):
        with pytest.raises(ValidationError, match="kan niet terugwerken"):
            adopt(municipality, municipality_admin, in_force_from=D(2026, 11, 9), allow_past=False)
        second = adopt(
            municipality,
            municipality_admin,
            reference="Participatieverordening Lindeveen 2026",
            adopted_on=D(2026, 11, 5),
            in_force_from=D(2026, 11, 10),
            allow_past=False,
            rights={"challenge": {"decision_weeks": 12}},
        )
    assert second.version == 2 and Ordinance.objects.count() == 2  # the old version is kept
    later = _request_at(D(2026, 11, 10), municipality, resident)
    with freeze_time("2026-11-11"):
        assert selectors.clocks_of(RightRequest.objects.get(pk=running.pk)).decision.deadline == D(2027, 1, 11)
        assert selectors.clocks_of(later).decision.deadline == D(2027, 2, 2)  # Tue 10 Nov + 12 weeks
    assert later.terms.ordinance == second and running.terms.ordinance == ordinance
    # The new version grants only the challenge: a bid is no longer possible for new requests.
    with pytest.raises(ValidationError, match="kent het biedingsrecht niet"):
        draft(municipality, resident, right="bid")


def test_a_decision_term_below_the_awb_floor_is_refused(municipality, municipality_admin):
    with pytest.raises(ValidationError) as error:
        adopt(municipality, municipality_admin, rights={"challenge": {"decision_weeks": 6}})
    assert "ten minste 8 weken" in str(error.value)
    assert not Ordinance.objects.exists() and not RightTerms.objects.exists()


def test_an_incomplete_request_is_not_submitted(ordinance, municipality, resident):
    request = draft(municipality, resident, parts={"task": "Het buurthuis beheren met de buurt samen."})
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.request_submit(request=request, submitted_by=resident)
    assert "nog niet compleet" in str(error.value) and "Kostenraming" in str(error.value)
    request.refresh_from_db()
    assert (request.state, request.received_on) == (State.DRAFT, None)
    assert AuditEvent.objects.count() == events and not Notification.objects.exists()


def test_an_excluded_task_is_refused(ordinance, municipality, resident):
    parts = {"task": "Wij willen de handhaving van parkeerregels in de wijk overnemen."}
    with pytest.raises(ValidationError, match="uitgezonderd"):
        draft(municipality, resident, parts=parts)
    assert not RightRequest.objects.exists()


def test_a_decision_needs_reasons_scores_and_for_a_refusal_a_hearing(
    ordinance, municipality, resident, coach, municipality_admin
):
    request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
    with pytest.raises(ValidationError, match="nog open"):
        services.request_decide(
            request=request, outcome=Outcome.GRANTED, reasons="Goed.", decided_by=municipality_admin
        )
    services.criteria_score(request=request, scores=scores_all(request), assessed_by=coach)
    with pytest.raises(ValidationError, match="zonder motivering"):
        services.request_decide(request=request, outcome=Outcome.GRANTED, reasons="  ", decided_by=municipality_admin)
    with pytest.raises(ValidationError, match="Hoor de indieners"):
        services.request_decide(request=request, outcome=Outcome.REFUSED, reasons="Nee.", decided_by=municipality_admin)
    request.refresh_from_db()
    assert (request.state, request.outcome, request.decided_on) == (State.ASSESSMENT, "", None)


def test_criteria_need_a_verdict_and_an_explanation_each(ordinance, municipality, resident, coach, municipality_admin):
    request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
    scores = scores_all(request)
    scores["roots"] = ("met", "")
    with pytest.raises(ValidationError, match="Licht het oordeel"):
        services.criteria_score(request=request, scores=scores, assessed_by=coach)
    assert not request.scores.exists()


def test_no_changes_after_the_decision(ordinance, municipality, resident, coach, municipality_admin):
    request = in_state(municipality, resident, coach, municipality_admin, State.DECIDED)
    assert request.is_granted
    before = (request.outcome, request.decision_reasons, Suspension.objects.count(), Extension.objects.count())
    for attempt in (
        lambda: services.request_decide(
            request=request, outcome=Outcome.REFUSED, reasons="Toch niet.", decided_by=municipality_admin
        ),
        lambda: services.info_request(request=request, question="Nog iets?", asked_by=coach),
        lambda: services.term_extend(request=request, weeks=1, reason="Later.", decided_by=coach),
        lambda: draft(municipality, resident, request=request, title="Nieuwe titel"),
    ):
        with pytest.raises(ValidationError, match="al besloten"):
            attempt()
    request.refresh_from_db()
    assert (request.outcome, request.decision_reasons, Suspension.objects.count(), Extension.objects.count()) == before


def test_dates_in_the_wrong_place_are_refused(ordinance, municipality, resident, coach, municipality_admin):
    request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="nadat ze is gehouden"):
        services.hearing_record(request=request, held_on=tomorrow, summary="Gehoord.", recorded_by=coach)
    decided = in_state(municipality, resident, coach, municipality_admin, State.DECIDED)
    with pytest.raises(ValidationError, match="niet in het verleden beginnen"):
        services.agreement_create(
            request=decided,
            task="Beheer",
            expected_results="Open",
            budget=Decimal("1000"),
            starts_on=datetime.date.today() - datetime.timedelta(days=1),
            ends_on=tomorrow,
            reporting="Jaarlijks",
            created_by=municipality_admin,
        )
    assert not hasattr(RightRequest.objects.get(pk=decided.pk), "agreement")


def test_extensions_are_bounded_and_need_a_reason(ordinance, municipality, resident, coach, municipality_admin):
    request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
    with pytest.raises(ValidationError, match="reden"):
        services.term_extend(request=request, weeks=2, reason="", decided_by=coach)
    with pytest.raises(ValidationError, match="ten hoogste 6 weken"):
        services.term_extend(request=request, weeks=7, reason="Advies afwachten.", decided_by=coach)
    assert not Extension.objects.exists()
    before = selectors.clocks_of(request).decision.deadline
    services.term_extend(request=request, weeks=4, reason="Advies van de wijkraad afwachten.", decided_by=coach)
    after = selectors.clocks_of(RightRequest.objects.get(pk=request.pk)).decision.deadline
    assert (after - before).days >= 28
    with pytest.raises(ValidationError, match="al gebruikt: 4"):
        services.term_extend(request=request, weeks=3, reason="Nog meer.", decided_by=coach)


def test_an_extension_after_the_term_ran_out_is_refused(ordinance, municipality, resident, coach, municipality_admin):
    with freeze_time("2026-11-02 10:00:00"):
        request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
    with freeze_time("2027-01-12 10:00:00"), pytest.raises(ValidationError, match="al verstreken"):
        services.term_extend(request=request, weeks=2, reason="Te laat.", decided_by=coach)


def test_reminders_go_once_per_deadline_to_the_coach(ordinance, municipality, resident, coach, municipality_admin):
    with freeze_time("2026-11-02 10:00:00"):
        request = in_state(municipality, resident, coach, municipality_admin, State.ASSESSMENT)
        services.request_assign_coach(request=request, coach=coach, assigned_by=municipality_admin)
    Notification.objects.all().delete()
    assert services.term_reminders_send(today=D(2026, 12, 1)) == 0  # far from the deadline
    assert services.term_reminders_send(today=D(2027, 1, 5)) == 1  # 11 Jan is 4 working days away
    assert services.term_reminders_send(today=D(2027, 1, 6)) == 0  # once per deadline
    note = Notification.objects.get()
    assert note.user == coach and "11-01-2027" in note.title
    with freeze_time("2027-01-06 10:00:00"):
        services.term_extend(request=request, weeks=2, reason="Advies van de wijkraad.", decided_by=coach)
    call_command("send_term_reminders", "--today", "2027-01-20")
    assert Notification.objects.filter(user=coach, title__contains="25-01-2027").exists()


def test_a_coach_of_another_municipality_cannot_be_assigned(
    ordinance, municipality, resident, coach, municipality_admin, people
):
    request = in_state(municipality, resident, coach, municipality_admin, State.SUBMITTED)
    with pytest.raises(ValidationError, match="coach van deze gemeente"):
        services.request_assign_coach(request=request, coach=people["outsider"], assigned_by=municipality_admin)


def test_while_admissibility_is_open_its_term_is_reminded(ordinance, municipality, resident, municipality_admin):
    request = _request_at(D(2026, 11, 2), municipality, resident)  # admissibility by Mon 30 Nov
    Notification.objects.all().delete()
    assert services.term_reminders_send(today=D(2026, 11, 25)) == 1  # 3 working days before
    note = Notification.objects.get()
    assert note.user == municipality_admin and "30-11-2026" in note.title  # no coach yet: the administrators
    assert RightRequest.objects.get(pk=request.pk).reminded_for == D(2026, 11, 30)
