"""The one shape of every buurtrecht request: its states and what each allows (a `PhaseTable`).

The three rights (uitdaagrecht, biedingsrecht, buurtplanrecht) run the same process; only the
ordinance's terms, parts and criteria differ. "May this be done now?" is a lookup in TABLE;
who may do it is in rules.py. Services check the same table (`require_phase`), so a page and a
direct call agree.
"""

import enum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samenspel.core.phases import PhaseTable

from .models import State


class Action(enum.StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    REQUEST_INFO = "request_info"
    ANSWER_INFO = "answer_info"
    DECIDE_ADMISSIBILITY = "decide_admissibility"
    SUPPORT = "support"
    COMMENT = "comment"
    START_ASSESSMENT = "start_assessment"
    SCORE = "score"
    HEAR = "hear"
    EXTEND = "extend"
    DECIDE = "decide"
    MAKE_AGREEMENT = "make_agreement"
    REVIEW = "review"


TABLE = PhaseTable(
    "rights",
    {
        State.DRAFT: {Action.EDIT, Action.SUBMIT},
        # Admissibility: complete? does the right apply? is the task excluded? A question stops the term.
        State.SUBMITTED: {Action.REQUEST_INFO, Action.ANSWER_INFO, Action.DECIDE_ADMISSIBILITY},
        State.PUBLIC: {Action.SUPPORT, Action.COMMENT, Action.START_ASSESSMENT},
        # Criteria and vision, the hearing before a negative decision, an extension, the decision.
        State.ASSESSMENT: {Action.SCORE, Action.HEAR, Action.EXTEND, Action.DECIDE},
        State.DECIDED: {Action.MAKE_AGREEMENT, Action.REVIEW},
        State.INADMISSIBLE: set(),
    },
    phase_of=lambda request: request.state,
)


def require_phase(request, action: Action) -> None:
    """Refuse, in Dutch, an action the request's state does not allow."""
    if not TABLE.allows_now(request, action):
        if request.is_decided:
            raise ValidationError(_("Over dit verzoek is al besloten; wijzigen kan niet meer."))
        raise ValidationError(
            _("Dit kan niet nu het verzoek de stand ‘%(state)s’ heeft.") % {"state": request.get_state_display()}
        )
