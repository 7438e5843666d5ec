"""The vision's share of a person's data (AVG). Statements stay without a name, votes stay counted."""

from .models import Endorsement, Statement, Vote


def export(user) -> dict:
    return {
        "vision": {
            "statements": [
                {"text": s.text, "created": s.created.isoformat()} for s in Statement.objects.filter(author=user)
            ],
            "votes": [
                {"statement": v.statement.text, "vote": v.value}
                for v in Vote.objects.filter(participant__user=user).select_related("statement")
            ],
            "endorsed_principles": [str(e.principle) for e in Endorsement.objects.filter(user=user)],
        }
    }
