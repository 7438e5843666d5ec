"""Who may do what in a vision process, and when.

As in adhocracy4, each phase declares the resident actions it allows
(PHASE_ACTIONS), so "may this person vote now?" is a table lookup combined with
a role predicate. Staff actions (moderation, drafting the vision, assessing
decisions) do not depend on the phase.
"""

import rules

from samenspel.municipalities.rules import is_coach, is_moderator, is_municipality_admin, is_resident

from .models import Phase, VisionVersion

SUBMIT = "submit_statement"
VOTE = "vote"

PHASE_ACTIONS: dict[str, frozenset[str]] = {
    Phase.UPCOMING: frozenset(),
    Phase.GATHER: frozenset({SUBMIT, VOTE}),
    Phase.DRAFT: frozenset(),
    Phase.CLOSED: frozenset(),
}


def phase_allows(process, action: str) -> bool:
    return action in PHASE_ACTIONS[process.phase]


def _phase_predicate(action: str):
    @rules.predicate(name=f"phase_allows_{action}")
    def allowed(user, process) -> bool:
        return process is not None and phase_allows(process, action)

    return allowed


phase_allows_submit = _phase_predicate(SUBMIT)
phase_allows_vote = _phase_predicate(VOTE)


@rules.predicate
def is_resident_of_process(user, process) -> bool:
    return process is not None and is_resident(user, process.municipality)


@rules.predicate
def is_moderator_of_process(user, process) -> bool:
    return process is not None and (
        is_moderator(user, process.municipality) or is_municipality_admin(user, process.municipality)
    )


@rules.predicate
def is_admin_of_process(user, process) -> bool:
    return process is not None and is_municipality_admin(user, process.municipality)


@rules.predicate
def is_resident_of_version(user, version) -> bool:
    return version is not None and is_resident(user, version.process.municipality)


@rules.predicate
def version_open_for_reactions(user, version) -> bool:
    from django.utils import timezone

    return (
        version is not None
        and version.status == VisionVersion.Status.PUBLISHED
        and (version.endorse_until is None or timezone.localdate() <= version.endorse_until)
    )


@rules.predicate
def is_assessor_of_municipality(user, municipality) -> bool:
    return municipality is not None and (is_coach(user, municipality) or is_municipality_admin(user, municipality))


# Voting needs no account: an anonymous visitor is a participant by signed cookie.
rules.add_perm("vision.vote", phase_allows_vote)
rules.add_perm("vision.submit_statement", phase_allows_submit & is_resident_of_process)
rules.add_perm("vision.moderate", is_moderator_of_process)
# Object: the process the principle's vision belongs to (comments on principles need no phase).
rules.add_perm("vision.moderate_principle_comment", is_moderator_of_process)
rules.add_perm("vision.manage", is_admin_of_process)
rules.add_perm("vision.react", is_resident_of_version & version_open_for_reactions)
# Object: the municipality of the decision (decisions of every app have one).
rules.add_perm("vision.assess", is_assessor_of_municipality)
