"""The comments panel, the forms' answers to bad input, and the moderation queue page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.comments.models import Comment, Report
from samenspel.comments.panels import comments_panel_context
from samenspel.core.registry import initiative_panels

from .factories import CommentFactory, ReportFactory

pytestmark = pytest.mark.django_db


def render_panel(initiative, user=None):
    request = RequestFactory().get(f"/lindeveen/initiatieven/{initiative.slug}/")
    request.user = user or AnonymousUser()
    request.municipality = initiative.municipality
    data = comments_panel_context(request, initiative)
    return render_to_string("comments/panel.html", {"data": data, "user": request.user}, request=request)


def _url(name, **kwargs):
    return reverse(f"comments:{name}", kwargs={"municipality": "lindeveen", **kwargs})


def test_the_panel_is_registered_at_order_60():
    panel = next(p for p in initiative_panels if p.key == "comments")
    assert (panel.order, panel.template) == (60, "comments/panel.html")


def test_the_panel_shows_comments_escaped_with_line_breaks(initiative, resident):
    CommentFactory(initiative=initiative, text="Eerste regel\nTweede <b>regel</b>")
    html = render_panel(initiative, resident)
    assert "Eerste regel<br>Tweede &lt;b&gt;regel&lt;/b&gt;" in html
    assert "Melden" in html and "Reactie plaatsen" in html


def test_hidden_text_never_appears_only_the_notice(initiative, resident, moderator):
    CommentFactory(
        initiative=initiative,
        text="Geheime scheldpartij",
        is_hidden=True,
        hidden_reason="Kwetsend taalgebruik",
        hidden_by=moderator,
    )
    for user in (None, resident, moderator):
        html = render_panel(initiative, user)
        assert "Geheime scheldpartij" not in html
        assert "Deze reactie is verborgen door een moderator: Kwetsend taalgebruik" in html


def test_anonymous_visitors_are_asked_to_log_in_and_outsiders_told_why(initiative, people):
    assert "Log in om te reageren" in render_panel(initiative)
    html = render_panel(initiative, people["outsider"])
    assert "Alleen inwoners van Gemeente Lindeveen" in html
    assert "<textarea" not in html


@pytest.mark.parametrize("extra", [0, 15])
def test_panel_queries_stay_constant_as_comments_grow(initiative, resident, django_assert_max_num_queries, extra):
    CommentFactory.create_batch(3 + extra, initiative=initiative)
    CommentFactory(initiative=initiative, is_hidden=True, hidden_reason="Spam")
    resident = type(resident).objects.get(pk=resident.pk)  # no memoised roles
    with django_assert_max_num_queries(3):
        render_panel(initiative, resident)


@pytest.mark.parametrize(("text", "message"), [("", "Schrijf eerst uw reactie."), ("a" * 2001, "te lang")])
def test_bad_comment_input_answers_in_dutch_and_saves_nothing(client_for, resident, initiative, text, message):
    response = client_for(resident).post(_url("create", target="initiatief", pk=initiative.pk), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_htmx_posting_returns_the_refreshed_panel(client_for, resident, initiative):
    client = client_for(resident)
    response = client.post(
        _url("create", target="initiatief", pk=initiative.pk), {"text": "Top!"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="reacties"' in body
    assert "Top!" in body and "Uw reactie is geplaatst." in body

    response = client.post(_url("create", target="initiatief", pk=initiative.pk), {"text": ""}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    # A 4xx partial carrying its reason (includes/refusal.html), which samenspel.js swaps in.
    assert response.status_code == 400 and 'id="reacties"' in body and "<html" not in body
    assert "data-refusal" in body
    assert "Uw reactie is niet geplaatst: Schrijf eerst uw reactie." in body
    assert Comment.objects.count() == 1


def test_a_report_without_reason_answers_in_dutch_and_saves_nothing(client_for, resident, comment):
    response = client_for(resident).post(_url("report", pk=comment.pk), {"reason": "", "explanation": "Vervelend"})
    assert response.status_code == 400
    assert "Kies een reden." in response.content.decode()
    assert Report.objects.count() == 0


def test_a_second_report_by_the_same_person_is_explained(client_for, resident, comment):
    client = client_for(resident)
    client.post(_url("report", pk=comment.pk), {"reason": "spam"})
    response = client.post(_url("report", pk=comment.pk), {"reason": "offensive"})
    assert "al gemeld" in response.content.decode()
    assert Report.objects.count() == 1


def test_hiding_without_reason_from_the_queue_answers_in_dutch(client_for, moderator, comment):
    ReportFactory(comment=comment)
    response = client_for(moderator).post(_url("hide", pk=comment.pk), {"reason": "  "})
    assert response.status_code == 400
    assert "Geef een reden op" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden and not AuditEvent.objects.exists()


def test_the_queue_groups_reports_by_comment_and_lists_hidden_ones(client_for, moderator, initiative, people):
    first = CommentFactory(initiative=initiative, text="Dit is gewoon reclame")
    ReportFactory(comment=first, reporter=people["resident"], reason="spam", explanation="Webshoplink")
    ReportFactory(comment=first, reporter=people["coach"], reason="spam")
    CommentFactory(initiative=initiative, text="Eerder verborgen tekst", is_hidden=True, hidden_reason="Spam")
    body = client_for(moderator).get(_url("queue")).content.decode()
    assert body.count("Dit is gewoon reclame") == 1
    assert "2 open meldingen" in body and "Webshoplink" in body
    assert "Eerder verborgen tekst" in body and "Weer zichtbaar maken" in body


@pytest.mark.parametrize("extra", [0, 10])
def test_queue_queries_stay_constant(client_for, moderator, initiative, django_assert_max_num_queries, extra):
    for comment in CommentFactory.create_batch(2 + extra, initiative=initiative):
        ReportFactory.create_batch(2, comment=comment)
    client = client_for(moderator)
    with django_assert_max_num_queries(12):
        assert client.get(_url("queue")).status_code == 200


def test_the_moderation_nav_item_shows_only_for_moderators(client_for, moderator, resident, initiative):
    queue = _url("queue")
    assert f'href="{queue}"' in client_for(moderator).get(queue).content.decode()
    home = reverse("municipality_home", kwargs={"municipality": "lindeveen"})
    assert f'href="{queue}"' not in client_for(resident).get(home).content.decode()


def test_the_initiative_page_shows_the_panel_and_never_the_hidden_text(client_for, resident, initiative, moderator):
    CommentFactory(initiative=initiative, text="Zichtbare vraag over de planning")
    CommentFactory(
        initiative=initiative,
        text="Verborgen belediging",
        is_hidden=True,
        hidden_reason="Kwetsend",
        hidden_by=moderator,
    )
    for user in (None, resident, moderator):
        response = client_for(user).get(initiative.get_absolute_url())
        body = response.content.decode()
        assert response.status_code == 200
        assert 'id="reacties"' in body and "Zichtbare vraag over de planning" in body
        assert "Verborgen belediging" not in body
        assert "Deze reactie is verborgen door een moderator: Kwetsend" in body


def test_posting_without_javascript_returns_to_the_comment(client_for, resident, initiative):
    response = client_for(resident).post(_url("create", target="initiatief", pk=initiative.pk), {"text": "Ik doe mee!"})
    comment = Comment.objects.get()
    assert response["Location"] == f"{initiative.get_absolute_url()}#reactie-{comment.pk}"
