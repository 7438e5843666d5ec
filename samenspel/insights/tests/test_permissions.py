"""Who sees which signals: role x state matrices, and over HTTP a refusal changes nothing.

The public dashboard and a published report are for everyone; the desk's dashboard and the
topics button for the municipality's coaches and administrators; a report is generated and
published by an administrator. `outsider` is coach and admin of another municipality.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.matrix import mismatches
from samenspel.insights.models import ParticipationReport, TopicRun

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "partner", "moderator", "coach", "admin", "outsider"]
STAFF = {"coach", "admin"}
EVERYONE = set(ROLES)
REPORT_STATES = ["requested", "ready", "published"]

MATRIX = {
    # Object: the municipality.
    "insights.view_dashboard": {"municipality": STAFF},
    "insights.refresh_topics": {"municipality": STAFF},
    "insights.generate_report": {"municipality": {"admin"}},
    # Object: a report in a state.
    "insights.view_report": {"requested": set(), "ready": STAFF, "published": EVERYONE},
    "insights.publish_report": {"requested": set(), "ready": {"admin"}, "published": {"admin"}},
}


def report_in(municipality, state: str, year: int = 2025) -> ParticipationReport:
    report = ParticipationReport.objects.create(municipality=municipality, year=year, data={})
    if state in ("ready", "published"):
        report.generated_at = timezone.now()
    if state == "published":
        report.published_at = timezone.now()
    report.save()
    return report


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(people, municipality, permission):
    expected = MATRIX[permission]
    if "municipality" in expected:
        subjects = {"municipality": municipality}
    else:
        subjects = {state: report_in(municipality, state, 2022 + i) for i, state in enumerate(REPORT_STATES)}
    wrong = mismatches(
        permission,
        expected,
        ROLES,
        user=lambda role, state: people[role] or AnonymousUser(),
        subject=lambda state: subjects[state],
    )
    assert wrong == {}


def test_publishing_a_published_report_is_refused_by_the_service(people, municipality, client_for):
    """The rule lets an admin press the button twice; the service says it is already public."""
    report = report_in(municipality, "published")
    before = (report.published_at, AuditEvent.objects.count())
    response = client_for(people["admin"]).post(url("publish_report", year=2025))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.published_at, AuditEvent.objects.count()) == before


def url(name, **kw):
    return reverse(f"insights:{name}", kwargs={"municipality": "lindeveen", **kw})


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("resident", 403),
        ("partner", 403),
        ("moderator", 403),
        ("outsider", 403),
        ("coach", 200),
        ("admin", 200),
    ],
)
def test_desk_dashboard_over_http(people, client_for, role, status):
    assert client_for(people[role]).get(url("staff")).status_code == status
    if status == 200:
        assert client_for(people[role]).get(url("staff_csv", key="afspraken")).status_code == 200
    else:
        assert client_for(people[role]).get(url("staff_csv", key="afspraken")).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_public_dashboard_is_for_everyone(people, client_for, role):
    assert client_for(people[role]).get(url("dashboard")).status_code == 200


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 403), ("resident", 403), ("moderator", 403), ("outsider", 403), ("coach", 302), ("admin", 302)],
)
def test_refresh_topics_over_http(people, client_for, role, status):
    response = client_for(people[role]).post(url("refresh_topics"), {"van": "2026-01-01", "tot": "2026-03-01"})
    assert response.status_code == status
    assert TopicRun.objects.exists() == (status == 302)


@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "outsider"])
def test_generate_report_refused_changes_nothing(people, client_for, role):
    before = (ParticipationReport.objects.count(), AuditEvent.objects.count())
    response = client_for(people[role]).post(url("generate_report"), {"year": "2025"})
    assert response.status_code == 403
    assert (ParticipationReport.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role,status", [("anonymous", 404), ("resident", 404), ("outsider", 404), ("coach", 403)])
def test_publish_refused_changes_nothing(people, municipality, client_for, role, status):
    report = report_in(municipality, "ready")
    response = client_for(people[role]).post(url("publish_report", year=2025))
    assert response.status_code == status
    report.refresh_from_db()
    assert report.published_at is None


@pytest.mark.parametrize(
    "role,status", [("anonymous", 404), ("resident", 404), ("outsider", 404), ("coach", 200), ("admin", 200)]
)
def test_a_draft_report_is_unknown_outside_the_desk(people, municipality, client_for, role, status):
    report_in(municipality, "ready")
    assert client_for(people[role]).get(url("report", year=2025)).status_code == status
    assert client_for(people[role]).get(url("reports")).status_code == 200
    listed = "Participatieverslag 2025" in client_for(people[role]).get(url("reports")).content.decode()
    assert listed == (status == 200)


def test_another_municipality_does_not_see_this_ones_report(people, municipality, other_municipality, client_for):
    report_in(municipality, "published")
    response = client_for(people["outsider"]).get(
        reverse("insights:report", kwargs={"municipality": "heideborg", "year": 2025})
    )
    assert response.status_code == 404
