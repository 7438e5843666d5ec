"""Roles in a municipality as `rules` predicates.

`is_resident`, `is_coach`, ... take the municipality itself as their object. Apps that
guard their own objects do not write an `is_<role>_of_<object>` predicate each: they ask
`role_of(...)` for one, naming how the object reaches its municipality:

    is_staff_of_round = role_of(Role.COACH, Role.ADMIN, via="municipality")
    is_moderator_of_comment = role_of(Role.MODERATOR, Role.ADMIN, via=comment_municipality)

The predicate is true when the user holds any of the roles in that municipality.
"""

from collections.abc import Callable
from operator import attrgetter

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


def role_of(*roles: str, via: str | Callable = "municipality", name: str | None = None) -> rules.Predicate:
    """A predicate on an object: the user holds one of `roles` in the object's municipality.

    `via` is a dotted attribute path from the object to its municipality
    ("municipality", "process.municipality") or a function that returns it; it may
    return None (no municipality, no role).
    """
    if not roles:
        raise ValueError("role_of needs at least one role")
    reach = attrgetter(via) if isinstance(via, str) else via
    wanted = frozenset(str(role) for role in roles)
    label = name or f"has_{'_or_'.join(sorted(wanted))}_via_{via if isinstance(via, str) else via.__name__}"

    def has_role(user, obj) -> bool:
        if obj is None:
            return False
        municipality = reach(obj)
        return municipality is not None and bool(wanted & roles_of(user, municipality))

    return rules.predicate(has_role, name=label)


rules.add_perm("municipalities.manage_roles", is_municipality_admin)
rules.add_perm("municipalities.view_coach_desk", is_coach | is_municipality_admin)
rules.add_perm("municipalities.moderate", is_moderator | is_municipality_admin)
rules.add_perm("municipalities.view_audit_trail", is_municipality_admin)
