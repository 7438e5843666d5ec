"""Budgeting's share of a person's data (AVG). A ballot stays counted, no longer traceable to anyone."""

import uuid

from .models import Ballot, BudgetRound, Plan, PlanSupport, VoterDeclaration, VoterMode
from .secrecy import voter_ballot_key


def _own_ballots(user):
    """The person's ballots, found the only way there is: their keys, computed with the server's key."""
    rounds = BudgetRound.objects.filter(voter_mode=VoterMode.VERIFIED).values_list("pk", flat=True)
    keys = [voter_ballot_key(budget_round_id=pk, user_id=user.pk) for pk in rounds]
    return Ballot.objects.filter(voter_key__in=keys)


def export(user) -> dict:
    return {
        "budgeting": {
            "plans": [{"title": p.title, "description": p.description} for p in Plan.objects.filter(author=user)],
            "plan_supports": [str(s.plan) for s in PlanSupport.objects.filter(user=user).select_related("plan")],
            "voter_declarations": [
                {"municipality": d.municipality.name, "birth_year": d.birth_year}
                for d in VoterDeclaration.objects.filter(user=user).select_related("municipality")
            ],
            "ballots": [
                {
                    "round": str(b.budget_round),
                    "plans": [str(p) for p in b.plans.all()],
                    "changed_on": b.changed_on.isoformat(),
                }
                for b in _own_ballots(user).select_related("budget_round").prefetch_related("plans")
            ],
        }
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # Still one ballot per voter, still counted; the key no longer leads to the account.
    for ballot in _own_ballots(user):
        ballot.voter_key = f"deleted:{uuid.uuid4().hex}"
        ballot.save(update_fields=["voter_key"])
