"""Who may do what, in which phase: the role x phase matrix of the burgerbegroting."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samenspel.budgeting import services
from samenspel.budgeting.phases import TABLE, Action, Phase
from samenspel.budgeting.rules import BallotAccess

ROLES = ["anonymous", "resident", "voter", "coach", "admin", "outsider"]
PHASES = [Phase.SUBMISSION, Phase.FEASIBILITY, Phase.VOTING, Phase.RESULT, Phase.IMPLEMENTATION]

# action -> (the one phase it is allowed in, the roles that may do it then)
EXPECTED = {
    Action.SUBMIT_PLAN: (Phase.SUBMISSION, {"resident", "coach", "admin"}),
    Action.SUPPORT_PLAN: (Phase.SUBMISSION, {"resident", "coach", "admin"}),
    Action.RECORD_FEASIBILITY: (Phase.FEASIBILITY, {"coach", "admin"}),
    Action.VOTE: (Phase.VOTING, {"voter"}),
    Action.COUNT: (Phase.RESULT, {"admin"}),
    Action.PUBLISH_RESULT: (Phase.RESULT, {"admin"}),
    Action.POST_UPDATE: (Phase.IMPLEMENTATION, {"coach", "admin"}),
}


def test_the_phase_table_allows_each_action_in_exactly_one_phase():
    for action, (phase, _roles) in EXPECTED.items():
        assert TABLE.phase_of_action[action] == phase


@pytest.fixture
def matrix(people, make_round, municipality_admin):
    """One code round per phase, a valid code for the voter column in each."""
    rounds = {}
    codes = {}
    for phase in PHASES:
        budget_round = make_round(phase, slug=f"ronde-{phase}")
        # Codes are issued before voting closes; for later phases write the hash directly.
        from samenspel.budgeting import codes as code_module
        from samenspel.budgeting.models import CodeBatch, VotingCode

        batch = CodeBatch.objects.create(budget_round=budget_round, size=1)
        code = code_module.generate_code()
        digest = code_module.hash_code(code, services.code_key())
        VotingCode.objects.create(budget_round=budget_round, batch=batch, code_hash=digest)
        rounds[phase], codes[phase] = budget_round, digest
    return rounds, codes


def _user(people, role):
    if role in ("anonymous", "voter"):
        return AnonymousUser()
    return people[role]


@pytest.mark.parametrize("action", list(EXPECTED))
def test_role_by_phase_matrix(matrix, people, action):
    rounds, codes = matrix
    allowed_phase, allowed_roles = EXPECTED[action]
    seen = {}
    for phase in PHASES:
        for role in ROLES:
            user = _user(people, role)
            if action == Action.VOTE:
                obj = BallotAccess(rounds[phase], codes[phase] if role == "voter" else None)
            else:
                obj = rounds[phase]
            seen[(phase, role)] = user.has_perm(f"budgeting.{action}", obj)
    expected = {(p, r): p == allowed_phase and r in allowed_roles for p in PHASES for r in ROLES}
    wrong = {key: value for key, value in seen.items() if value != expected[key]}
    assert wrong == {}


def test_a_verified_resident_votes_only_when_old_enough_and_living_in_the_area(
    make_round, resident, municipality, municipality_admin
):
    from samenspel.budgeting.tests.factories import VoterDeclarationFactory
    from samenspel.core.tests.factories import NeighbourhoodFactory

    linde = municipality.neighbourhoods.get(slug="de-linde")
    elsewhere = NeighbourhoodFactory(municipality=municipality)
    budget_round = make_round(Phase.VOTING, voter_mode="verified", neighbourhood=linde, min_age=16)
    access = BallotAccess(budget_round)
    assert not resident.has_perm("budgeting.vote", access)  # not verified yet

    declaration = VoterDeclarationFactory(municipality=municipality, user=resident, neighbourhood=elsewhere)
    assert not resident.has_perm("budgeting.vote", access)  # lives elsewhere

    declaration.neighbourhood = linde
    declaration.birth_year = budget_round.voting_end.year - 15
    declaration.save()
    assert not resident.has_perm("budgeting.vote", access)  # too young

    declaration.birth_year = budget_round.voting_end.year - 16
    declaration.save()
    assert resident.has_perm("budgeting.vote", access)
    # A code alone does not open a round for verified residents.
    assert not AnonymousUser().has_perm("budgeting.vote", BallotAccess(budget_round, "0" * 64))
