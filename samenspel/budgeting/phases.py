"""The phases of a round and what each phase allows (a `core.phases.PhaseTable`).

"May this be done now?" is a lookup in TABLE; who may do it is in rules.py,
which combines a role predicate with `TABLE.predicate(action)`.
"""

import enum
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenspel.core.phases import PhaseTable


class Phase(enum.StrEnum):
    """A round's phase; the value is the code (API, audit data), the label is Dutch through gettext."""

    PREPARATION = "preparation"
    SUBMISSION = "submission"
    FEASIBILITY = "feasibility"
    VOTING = "voting"
    RESULT = "result"
    IMPLEMENTATION = "implementation"

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


# What a refused action is told, per action (lazy: the language is the request's).
WRONG_PHASE = {
    Action.SUBMIT_PLAN: _("Plannen indienen kan alleen in de fase 'plannen indienen'."),
    Action.SUPPORT_PLAN: _("Plannen steunen kan alleen in de fase 'plannen indienen'."),
    Action.RECORD_FEASIBILITY: _("De haalbaarheid vastleggen kan alleen in de fase 'haalbaarheidstoets'."),
    Action.VOTE: _("Stemmen kan alleen zolang de stemming open is."),
    Action.COUNT: _("Tellen kan pas als de stemming gesloten is, in de fase 'uitslag'."),
    Action.PUBLISH_RESULT: _("De uitslag publiceren kan alleen in de fase 'uitslag'."),
    Action.POST_UPDATE: _("Voortgang melden kan alleen in de fase 'uitvoering'."),
}


def require_phase(budget_round, action: Action) -> None:
    """Refuse (ValidationError "wrong_phase") unless the round's phase allows `action` now.

    The services call this themselves, so a forbidden action through any door changes nothing.
    """
    if not TABLE.allows(budget_round.phase(), action):
        raise ValidationError(str(WRONG_PHASE[action]), code="wrong_phase")
