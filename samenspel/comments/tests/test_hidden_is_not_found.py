"""A hidden comment is as unknown as a number that does not exist to whoever may not moderate it:
its report and moderation addresses answer 404, not the 403 that said it exists (issue #17)."""

import pytest
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.comments.models import Comment, Report

from .factories import CommentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"comments:{name}", kwargs={"municipality": "lindeveen", **kwargs})


@pytest.fixture
def comments(municipality):
    initiative = InitiativeFactory(municipality=municipality)
    visible = CommentFactory(subject=initiative)
    hidden = CommentFactory(subject=initiative, is_hidden=True)
    return visible, hidden


@pytest.mark.parametrize("name", ["report", "hide", "unhide", "dismiss"])
def test_a_hidden_comment_is_not_found_for_a_resident(client_for, resident, comments, name):
    visible, hidden = comments
    data = {"reason": "Dit is een melding", "came_from": "queue"}
    assert client_for(resident).post(_url(name, pk=hidden.pk), data).status_code == 404
    assert client_for(resident).post(_url(name, pk=999999), data).status_code == 404
    if name == "report":
        assert client_for(resident).get(_url(name, pk=hidden.pk)).status_code == 404
    assert Comment.objects.get(pk=hidden.pk).is_hidden
    assert not Report.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_visible_comment_still_answers_403_for_a_moderation_a_resident_may_not_do(client_for, resident, comments):
    visible, _hidden = comments
    response = client_for(resident).post(_url("hide", pk=visible.pk), {"reason": "Weg ermee", "came_from": "queue"})
    assert response.status_code == 403
    assert not Comment.objects.get(pk=visible.pk).is_hidden


def test_the_moderator_still_reaches_the_hidden_comment(client_for, moderator, comments):
    _visible, hidden = comments
    response = client_for(moderator).post(_url("unhide", pk=hidden.pk), {"reason": "", "came_from": "queue"})
    assert response.status_code in (200, 302, 400)  # reached the form: not a 404
