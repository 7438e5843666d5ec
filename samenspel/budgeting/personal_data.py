"""Budgeting's share of a person's data (AVG). A ballot stays counted, no longer traceable to anyone."""

import uuid

from .models import Ballot, Plan, PlanSupport, VoterDeclaration


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
                    "updated": b.updated.isoformat() if b.updated else None,
                }
                for b in Ballot.objects.filter(voter_key=f"u:{user.pk}").prefetch_related("plans")
            ],
        }
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # Still one ballot per voter, still counted; the key no longer leads to the account.
    for ballot in Ballot.objects.filter(voter_key=f"u:{user.pk}"):
        ballot.voter_key = f"deleted:{uuid.uuid4().hex}"
        ballot.save(update_fields=["voter_key"])
