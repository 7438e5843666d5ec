"""Voting needs no account, one vote per participant per statement, changeable."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from samenspel.core.tests.factories import TEST_PASSWORD
from samenspel.vision import services
from samenspel.vision.cookies import COOKIE
from samenspel.vision.models import Participant, Statement, Vote

from .factories import ParticipantFactory, StatementFactory, VoteFactory, set_phase

pytestmark = pytest.mark.django_db


def _vote_url(process):
    return f"/lindeveen/toekomstvisie/{process.slug}/stem/"


def test_an_anonymous_visitor_votes_without_javascript_and_can_change_the_vote(client, process):
    statement = StatementFactory(process=process)
    response = client.post(_vote_url(process), {"statement": statement.pk, "value": "1"})
    assert response.status_code == 302
    assert COOKIE in response.cookies
    participant = Participant.objects.get()
    assert participant.user is None
    response = client.post(_vote_url(process), {"statement": statement.pk, "value": "-1"})
    assert Vote.objects.get().value == -1
    assert Participant.objects.count() == 1


def test_one_vote_per_participant_per_statement_is_a_database_rule(process):
    vote = VoteFactory(statement=StatementFactory(process=process))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(statement=vote.statement, participant=vote.participant, value=-1)


@pytest.mark.parametrize("value", ["2", "", "eens", None])
def test_a_bad_vote_value_is_refused(client, process, value):
    statement = StatementFactory(process=process)
    data = {"statement": statement.pk} | ({"value": value} if value is not None else {})
    response = client.post(_vote_url(process), data)
    assert response.status_code == 400
    assert "Kies eens, oneens of sla over." in response.content.decode()
    assert not Vote.objects.exists()
    assert not Participant.objects.exists()


def test_no_votes_on_hidden_statements_or_closed_processes(client, process):
    hidden = StatementFactory(process=process, status=Statement.Status.HIDDEN)
    response = client.post(_vote_url(process), {"statement": hidden.pk, "value": "1"})
    assert response.status_code == 400
    assert "Op deze stelling kan niet (meer) worden gestemd." in response.content.decode()
    statement = StatementFactory(process=process)
    set_phase(process, "closed")
    response = client.post(_vote_url(process), {"statement": statement.pk, "value": "1"})
    assert response.status_code == 400
    assert "Stemmen kan niet meer" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_statement_of_another_municipality_is_not_found(client, process, other_municipality):
    from .factories import VisionProcessFactory

    elsewhere = StatementFactory(process=VisionProcessFactory(municipality=other_municipality))
    response = client.post(_vote_url(process), {"statement": elsewhere.pk, "value": "1"})
    assert response.status_code == 404


def test_anonymous_votes_move_to_the_account_on_login(client, process, resident):
    first, second = StatementFactory(process=process), StatementFactory(process=process)
    own = services.participant_get_or_create(process=process, user=resident)
    Vote.objects.create(statement=first, participant=own, value=-1)
    client.post(_vote_url(process), {"statement": first.pk, "value": "1"})
    client.post(_vote_url(process), {"statement": second.pk, "value": "0"})
    assert Participant.objects.count() == 2
    # Through the real log-in page, so the signal sees the visitor's cookie.
    response = client.post("/account/login/", {"login": resident.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert Participant.objects.count() == 1
    votes = dict(Vote.objects.filter(participant__user=resident).values_list("statement_id", "value"))
    # The anonymous vote is the newer one, so it replaces the account's earlier vote.
    assert votes == {first.pk: 1, second.pk: 0}


def test_statements_are_offered_one_at_a_time_until_all_are_voted(client, process):
    statements = [StatementFactory(process=process) for _ in range(3)]
    seen = []
    for _ in statements:
        response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/")
        offered = response.context["vote"]["statement"]
        assert offered is not None and offered.pk not in seen
        seen.append(offered.pk)
        client.post(_vote_url(process), {"statement": offered.pk, "value": "1"})
    response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/")
    assert response.context["vote"]["statement"] is None
    assert "U hebt op alle stellingen gestemd" in response.content.decode()


def test_htmx_vote_returns_the_next_card(client, process):
    statements = [StatementFactory(process=process) for _ in range(2)]
    response = client.post(_vote_url(process), {"statement": statements[0].pk, "value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="stemmen"' in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("refusal", ["hidden statement", "bad value", "closed phase"])
def test_a_refused_htmx_vote_answers_400_with_the_reason_and_leaves_nothing(client, process, refusal):
    """The in-page vote tells why in the card (a 4xx partial samenspel.js swaps in); no vote,
    no participant and no cookie are left behind."""
    status = Statement.Status.HIDDEN if refusal == "hidden statement" else Statement.Status.PUBLISHED
    statement = StatementFactory(process=process, status=status)
    if refusal == "closed phase":
        set_phase(process, "closed")
    value = "2" if refusal == "bad value" else "1"
    response = client.post(_vote_url(process), {"statement": statement.pk, "value": value}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="stemmen"' in body and "<html" not in body
    assert "data-refusal" in body
    reason = {
        "hidden statement": "Op deze stelling kan niet (meer) worden gestemd.",
        "bad value": "Kies eens, oneens of sla over.",
        "closed phase": "Stemmen kan niet meer",
    }[refusal]
    assert reason in body
    assert not Vote.objects.exists()
    assert not Participant.objects.exists()
    assert COOKIE not in response.cookies


def test_on_an_english_page_in_page_failures_and_refusals_read_in_english(client, process):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(process.get_absolute_url()).content.decode()
    # The sentences samenspel.js shows when a request fails in transit (base.html's live region).
    assert 'data-server="Something went wrong on our side. Nothing was saved;' in page
    assert 'data-network="There is no connection. Nothing was saved;' in page
    hidden = StatementFactory(process=process, status=Statement.Status.HIDDEN)
    response = client.post(_vote_url(process), {"statement": hidden.pk, "value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "This statement can no longer be voted on." in response.content.decode()


def test_the_vote_page_query_count_stays_constant(client, process, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            statement = StatementFactory(process=process)
            for participant in [ParticipantFactory(process=process) for _ in range(3)]:
                Vote.objects.create(statement=statement, participant=participant, value=1)

    add(2)
    client.get(f"/lindeveen/toekomstvisie/{process.slug}/")
    cache.clear()  # both counts with the statements' priorities not yet cached
    with django_assert_max_num_queries(20) as small:
        client.get(f"/lindeveen/toekomstvisie/{process.slug}/")
    add(10)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/lindeveen/toekomstvisie/{process.slug}/")


def test_vote_cast_refuses_a_participant_of_another_process(process):
    from .factories import VisionProcessFactory

    statement = StatementFactory(process=process)
    stranger = ParticipantFactory(process=VisionProcessFactory(municipality=process.municipality))
    with pytest.raises(ValidationError):
        services.vote_cast(statement=statement, participant=stranger, value=1)
    assert not Vote.objects.exists()


def test_a_refused_first_vote_leaves_no_participant_behind(process):
    """The visitor's participant is created inside the vote's transaction."""
    import uuid

    hidden = StatementFactory(process=process, status=Statement.Status.HIDDEN)
    with pytest.raises(ValidationError):
        services.vote_cast_by_visitor(statement=hidden, value=1, key=uuid.uuid4())
    assert not Participant.objects.exists()
    vote = services.vote_cast_by_visitor(statement=StatementFactory(process=process), value=1, key=uuid.uuid4())
    assert Participant.objects.get() == vote.participant


def test_the_api_refuses_a_first_vote_without_leaving_a_participant(client, process):
    statement = StatementFactory(process=process, status=Statement.Status.HIDDEN)
    response = client.post("/api/v1/votes", {"statement": statement.pk, "value": 1}, content_type="application/json")
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    assert not Participant.objects.exists()
