"""Who may do what in a round: a role predicate AND the phase allowing the action.

Every permission takes the BudgetRound as its object, except `budgeting.vote`,
which takes a BallotAccess (the round plus the voting code the session holds),
because a code voter need not have an account, and `budgeting.manage`, which
takes the municipality (work that belongs to no one round).
"""

from dataclasses import dataclass

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import is_municipality_admin, role_of

from .phases import TABLE, Action


@dataclass(frozen=True)
class BallotAccess:
    budget_round: object
    code_hash: str | None = None


is_resident_of_round = role_of(Role.RESIDENT)
is_staff_of_round = role_of(Role.COACH, Role.ADMIN)
is_admin_of_round = role_of(Role.ADMIN)


@rules.predicate
def uses_codes(user, budget_round) -> bool:
    from .models import VoterMode

    return budget_round is not None and budget_round.voter_mode == VoterMode.CODES


# --- Voting (object: BallotAccess) --------------------------------------------------


@rules.predicate
def voting_open(user, access) -> bool:
    return access is not None and TABLE.allows_now(access.budget_round, Action.VOTE)


@rules.predicate
def holds_valid_code(user, access) -> bool:
    from .models import VoterMode, VotingCode

    budget_round = access.budget_round
    return (
        budget_round.voter_mode == VoterMode.CODES
        and bool(access.code_hash)
        and VotingCode.objects.filter(budget_round=budget_round, code_hash=access.code_hash).exists()
    )


@rules.predicate
def is_eligible_resident(user, access) -> bool:
    from .models import VoterMode

    budget_round = access.budget_round
    if budget_round.voter_mode != VoterMode.VERIFIED or not user.is_authenticated:
        return False
    return voter_eligible(user=user, budget_round=budget_round)


def voter_eligible(*, user, budget_round) -> bool:
    """A verified voter of the municipality, old enough, living in the round's area."""
    from .models import VoterDeclaration

    declaration = (
        VoterDeclaration.objects.filter(municipality=budget_round.municipality, user=user)
        .select_related("neighbourhood")
        .first()
    )
    if declaration is None:
        return digid_voter_eligible(user=user, budget_round=budget_round)
    # The age in the year voting closes; the birth year is all we keep.
    if budget_round.voting_end.year - declaration.birth_year < budget_round.min_age:
        return False
    if budget_round.neighbourhood_id is None:
        return True
    home = declaration.neighbourhood
    return home is not None and budget_round.neighbourhood_id in (home.pk, home.parent_id)


def digid_voter_eligible(*, user, budget_round) -> bool:
    """A resident of the municipality who confirmed their account with DigiD (at the configured level).

    DigiD proves one real person behind one account (a BSN confirms one account only); the
    broker tells no birth date or address, so the area is the one in the person's profile,
    and a round with a minimum age still needs the municipality's declaration (a birth year
    from the BRP would lift that; docs/identity.md).
    """
    from samenspel.accounts.selectors import identity_verified
    from samenspel.municipalities.models import Membership

    if budget_round.min_age > 0:
        return False
    if not identity_verified(user=user, scheme="digid"):
        return False
    if not Membership.objects.filter(user=user, municipality=budget_round.municipality).exists():
        return False
    if budget_round.neighbourhood_id is None:
        return True
    home = user.neighbourhood
    return home is not None and budget_round.neighbourhood_id in (home.pk, home.parent_id)


rules.add_perm("budgeting.submit_plan", is_resident_of_round & TABLE.predicate(Action.SUBMIT_PLAN))
rules.add_perm("budgeting.support_plan", is_resident_of_round & TABLE.predicate(Action.SUPPORT_PLAN))
rules.add_perm("budgeting.record_feasibility", is_staff_of_round & TABLE.predicate(Action.RECORD_FEASIBILITY))
rules.add_perm("budgeting.vote", voting_open & (holds_valid_code | is_eligible_resident))
# The code entry page: anyone, while a code round is voting (the code itself is checked by the service).
rules.add_perm("budgeting.enter_code", uses_codes & TABLE.predicate(Action.VOTE))
rules.add_perm("budgeting.count", is_admin_of_round & TABLE.predicate(Action.COUNT))
rules.add_perm("budgeting.publish_result", is_admin_of_round & TABLE.predicate(Action.PUBLISH_RESULT))
rules.add_perm("budgeting.post_update", is_staff_of_round & TABLE.predicate(Action.POST_UPDATE))
# Phase-independent management: configuration (frozen by the services), codes, voters, import.
rules.add_perm("budgeting.manage_round", is_admin_of_round)
rules.add_perm("budgeting.manage", is_municipality_admin)
