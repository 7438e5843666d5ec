"""Each figure of the signals on the small hand-made world (tests/factories.small_world)."""

import datetime

import pytest

from samenspel.coaching.tests.factories import AgreementFactory, DecisionFactory, RuleFactory, RuleObstacleFactory
from samenspel.insights import privacy, selectors
from samenspel.insights.periods import Period

from .factories import backdate, moment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 2)


def rows_by(table, key):
    return {row[key]: row for row in table.rows}


def test_energy_counts_per_week_with_small_weeks_suppressed(world, municipality, january):
    energy = selectors.energy(municipality=municipality, period=january)
    weeks = {row["week"]: row for row in energy["tables"][0].rows}
    assert list(weeks) == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    # Two supports for the bench in the week of 19 January: fewer than 5 people, not shown,
    # and the only other non-zero week (6) is suppressed too, or 8 - 6 would give it away.
    assert weeks["2026-01-19"]["supports"] is None
    assert weeks["2026-01-12"]["supports"] is None
    assert weeks["2026-01-05"]["supports"] == 0
    assert energy["totals"]["supports"] == 8
    assert weeks["2026-01-12"]["joiners"] is None  # two joiners
    assert energy["totals"]["initiatives"] is None  # two initiatives
    assert weeks["2026-01-05"]["needs"] == 11
    assert weeks["2026-01-12"]["votes"] == 0


def test_energy_per_neighbourhood_and_the_neighbourhood_filter(world, municipality, january):
    energy = selectors.energy(municipality=municipality, period=january)
    per_area = rows_by(energy["tables"][1], "neighbourhood")
    # Centrum's single need is suppressed, and so is De Linde's 10 (complementary suppression).
    assert per_area["Centrum"]["needs"] is None and per_area["De Linde"]["needs"] is None
    assert per_area["De Linde"]["supports"] is None and per_area["De Linde"]["votes"] == 0
    only_linde = Period(january.start, january.end, world["linde"])
    energy = selectors.energy(municipality=municipality, period=only_linde)
    assert energy["totals"]["supports"] == 6
    assert energy["totals"]["needs"] == 10


def test_rising_and_falling_themes(world, municipality, january):
    table = selectors.themes(municipality=municipality, period=january)
    green = rows_by(table, "theme")["Groen"]
    # Before the middle (19 January 00:00): the initiative, 6 supports and 2 joiners = 9
    # (its needs have no theme); after: nothing.
    assert green["first_half"] == 9 and green["second_half"] == 0
    assert green["trend"] == "unknown"  # too little after the middle to speak of a trend
    for person in world["linde_people"][:6]:
        from samenspel.initiatives.tests.factories import SupportFactory

        backdate(SupportFactory(initiative=world["bench"], user=person), "created", moment(datetime.date(2026, 1, 27)))
    table = selectors.themes(municipality=municipality, period=january)
    play = rows_by(table, "theme")["Spelen"]
    assert play["first_half"] is None and play["second_half"] == 8


def test_reach_against_population_and_silent_neighbourhoods(world, municipality, january):
    reach = selectors.reach(municipality=municipality, period=january)
    per_area = rows_by(reach["tables"][0], "neighbourhood")
    # De Linde: 8 people (the initiator supports too) out of 1,000 = 8 per 1,000.
    assert per_area["De Linde"]["participants"] is None  # complementary: Centrum's 2 is hidden
    assert per_area["Centrum"]["participants"] is None
    assert per_area["Centrum"]["silent"] is True and per_area["De Linde"]["silent"] is False
    assert reach["people"] == 10 and reach["residents"] == 3000
    assert reach["per_1000"] == pytest.approx(3.3)


def test_reach_rate_shown_when_the_groups_are_large_enough(world, municipality, january):
    from samenspel.initiatives.tests.factories import SupportFactory

    from .factories import residents

    for person in residents(municipality, world["centrum"], 5):
        backdate(SupportFactory(initiative=world["bench"], user=person), "created", moment(datetime.date(2026, 1, 21)))
    per_area = rows_by(selectors.reach(municipality=municipality, period=january)["tables"][0], "neighbourhood")
    assert per_area["De Linde"]["participants"] == 8 and per_area["De Linde"]["per_1000"] == 8.0
    assert per_area["Centrum"]["participants"] == 7 and per_area["Centrum"]["per_1000"] == 3.5


