"""Result funding's share of a person's data (AVG): the result reports they submitted.

On deletion the reports stay with the agreement (the municipality's record of what it paid
for) without the link to the account: `submitted_by` is SET_NULL, so no erase step is needed.
Evidence files are the team's, not one person's; the story asks not to name neighbours.
"""

from .models import ResultReport


def export(user) -> dict:
    reports = ResultReport.objects.filter(submitted_by=user).select_related("result__agreement")
    return {
        "funding": {
            "result_reports": [
                {
                    "agreement": r.result.agreement.title,
                    "result": r.result.description,
                    "measured_value": str(r.measured_value),
                    "story": r.story,
                    "submitted_at": r.submitted_at.isoformat(),
                    "state": r.state,
                }
                for r in reports
            ]
        }
    }
