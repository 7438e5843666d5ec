"""Who may do what with comments, on every kind of subject: a role x state matrix (MATRIX),
then the same actions over HTTP. Forbidden means 403/404 (or the log-in page for anonymous
visitors) and nothing changes.

The merged rules, whatever the subject: posting is the subject's own permission hook (a
resident of its municipality, while the subject takes comments); reporting is for residents
of the comment's municipality, not its author, not once hidden; moderating is for its
moderators and admins."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.comments.models import Comment, Report
from samenspel.core.tests.matrix import mismatches
from samenspel.vision import services as vision_services
from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory

from .factories import CommentFactory, InitiativeFactory, ReportFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "author", "moderator", "admin", "coach", "outsider"]
RESIDENTS = {"resident", "author", "moderator", "admin", "coach"}
MODERATORS = {"moderator", "admin"}
REPORTERS = RESIDENTS - {"author"}

MATRIX = {
    # Object: the subject. States: kinds of subject and whether they take comments now.
    "comments.post": {
        "initiative": RESIDENTS,
        "hidden initiative": set(),
        "principle of a published draft": RESIDENTS,
        "principle of a draft in preparation": set(),
        "principle of an adopted vision": set(),
    },
    # Object: the comment.
    "comments.report": {
        "comment on an initiative": REPORTERS,
        "comment on a principle": REPORTERS,
        "hidden comment": set(),
    },
    "comments.moderate": {
        "comment on an initiative": MODERATORS,
        "comment on a principle": MODERATORS,
        "hidden comment": MODERATORS,
    },
}


def _principle(municipality, admin, *, publish=True, adopt=False):
    process = VisionProcessFactory(municipality=municipality)
    version = vision_services.vision_version_start(process=process, created_by=admin)
    principle = vision_services.principle_create(
        version=version,
        title="Groen dichtbij",
        explanation="Iedereen woont binnen vijf minuten van groen.",
        statements=[StatementFactory(process=process)],
        created_by=admin,
    )
    if publish:
        until = dt.date.today() + dt.timedelta(days=14)
        vision_services.vision_publish(version=version, endorse_until=until, published_by=admin)
    if adopt:
        vision_services.vision_adopt(version=version, raadsbesluit="Raadsbesluit 2026-41", adopted_by=admin)
    return principle


@pytest.fixture
def states(municipality, people, author, moderator):
    admin = people["admin"]
    open_principle = _principle(municipality, admin)
    hidden_comment = CommentFactory(
        initiative=InitiativeFactory(municipality=municipality), author=author, is_hidden=True, hidden_by=moderator
    )
    on_initiative = CommentFactory(initiative=InitiativeFactory(municipality=municipality), author=author)
    return {
        "initiative": InitiativeFactory(municipality=municipality),
        "hidden initiative": InitiativeFactory(municipality=municipality, is_hidden=True),
        "principle of a published draft": open_principle,
        "principle of a draft in preparation": _principle(municipality, admin, publish=False),
        "principle of an adopted vision": _principle(municipality, admin, adopt=True),
        "comment on an initiative": on_initiative,
        "comment on a principle": CommentFactory(subject=open_principle, author=author),
        "hidden comment": hidden_comment,
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(permission, actors, states):
    def user(role, state):
        person = actors[role]
        # A fresh copy per cell, so no role lookup is remembered from another cell.
        return type(person).objects.get(pk=person.pk) if person is not None else AnonymousUser()

    wrong = mismatches(permission, MATRIX[permission], ROLES, user=user, subject=states.__getitem__)
    assert wrong == {}


def _url(name, **kwargs):
    return reverse(f"comments:{name}", kwargs={"municipality": "lindeveen", **kwargs})


def _assert_refused(response):
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_post_a_comment(role, actors, client_for, initiative):
    response = client_for(actors[role]).post(
        _url("create", target="initiatief", pk=initiative.pk), {"text": "Goed idee!"}
    )
    if role in RESIDENTS:
        assert response.status_code == 302
        assert Comment.objects.for_target(initiative).count() == 1
    else:
        _assert_refused(response)
        assert Comment.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_report_a_comment(role, actors, client_for, comment):
    client = client_for(actors[role])
    page = client.get(_url("report", pk=comment.pk))
    response = client.post(_url("report", pk=comment.pk), {"reason": "offensive"})
    if role in RESIDENTS - {"author"}:
        assert page.status_code == 200
        assert response.status_code == 302
        assert Report.objects.filter(comment=comment).count() == 1
    else:
        _assert_refused(page)
        _assert_refused(response)
        assert Report.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_see_the_moderation_queue(role, actors, client_for, comment):
    ReportFactory(comment=comment)
    response = client_for(actors[role]).get(_url("queue"))
    if role in MODERATORS:
        assert response.status_code == 200
        assert comment.text in response.content.decode()
    else:
        _assert_refused(response)


@pytest.mark.parametrize("role", ROLES)
def test_hide_a_comment(role, actors, client_for, comment):
    ReportFactory(comment=comment)
    response = client_for(actors[role]).post(_url("hide", pk=comment.pk), {"reason": "Scheldwoorden"})
    comment.refresh_from_db()
    if role in MODERATORS:
        assert response.status_code == 302 and comment.is_hidden
    else:
        _assert_refused(response)
        assert not comment.is_hidden
        assert Report.objects.get().status == "open"
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_unhide_a_comment(role, actors, client_for, comment, moderator):
    Comment.objects.filter(pk=comment.pk).update(hidden_at=timezone.now(), hidden_reason="Spam", hidden_by=moderator)
    response = client_for(actors[role]).post(_url("unhide", pk=comment.pk), {"reason": "Toch geen spam"})
    comment.refresh_from_db()
    if role in MODERATORS:
        assert response.status_code == 302 and not comment.is_hidden
    else:
        _assert_refused(response)
        assert comment.is_hidden and not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_dismiss_reports(role, actors, client_for, comment):
    ReportFactory(comment=comment)
    response = client_for(actors[role]).post(_url("dismiss", pk=comment.pk), {"reason": ""})
    if role in MODERATORS:
        assert response.status_code == 302
        assert Report.objects.get().status == "handled"
    else:
        _assert_refused(response)
        assert Report.objects.get().status == "open"


def test_a_comment_of_another_municipality_is_not_found(client_for, outsider_moderator, comment, other_municipality):
    """Heideborg's moderator cannot reach Lindeveen's comment through Heideborg's address either."""
    client = client_for(outsider_moderator)
    url = reverse("comments:hide", kwargs={"municipality": other_municipality.slug, "pk": comment.pk})
    assert client.post(url, {"reason": "Weg ermee"}).status_code == 404
    report_url = reverse("comments:report", kwargs={"municipality": other_municipality.slug, "pk": comment.pk})
    assert client.get(report_url).status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_hidden_initiative_takes_no_comments(client_for, resident, initiative):
    initiative.is_hidden = True
    initiative.save()
    response = client_for(resident).post(_url("create", target="initiatief", pk=initiative.pk), {"text": "Hallo"})
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_the_queue_lists_only_this_municipalitys_reports(client_for, moderator, comment, other_municipality):
    from .factories import InitiativeFactory

    elsewhere = CommentFactory(initiative=InitiativeFactory(municipality=other_municipality), text="Elders gemeld")
    ReportFactory(comment=elsewhere)
    ReportFactory(comment=comment)
    body = client_for(moderator).get(_url("queue")).content.decode()
    assert comment.text in body and "Elders gemeld" not in body


def test_a_hidden_comment_cannot_be_reported(client_for, resident, comment, moderator):
    Comment.objects.filter(pk=comment.pk).update(hidden_at=timezone.now(), hidden_reason="Spam", hidden_by=moderator)
    response = client_for(resident).post(_url("report", pk=comment.pk), {"reason": "spam"})
    assert response.status_code == 404  # as unknown as a number that does not exist (403 said it exists)
    assert Report.objects.count() == 0