def test_promises_first_response_and_stage_times(world, municipality, january):
    promises = selectors.promises(municipality=municipality, period=january, today=TODAY)
    figures = promises["response"]
    assert figures["promised_working_days"] == 5
    # Two initiatives: fewer than 5, so the share and the median are not shown.
    assert figures["initiatives"] is None and figures["median_working_days"] is None
    # With five answered initiatives: waits of 2, 2, 3, 4 and 9 working days.
    from samenspel.coaching.tests.factories import InitiativeFactory

    for index, answered in enumerate([7, 8, 9, 16]):
        extra = InitiativeFactory(municipality=municipality, neighbourhood=world["linde"], slug=f"extra-{index}")
        backdate(extra, "submitted_at", moment(datetime.date(2026, 1, 5), 9))
        extra.first_response_at = moment(datetime.date(2026, 1, answered), 10)
        extra.save(update_fields=["first_response_at"])
    figures = selectors.promises(municipality=municipality, period=january, today=TODAY)["response"]
    assert figures["initiatives"] == 6
    assert figures["median_working_days"] == 3  # the garden 2; the others 2, 3, 4 and 9
    assert figures["p90_working_days"] == 9
    # Within 5 working days (due 12 January): 4 of the 5 answered; the bench is late (unanswered).
    assert figures["share_within_promise_percent"] == 67  # 4 of 6 decided (5 answered + 1 overdue)
    assert figures["late_or_unanswered"] is None  # two late: the bench and the one answered on the 16th


def test_time_in_each_stage(world, municipality, january):
    garden = world["garden"]
    for index, days in enumerate([1, 2, 3, 4, 5]):
        from samenspel.coaching.tests.factories import InitiativeFactory

        other = InitiativeFactory(municipality=municipality, slug=f"fase-{index}")
        backdate(other, "submitted_at", moment(datetime.date(2026, 1, 5), 9))
        DecisionFactory(
            initiative=other,
            kind="status",
            from_status="submitted",
            to_status="in_conversation",
            decided_at=moment(datetime.date(2026, 1, 5 + days), 9),
        )
    DecisionFactory(
        initiative=garden, kind="status", to_status="in_conversation", decided_at=moment(datetime.date(2026, 1, 9), 9)
    )
    stages = rows_by(selectors.promises(municipality=municipality, period=january, today=TODAY)["tables"][1], "stage")
    assert stages["submitted"]["initiatives"] == 6
    assert stages["submitted"]["median_days"] == 3.5  # 1, 2, 3, 4, 4, 5
    assert stages["in_conversation"]["initiatives"] == 0 and stages["in_conversation"]["median_days"] is None


def test_agreements_kept_missed_and_overdue(world, municipality, january):
    garden = world["garden"]
    AgreementFactory(initiative=garden, due_date=datetime.date(2026, 1, 10), status="done")
    AgreementFactory(initiative=garden, due_date=datetime.date(2026, 1, 11), status="missed", party="municipality")
    AgreementFactory(initiative=garden, due_date=datetime.date(2026, 1, 12), status="open")
    AgreementFactory(initiative=garden, due_date=datetime.date(2026, 1, 30), status="open", is_public=False)
    public = rows_by(selectors.promises(municipality=municipality, period=january, today=TODAY)["tables"][2], "party")
    assert public["team"]["done"] == 1 and public["team"]["overdue"] == 1 and public["team"]["open"] == 0
    assert public["municipality"]["missed"] == 1
    desk = rows_by(
        selectors.promises(municipality=municipality, period=january, public=False, today=TODAY)["tables"][2], "party"
    )
    assert desk["team"]["overdue"] == 2


def test_blocking_rules_and_needs_matched(world, municipality, january):
    rule = RuleFactory(municipality=municipality, title="APV: evenementen")
    obstacle = RuleObstacleFactory(rule=rule, initiative=world["garden"])
    backdate(obstacle, "recorded_at", moment(datetime.date(2026, 1, 10)))
    RuleObstacleFactory(rule=rule, initiative=world["bench"], recorded_at=moment(datetime.date(2025, 6, 1)))
    blocks = selectors.blocks(municipality=municipality, period=january)
    rules_table = rows_by(blocks["tables"][0], "rule")
    assert rules_table["APV: evenementen"]["blocked"] == 1  # the 2025 obstacle is outside the period
    needs = rows_by(blocks["tables"][1], "category")
    assert needs["volunteers"]["open"] == 6 and needs["volunteers"]["met"] == 5
    assert needs["volunteers"]["share_met_percent"] == 45  # 5 of 11
    assert needs["money"] == {**needs["money"], "open": 0, "met": 0, "share_met_percent": None}


