"""Reads for the burgerbegroting; every query is scoped to one municipality."""

from collections import defaultdict
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from samenspel.initiatives.models import Initiative

from .models import (
    Ballot,
    BallotType,
    BudgetRound,
    CodeBatch,
    Plan,
    PlanStatus,
    PlanSupport,
    PlanUpdate,
    Result,
    ResultRow,
    VoterDeclaration,
    VotingCode,
    latest_update_status,
)
from .phases import Phase

if TYPE_CHECKING:
    from .pabulib import PabulibData


def round_list(*, municipality):
    return BudgetRound.objects.for_municipality(municipality).select_related("neighbourhood", "municipality")


def round_get(*, municipality, slug: str) -> BudgetRound | None:
    return round_list(municipality=municipality).filter(slug=slug).first()


def current_round(*, municipality) -> BudgetRound | None:
    """The round residents should see first: the newest that is not yet in implementation."""
    rounds = list(round_list(municipality=municipality).order_by("-voting_start", "-pk")[:5])
    for budget_round in rounds:
        if budget_round.current_phase != Phase.IMPLEMENTATION:
            return budget_round
    return rounds[0] if rounds else None


def plan_list(*, budget_round: BudgetRound):
    return (
        Plan.objects.filter(budget_round=budget_round)
        .select_related("neighbourhood", "merged_into", "budget_round__municipality")
        .with_implementation_status()
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("title", "pk")
    )


def plan_get(*, budget_round: BudgetRound, pk: int) -> Plan | None:
    return plan_list(budget_round=budget_round).filter(pk=pk).first()


def ballot_plans(*, budget_round: BudgetRound):
    return (
        Plan.objects.on_ballot()
        .filter(budget_round=budget_round)
        .select_related("neighbourhood")
        .order_by("title", "pk")
    )


def ballot_of(*, budget_round: BudgetRound, voter_key: str) -> Ballot | None:
    return Ballot.objects.filter(budget_round=budget_round, voter_key=voter_key).prefetch_related("plans").first()


def published_result(*, budget_round: BudgetRound) -> Result | None:
    return budget_round.results.exclude(published_at=None).order_by("-published_at", "-pk").first()


def latest_result(*, budget_round: BudgetRound) -> Result | None:
    return budget_round.results.order_by("-counted_at", "-pk").first()


def result_rows(*, result: Result) -> list[ResultRow]:
    """The rows of a result with their plans, each plan's implementation status read in the same query."""
    rows = list(
        ResultRow.objects.filter(result=result)
        .select_related("result", "plan__neighbourhood", "plan__budget_round__municipality")
        .annotate(plan_update_status=latest_update_status("plan"))
        .order_by("-funded", "position", "-votes", "plan__title")
    )
    for row in rows:
        row.plan.latest_update_status = row.plan_update_status
    return rows


def published_row(*, plan: Plan) -> ResultRow | None:
    """The plan's row in its round's published result, if there is one."""
    result = published_result(budget_round=plan.budget_round)
    return result.rows.filter(plan=plan).select_related("result").first() if result else None


def has_supported(*, plan: Plan, user) -> bool:
    return user.is_authenticated and PlanSupport.objects.filter(plan=plan, user=user).exists()


def initiatives_of_team_member(*, municipality, user):
    """The initiatives in this municipality whose team the user has joined (may enter them as plans)."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    return Initiative.objects.filter(
        municipality=municipality, team__user=user, team__accepted_at__isnull=False
    ).distinct()


def code_figures(*, budget_round: BudgetRound) -> dict:
    codes = VotingCode.objects.filter(budget_round=budget_round)
    return {"issued": codes.count(), "used": codes.exclude(used_at=None).count()}


def code_batches(*, budget_round: BudgetRound):
    return CodeBatch.objects.filter(budget_round=budget_round)


def voter_count(*, municipality) -> int:
    return VoterDeclaration.objects.filter(municipality=municipality).count()


def account_by_email(*, email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def plan_updates(*, plan: Plan):
    return PlanUpdate.objects.filter(plan=plan).select_related("author")


def round_figures(*, budget_round: BudgetRound) -> dict:
    """Real counts for the home page and the round page, in one query."""
    figures = Plan.objects.filter(budget_round=budget_round).aggregate(
        plans=Count("pk"), on_ballot=Count("pk", filter=Q(status=PlanStatus.FEASIBLE))
    )
    figures["ballots"] = Ballot.objects.filter(budget_round=budget_round).count()
    return figures


def round_profile(budget_round: BudgetRound) -> tuple[list[Plan], list[list[str]]]:
    """The plans on the ballot and the anonymous ballots (lists of ballot ids), in two queries."""
    plans = list(Plan.objects.on_ballot().filter(budget_round=budget_round).order_by("pk"))
    ids = {p.pk: p.ballot_id for p in plans}
    chosen: dict[int, list[str]] = defaultdict(list)
    ballot_ids = list(Ballot.objects.filter(budget_round=budget_round).values_list("pk", flat=True))
    for ballot_id, plan_id in Ballot.plans.through.objects.filter(ballot__budget_round=budget_round).values_list(
        "ballot_id", "plan_id"
    ):
        if plan_id in ids:
            chosen[ballot_id].append(ids[plan_id])
    return plans, [chosen.get(b, []) for b in ballot_ids]


def round_pabulib(budget_round: BudgetRound, *, shuffle: bool = True) -> tuple["PabulibData", list[Plan]]:
    """The round as anonymised Pabulib data: voter ids are sequence numbers, nothing personal."""
    from .pabulib import build_pabulib  # the counting rules (NumPy) load with a count, not at start

    plans, ballots = round_profile(budget_round)
    meta = {
        "description": budget_round.title,
        "country": "Netherlands",
        "unit": budget_round.municipality.name,
        "subunit": budget_round.neighbourhood.name if budget_round.neighbourhood_id else "",
        "instance": budget_round.slug,
        "budget": budget_round.budget,
        "rule": budget_round.rule,
        "date_begin": budget_round.voting_start.date().isoformat(),
        "date_end": budget_round.voting_end.date().isoformat(),
    }
    if budget_round.ballot_type == BallotType.COUNT:
        if budget_round.min_plans is not None:
            meta["min_length"] = budget_round.min_plans
        if budget_round.max_plans is not None:
            meta["max_length"] = budget_round.max_plans
    else:
        meta["max_sum_cost"] = budget_round.budget
    projects = [{"project_id": p.ballot_id, "cost": p.final_cost, "name": p.title} for p in plans]
    return build_pabulib(meta, projects, ballots, shuffle=shuffle), plans


# --- The public API: every municipality unless one is asked for -------------------------


def public_rounds(*, municipality=None):
    rounds = BudgetRound.objects.select_related("municipality", "neighbourhood").order_by("-voting_start", "pk")
    return rounds.filter(municipality=municipality) if municipality else rounds


def public_plans(*, municipality=None, round_id: int | None = None):
    plans = (
        Plan.objects.select_related("neighbourhood")
        .with_implementation_status()
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("budget_round_id", "pk")
    )
    if municipality:
        plans = plans.filter(budget_round__municipality=municipality)
    if round_id is not None:
        plans = plans.filter(budget_round_id=round_id)
    return plans


def published_results(*, municipality=None):
    """Published results only: a count that is not yet published is not public."""
    results = Result.objects.exclude(published_at=None).prefetch_related("rows__plan").order_by("-published_at", "pk")
    return results.filter(budget_round__municipality=municipality) if municipality else results
