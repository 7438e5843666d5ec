"""Who may do what in a vision process, and when.

As in adhocracy4, each phase declares the resident actions it allows
(TABLE, a `core.phases.PhaseTable`), so "may this person vote now?" is a table
lookup combined with a role predicate. Staff actions (moderation, drafting the vision, assessing
decisions) do not depend on the phase.
"""

import rules

from samenspel.core.phases import PhaseTable
from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

from .models import Phase, VisionVersion

SUBMIT = "submit_statement"
VOTE = "vote"

TABLE = PhaseTable(
    "vision",
    {
        Phase.UPCOMING: set(),
        Phase.GATHER: {SUBMIT, VOTE},
        Phase.DRAFT: set(),
        Phase.CLOSED: set(),
    },
)


def phase_allows(process, action: str) -> bool:
    return TABLE.allows_now(process, action)


phase_allows_submit = TABLE.predicate(SUBMIT)
phase_allows_vote = TABLE.predicate(VOTE)

is_resident_of_process = role_of(Role.RESIDENT, via="municipality")
is_moderator_of_process = role_of(Role.MODERATOR, Role.ADMIN, via="municipality")
is_admin_of_process = role_of(Role.ADMIN, via="municipality")
is_resident_of_version = role_of(Role.RESIDENT, via="process.municipality")


@rules.predicate
def version_open_for_reactions(user, version) -> bool:
    from django.utils import timezone

    return (
        version is not None
        and version.status == VisionVersion.Status.PUBLISHED
        and (version.endorse_until is None or timezone.localdate() <= version.endorse_until)
    )


@rules.predicate
def may_react_to_principle(user, principle) -> bool:
    """The comments app's permission hook for principles: reacting is open while the draft is."""
    version = principle.version
    return is_resident_of_version(user, version) and version_open_for_reactions(user, version)


# Object: the municipality itself.
is_assessor_of_municipality = role_of(Role.COACH, Role.ADMIN, via=lambda municipality: municipality, name="is_assessor")


# Voting needs no account: an anonymous visitor is a participant by signed cookie.
rules.add_perm("vision.vote", phase_allows_vote)
rules.add_perm("vision.submit_statement", phase_allows_submit & is_resident_of_process)
rules.add_perm("vision.moderate", is_moderator_of_process)
rules.add_perm("vision.manage", is_admin_of_process)
rules.add_perm("vision.react", is_resident_of_version & version_open_for_reactions)
# Object: the municipality of the decision (decisions of every app have one).
rules.add_perm("vision.assess", is_assessor_of_municipality)