@pytest.mark.parametrize("value,expected", [(0, 0), (1, None), (4, None), (5, 5), (120, 120), (None, None)])
def test_the_threshold(value, expected):
    assert privacy.THRESHOLD == 5
    assert privacy.count(value) == expected


def test_complementary_suppression():
    assert privacy.suppress_group({"a": 10, "b": 2, "c": 0}) == {"a": None, "b": None, "c": 0}
    assert privacy.suppress_group({"a": 10, "b": 2, "c": 3, "d": 7}) == {"a": 10, "b": None, "c": None, "d": 7}
    assert privacy.suppress_group({"a": 10, "b": 6}) == {"a": 10, "b": 6}
    assert privacy.derived(12.5, 4) is None and privacy.derived(12.5, 5) == 12.5


def test_turnout_of_the_vision_and_a_budget_round_by_neighbourhood(world, municipality, january):
    from samenspel.budgeting.models import Ballot
    from samenspel.budgeting.tests.factories import BudgetRoundFactory
    from samenspel.vision.tests.factories import ParticipantFactory, VisionProcessFactory

    process = VisionProcessFactory(
        municipality=municipality,
        title="Lindeveen 2040",
        gather_start=moment(datetime.date(2026, 1, 1)),
        gather_end=moment(datetime.date(2026, 1, 20)),
        draft_end=moment(datetime.date(2026, 3, 1)),
    )
    for person in world["linde_people"][:6]:
        ParticipantFactory(process=process, user=person)
    anonymous = ParticipantFactory(process=process, user=None)  # an anonymous visitor: no wijk
    budget_round = BudgetRoundFactory(
        municipality=municipality,
        neighbourhood=world["linde"],
        title="De Linde Begroot",
        submission_start=moment(datetime.date(2025, 11, 1)),
        feasibility_start=moment(datetime.date(2025, 12, 1)),
        voting_start=moment(datetime.date(2026, 1, 10)),
        voting_end=moment(datetime.date(2026, 1, 25)),
        implementation_start=moment(datetime.date(2026, 3, 1)),
    )
    for index in range(7):
        Ballot.objects.create(budget_round=budget_round, voter_key=f"c:{index:064x}")
    areas = list(municipality.neighbourhoods.order_by("name"))
    vision = selectors.vision_turnout(municipality=municipality, period=january, areas=areas)
    rows = {(r["subject"], r["neighbourhood"]): r for r in vision.rows}
    assert rows[("Lindeveen 2040", "Hele gemeente")]["count"] == 7
    # One anonymous participant: "wijk onbekend" is hidden, and De Linde's 6 with it (7 - 0 - 6 = 1).
    assert rows[("Lindeveen 2040", "Wijk onbekend")]["count"] is None
    assert (
        rows[("Lindeveen 2040", "De Linde")]["count"] is None
        and rows[("Lindeveen 2040", "De Linde")]["per_1000"] is None
    )
    for _ in range(5):
        ParticipantFactory(process=process, user=None)
    vision = selectors.vision_turnout(municipality=municipality, period=january, areas=areas)
    rows = {(r["subject"], r["neighbourhood"]): r for r in vision.rows}
    assert (
        rows[("Lindeveen 2040", "De Linde")]["count"] == 6 and rows[("Lindeveen 2040", "De Linde")]["per_1000"] == 6.0
    )
    assert rows[("Lindeveen 2040", "Wijk onbekend")]["count"] == 6 and anonymous.user is None
    budget = selectors.budget_turnout(municipality=municipality, period=january, areas=areas)
    rows = {(r["subject"], r["neighbourhood"]): r for r in budget.rows}
    # A round of one wijk counts its ballots (here voting codes) in that wijk.
    assert rows[("De Linde Begroot", "De Linde")]["count"] == 7
    assert rows[("De Linde Begroot", "De Linde")]["per_1000"] == 7.0
    assert rows[("De Linde Begroot", "Centrum")]["count"] == 0
