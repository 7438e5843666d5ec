"""Who may do what in a vision process, and when: a role x state matrix (MATRIX), then the
pages and buttons over HTTP (a refusal answers 403, or 404 for another municipality's
process, and changes nothing)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.matrix import mismatches
from samenspel.vision import services
from samenspel.vision.models import Statement, VisionVersion

from .factories import StatementFactory, VisionProcessFactory, set_phase

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "partner", "coach", "moderator", "admin", "outsider"]
PHASES = ["upcoming", "gathering", "drafting", "closed"]
RESIDENTS = {"resident", "partner", "coach", "moderator", "admin"}


def _in_phases(roles, phases=PHASES):
    return {phase: (roles if phase in phases else set()) for phase in PHASES}


MATRIX = {
    # Object: the process; states: its phase. Voting needs no account.
    "vision.vote": _in_phases(set(ROLES), {"gathering"}),
    "vision.submit_statement": _in_phases(RESIDENTS, {"gathering"}),
    "vision.moderate": _in_phases({"moderator", "admin"}),
    "vision.manage": _in_phases({"admin"}),
    # Object: a version of the vision; states: its stand.
    "vision.react": {
        "draft in preparation": set(),
        "published, open for reactions": RESIDENTS,
        "published, reactions closed": set(),
        "adopted": set(),
    },
    # Object: the municipality of the decision.
    "vision.assess": {"municipality": {"coach", "admin"}},
}


def _user(people, role):
    return people[role] or AnonymousUser()


@pytest.fixture
def versions(municipality, municipality_admin):
    def version(status, endorse_until=None):
        return VisionVersion.objects.create(
            process=VisionProcessFactory(municipality=municipality),
            number=1,
            status=status,
            endorse_until=endorse_until,
        )

    today = timezone.localdate()
    return {
        "draft in preparation": version(VisionVersion.Status.DRAFT),
        "published, open for reactions": version(VisionVersion.Status.PUBLISHED, today + dt.timedelta(days=1)),
        "published, reactions closed": version(VisionVersion.Status.PUBLISHED, today - dt.timedelta(days=1)),
        "adopted": version(VisionVersion.Status.ADOPTED),
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(process, people, versions, municipality, permission):
    def subject(state):
        if permission == "vision.react":
            return versions[state]
        if permission == "vision.assess":
            return municipality
        return set_phase(process, state)

    wrong = mismatches(
        permission, MATRIX[permission], ROLES, user=lambda role, state: _user(people, role), subject=subject
    )
    assert wrong == {}


@pytest.mark.parametrize(
    ("role", "status"),
    # anonymous: to log-in first, then back (core.login_required)
    [("anonymous", 302), ("resident", 403), ("moderator", 200), ("admin", 200), ("outsider", 403)],
)
def test_moderation_page_per_role(process, people, client_for, role, status):
    assert client_for(people[role]).get(f"/lindeveen/toekomstvisie/{process.slug}/moderatie/").status_code == status


@pytest.mark.parametrize(("role", "status"), [("resident", 403), ("coach", 403), ("admin", 200), ("outsider", 403)])
def test_manage_page_per_role(process, people, client_for, role, status):
    assert client_for(people[role]).get(f"/lindeveen/toekomstvisie/{process.slug}/beheer/").status_code == status


def test_a_process_of_another_municipality_is_not_found(client, other_municipality):
    VisionProcessFactory(municipality=other_municipality, slug="heideborg-2035")
    assert client.get("/lindeveen/toekomstvisie/heideborg-2035/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "moderator", "outsider"])
@pytest.mark.parametrize("button", ["conceptversie", "uitgangspunt", "publiceren", "vaststellen", "polis-import"])
def test_management_buttons_refuse_everyone_but_the_admin(process, people, client_for, role, button):
    response = client_for(people[role]).post(f"/lindeveen/toekomstvisie/{process.slug}/beheer/{button}/", {})
    assert response.status_code == 403
    assert not VisionVersion.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "outsider"])
@pytest.mark.parametrize("button", ["verbergen", "zichtbaar-maken"])
@pytest.mark.parametrize(
    ("status", "answer"),
    # A statement nobody has published is as unknown as a number that does not exist (404);
    # a published one may be known, so its refusal is a plain 403.
    [(Statement.Status.PENDING, 404), (Statement.Status.HIDDEN, 404), (Statement.Status.PUBLISHED, 403)],
)
def test_statement_moderation_refuses_non_moderators(process, people, client_for, role, button, status, answer):
    statement = StatementFactory(process=process, status=status)
    url = f"/lindeveen/toekomstvisie/{process.slug}/moderatie/{statement.pk}/{button}/"
    response = client_for(people[role]).post(url, {"reason": "Persoonlijke aanval"})
    assert response.status_code == answer
    unknown = client_for(people[role]).post(url.replace(f"/{statement.pk}/", "/999999/"), {"reason": "x"})
    assert unknown.status_code == 404
    statement.refresh_from_db()
    assert statement.status == status
    assert not AuditEvent.objects.exists()


def test_a_moderator_hides_and_publishes_statements_with_separate_buttons(process, moderator, client_for):
    statement = StatementFactory(process=process)
    client = client_for(moderator)
    base = f"/lindeveen/toekomstvisie/{process.slug}/moderatie/{statement.pk}"
    assert client.post(f"{base}/verbergen/", {"reason": ""}).status_code == 302
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PUBLISHED  # a reason is required
    client.post(f"{base}/verbergen/", {"reason": "Persoonlijke aanval"})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.HIDDEN
    client.post(f"{base}/zichtbaar-maken/", {})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PUBLISHED


def test_the_endorsement_of_a_draft_needs_a_resident_while_it_is_open(process, people, client_for, municipality_admin):
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    principle = services.principle_create(
        version=version,
        title="Groen",
        explanation="Meer groen.",
        statements=[StatementFactory(process=process)],
        created_by=municipality_admin,
    )
    services.vision_publish(
        version=version, endorse_until=timezone.localdate() + dt.timedelta(days=1), published_by=municipality_admin
    )
    url = f"/lindeveen/toekomstvisie/{process.slug}/visie/{principle.pk}/steun/"
    assert client_for(people["outsider"]).post(url).status_code == 403
    assert client_for(None).post(url).status_code == 302  # to the log-in page
    assert not principle.endorsements.exists()
