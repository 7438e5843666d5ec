"""Results: counting a closed round (by the file anyone can recount), publishing, and replaying a .pb file."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from ..ballots import format_euro
from ..models import (
    Ballot,
    BallotType,
    BudgetRound,
    Plan,
    PlanStatus,
    Result,
    ResultRow,
)
from ..phases import Action, require_phase
from ..selectors import round_pabulib
from .rounds import round_create


@transaction.atomic
def round_count(*, budget_round: BudgetRound, actor) -> Result:
    """Count the closed round by its rule and store the explained result (not yet published)."""
    # The counting rules (NumPy) load when a round is counted, not in every web process.
    from ..counting import count
    from ..pabulib import dumps_pabulib, parse_pabulib

    require_phase(budget_round, Action.COUNT)
    data, plans = round_pabulib(budget_round)
    pb_text = dumps_pabulib(data)
    # Count exactly the file we publish, so anyone can recount it with pb_count.
    election = parse_pabulib(pb_text).to_election()
    outcome = count(election, budget_round.rule)
    by_id = {p.ballot_id: p for p in plans}
    result = Result.objects.create(
        budget_round=budget_round,
        rule=budget_round.rule,
        budget=budget_round.budget,
        spent=int(outcome.spent),
        voters=len(election.ballots),
        pb_text=pb_text,
        counted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    ResultRow.objects.bulk_create(
        [
            ResultRow(
                result=result,
                plan=by_id[row.project_id],
                votes=row.votes,
                cost=int(row.cost),
                funded=row.funded,
                reason=str(row.reason),
                position=row.position,
                remaining_budget=int(row.remaining_budget) if row.remaining_budget is not None else None,
                supporters_money=_cents(row.supporters_money),
            )
            for row in outcome.projects
        ]
    )
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.counted",
        summary=_(
            "%(round)s geteld (%(rule)s): %(funded)s van %(plans)s plannen gefinancierd, %(spent)s van %(budget)s."
        )
        % {
            "round": budget_round.title,
            "rule": budget_round.get_rule_display(),
            "funded": len(outcome.funded),
            "plans": len(plans),
            "spent": format_euro(outcome.spent),
            "budget": format_euro(budget_round.budget),
        },
        target=budget_round,
        data={"result": result.pk, "funded": list(outcome.funded), "voters": result.voters},
    )
    return result


@transaction.atomic
def result_publish(*, result: Result, actor) -> Result:
    budget_round = result.budget_round
    require_phase(budget_round, Action.PUBLISH_RESULT)
    if result.published_at is not None:
        raise ValidationError(_("Deze uitslag is al gepubliceerd."))
    result.published_at = timezone.now()
    result.save(update_fields=["published_at"])
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.result_published",
        summary=_("Uitslag van %(round)s gepubliceerd.") % {"round": budget_round.title},
        target=budget_round,
        data={"result": result.pk},
    )
    return result


@transaction.atomic
def round_import_pabulib(*, municipality, actor, text: str, title: str, rule: str) -> BudgetRound:
    """Replay a past election: a closed round with the file's plans and ballots, ready to count."""
    from ..pabulib import PabulibFormatError, parse_pabulib

    try:
        data = parse_pabulib(text)
        election = data.to_election()
    except PabulibFormatError as error:
        raise ValidationError({"file": str(error)}, code="malformed") from error
    if not data.projects:
        raise ValidationError({"file": _("Het bestand bevat geen plannen.")})
    costs = [int(p.cost) for p in election.projects]
    if any(p.cost != int(p.cost) for p in election.projects) or election.budget != int(election.budget):
        raise ValidationError({"file": _("Bedragen met centen worden niet ondersteund; rond ze af op hele euro's.")})
    now = timezone.now()
    budget_round = round_create(
        municipality=municipality,
        actor=actor,
        title=title,
        description=data.meta.get("description", ""),
        budget=int(election.budget),
        min_plan_cost=0,
        max_plan_cost=max(int(election.budget), max(costs, default=1), 1),
        rule=rule,
        voter_mode="codes",
        ballot_type=BallotType.BUDGET if "max_length" not in data.meta else BallotType.COUNT,
        max_plans=int(data.meta["max_length"]) if "max_length" in data.meta else None,
        submission_start=now - timedelta(days=4),
        feasibility_start=now - timedelta(days=3),
        voting_start=now - timedelta(days=2),
        voting_end=now - timedelta(seconds=1),
        implementation_start=now + timedelta(days=30),
    )
    BudgetRound.objects.filter(pk=budget_round.pk).update(is_imported=True)
    budget_round.is_imported = True
    plans = Plan.objects.bulk_create(
        [
            Plan(
                budget_round=budget_round,
                title=(p.name or f"Project {p.id}")[:120],
                description=p.name or f"Project {p.id}",
                cost=int(p.cost),
                status=PlanStatus.FEASIBLE,
                feasibility_reason=_("Overgenomen uit het geïmporteerde .pb-bestand."),
                external_id=p.id,
                author=None,
            )
            for p in election.projects
        ]
    )
    by_external = {p.external_id: p.pk for p in plans}
    ballots = Ballot.objects.bulk_create(
        [Ballot(budget_round=budget_round, voter_key=f"pb:{n}") for n in range(1, len(election.ballots) + 1)]
    )
    if ballots[0].pk is None if ballots else False:  # backends without RETURNING
        ballots = list(Ballot.objects.filter(budget_round=budget_round).order_by("pk"))
    through = Ballot.plans.through
    through.objects.bulk_create(
        [
            through(ballot_id=ballot.pk, plan_id=by_external[pid])
            for ballot, chosen in zip(ballots, election.ballots, strict=True)
            for pid in chosen
        ],
        batch_size=5000,
    )
    audit_record(
        municipality=municipality,
        actor=actor,
        action="budgeting.imported",
        summary=_("Verkiezing geïmporteerd als '%(title)s': %(plans)s plannen, %(ballots)s stembiljetten.")
        % {"title": title, "plans": len(plans), "ballots": len(ballots)},
        target=budget_round,
    )
    return budget_round


def _cents(amount: Fraction | None) -> Decimal | None:
    if amount is None:
        return None
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
