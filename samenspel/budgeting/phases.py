"""The phases of a round and what each phase allows (a `core.phases.PhaseTable`).

"May this be done now?" is a lookup in TABLE; who may do it is in rules.py,
which combines a role predicate with `TABLE.predicate(action)`.
"""

import enum
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from samenspel.core.phases import PhaseTable


class Phase(enum.StrEnum):
    PREPARATION = "voorbereiding"
    SUBMISSION = "indienen"
    FEASIBILITY = "haalbaarheid"
    VOTING = "stemmen"
    RESULT = "uitslag"
    IMPLEMENTATION = "uitvoering"

    @property
    def label(self) -> str:
        return str(LABELS[self])


LABELS = {
    Phase.PREPARATION: _("voorbereiding"),
    Phase.SUBMISSION: _("plannen indienen"),
    Phase.FEASIBILITY: _("haalbaarheidstoets"),
    Phase.VOTING: _("stemmen"),
    Phase.RESULT: _("uitslag"),
    Phase.IMPLEMENTATION: _("uitvoering"),
}


class Action(enum.StrEnum):
    SUBMIT_PLAN = "submit_plan"
    SUPPORT_PLAN = "support_plan"
    RECORD_FEASIBILITY = "record_feasibility"
    VOTE = "vote"
    COUNT = "count"
    PUBLISH_RESULT = "publish_result"
    POST_UPDATE = "post_update"


TABLE = PhaseTable(
    "budgeting",
    {
        Phase.PREPARATION: set(),
        Phase.SUBMISSION: {Action.SUBMIT_PLAN, Action.SUPPORT_PLAN},
        Phase.FEASIBILITY: {Action.RECORD_FEASIBILITY},
        Phase.VOTING: {Action.VOTE},
        # Counting and publishing only after voting closed, so no ballot can change under a count.
        Phase.RESULT: {Action.COUNT, Action.PUBLISH_RESULT},
        Phase.IMPLEMENTATION: {Action.POST_UPDATE},
    },
    phase_of=lambda budget_round: budget_round.current_phase,
)

# The date field at which each phase starts, in order; voting_end starts the result.
PHASE_STARTS: list[tuple[Phase, str]] = [
    (Phase.SUBMISSION, "submission_start"),
    (Phase.FEASIBILITY, "feasibility_start"),
    (Phase.VOTING, "voting_start"),
    (Phase.RESULT, "voting_end"),
    (Phase.IMPLEMENTATION, "implementation_start"),
]
ORDER = [Phase.PREPARATION] + [phase for phase, _field in PHASE_STARTS]


def phase_at(budget_round, now: datetime) -> Phase:
    current = Phase.PREPARATION
    for phase, field in PHASE_STARTS:
        start = getattr(budget_round, field)
        if start is not None and now >= start:
            current = phase
    return current


def allows(phase: Phase, action: Action | str) -> bool:
    return TABLE.allows(phase, Action(action))
