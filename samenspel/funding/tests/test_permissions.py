"""Role x state matrices for funding agreements, and over HTTP: a refusal answers 403 (404 for
another municipality's agreement) and changes nothing.

The team prepares nothing and pays nothing: it reports results and writes the final report.
Coaches and admins prepare, grant and review; paying (release, hold, adjust) and settling are
the admin's (the budget holder's), so whoever reviews the evidence does not pay on it alone.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.coaching.tests.factories import TeamMemberFactory
from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.core.tests.matrix import mismatches
from samenspel.funding.models import AgreedResult, FundingAgreement, ResultReport, State, Tranche, TrancheEvent

from .factories import future, in_state, photo, report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "initiator", "team", "invited", "moderator", "coach", "admin", "outsider"]
STAFF = {"coach", "admin"}
TEAM = {"initiator", "team"}
EVERYONE = set(ROLES)
STATES = [State.DRAFT, State.GRANTED, State.FINAL_REPORT, State.SETTLED]


def only(state, roles):
    return {s: (roles if s == state else set()) for s in STATES}


MATRIX = {
    # Public once granted; a draft is for the desk and the team.
    "funding.view_agreement": {
        State.DRAFT: STAFF | TEAM,
        State.GRANTED: EVERYONE,
        State.FINAL_REPORT: EVERYONE,
        State.SETTLED: EVERYONE,
    },
    "funding.view_evidence": dict.fromkeys(STATES, STAFF | TEAM),
    "funding.change_agreement": only(State.DRAFT, STAFF),
    "funding.grant": only(State.DRAFT, STAFF),
    "funding.report_result": only(State.GRANTED, TEAM),
    "funding.review_report": only(State.GRANTED, STAFF),
    "funding.release_tranche": only(State.GRANTED, {"admin"}),
    "funding.hold_tranche": only(State.GRANTED, {"admin"}),
    "funding.adjust_tranche": only(State.GRANTED, {"admin"}),
    "funding.submit_final_report": only(State.GRANTED, TEAM),
    "funding.settle": only(State.FINAL_REPORT, {"admin"}),
    # On the municipality itself.
    "funding.add_agreement": {"municipality": STAFF},
    "funding.export_tranches": {"municipality": STAFF},
}


@pytest.fixture
def world(people, municipality, coach):
    from samenspel.coaching.tests.factories import InitiativeFactory

    def make(state):
        initiator = UserFactory()
        initiative = InitiativeFactory(municipality=municipality, initiator=initiator, coach=coach)
        team = TeamMemberFactory(initiative=initiative).user
        invited = UserFactory()
        TeamMemberFactory(initiative=initiative, user=None, email=invited.email, accepted_at=None, token="open")
        for user in (initiator, team, invited):
            MembershipFactory(user=user, municipality=municipality)
        actors = {**people, "initiator": initiator, "team": team, "invited": invited}
        if state == "municipality":
            return municipality, actors
        agreement = in_state(state, initiative=initiative, staff=coach, admin=people["admin"], team_user=initiator)
        return FundingAgreement.objects.get(pk=agreement.pk), actors

    return make


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(world, permission):
    worlds = {state: world(state) for state in MATRIX[permission]}
    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: worlds[state][1][role] or AnonymousUser(),
        subject=lambda state: worlds[state][0],
    )
    assert wrong == {}


def test_a_plans_author_is_its_team_when_no_initiative_is_behind_it(municipality, coach):
    from samenspel.budgeting.tests.factories import PlanFactory

    author = UserFactory()
    plan = PlanFactory(budget_round__municipality=municipality, author=author)
    agreement = FundingAgreement.objects.create(
        municipality=municipality, plan=plan, title="Bankjes", purpose="Bankjes", amount=100, end_date=future(9)
    )
    assert author.has_perm("funding.view_evidence", agreement)
    assert not UserFactory().has_perm("funding.view_evidence", agreement)


def test_a_hidden_initiatives_agreement_is_not_public(world, people):
    agreement, actors = world(State.GRANTED)
    agreement.initiative.is_hidden = True
    agreement.initiative.save()
    agreement = FundingAgreement.objects.get(pk=agreement.pk)
    assert not actors["resident"].has_perm("funding.view_agreement", agreement)
    assert actors["coach"].has_perm("funding.view_agreement", agreement)


# --- Over HTTP --------------------------------------------------------------------------------


def url(name, agreement, **kw):
    return reverse(f"funding:{name}", kwargs={"municipality": agreement.municipality.slug, "pk": agreement.pk, **kw})


def snapshot(agreement):
    row = FundingAgreement.objects.values().get(pk=agreement.pk)
    return (
        row,
        sorted(Tranche.objects.values_list("pk", "state", "amount", "reason")),
        AgreedResult.objects.count(),
        sorted(ResultReport.objects.values_list("pk", "state")),
        TrancheEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def _submitted_report(agreement, actors):
    return report(agreement, team_user=actors["initiator"]).pk


# action -> (permission, state, request builder)
ACTIONS = {
    "add_result": (
        "funding.change_agreement",
        State.DRAFT,
        lambda a, actors: (
            url("add_result", a),
            {"description": "Buurtfeest", "indicator": "bezoekers", "target": "100", "evidence_required": "foto's"},
        ),
    ),
    "grant": ("funding.grant", State.DRAFT, lambda a, actors: (url("grant", a), {"reason": "Past in het wijkplan."})),
    "report": (
        "funding.report_result",
        State.GRANTED,
        lambda a, actors: (
            url("report", a, result_pk=a.results.first().pk),
            {"measured_value": "21", "story": "Gelukt.", "files": [photo()]},
        ),
    ),
    "review": (
        "funding.review_report",
        State.GRANTED,
        lambda a, actors: (
            url("review", a, report_pk=_submitted_report(a, actors)),
            {"decision": "accept", "note": "Klopt."},
        ),
    ),
    "release": (
        "funding.release_tranche",
        State.GRANTED,
        lambda a, actors: (url("release", a, tranche_pk=a.tranches.get(position=1).pk), {"reason": "Start."}),
    ),
    "hold": (
        "funding.hold_tranche",
        State.GRANTED,
        lambda a, actors: (url("hold", a, tranche_pk=a.tranches.get(position=2).pk), {"reason": "Wacht op lijsten."}),
    ),
    "adjust": (
        "funding.adjust_tranche",
        State.GRANTED,
        lambda a, actors: (
            url("adjust", a, tranche_pk=a.tranches.get(position=3).pk),
            {"amount": "2500,00", "reason": "Deels gehaald."},
        ),
    ),
    "final_report": (
        "funding.submit_final_report",
        State.GRANTED,
        lambda a, actors: (url("final_report", a), {"report": "Klaar.", "spent_amount": "8000"}),
    ),
    "settle": (
        "funding.settle",
        State.FINAL_REPORT,
        lambda a, actors: (url("settle", a), {"settled_amount": "6000", "reason": "Volgens eindverslag."}),
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_actions_over_http(world, client_for, role, action):
    permission, state, build = ACTIONS[action]
    agreement, actors = world(state)
    path, data = build(agreement, actors)
    before = snapshot(agreement)
    response = client_for(actors[role]).post(path, data)
    if role in MATRIX[permission][state]:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert snapshot(agreement) != before
    else:
        # Anonymous too: a POST is refused outright (only pages send to log in).
        assert response.status_code == 403
        assert snapshot(agreement) == before


@pytest.mark.parametrize("role", ROLES)
def test_pages_over_http(world, client_for, role):
    agreement, actors = world(State.DRAFT)
    client = client_for(actors[role])
    allowed = role in MATRIX["funding.view_agreement"][State.DRAFT]
    refused = 302 if role == "anonymous" else 403
    assert client.get(url("detail", agreement)).status_code == (200 if allowed else refused)
    town = agreement.municipality.slug
    csv = client.get(reverse("funding:tranches_csv", kwargs={"municipality": town}))
    create = client.get(reverse("funding:create", kwargs={"municipality": town}))
    expected = 200 if role in STAFF else refused
    assert (csv.status_code, create.status_code) == (expected, expected)


def test_another_municipalitys_agreement_is_not_found(world, client_for, other_municipality):
    agreement, actors = world(State.GRANTED)
    client = client_for(actors["outsider"])
    tranche = agreement.tranches.get(position=1)
    kwargs = {"municipality": "heideborg", "pk": agreement.pk}
    assert client.get(reverse("funding:detail", kwargs=kwargs)).status_code == 404
    before = snapshot(agreement)
    path = reverse("funding:release", kwargs={**kwargs, "tranche_pk": tranche.pk})
    assert client.post(path, {"reason": "Van buiten."}).status_code == 404
    assert snapshot(agreement) == before
    assert agreement.released_total == Decimal("0")
