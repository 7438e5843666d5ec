"""Who may do what with an initiative.

The team (accepted team members) runs its own initiative; staff of the municipality
may see hidden ones. A stopped initiative is frozen: its page stays as a record.
"""

import rules

from samenspel.municipalities.rules import is_resident, is_staff_member

from .models import Status


def _team_user_ids(initiative) -> set[int]:
    # Memoised on the instance: a page asks this for several buttons.
    cache = initiative.__dict__.get("_team_user_ids")
    if cache is None:
        cache = set(initiative.team.exclude(user=None).exclude(accepted_at=None).values_list("user_id", flat=True))
        initiative.__dict__["_team_user_ids"] = cache
    return cache


@rules.predicate
def is_team_member(user, initiative) -> bool:
    """The one team predicate: the user holds an accepted place in the initiative's team.

    The initiator is in the team through the accepted row `initiative_create` gives them;
    an invited person counts from acceptance on (`team_accept` links the account), never
    while the invitation is open. Coaching and budgeting ask this same predicate.
    """
    return initiative is not None and user.is_authenticated and user.pk in _team_user_ids(initiative)


@rules.predicate
def is_staff_of_initiative(user, initiative) -> bool:
    return initiative is not None and is_staff_member(user, initiative.municipality)


@rules.predicate
def is_resident_here(user, municipality) -> bool:
    return is_resident(user, municipality)


@rules.predicate
def is_public(user, initiative) -> bool:
    return initiative is not None and not initiative.is_hidden


@rules.predicate
def is_active_initiative(user, initiative) -> bool:
    return initiative is not None and initiative.status != Status.STOPPED


rules.add_perm("initiatives.create_initiative", is_resident_here)
rules.add_perm("initiatives.view_initiative", is_public | is_team_member | is_staff_of_initiative)
rules.add_perm("initiatives.change_initiative", is_team_member & is_active_initiative)
rules.add_perm("initiatives.post_update", is_team_member & is_active_initiative)
rules.add_perm("initiatives.manage_listings", is_team_member & is_active_initiative)
rules.add_perm("initiatives.manage_team", is_team_member & is_active_initiative)
rules.add_perm("initiatives.support", rules.is_authenticated & is_public & is_active_initiative)
# The invitation's secret token is what admits someone; the account only has to exist.
rules.add_perm("initiatives.accept_invitation", rules.is_authenticated)
rules.add_perm("initiatives.follow", rules.is_authenticated & (is_public | is_team_member | is_staff_of_initiative))
