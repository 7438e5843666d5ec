"""Roles in a municipality as `rules` predicates.

Every predicate here takes the municipality itself as its object; apps that guard
their own objects wrap these with a predicate that reads `obj.municipality`.
"""

import rules

from .models import Role
from .selectors import roles_of


def _role_predicate(role: str):
    @rules.predicate(name=f"is_{role}")
    def has_role(user, municipality) -> bool:
        return municipality is not None and role in roles_of(user, municipality)

    return has_role


is_resident = _role_predicate(Role.RESIDENT)
is_coach = _role_predicate(Role.COACH)
is_moderator = _role_predicate(Role.MODERATOR)
is_municipality_admin = _role_predicate(Role.ADMIN)
is_staff_member = is_coach | is_moderator | is_municipality_admin

rules.add_perm("municipalities.manage_roles", is_municipality_admin)
rules.add_perm("municipalities.view_coach_desk", is_coach | is_municipality_admin)
rules.add_perm("municipalities.moderate", is_moderator | is_municipality_admin)
rules.add_perm("municipalities.view_audit_trail", is_municipality_admin)
