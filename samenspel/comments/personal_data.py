"""Comments' share of a person's data (AVG): what they wrote and reported. Comments stay, without a name."""

from .models import Comment, Report


def export(user) -> dict:
    return {
        "comments": [
            {"on": str(c.target) if c.target is not None else "", "text": c.text, "created": c.created.isoformat()}
            for c in Comment.objects.filter(author=user)
        ],
        "reports_made": [
            {"reason": r.reason, "explanation": r.explanation, "status": r.status, "created": r.created.isoformat()}
            for r in Report.objects.filter(reporter=user)
        ],
    }
