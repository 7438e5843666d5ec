"""Who may do what with a partner organisation.

A resident of a municipality may register an organisation there (and becomes its admin);
the organisation's admin decides who joins; approved members see each other.
"""

import rules

from samenspel.municipalities.rules import is_resident

from .selectors import organisation_roles


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user, organisation)[0]


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user, organisation)[1]


# The object is the municipality the organisation would belong to: a resident of
# Heideborg does not register partners of Lindeveen.
rules.add_perm("organisations.create_organisation", is_resident)
rules.add_perm("organisations.view_members", is_organisation_member)
rules.add_perm("organisations.approve_member", is_organisation_admin)
rules.add_perm("organisations.request_membership", rules.is_authenticated & ~is_organisation_member)
