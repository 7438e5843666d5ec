"""Writes for the burgerbegroting, one module per concern. Every status change, decision and count is audited.

- `rounds`: creating a round, its configuration (frozen once voting opens), moving it to a later phase
- `plans`: submitting a plan (or an initiative as one), supporting it, the feasibility verdict
- `voting`: verified voters, voting codes, the one ballot per voter
- `results`: counting a closed round, publishing the result, replaying a past election from a .pb file
- `implementation`: progress reports on funded plans

The services check the phase themselves (`phases.require_phase`), not only the views, so a
forbidden action through any door changes nothing and answers with a Dutch message.
"""

from .implementation import plan_update_post
from .plans import plan_feasibility_record, plan_from_initiative, plan_submit, plan_support
from .results import result_publish, round_count, round_import_pabulib
from .rounds import round_create, round_phase_move, round_update
from .voting import EMPTY_BALLOT, ballot_submit, code_batch_create, code_key, code_redeem, voter_declaration_set

__all__ = [
    "EMPTY_BALLOT",
    "ballot_submit",
    "code_batch_create",
    "code_key",
    "code_redeem",
    "plan_feasibility_record",
    "plan_from_initiative",
    "plan_submit",
    "plan_support",
    "plan_update_post",
    "result_publish",
    "round_count",
    "round_create",
    "round_import_pabulib",
    "round_phase_move",
    "round_update",
    "voter_declaration_set",
]
