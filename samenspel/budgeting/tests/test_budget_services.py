"""Stories of a round through the services: each bad input has a Dutch message and saves nothing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEvent
from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot, Plan, PlanStatus, PlanSupport, Result, VotingCode
from samenspel.budgeting.pabulib import parse_pabulib
from samenspel.budgeting.phases import Phase
from samenspel.budgeting.services import voting
from samenspel.notifications.models import Notification

from .factories import BallotFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Configuration ------------------------------------------------------------------


def test_configuration_changes_before_voting_are_audited(make_round, municipality_admin):
    budget_round = make_round(Phase.SUBMISSION)
    services.round_update(budget_round=budget_round, actor=municipality_admin, budget=120_000)
    budget_round.refresh_from_db()
    assert budget_round.budget == 120_000
    event = AuditEvent.objects.get(action="budgeting.round_changed")
    assert event.data["changes"]["budget"] == ["100000", "120000"]


def test_configuration_is_frozen_once_voting_opens(voting_round, municipality_admin):
    with pytest.raises(ValidationError) as info:
        services.round_update(budget_round=voting_round, actor=municipality_admin, budget=1_000_000)
    assert "liggen vast" in _messages(info.value)
    voting_round.refresh_from_db()
    assert voting_round.budget == 100_000
    assert not AuditEvent.objects.filter(action="budgeting.round_changed").exists()


def test_round_dates_out_of_order_are_refused(make_round, municipality_admin):
    budget_round = make_round(Phase.SUBMISSION)
    with pytest.raises(ValidationError, match="in volgorde"):
        services.round_update(
            budget_round=budget_round,
            actor=municipality_admin,
            voting_end=budget_round.voting_start - timedelta(days=1),
        )


def test_phase_moves_only_forward(voting_round, municipality_admin):
    with pytest.raises(ValidationError, match="latere fase"):
        services.round_phase_move(budget_round=voting_round, actor=municipality_admin, phase=Phase.SUBMISSION)
    moved = services.round_phase_move(budget_round=voting_round, actor=municipality_admin, phase=Phase.RESULT)
    assert moved.phase() == Phase.RESULT
    assert AuditEvent.objects.filter(action="budgeting.phase_moved").count() == 1


# --- Plans --------------------------------------------------------------------------


def test_a_resident_submits_a_plan_within_the_cost_limits(make_round, resident):
    budget_round = make_round(Phase.SUBMISSION)
    plan = services.plan_submit(
        budget_round=budget_round,
        author=resident,
        title="Moestuin De Linde",
        description="Een gezamenlijke moestuin achter het buurthuis.",
        cost=8_000,
        lat=52.205,
        lon=5.205,
    )
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.neighbourhood.slug == "de-linde"


@pytest.mark.parametrize("cost", [500, 60_001])
def test_a_plan_outside_the_cost_limits_is_refused(make_round, resident, cost):
    budget_round = make_round(Phase.SUBMISSION)
    with pytest.raises(ValidationError) as info:
        services.plan_submit(budget_round=budget_round, author=resident, title="X", description="Y", cost=cost)
    assert "De kosten moeten tussen € 1.000 en € 60.000 liggen." in _messages(info.value)
    assert Plan.objects.count() == 0


def test_no_plans_outside_the_submission_phase(make_round, resident):
    budget_round = make_round(Phase.FEASIBILITY)
    with pytest.raises(ValidationError, match="alleen in de fase 'plannen indienen'"):
        services.plan_submit(budget_round=budget_round, author=resident, title="X", description="Y", cost=5_000)
    assert Plan.objects.count() == 0


def test_the_team_turns_its_initiative_into_a_plan(make_round, resident, coach, municipality):
    from samenspel.initiatives.models import Initiative, TeamMember

    initiative = Initiative.objects.create(
        municipality=municipality, title="Buurtmoestuin", slug="buurtmoestuin", pitch="Samen groenten telen",
        story="Achter het buurthuis.", initiator=resident,
    )  # fmt: skip
    TeamMember.objects.create(
        initiative=initiative, user=resident, email="a@voorbeeld.test", accepted_at="2026-01-01T00:00Z"
    )
    budget_round = make_round(Phase.SUBMISSION)
    with pytest.raises(ValidationError, match="Alleen het team"):
        services.plan_from_initiative(budget_round=budget_round, initiative=initiative, actor=coach, cost=5_000)
    plan = services.plan_from_initiative(budget_round=budget_round, initiative=initiative, actor=resident, cost=5_000)
    assert plan.initiative == initiative and plan.title == "Buurtmoestuin"


def test_feasibility_needs_a_public_reason_and_enough_supports(make_round, coach, resident):
    budget_round = make_round(Phase.FEASIBILITY, min_supports=1)
    plan = PlanFactory(budget_round=budget_round, status=PlanStatus.SUBMITTED, author=resident)
    with pytest.raises(ValidationError, match="openbare toelichting"):
        services.plan_feasibility_record(plan=plan, actor=coach, feasible=True, reason=" ")
    with pytest.raises(ValidationError, match="minder dan 1 steunbetuigingen"):
        services.plan_feasibility_record(plan=plan, actor=coach, feasible=True, reason="Kan.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    PlanSupport.objects.create(plan=plan, user=coach)
    services.plan_feasibility_record(
        plan=plan, actor=coach, feasible=True, reason="Kan, iets goedkoper.", adjusted_cost=9_000
    )
    plan.refresh_from_db()
    assert (plan.status, plan.final_cost) == (PlanStatus.FEASIBLE, 9_000)
    assert AuditEvent.objects.filter(action="budgeting.feasibility").count() == 1
    assert Notification.objects.filter(user=resident).count() == 1


def test_merging_a_plan_into_another(make_round, coach):
    budget_round = make_round(Phase.FEASIBILITY)
    one, other = PlanFactory.create_batch(2, budget_round=budget_round, status=PlanStatus.SUBMITTED)
    services.plan_feasibility_record(plan=one, actor=coach, feasible=False, reason="Zelfde plek.", merge_into=other)
    one.refresh_from_db()
    assert one.status == PlanStatus.MERGED and one.merged_into == other


# --- Codes and ballots --------------------------------------------------------------


def test_codes_are_stored_only_as_hashes(voting_round, code_for):
    code = code_for(voting_round)
    stored = VotingCode.objects.get()
    assert len(code.replace("-", "")) == 12
    assert code.replace("-", "") not in stored.code_hash


def test_a_voter_with_a_code_votes_and_changes_the_ballot(voting_round, code_for):
    code = code_for(voting_round)
    digest = services.code_redeem(budget_round=voting_round, entered=code.lower(), ip="1.2.3.4", session_key="s1")
    speeltuin, moestuin, bankjes = voting_round.test_plans
    services.ballot_submit(budget_round=voting_round, plan_ids=[speeltuin.pk, moestuin.pk], code_hash=digest)
    services.ballot_submit(budget_round=voting_round, plan_ids=[moestuin.pk, bankjes.pk], code_hash=digest)
    ballot = Ballot.objects.get()
    assert set(ballot.plans.all()) == {moestuin, bankjes}
    assert VotingCode.objects.get().used_at is not None
    # The promise on the ballot page: the same code again (another device) opens the same ballot.
    assert services.code_redeem(budget_round=voting_round, entered=code, ip="1.2.3.4", session_key="s2") == digest
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ([0, 1, 2], "Uw keuze kost € 110.000, dat is € 10.000 meer dan het budget van € 100.000."),
        (["999999"], "Deze plannen bestaan niet in deze ronde: 999999."),
    ],
)
def test_a_bad_ballot_is_refused_and_nothing_is_saved(voting_round, code_for, choice, message):
    digest = services.code_redeem(budget_round=voting_round, entered=code_for(voting_round), ip="1", session_key="s")
    ids = [voting_round.test_plans[i].pk if isinstance(i, int) else i for i in choice]
    with pytest.raises(ValidationError) as info:
        services.ballot_submit(budget_round=voting_round, plan_ids=ids, code_hash=digest)
    assert message in _messages(info.value)
    assert Ballot.objects.count() == 0
    assert VotingCode.objects.get().used_at is None


def test_minimum_and_maximum_number_of_plans(make_round, code_for):
    budget_round = make_round(Phase.VOTING, ballot_type="count", min_plans=2, max_plans=2)
    plans = PlanFactory.create_batch(3, budget_round=budget_round)
    digest = services.code_redeem(budget_round=budget_round, entered=code_for(budget_round), ip="1", session_key="s")
    with pytest.raises(ValidationError, match="Kies precies 2 plannen; u koos er 3."):
        services.ballot_submit(budget_round=budget_round, plan_ids=[p.pk for p in plans], code_hash=digest)
    assert Ballot.objects.count() == 0


def test_unknown_and_malformed_codes_are_refused_and_guessing_is_rate_limited(voting_round, code_for):
    code_for(voting_round)
    with pytest.raises(ValidationError, match="geen 0, O, 1, I of L"):
        services.code_redeem(budget_round=voting_round, entered="ABCD-EFGH-JKM0", ip="9", session_key="s")
    for _attempt in range(voting.CODE_FAILURES_PER_SESSION - 1):
        with pytest.raises(ValidationError, match="kennen we niet"):
            services.code_redeem(budget_round=voting_round, entered="ABCD-EFGH-JKMN", ip="9", session_key="s")
    # Even the right code is refused now: the session used up its attempts.
    good = code_for(voting_round)
    with pytest.raises(ValidationError, match="te vaak een verkeerde stemcode"):
        services.code_redeem(budget_round=voting_round, entered=good, ip="9", session_key="s")
    # Another session from another address is not affected.
    assert services.code_redeem(budget_round=voting_round, entered=good, ip="8", session_key="t")
    cache.clear()


def test_no_voting_outside_the_voting_phase(make_round, code_for, municipality_admin):
    budget_round = make_round(Phase.VOTING)
    plan = PlanFactory(budget_round=budget_round)
    digest = services.code_redeem(budget_round=budget_round, entered=code_for(budget_round), ip="1", session_key="s")
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.RESULT)
    budget_round.refresh_from_db()
    with pytest.raises(ValidationError, match="zolang de stemming open is"):
        services.ballot_submit(budget_round=budget_round, plan_ids=[plan.pk], code_hash=digest)
    assert Ballot.objects.count() == 0


# --- Counting, export, import, follow-up -------------------------------------------


def test_count_stores_explained_result_from_the_anonymised_export(make_round, municipality_admin):
    budget_round = make_round(Phase.RESULT, rule="greedy")
    speeltuin = PlanFactory(budget_round=budget_round, title="Speeltuin Zuiderpark", cost=60_000)
    moestuin = PlanFactory(budget_round=budget_round, title="Moestuin De Linde", cost=50_000)
    PlanFactory(budget_round=budget_round, title="Niet haalbaar", cost=5_000, status=PlanStatus.NOT_FEASIBLE)
    for _ in range(3):
        BallotFactory(budget_round=budget_round, plans=[speeltuin, moestuin])
    BallotFactory(budget_round=budget_round, plans=[speeltuin])

    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    rows = {row.plan.title: row for row in result.rows.select_related("plan")}
    assert set(rows) == {"Speeltuin Zuiderpark", "Moestuin De Linde"}
    assert rows["Speeltuin Zuiderpark"].funded and rows["Speeltuin Zuiderpark"].votes == 4
    assert not rows["Moestuin De Linde"].funded
    assert rows["Moestuin De Linde"].explanation.startswith("Dit plan krijgt geen geld.")
    assert "Het past niet meer in het budget" in rows["Moestuin De Linde"].explanation
    assert (result.spent, result.voters, result.published_at) == (60_000, 4, None)

    data = parse_pabulib(result.pb_text)
    assert [v["voter_id"] for v in data.votes] == ["1", "2", "3", "4"]
    assert "u:" not in result.pb_text and "@" not in result.pb_text
    assert AuditEvent.objects.filter(action="budgeting.counted").count() == 1

    services.result_publish(result=result, actor=municipality_admin)
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        services.result_publish(result=result, actor=municipality_admin)


def test_no_count_while_voting_is_open(voting_round, municipality_admin):
    with pytest.raises(ValidationError, match="Tellen kan pas"):
        services.round_count(budget_round=voting_round, actor=municipality_admin)
    assert Result.objects.count() == 0


def test_a_past_election_is_replayed_from_a_pb_file(municipality, municipality_admin, settings):
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "pabulib" / "Netherlands_Assen_2024.pb").read_text(encoding="utf-8")
    budget_round = services.round_import_pabulib(
        municipality=municipality, actor=municipality_admin, text=text, title="Assen 2024", rule="mes"
    )
    assert budget_round.phase() == Phase.RESULT and budget_round.plans.count() == 14
    assert budget_round.ballots.count() == 84
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    from samenspel.budgeting.pabulib import count_file

    funded_ids = list(result.rows.filter(funded=True).order_by("position").values_list("plan__external_id", flat=True))
    expected = count_file(Path(__file__).parent / "data" / "pabulib" / "Netherlands_Assen_2024.pb", "mes")
    assert funded_ids == expected


def test_a_malformed_pb_file_is_refused_and_nothing_is_saved(municipality, municipality_admin):
    from samenspel.budgeting.models import BudgetRound

    with pytest.raises(ValidationError) as info:
        services.round_import_pabulib(
            municipality=municipality, actor=municipality_admin, text="META\nkey;value\n", title="Kapot", rule="mes"
        )
    assert info.value.message_dict["file"]
    assert BudgetRound.objects.count() == 0


def test_follow_up_of_a_funded_plan_notifies_supporters(make_round, municipality_admin, coach, resident):
    budget_round = make_round(Phase.RESULT)
    plan = PlanFactory(budget_round=budget_round, cost=20_000, author=resident)
    PlanSupport.objects.create(plan=plan, user=municipality_admin)
    BallotFactory(budget_round=budget_round, plans=[plan])
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    services.result_publish(result=result, actor=municipality_admin)
    with pytest.raises(ValidationError, match="fase 'uitvoering'"):
        services.plan_update_post(plan=plan, actor=coach, status="in_progress", title="Start", body="We beginnen.")
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.IMPLEMENTATION)
    plan.refresh_from_db()
    services.plan_update_post(plan=plan, actor=coach, status="in_progress", title="Start", body="We beginnen.")
    plan.refresh_from_db()
    assert plan.implementation_status == "in_progress"
    assert set(Notification.objects.values_list("user", flat=True)) == {resident.pk, municipality_admin.pk}


def test_a_result_stores_facts_and_says_them_in_the_readers_language(make_round, municipality_admin, monkeypatch):
    budget_round = make_round(Phase.RESULT, rule="greedy")
    speeltuin = PlanFactory(budget_round=budget_round, title="Speeltuin", cost=60_000)
    moestuin = PlanFactory(budget_round=budget_round, title="Moestuin", cost=50_000)
    BallotFactory(budget_round=budget_round, plans=[speeltuin, moestuin])
    BallotFactory(budget_round=budget_round, plans=[speeltuin])
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    row = result.rows.get(plan=moestuin)
    assert (row.reason, row.remaining_budget, row.supporters_money) == ("not_funded_does_not_fit", 40_000, None)
    assert row.explanation == (
        "Dit plan krijgt geen geld. Het kreeg de steun van 1 stemmer. "
        "Het past niet meer in het budget: er was nog € 40.000 over en het kost € 50.000."
    )
    # The sentence is made when it is read, through gettext: nothing Dutch is stored.
    from samenspel.budgeting import models

    monkeypatch.setattr(models, "gettext", lambda message: message.replace("krijgt geen geld", "gets no money"))
    assert row.explanation.startswith("Dit plan gets no money. Het kreeg de steun van 1 stemmer.")


def test_the_implementation_status_is_the_newest_reports(
    make_round, municipality_admin, coach, django_assert_num_queries
):
    from samenspel.budgeting import selectors
    from samenspel.budgeting.models import ImplementationStatus

    budget_round = make_round(Phase.RESULT)
    plan = PlanFactory(budget_round=budget_round, cost=20_000)
    BallotFactory(budget_round=budget_round, plans=[plan])
    services.result_publish(
        result=services.round_count(budget_round=budget_round, actor=municipality_admin), actor=municipality_admin
    )
    services.round_phase_move(budget_round=budget_round, actor=municipality_admin, phase=Phase.IMPLEMENTATION)
    plan.refresh_from_db()
    assert plan.implementation_status == ImplementationStatus.NOT_STARTED
    for status in ("in_progress", "delayed"):
        services.plan_update_post(plan=plan, actor=coach, status=status, title=status, body="Nieuws.")
    assert Plan.objects.get(pk=plan.pk).implementation_status == "delayed"
    with django_assert_num_queries(1):
        listed = list(selectors.plan_list(budget_round=budget_round))
        assert [str(p.get_implementation_status_display()) for p in listed] == ["vertraagd"]


def test_the_migration_recovers_the_facts_of_earlier_counts_from_their_pb_text(make_round, municipality_admin):
    import importlib

    from django.apps import apps

    from samenspel.budgeting.models import ResultRow

    migration = importlib.import_module(
        "samenspel.budgeting.migrations.0002_result_facts_and_derived_implementation_status"
    )
    budget_round = make_round(Phase.RESULT, rule="mes+greedy")
    plans = [PlanFactory(budget_round=budget_round, cost=cost) for cost in (30_000, 50_000, 40_000)]
    for chosen in ([0, 1], [0], [2], [1, 2]):
        BallotFactory(budget_round=budget_round, plans=[plans[i] for i in chosen])
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    counted = sorted(ResultRow.objects.values_list("pk", "remaining_budget", "supporters_money"))
    assert any(money is not None for _pk, _remaining, money in counted)
    ResultRow.objects.update(remaining_budget=None, supporters_money=None)
    migration.store_facts(apps, None)
    assert sorted(result.rows.values_list("pk", "remaining_budget", "supporters_money")) == counted


def test_the_migration_recodes_dutch_status_values_in_english(make_round):
    import importlib

    from django.apps import apps

    from samenspel.budgeting.models import PlanUpdate

    migration = importlib.import_module("samenspel.budgeting.migrations.0003_english_status_codes")
    plan = PlanFactory(budget_round=make_round(Phase.IMPLEMENTATION))
    PlanUpdate.objects.create(plan=plan, status="in_progress", title="Start", body="Ja.")
    Plan.objects.update(status="niet_haalbaar")
    PlanUpdate.objects.update(status="in_uitvoering")
    migration.to_english(apps, None)
    assert (Plan.objects.get().status, PlanUpdate.objects.get().status) == ("not_feasible", "in_progress")
    migration.to_dutch(apps, None)
    assert (Plan.objects.get().status, PlanUpdate.objects.get().status) == ("niet_haalbaar", "in_uitvoering")
