"""Role x state matrices of the buurtrechten, and over HTTP: a refusal is 403 (404 for what the
person may not know of, such as someone else's draft) and changes nothing.

Roles: the submitter; their group (a co-submitting resident); any resident; a coach and an
administrator of the municipality; and "outsider", a coach and administrator of another
municipality (Heideborg), who is refused like a visitor.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.core.tests.matrix import mismatches
from samenspel.municipalities.models import Role
from samenspel.rights import services
from samenspel.rights.models import (
    CriterionScore,
    Extension,
    Hearing,
    Review,
    RightAgreement,
    RightRequest,
    State,
    Support,
    Suspension,
)

from .factories import PART_TEXTS, in_state

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "submitter", "group", "coach", "admin", "outsider"]
STAFF = {"coach", "admin"}
RESIDENTS = {"resident", "submitter", "group", "coach", "admin"}
APPLICANTS = {"submitter", "group"}
EVERYONE = set(ROLES)
AGREEMENT = "agreement"  # decided, granted, with its agreement
STATES = [State.DRAFT, State.SUBMITTED, State.PUBLIC, State.ASSESSMENT, State.DECIDED, AGREEMENT]
RUNNING = {State.SUBMITTED, State.PUBLIC, State.ASSESSMENT}


def only(states: dict) -> dict:
    """Every state, refused unless named."""
    return {state: states.get(state, set()) for state in STATES}


MATRIX = {
    "rights.create_request": {"municipality": RESIDENTS},
    "rights.manage_ordinance": {"municipality": {"admin"}},
    "rights.view_request": {state: EVERYONE if state != State.DRAFT else APPLICANTS for state in STATES},
    "rights.view_desk": {state: STAFF if state != State.DRAFT else set() for state in STATES},
    "rights.edit_request": only({State.DRAFT: {"submitter"}}),
    "rights.submit_request": only({State.DRAFT: {"submitter"}}),
    "rights.assign_coach": only(dict.fromkeys(RUNNING, STAFF)),
    "rights.request_info": only({State.SUBMITTED: STAFF}),
    "rights.answer_info": only({State.SUBMITTED: APPLICANTS}),
    "rights.decide_admissibility": only({State.SUBMITTED: STAFF}),
    "rights.support": only({State.PUBLIC: RESIDENTS}),
    "rights.comment": only({State.PUBLIC: RESIDENTS}),
    "rights.start_assessment": only({State.PUBLIC: STAFF}),
    "rights.score": only({State.ASSESSMENT: STAFF}),
    "rights.hear": only({State.ASSESSMENT: STAFF}),
    "rights.extend": only({State.ASSESSMENT: STAFF}),
    # Deciding and the agreement are the municipality's decisions: its administrators only.
    "rights.decide": only({State.ASSESSMENT: {"admin"}}),
    "rights.make_agreement": only({State.DECIDED: {"admin"}}),
    "rights.review_agreement": only({AGREEMENT: STAFF}),
}


@pytest.fixture
def actors(people, municipality):
    submitter, group = UserFactory(), UserFactory()
    for user in (submitter, group):
        MembershipFactory(user=user, municipality=municipality, role=Role.RESIDENT)
    return {**people, "submitter": submitter, "group": group}


@pytest.fixture
def world(ordinance, municipality, actors):
    def make(state):
        real = State.DECIDED if state == AGREEMENT else state
        request = in_state(
            municipality, actors["submitter"], actors["coach"], actors["admin"], real, agreement=state == AGREEMENT
        )
        if state == State.DRAFT:
            request.co_submitters.add(actors["group"])
        else:
            RightRequest.co_submitters.through.objects.create(rightrequest=request, user=actors["group"])
        return RightRequest.objects.get(pk=request.pk)

    return make


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(world, actors, municipality, permission):
    expected = MATRIX[permission]
    subjects = {state: municipality if state == "municipality" else world(state) for state in expected}
    wrong = mismatches(
        permission,
        expected,
        ROLES,
        user=lambda role, state: actors[role] or AnonymousUser(),
        subject=lambda state: subjects[state],
    )
    assert wrong == {}


# --- Over HTTP ---------------------------------------------------------------------------


def url(name, request, **kw):
    return reverse(name, kwargs={"municipality": request.municipality.slug, "pk": request.pk, **kw})


def snapshot(request):
    request.refresh_from_db()
    return (
        request.state,
        request.coach_id,
        request.outcome,
        request.decision_reasons,
        request.title,
        Suspension.objects.count(),
        sorted(Suspension.objects.values_list("pk", "answered_on")),
        Extension.objects.count(),
        CriterionScore.objects.count(),
        Hearing.objects.count(),
        Support.objects.count(),
        RightAgreement.objects.count(),
        Review.objects.count(),
        AuditEvent.objects.count(),
    )


TODAY = datetime.date.today()

# action -> (permission, state it is allowed in, data builder)
ACTIONS = {
    "submit": ("rights.submit_request", State.DRAFT, lambda r, a: (url("rights:submit", r), {})),
    "edit": (
        "rights.edit_request",
        State.DRAFT,
        lambda r, a: (
            url("rights:edit", r),
            {
                "title": "Een andere titel",
                "submitter_kind": "residents",
                "group_name": "Stichting Bewoners De Linde",
                "contact_email": "ander@voorbeeld.test",
                **{f"part_{k}": v for k, v in PART_TEXTS.items()},
            },
        ),
    ),
    "answer": (
        "rights.answer_info",
        State.SUBMITTED,
        lambda r, a: (
            services.info_request(request=r, question="Stuur de begroting mee.", asked_by=a["coach"])
            and url("rights:answer", r),
            {"answer": "Hier is het."},
        ),
    ),
    "request_info": (
        "rights.request_info",
        State.SUBMITTED,
        lambda r, a: (url("rights:request_info", r), {"question": "Stuur de begroting mee."}),
    ),
    "assign": (
        "rights.assign_coach",
        State.SUBMITTED,
        lambda r, a: (url("rights:assign", r), {"coach": a["coach"].pk}),
    ),
    "admissibility": (
        "rights.decide_admissibility",
        State.SUBMITTED,
        lambda r, a: (url("rights:admissibility", r), {"admissible": "yes", "reasons": ""}),
    ),
    "support": ("rights.support", State.PUBLIC, lambda r, a: (url("rights:support", r), {})),
    "start_assessment": ("rights.start_assessment", State.PUBLIC, lambda r, a: (url("rights:start_assessment", r), {})),
    "score": (
        "rights.score",
        State.ASSESSMENT,
        lambda r, a: (
            url("rights:score", r),
            {
                **{f"verdict_{c}": "met" for c in r.terms.criteria},
                **{f"explanation_{c}": "Ja." for c in r.terms.criteria},
            },
        ),
    ),
    "hear": (
        "rights.hear",
        State.ASSESSMENT,
        lambda r, a: (url("rights:hear", r), {"held_on": TODAY.isoformat(), "summary": "Gehoord."}),
    ),
    "extend": (
        "rights.extend",
        State.ASSESSMENT,
        lambda r, a: (url("rights:extend", r), {"weeks": "2", "reason": "Advies van de wijkraad afwachten."}),
    ),
    "agreement": (
        "rights.make_agreement",
        State.DECIDED,
        lambda r, a: (
            url("rights:agreement", r),
            {
                "task": "Beheer",
                "expected_results": "Open vijf dagen",
                "budget": "48000",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + datetime.timedelta(days=365)).isoformat(),
                "reporting": "Halfjaarlijks",
                "review_every_months": "6",
                "end_option": "undecided",
            },
        ),
    ),
    "review": (
        "rights.review_agreement",
        AGREEMENT,
        lambda r, a: (
            url("rights:review", r),
            {"held_on": TODAY.isoformat(), "progress": "Loopt goed.", "on_track": "on"},
        ),
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_actions_over_http(world, actors, client_for, role, action):
    permission, state, build = ACTIONS[action]
    request = world(state)
    path, data = build(request, actors)
    before = snapshot(request)
    response = client_for(actors[role]).post(path, data)
    allowed = role in MATRIX[permission][state]
    if allowed:
        assert response.status_code == 302, response.content.decode()[:1500]
        assert snapshot(request) != before
        return
    hidden = state == State.DRAFT and role not in APPLICANTS
    if role == "anonymous" and action == "edit":
        # A form page sends an anonymous visitor to log in first (core.actions.ActionPage).
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    else:
        assert response.status_code == (404 if hidden else 403)
    assert snapshot(request) == before


def test_decide_over_http_is_the_administrators(world, actors, client_for):
    request = world(State.ASSESSMENT)
    data = {"outcome": "granted", "reasons": "Goed plan."}
    for role in ("resident", "submitter", "coach", "outsider"):
        before = snapshot(request)
        assert client_for(actors[role]).post(url("rights:decide", request), data).status_code == 403
        assert snapshot(request) == before


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, actors, client_for, role):
    draft, public = world(State.DRAFT), world(State.PUBLIC)
    client = client_for(actors[role])
    assert client.get(url("rights:detail", draft)).status_code == (200 if role in APPLICANTS else 404)
    assert client.get(url("rights:detail", public)).status_code == 200
    desk = client.get(url("rights:desk", public)).status_code
    assert desk == (200 if role in STAFF else 302 if role == "anonymous" else 403)


def test_another_municipalitys_request_is_not_found(world, actors, client_for, other_municipality):
    request = world(State.ASSESSMENT)
    client = client_for(actors["outsider"])
    kwargs = {"municipality": "heideborg", "pk": request.pk}
    assert client.get(reverse("rights:detail", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("rights:desk", kwargs=kwargs)).status_code == 404
    before = snapshot(request)
    response = client.post(reverse("rights:decide", kwargs=kwargs), {"outcome": "refused", "reasons": "Nee."})
    assert response.status_code == 404
    assert snapshot(request) == before
