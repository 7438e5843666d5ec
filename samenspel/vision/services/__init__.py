"""Writes for the vision process, one module per concern:

- `processes`: creating a process
- `participation`: participants (by account or anonymous cookie key) and their votes
- `statements`: residents' statements and their moderation
- `opinion_maps`: the stored opinion map and its debounced recomputation
- `versions`: the vision text: versions, principles, publication, adoption, endorsements
- `assessments`: decisions assessed against the adopted vision
- `polis`: importing a Polis conversation (exporting one is a read: `selectors.polis_export`)

Comments on principles are the comments app's (`samenspel.comments.services`).
"""

from .assessments import assessment_create
from .opinion_maps import RECOMPUTE_INTERVAL, opinion_map_compute, opinion_map_mark_dirty, opinion_map_refresh_dirty
from .participation import participant_claim, participant_get_or_create, vote_cast, vote_cast_by_visitor
from .polis import polis_import
from .processes import process_create
from .statements import statement_check, statement_moderate, statement_submit
from .versions import endorsement_toggle, principle_create, vision_adopt, vision_publish, vision_version_start

__all__ = [
    "RECOMPUTE_INTERVAL",
    "assessment_create",
    "endorsement_toggle",
    "opinion_map_compute",
    "opinion_map_mark_dirty",
    "opinion_map_refresh_dirty",
    "participant_claim",
    "participant_get_or_create",
    "polis_import",
    "principle_create",
    "process_create",
    "statement_check",
    "statement_moderate",
    "statement_submit",
    "vision_adopt",
    "vision_publish",
    "vision_version_start",
    "vote_cast",
    "vote_cast_by_visitor",
]
