"""Who may do what on the coaching desk.

The desk belongs to the municipality's coaches and administrators. Deciding the
outcome of a rule obstacle (granting experiment space, changing a rule, rejecting)
is a decision of the municipality as a whole, so only its administrators take it;
coaches record the obstacle and prepare the proposal. Every permission here takes the
initiative as its object; the team is the initiative's team as `initiatives.rules` defines it.
"""

import rules

from samenspel.initiatives.rules import is_team_member
from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

is_desk_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_desk_staff")
is_admin_of_initiative = role_of(Role.ADMIN, via="municipality", name="is_admin_of_initiative")

rules.add_perm("coaching.view_desk", is_desk_staff)
rules.add_perm("coaching.assign_coach", is_desk_staff)
rules.add_perm("coaching.change_status", is_desk_staff)
rules.add_perm("coaching.add_note", is_desk_staff)
rules.add_perm("coaching.add_agreement", is_desk_staff)
rules.add_perm("coaching.change_agreement", is_desk_staff)
rules.add_perm("coaching.view_agreements", is_desk_staff | is_team_member)
rules.add_perm("coaching.record_obstacle", is_desk_staff)
rules.add_perm("coaching.decide_obstacle", is_admin_of_initiative)
