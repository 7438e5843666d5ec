"""Comments on the vision's principles: the same comments, rules and moderation as everywhere.

Moved from the vision app when principle comments became comments on a registered subject;
where the merged rules differ from the old principle rules (a reason to show a comment again,
the author told of it, the comment's own anchor, `comment.*` audit actions), the test says so."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samenspel.audit.models import AuditEvent
from samenspel.comments.models import Comment
from samenspel.comments.services import comment_create, comment_hide, comment_unhide
from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.municipalities.models import Role
from samenspel.notifications.models import Notification
from samenspel.vision import services
from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory

pytestmark = pytest.mark.django_db

RUDE = "Wat een stom plan, de wethouder is een sukkel."
REASON = "Persoonlijke aanval op een bestuurder."
SHOW_REASON = "Toch in orde."


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
def process(municipality):
    return VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")


@pytest.fixture
def principle(process, municipality_admin):
    return _published_principle(process, municipality_admin)


@pytest.fixture
def comment(principle, resident):
    return comment_create(subject=principle, author=resident, text=RUDE)


def _moderate_url(comment, action="verbergen", municipality="lindeveen"):
    return f"/{municipality}/moderatie/reacties/{comment.pk}/{action}/"


def _comment_url(process, comment):
    return f"{_vision_url(process)}#reactie-{comment.pk}"


def _vision_url(process):
    return f"/lindeveen/toekomstvisie/{process.slug}/visie/"


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --------------------------------------------------------------------------- service


def test_hiding_keeps_the_reason_and_who_and_when(comment, moderator):
    hidden = comment_hide(comment=comment, moderator=moderator, reason=f" {REASON} ")
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
        comment_hide(comment=comment, moderator=moderator, reason=reason)
    assert error.value.message_dict["reason"] == ["Geef een reden op; die is openbaar te zien."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not AuditEvent.objects.filter(action__startswith="comment.").exists()


def test_a_too_long_reason_is_refused(comment, moderator):
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, moderator=moderator, reason="x" * 301)
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_unhiding_clears_the_moderation_fields(comment, moderator):
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    comment_unhide(comment=comment, moderator=moderator, reason=SHOW_REASON)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert comment.hidden_reason == ""
    assert comment.hidden_by is None
    assert comment.hidden_at is None
    assert comment.public_text == RUDE


def test_hiding_twice_or_showing_a_visible_comment_is_refused(comment, moderator):
    with pytest.raises(ValidationError):
        comment_unhide(comment=comment, moderator=moderator, reason=SHOW_REASON)
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, moderator=moderator, reason=REASON)
    assert AuditEvent.objects.filter(action="comment.hidden").count() == 1
    assert Notification.objects.filter(user=comment.author).count() == 1


def test_hiding_and_showing_are_audited_without_the_hidden_words(comment, moderator, municipality):
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    comment_unhide(comment=comment, moderator=moderator, reason=SHOW_REASON)
    hidden, shown = AuditEvent.objects.for_object(comment).order_by("created", "pk")
    assert hidden.action == "comment.hidden"
    assert hidden.municipality == municipality
    assert hidden.actor == moderator
    assert hidden.reason == REASON
    assert hidden.data == {"reports_closed": 0, "subject": "vision.principle", "subject_id": comment.object_id}
    assert "Groen dichtbij" in hidden.summary
    assert RUDE not in hidden.summary and RUDE not in hidden.target_repr
    assert shown.action == "comment.unhidden"
    assert shown.reason == SHOW_REASON


def test_the_author_is_told_why_when_hidden(comment, moderator, resident, process):
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    notification = Notification.objects.get(user=resident)
    assert "Groen dichtbij" in notification.title
    assert REASON in notification.body
    assert notification.url == _comment_url(process, comment)
    assert notification.municipality == process.municipality
    assert not Notification.objects.exclude(user=resident).exists()


def test_a_comment_whose_author_left_can_still_be_hidden(comment, moderator):
    Comment.objects.filter(pk=comment.pk).update(author=None)
    comment.refresh_from_db()
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
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
    response = client_for(user).post(_moderate_url(comment), {"came_from": "page", "reason": REASON})
    comment.refresh_from_db()
    assert comment.is_hidden is hidden
    if hidden:
        assert response.status_code == 302
        assert response["Location"] == _comment_url(process, comment)
        assert _messages(response) == ["De reactie is verborgen."]
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code in (403, 404)
        assert not AuditEvent.objects.filter(action__startswith="comment.").exists()
        assert not Notification.objects.exists()


def test_the_moderation_url_only_takes_post(process, comment, moderator, client_for):
    assert client_for(moderator).get(_moderate_url(comment)).status_code == 405


def test_a_comment_of_another_municipality_is_not_found(process, comment, moderator, other_municipality, client_for):
    elsewhere_admin = UserFactory()
    elsewhere = _published_principle(VisionProcessFactory(municipality=other_municipality), elsewhere_admin)
    foreign = comment_create(subject=elsewhere, author=UserFactory(), text="Elders")
    client = client_for(moderator)
    # Heideborg's comment under this municipality's address: not ours, so not found.
    assert client.post(_moderate_url(foreign), {"reason": REASON}).status_code == 404
    # Our comment under Heideborg's address: not found there either.
    assert client.post(_moderate_url(comment, municipality="heideborg"), {"reason": REASON}).status_code == 404
    foreign.refresh_from_db()
    comment.refresh_from_db()
    assert not foreign.is_hidden and not comment.is_hidden


@pytest.mark.parametrize("reason", ["", "   "])
def test_hiding_without_a_reason_shows_a_message_and_changes_nothing(process, comment, moderator, client_for, reason):
    response = client_for(moderator).post(_moderate_url(comment), {"came_from": "page", "reason": reason})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    assert _messages(response) == ["Geef een reden op; die is openbaar te zien."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not Notification.objects.exists()


def test_a_too_long_reason_shows_a_message_and_changes_nothing(process, comment, moderator, client_for):
    response = client_for(moderator).post(_moderate_url(comment), {"came_from": "page", "reason": "x" * 301})
    assert response.status_code == 302
    assert _messages(response) == ["Houd de reden korter dan 300 tekens."]
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_moderator_shows_a_hidden_comment_again(process, comment, moderator, client_for):
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    # Merged rule: showing again needs a reason too (the author is told it).
    response = client_for(moderator).post(
        _moderate_url(comment, "zichtbaar-maken"), {"came_from": "page", "reason": SHOW_REASON}
    )
    assert response.status_code == 302
    assert _messages(response) == ["De reactie is weer zichtbaar."]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert AuditEvent.objects.filter(action="comment.unhidden").count() == 1


def test_hiding_through_the_page_audits_and_tells_the_author(process, comment, moderator, resident, client_for):
    client_for(moderator).post(_moderate_url(comment), {"came_from": "page", "reason": REASON})
    event = AuditEvent.objects.get(action="comment.hidden")
    assert event.actor == moderator and event.reason == REASON
    assert Notification.objects.get(user=resident).body == f"Reden: {REASON}"


# --------------------------------------------------------------------------- the public page


@pytest.mark.parametrize("role", ["anonymous", "resident", "moderator", "admin"])
def test_the_hidden_words_never_reach_the_vision_page(process, comment, moderator, people, client_for, role):
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    page = client_for(people[role]).get(_vision_url(process)).content.decode()
    assert "wethouder is een sukkel" not in page
    assert f"Deze reactie is verborgen door een moderator: {REASON}" in page


def test_moderators_get_a_labelled_form_per_comment_and_residents_do_not(
    process, comment, resident, moderator, client_for
):
    page = client_for(resident).get(_vision_url(process)).content.decode()
    assert RUDE.split(",")[0] in page
    assert "moderatie/reacties" not in page
    page = client_for(moderator).get(_vision_url(process)).content.decode()
    assert f'action="{_moderate_url(comment)}"' in page
    assert f'<label class="utrecht-form-label" for="reactie-{comment.pk}-reden">' in page
    assert f'id="reactie-{comment.pk}-reden"' in page
    assert "Verbergen" in page and "Weer tonen" not in page
    assert "style=" not in page and "<script>" not in page
    comment_hide(comment=comment, moderator=moderator, reason=REASON)
    page = client_for(moderator).get(_vision_url(process)).content.decode()
    assert "Weer tonen" in page
    assert f'id="reactie-{comment.pk}-reden"' not in page


def test_the_vision_page_query_count_does_not_grow_with_comments(
    process, principle, moderator, client_for, django_assert_max_num_queries
):
    client = client_for(moderator)

    def add(n):
        for i in range(n):
            comment = comment_create(subject=principle, author=UserFactory(), text=f"Reactie {i}")
            if i % 2:
                comment_hide(comment=comment, moderator=moderator, reason=REASON)

    add(2)
    client.get(_vision_url(process))
    with django_assert_max_num_queries(40) as small:
        client.get(_vision_url(process))
    add(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_vision_url(process))


# --------------------------------------------------------------------------- one report flow, one queue


def test_a_principle_comment_is_reported_and_waits_in_the_one_queue_beside_initiative_comments(
    process, comment, people, moderator, client_for
):
    """New with the merge: principle comments can be reported, and the queue shows every subject."""
    from .factories import CommentFactory, InitiativeFactory, ReportFactory

    on_initiative = CommentFactory(
        initiative=InitiativeFactory(municipality=process.municipality, title="Moestuin De Linde"),
        text="Dit is gewoon reclame",
    )
    ReportFactory(comment=on_initiative)
    response = client_for(people["coach"]).post(f"/lindeveen/reacties/{comment.pk}/melden/", {"reason": "offensive"})
    assert response.status_code == 302
    assert response["Location"] == _comment_url(process, comment)
    body = client_for(moderator).get("/lindeveen/moderatie/").content.decode()
    assert "2 gemelde reacties" in body
    assert f'href="{_comment_url(process, comment)}">Groen dichtbij</a> (uitgangspunt)' in body
    assert ">Moestuin De Linde</a> (initiatief)" in body
    response = client_for(moderator).post(_moderate_url(comment), {"reason": REASON})
    assert response["Location"] == "/lindeveen/moderatie/"
    comment.refresh_from_db()
    assert comment.is_hidden and comment.reports.get().outcome == "hidden"
