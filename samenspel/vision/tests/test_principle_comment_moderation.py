"""Moderators hide comments on principles (with a public reason) and show them again."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.municipalities.models import Role
from samenspel.notifications.models import Notification
from samenspel.vision import services
from samenspel.vision.models import PrincipleComment

from .factories import StatementFactory, VisionProcessFactory

pytestmark = pytest.mark.django_db

RUDE = "Wat een stom plan, de wethouder is een sukkel."
REASON = "Persoonlijke aanval op een bestuurder."


def _published_principle(process, admin, title="Groen dichtbij"):
    version = services.vision_version_start(process=process, created_by=admin)
    principle = services.principle_create(
        version=version,
        title=title,
        explanation="Iedereen woont binnen vijf minuten van groen.",
        statements=[StatementFactory(process=process)],
        created_by=admin,
    )
    services.vision_publish(
        version=version, endorse_until=timezone.localdate() + dt.timedelta(days=14), published_by=admin
    )
    return principle


@pytest.fixture
def principle(process, municipality_admin):
    return _published_principle(process, municipality_admin)


@pytest.fixture
def comment(principle, resident):
    return services.principle_comment_add(principle=principle, author=resident, text=RUDE)


def _moderate_url(process, comment):
    return f"/lindeveen/toekomstvisie/{process.slug}/visie/reactie/{comment.pk}/modereren/"


def _vision_url(process):
    return f"/lindeveen/toekomstvisie/{process.slug}/visie/"


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --------------------------------------------------------------------------- service


def test_hiding_keeps_the_reason_and_who_and_when(comment, moderator):
    hidden = services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=f" {REASON} ")
    comment.refresh_from_db()
    assert hidden.pk == comment.pk
    assert comment.is_hidden
    assert comment.hidden_reason == REASON
    assert comment.hidden_by == moderator
    assert comment.hidden_at is not None
    assert comment.public_text == ""
    assert comment.text == RUDE  # kept for the audit trail, never shown


@pytest.mark.parametrize("reason", ["", "   "])
def test_hiding_needs_a_reason(comment, moderator, reason):
    with pytest.raises(ValidationError) as error:
        services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=reason)
    assert error.value.message_dict["reason"] == ["Geef een reden op; die is openbaar te zien."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not AuditEvent.objects.filter(action__startswith="vision.principle_comment").exists()


def test_a_too_long_reason_is_refused(comment, moderator):
    with pytest.raises(ValidationError):
        services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason="x" * 301)
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_unhiding_clears_the_moderation_fields(comment, moderator):
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=False)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert comment.hidden_reason == ""
    assert comment.hidden_by is None
    assert comment.hidden_at is None
    assert comment.public_text == RUDE


def test_hiding_twice_or_showing_a_visible_comment_is_refused(comment, moderator):
    with pytest.raises(ValidationError):
        services.principle_comment_moderate(comment=comment, moderator=moderator, hide=False)
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    with pytest.raises(ValidationError):
        services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    assert AuditEvent.objects.filter(action="vision.principle_comment_hidden").count() == 1
    assert Notification.objects.filter(user=comment.author).count() == 1


def test_hiding_and_showing_are_audited_without_the_hidden_words(comment, moderator, municipality):
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=False, reason="Toch in orde.")
    hidden, shown = AuditEvent.objects.for_object(comment).order_by("created", "pk")
    assert hidden.action == "vision.principle_comment_hidden"
    assert hidden.municipality == municipality
    assert hidden.actor == moderator
    assert hidden.reason == REASON
    assert hidden.data == {"principle": comment.principle_id}
    assert "Groen dichtbij" in hidden.summary
    assert RUDE not in hidden.summary and RUDE not in hidden.target_repr
    assert shown.action == "vision.principle_comment_unhidden"
    assert shown.reason == "Toch in orde."


def test_the_author_is_told_why_when_hidden(comment, moderator, resident, process):
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    notification = Notification.objects.get(user=resident)
    assert "Groen dichtbij" in notification.title
    assert REASON in notification.body
    assert notification.url == f"{_vision_url(process)}#uitgangspunt-{comment.principle_id}"
    assert notification.municipality == process.municipality
    assert not Notification.objects.exclude(user=resident).exists()


def test_a_comment_whose_author_left_can_still_be_hidden(comment, moderator):
    PrincipleComment.objects.filter(pk=comment.pk).update(author=None)
    comment.refresh_from_db()
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    comment.refresh_from_db()
    assert comment.is_hidden
    assert not Notification.objects.exists()


# --------------------------------------------------------------------------- who may moderate


@pytest.mark.parametrize(
    ("role", "hidden"),
    [
        ("anonymous", False),
        ("resident", False),
        ("coach", False),
        ("author", False),
        ("outsider", False),
        ("moderator elsewhere", False),
        ("moderator", True),
        ("admin", True),
    ],
)
def test_who_may_hide_a_comment(process, comment, people, client_for, other_municipality, role, hidden):
    if role == "author":
        user = comment.author
    elif role == "moderator elsewhere":
        user = UserFactory()
        for r in (Role.RESIDENT, Role.MODERATOR):
            MembershipFactory(user=user, municipality=other_municipality, role=r)
    else:
        user = people[role]
    response = client_for(user).post(_moderate_url(process, comment), {"action": "hide", "reason": REASON})
    comment.refresh_from_db()
    assert comment.is_hidden is hidden
    if hidden:
        assert response.status_code == 302
        assert response["Location"] == f"{_vision_url(process)}#uitgangspunt-{comment.principle_id}"
        assert _messages(response) == ["De reactie is verborgen."]
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code in (403, 404)
        assert not AuditEvent.objects.filter(action__startswith="vision.principle_comment").exists()
        assert not Notification.objects.exists()


def test_the_moderation_url_only_takes_post(process, comment, moderator, client_for):
    assert client_for(moderator).get(_moderate_url(process, comment)).status_code == 405


def test_a_comment_of_another_municipality_or_process_is_not_found(
    process, comment, moderator, other_municipality, client_for
):
    elsewhere_admin = UserFactory()
    elsewhere = _published_principle(VisionProcessFactory(municipality=other_municipality), elsewhere_admin)
    foreign = services.principle_comment_add(principle=elsewhere, author=UserFactory(), text="Elders")
    other_process = VisionProcessFactory(municipality=process.municipality)
    client = client_for(moderator)
    # The comment's id under this municipality's process: not ours, so not found.
    assert client.post(_moderate_url(process, foreign), {"reason": REASON}).status_code == 404
    # Our comment under another process of the same municipality: not found either.
    assert client.post(_moderate_url(other_process, comment), {"reason": REASON}).status_code == 404
    # A process slug of another municipality does not exist in this one.
    foreign_process = elsewhere.version.process
    assert client.post(_moderate_url(foreign_process, foreign), {"reason": REASON}).status_code == 404
    foreign.refresh_from_db()
    comment.refresh_from_db()
    assert not foreign.is_hidden and not comment.is_hidden


@pytest.mark.parametrize("reason", ["", "   "])
def test_hiding_without_a_reason_shows_a_message_and_changes_nothing(process, comment, moderator, client_for, reason):
    response = client_for(moderator).post(_moderate_url(process, comment), {"action": "hide", "reason": reason})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#uitgangspunt-{comment.principle_id}")
    assert _messages(response) == ["Geef een reden op; die is openbaar te zien."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not Notification.objects.exists()


def test_a_too_long_reason_shows_a_message_and_changes_nothing(process, comment, moderator, client_for):
    response = client_for(moderator).post(_moderate_url(process, comment), {"action": "hide", "reason": "x" * 301})
    assert response.status_code == 302
    assert _messages(response) == ["Houd de reden korter dan 300 tekens."]
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_moderator_shows_a_hidden_comment_again(process, comment, moderator, client_for):
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    response = client_for(moderator).post(_moderate_url(process, comment), {"action": "show"})
    assert response.status_code == 302
    assert _messages(response) == ["De reactie is weer zichtbaar."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert AuditEvent.objects.filter(action="vision.principle_comment_unhidden").count() == 1


def test_hiding_through_the_page_audits_and_tells_the_author(process, comment, moderator, resident, client_for):
    client_for(moderator).post(_moderate_url(process, comment), {"action": "hide", "reason": REASON})
    event = AuditEvent.objects.get(action="vision.principle_comment_hidden")
    assert event.actor == moderator and event.reason == REASON
    assert Notification.objects.get(user=resident).body == f"Reden: {REASON}"


# --------------------------------------------------------------------------- the public page


@pytest.mark.parametrize("role", ["anonymous", "resident", "moderator", "admin"])
def test_the_hidden_words_never_reach_the_vision_page(process, comment, moderator, people, client_for, role):
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    page = client_for(people[role]).get(_vision_url(process)).content.decode()
    assert "wethouder is een sukkel" not in page
    assert f"Deze reactie is verborgen door de moderator: {REASON}" in page


def test_moderators_get_a_labelled_form_per_comment_and_residents_do_not(
    process, comment, resident, moderator, client_for
):
    page = client_for(resident).get(_vision_url(process)).content.decode()
    assert RUDE.split(",")[0] in page
    assert "modereren/" not in page
    page = client_for(moderator).get(_vision_url(process)).content.decode()
    assert f'action="{_moderate_url(process, comment)}"' in page
    assert f'<label class="utrecht-form-label" for="visiereactie-{comment.pk}-reden">' in page
    assert f'id="visiereactie-{comment.pk}-reden"' in page
    assert "Verbergen" in page and "Weer tonen" not in page
    assert "style=" not in page and "<script>" not in page
    services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)
    page = client_for(moderator).get(_vision_url(process)).content.decode()
    assert "Weer tonen" in page
    assert f'id="visiereactie-{comment.pk}-reden"' not in page


def test_the_vision_page_query_count_does_not_grow_with_comments(
    process, principle, moderator, client_for, django_assert_max_num_queries
):
    client = client_for(moderator)

    def add(n):
        for i in range(n):
            comment = services.principle_comment_add(principle=principle, author=UserFactory(), text=f"Reactie {i}")
            if i % 2:
                services.principle_comment_moderate(comment=comment, moderator=moderator, hide=True, reason=REASON)

    add(2)
    client.get(_vision_url(process))
    with django_assert_max_num_queries(40) as small:
        client.get(_vision_url(process))
    add(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_vision_url(process))
