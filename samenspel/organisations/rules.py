import rules

from .selectors import organisation_roles


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user, organisation)[0]


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user, organisation)[1]


rules.add_perm("organisations.view_members", is_organisation_member)
rules.add_perm("organisations.change_organisation", is_organisation_admin)
rules.add_perm("organisations.approve_member", is_organisation_admin)
rules.add_perm("organisations.request_membership", rules.is_authenticated & ~is_organisation_member)
