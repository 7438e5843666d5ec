"""Who may do what with a buurtrecht request, and when.

Who: the submitter (the person who filed it), their group (the co-submitting residents, or the
approved members of the submitting organisation), any resident of the municipality, and the
municipality's staff (coaches and administrators). When: the request's state, through the phase
table (`phases.TABLE`). Deciding, and turning a granted request into an agreement, are decisions
of the municipality as a whole: its administrators only. Staff of another municipality hold no
role here, so they are refused like a visitor.
"""

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

from .models import PUBLIC_STATES, RUNNING_STATES
from .phases import TABLE, Action

is_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_rights_staff")
is_admin = role_of(Role.ADMIN, via="municipality", name="is_rights_admin")
is_resident = role_of(Role.RESIDENT, via="municipality", name="is_rights_resident")
# Object: the municipality itself.
is_admin_of_municipality = role_of(Role.ADMIN, via=lambda municipality: municipality, name="is_rights_admin_of")
is_resident_of_municipality = role_of(
    Role.RESIDENT, via=lambda municipality: municipality, name="is_rights_resident_of"
)


@rules.predicate
def is_submitter(user, request) -> bool:
    return request is not None and user.is_authenticated and request.submitted_by_id == user.pk


@rules.predicate
def is_group(user, request) -> bool:
    """A co-submitting resident, or an approved member of the submitting organisation."""
    if request is None or not user.is_authenticated:
        return False
    if request.organisation_id is not None:
        from samenspel.organisations.selectors import organisation_roles

        if organisation_roles(user, request.organisation)[0]:
            return True
    return request.co_submitters.filter(pk=user.pk).exists()


@rules.predicate
def is_visible(user, request) -> bool:
    return request is not None and request.state in PUBLIC_STATES


@rules.predicate
def is_running(user, request) -> bool:
    return request is not None and request.state in RUNNING_STATES


@rules.predicate
def is_granted(user, request) -> bool:
    return request is not None and request.is_granted


@rules.predicate
def has_agreement(user, request) -> bool:
    return request is not None and hasattr(request, "agreement")


def phase(action: Action) -> rules.Predicate:
    return TABLE.predicate(action)


is_applicant = is_submitter | is_group

may_comment = is_resident & phase(Action.COMMENT)

# Object: the municipality whose ordinance grants the right.
rules.add_perm("rights.create_request", is_resident_of_municipality)
rules.add_perm("rights.view_request", is_visible | is_applicant)
rules.add_perm("rights.view_desk", is_staff & is_visible)
rules.add_perm("rights.edit_request", is_submitter & phase(Action.EDIT))
rules.add_perm("rights.submit_request", is_submitter & phase(Action.SUBMIT))
rules.add_perm("rights.assign_coach", is_staff & is_running)
rules.add_perm("rights.request_info", is_staff & phase(Action.REQUEST_INFO))
rules.add_perm("rights.answer_info", is_applicant & phase(Action.ANSWER_INFO))
rules.add_perm("rights.decide_admissibility", is_staff & phase(Action.DECIDE_ADMISSIBILITY))
rules.add_perm("rights.support", is_resident & phase(Action.SUPPORT))
rules.add_perm("rights.comment", may_comment)
rules.add_perm("rights.start_assessment", is_staff & phase(Action.START_ASSESSMENT))
rules.add_perm("rights.score", is_staff & phase(Action.SCORE))
rules.add_perm("rights.hear", is_staff & phase(Action.HEAR))
rules.add_perm("rights.extend", is_staff & phase(Action.EXTEND))
rules.add_perm("rights.decide", is_admin & phase(Action.DECIDE))
rules.add_perm("rights.make_agreement", is_admin & phase(Action.MAKE_AGREEMENT) & is_granted & ~has_agreement)
rules.add_perm("rights.review_agreement", is_staff & phase(Action.REVIEW) & has_agreement)
rules.add_perm("rights.manage_ordinance", is_admin_of_municipality)
