"""Who may do what on the coaching desk.

The desk belongs to the municipality's coaches and administrators. Deciding the
outcome of a rule obstacle (granting experiment space, changing a rule, rejecting)
is a decision of the municipality as a whole, so only its administrators take it;
coaches record the obstacle and prepare the proposal.
"""

import rules

from samenspel.municipalities.rules import is_coach, is_municipality_admin


def _municipality_of(obj):
    # Objects on the desk are initiatives, agreements, notes or obstacles; all reach the municipality.
    initiative = getattr(obj, "initiative", obj)
    return initiative.municipality


@rules.predicate
def is_coach_of_initiative(user, initiative) -> bool:
    return initiative is not None and is_coach(user, _municipality_of(initiative))


@rules.predicate
def is_admin_of_initiative(user, initiative) -> bool:
    return initiative is not None and is_municipality_admin(user, _municipality_of(initiative))


@rules.predicate
def is_team_member(user, initiative) -> bool:
    if initiative is None or not user.is_authenticated:
        return False
    initiative = getattr(initiative, "initiative", initiative)
    if initiative.initiator_id == user.pk:
        return True
    return initiative.team.filter(user=user).exists()


is_desk_staff = is_coach_of_initiative | is_admin_of_initiative

rules.add_perm("coaching.view_desk", is_desk_staff)
rules.add_perm("coaching.assign_coach", is_desk_staff)
rules.add_perm("coaching.change_status", is_desk_staff)
rules.add_perm("coaching.add_note", is_desk_staff)
rules.add_perm("coaching.view_notes", is_desk_staff)
rules.add_perm("coaching.add_agreement", is_desk_staff)
rules.add_perm("coaching.change_agreement", is_desk_staff)
rules.add_perm("coaching.view_agreements", is_desk_staff | is_team_member)
rules.add_perm("coaching.record_obstacle", is_desk_staff)
rules.add_perm("coaching.decide_obstacle", is_admin_of_initiative)
