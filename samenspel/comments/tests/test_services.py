"""Stories about posting, reporting and moderating comments, told through the services."""

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEvent
from samenspel.comments.models import Comment, Report
from samenspel.comments.moderation import REPORTS_PER_HOUR
from samenspel.comments.services import (
    comment_create,
    comment_hide,
    comment_unhide,
    report_create,
    reports_dismiss,
)
from samenspel.notifications.models import Notification

from .factories import CommentFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_resident_posts_and_followers_but_not_the_author_hear_of_it(initiative, author, follower):
    from samenspel.initiatives.models import Follow

    Follow.objects.create(initiative=initiative, user=author)

    comment = comment_create(subject=initiative, author=author, text="  Ik kan op zaterdag helpen.  ")

    assert comment.text == "Ik kan op zaterdag helpen."
    notes = Notification.objects.all()
    assert [n.user for n in notes] == [follower]
    assert "Moestuin De Linde" in notes[0].title
    assert notes[0].url.endswith(f"#reactie-{comment.pk}")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Schrijf eerst uw reactie."), ("   \n ", "Schrijf eerst uw reactie."), ("x" * 2001, "te lang")],
)
def test_an_empty_or_too_long_comment_is_refused_and_nothing_saved(initiative, author, follower, text, message):
    with pytest.raises(ValidationError) as error:
        comment_create(subject=initiative, author=author, text=text)
    assert message in " ".join(error.value.messages)
    assert Comment.objects.count() == 0
    assert Notification.objects.count() == 0


def test_exactly_2000_characters_is_allowed(initiative, author):
    assert comment_create(subject=initiative, author=author, text="a" * 2000).pk


def test_a_report_is_stored_once_per_person_while_open(comment, resident):
    report = report_create(comment=comment, reporter=resident, reason="spam", explanation="Reclame voor een webshop")
    assert report.status == Report.Status.OPEN

    with pytest.raises(ValidationError, match="al gemeld"):
        report_create(comment=comment, reporter=resident, reason="offensive")
    assert Report.objects.count() == 1


def test_after_handling_the_same_person_may_report_again(comment, resident, moderator):
    report_create(comment=comment, reporter=resident, reason="spam")
    reports_dismiss(comment=comment, moderator=moderator)
    report_create(comment=comment, reporter=resident, reason="spam")
    assert Report.objects.filter(status=Report.Status.OPEN).count() == 1


@pytest.mark.parametrize("reason", ["", "onzin"])
def test_a_report_needs_a_known_reason(comment, resident, reason):
    with pytest.raises(ValidationError) as error:
        report_create(comment=comment, reporter=resident, reason=reason)
    assert "reason" in error.value.message_dict
    assert Report.objects.count() == 0


def test_nobody_reports_their_own_comment(comment, author):
    with pytest.raises(ValidationError, match="eigen reactie"):
        report_create(comment=comment, reporter=author, reason="spam")
    assert Report.objects.count() == 0


def test_reports_are_rate_limited_per_person(initiative, resident):
    comments = CommentFactory.create_batch(REPORTS_PER_HOUR + 1, initiative=initiative)
    for comment in comments[:REPORTS_PER_HOUR]:
        report_create(comment=comment, reporter=resident, reason="spam")
    with pytest.raises(ValidationError, match="te veel meldingen"):
        report_create(comment=comments[-1], reporter=resident, reason="spam")
    assert Report.objects.count() == REPORTS_PER_HOUR


def test_a_moderator_hides_with_a_reason_the_author_is_told_and_it_is_audited(comment, author, moderator, resident):
    ReportFactory(comment=comment, reporter=resident)

    comment_hide(comment=comment, moderator=moderator, reason="Persoonlijke aanval op een buurtbewoner")

    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == moderator and comment.hidden_at
    assert comment.public_text == ""
    report = Report.objects.get()
    assert (report.status, report.outcome, report.handled_by) == ("handled", "hidden", moderator)
    told = Notification.objects.get(user=author)
    assert "verborgen" in told.title and "Persoonlijke aanval" in told.body
    event = AuditEvent.objects.get(action="comment.hidden")
    assert event.reason == "Persoonlijke aanval op een buurtbewoner"
    assert event.municipality == comment.municipality
    assert event.actor == moderator


@pytest.mark.parametrize("reason", ["", "   "])
def test_hiding_without_a_reason_changes_nothing(comment, moderator, reason):
    with pytest.raises(ValidationError) as error:
        comment_hide(comment=comment, moderator=moderator, reason=reason)
    assert "Geef een reden op" in error.value.message_dict["reason"][0]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not AuditEvent.objects.exists() and not Notification.objects.exists()


def test_unhiding_needs_a_reason_too_and_is_audited(comment, author, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="Scheldwoord")
    with pytest.raises(ValidationError):
        comment_unhide(comment=comment, moderator=moderator, reason="")
    comment.refresh_from_db()
    assert comment.is_hidden

    comment_unhide(comment=comment, moderator=moderator, reason="Bij nader inzien een citaat")

    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert AuditEvent.objects.get(action="comment.unhidden").reason == "Bij nader inzien een citaat"
    assert Notification.objects.filter(user=author).count() == 2


def test_hiding_twice_is_refused(comment, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="Spam")
    with pytest.raises(ValidationError, match="al verborgen"):
        comment_hide(comment=comment, moderator=moderator, reason="Spam")
    assert AuditEvent.objects.filter(action="comment.hidden").count() == 1


def test_dismissing_closes_the_reports_and_leaves_the_comment(comment, moderator, resident, coach):
    ReportFactory(comment=comment, reporter=resident)
    ReportFactory(comment=comment, reporter=coach)

    assert reports_dismiss(comment=comment, moderator=moderator, reason="Kritisch maar netjes") == 2

    comment.refresh_from_db()
    assert not comment.is_hidden
    assert set(Report.objects.values_list("status", "outcome")) == {("handled", "dismissed")}
    assert AuditEvent.objects.get(action="comment.reports_dismissed").data["reports_closed"] == 2


def test_dismissing_without_open_reports_is_refused(comment, moderator):
    with pytest.raises(ValidationError, match="geen open meldingen"):
        reports_dismiss(comment=comment, moderator=moderator)
    assert not AuditEvent.objects.exists()


def test_deleting_a_subject_deletes_its_comments_and_a_deleted_account_leaves_them_nameless(initiative, author):
    """Merged rule: an author's account going leaves the words (SET_NULL); the subject going takes them."""
    comment = comment_create(subject=initiative, author=author, text="Goed plan!")
    author.delete()
    comment.refresh_from_db()
    assert comment.author is None and comment.author_name == "—"
    initiative.delete()
    assert not Comment.objects.exists()
