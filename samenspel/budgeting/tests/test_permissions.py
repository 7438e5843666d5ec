"""Who may do what, in which phase: the role x phase matrix of the burgerbegroting.

Each action belongs to exactly one phase (the phase table); in that phase only its
roles may act, in every other phase nobody. The voter column is an anonymous visitor
whose session holds a valid voting code. Over HTTP, a refused action answers 403 (404
for another municipality's round) and changes nothing.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.budgeting import codes as code_module
from samenspel.budgeting import services
from samenspel.budgeting.models import (
    Ballot,
    CodeBatch,
    Plan,
    PlanStatus,
    PlanSupport,
    PlanUpdate,
    Result,
    VotingCode,
)
from samenspel.budgeting.phases import TABLE, Action, Phase
from samenspel.budgeting.rules import BallotAccess
from samenspel.core.tests.matrix import mismatches

from .factories import BudgetRoundFactory, PlanFactory, VoterDeclarationFactory

pytestmark = pytest.mark.django_db

# outsider: resident, coach and admin of another municipality.
ROLES = ["anonymous", "resident", "voter", "moderator", "partner", "coach", "admin", "outsider"]
PHASES = [Phase.PREPARATION, Phase.SUBMISSION, Phase.FEASIBILITY, Phase.VOTING, Phase.RESULT, Phase.IMPLEMENTATION]
RESIDENTS = {"resident", "moderator", "partner", "coach", "admin"}
STAFF = {"coach", "admin"}


def _only_in(phase: Phase, roles: set[str]) -> dict:
    return {p: (roles if p == phase else set()) for p in PHASES}


MATRIX = {
    "budgeting.submit_plan": _only_in(Phase.SUBMISSION, RESIDENTS),
    "budgeting.support_plan": _only_in(Phase.SUBMISSION, RESIDENTS),
    "budgeting.record_feasibility": _only_in(Phase.FEASIBILITY, STAFF),
    "budgeting.vote": _only_in(Phase.VOTING, {"voter"}),
    # The code entry page of a code round: open to everyone while voting (the service checks the code).
    "budgeting.enter_code": _only_in(Phase.VOTING, set(ROLES)),
    "budgeting.count": _only_in(Phase.RESULT, {"admin"}),
    "budgeting.publish_result": _only_in(Phase.RESULT, {"admin"}),
    "budgeting.post_update": _only_in(Phase.IMPLEMENTATION, STAFF),
    # Configuration (frozen by the services once voting opens), codes and letters: every phase.
    "budgeting.manage_round": dict.fromkeys(PHASES, {"admin"}),
    # The municipality's own budgeting work: new rounds, verifying voters, importing a .pb file.
    "budgeting.manage": {"the municipality": {"admin"}},
}


def test_the_phase_table_allows_each_action_in_exactly_one_phase():
    for action in Action:
        by_phase = MATRIX[f"budgeting.{action}"]
        allowed = [phase for phase, roles in by_phase.items() if roles]
        assert allowed == [TABLE.phase_of_action[action]]


@pytest.fixture
def rounds(make_round):
    """One code round per phase, each with a valid code for the voter column."""
    made = {}
    for phase in PHASES:
        budget_round = make_round(phase, slug=f"ronde-{phase}")
        # Codes are issued before voting closes; for later phases write the hash directly.
        batch = CodeBatch.objects.create(budget_round=budget_round, size=1)
        digest = code_module.hash_code(code_module.generate_code(), services.code_key())
        VotingCode.objects.create(budget_round=budget_round, batch=batch, code_hash=digest)
        made[phase] = (budget_round, digest)
    return made


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(rounds, people, municipality, permission):
    def subject(state):
        if permission == "budgeting.manage":
            return municipality
        budget_round, digest = rounds[state]
        return BallotAccess(budget_round, digest) if permission == "budgeting.vote" else budget_round

    def user(role, state):
        voter_access = permission == "budgeting.vote" and role == "voter"
        if not voter_access and permission == "budgeting.vote":
            # Everyone else asks without a code in their session.
            return _AskWithoutCode(people.get(role))
        return people.get(role) or AnonymousUser()

    wrong = mismatches(permission, MATRIX[permission], ROLES, user=user, subject=subject)
    assert wrong == {}


class _AskWithoutCode:
    """A person asking for `budgeting.vote` with a session that holds no code."""

    def __init__(self, person):
        self.person = person or AnonymousUser()

    def has_perm(self, permission, access):
        return self.person.has_perm(permission, BallotAccess(access.budget_round))


def test_a_verified_resident_votes_only_when_old_enough_and_living_in_the_area(make_round, resident, municipality):
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
    # A code alone does not open a round for verified residents, nor does its code page.
    assert not AnonymousUser().has_perm("budgeting.vote", BallotAccess(budget_round, "0" * 64))
    assert not AnonymousUser().has_perm("budgeting.enter_code", budget_round)


# --- Over HTTP: a refused action answers 403 and changes nothing ----------------------


def _snapshot():
    return (
        sorted(Plan.objects.values_list("pk", "status", "feasibility_reason")),
        PlanUpdate.objects.count(),
        PlanSupport.objects.count(),
        Ballot.objects.count(),
        sorted(Result.objects.values_list("pk", "published_at")),
        VotingCode.objects.count(),
        AuditEvent.objects.count(),
    )


# url name -> (the phase in which it is open, who of anonymous/resident/coach/outsider may, the POST)
ACTIONS = {
    "plan_create": (Phase.SUBMISSION, {"resident", "coach"}, {"title": "Bankjes", "description": "Zes.", "cost": 5000}),
    "plan_support": (Phase.SUBMISSION, {"resident", "coach"}, {}),
    "plan_feasibility": (Phase.FEASIBILITY, {"coach"}, {"verdict": "not_feasible", "reason": "Geen grond."}),
    "ballot": (Phase.VOTING, set(), {"plans": []}),
    "result_count": (Phase.RESULT, set(), {}),
    "result_publish": (Phase.RESULT, set(), {}),
    "plan_update": (Phase.IMPLEMENTATION, {"coach"}, {"status": "in_progress", "title": "Gestart", "body": "Ja."}),
    "round_edit": (None, set(), {"title": "Anders"}),
    "code_letters": (None, set(), {}),
}
NEEDS_PLAN = {"plan_support", "plan_feasibility", "plan_update"}
# Another phase than the action's: the next one, or for the last phase the one before.
OTHER = {phase: PHASES[PHASES.index(phase) + 1] for phase in PHASES[:-1]} | {PHASES[-1]: PHASES[-2]}
REFUSALS = [
    (name, role, phase)
    for name, (phase, allowed, _data) in ACTIONS.items()
    for role in ("anonymous", "resident", "coach", "outsider")
    if role not in allowed
] + [
    # The admin, who may do everything in its phase, in another phase.
    (name, "admin", OTHER[phase])
    for name, (phase, _allowed, _data) in ACTIONS.items()
    if phase is not None
]


@pytest.mark.parametrize(("name", "role", "phase"), REFUSALS)
def test_refused_posts_answer_403_and_change_nothing(
    client_for, people, make_round, municipality_admin, name, role, phase
):
    budget_round = make_round(phase or Phase.SUBMISSION)
    plan = PlanFactory(budget_round=budget_round, status=PlanStatus.SUBMITTED)
    if name == "result_publish" and phase == Phase.RESULT:
        services.round_count(budget_round=budget_round, actor=municipality_admin)
    url = budget_round.url(name, **({"pk": plan.pk} if name in NEEDS_PLAN else {}))
    before = _snapshot()
    response = client_for(people[role]).post(url, ACTIONS[name][2])
    if name == "ballot" and phase == Phase.VOTING:
        # Without a code in the session, the ballot of an open code round sends everyone to enter one.
        assert response.status_code == 302 and response["Location"] == budget_round.url("code")
    else:
        assert response.status_code == 403
    assert _snapshot() == before


def test_another_municipalitys_round_is_not_found(client_for, people, other_municipality):
    foreign = BudgetRoundFactory(municipality=other_municipality, phase=Phase.RESULT)
    before = _snapshot()
    path = reverse("budgeting:result_count", kwargs={"municipality": "lindeveen", "slug": foreign.slug})
    assert client_for(people["admin"]).post(path).status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("name", ["round_create", "voters", "import"])
@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "outsider"])
def test_only_the_municipalitys_admin_manages_budgeting(client_for, people, name, role):
    path = reverse(f"budgeting:{name}", kwargs={"municipality": "lindeveen"})
    before = _snapshot()
    page = client_for(people[role]).get(path)
    if role == "anonymous" and page.status_code == 302:
        # An anonymous visitor may be sent to log in first instead (that choice is the project's, not ours).
        assert page["Location"].startswith(reverse("account_login"))
    else:
        assert page.status_code == 403
    assert client_for(people[role]).post(path, {"title": "X"}).status_code == 403
    assert _snapshot() == before
    assert client_for(people["admin"]).get(path).status_code == 200
