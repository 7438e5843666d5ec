"""A first vote sent several times at once (a double click, two tabs) is one vote, never a 500.

There is no vote row to lock before the first vote: the one-vote constraint decides, and the
later request changes the vote the earlier one made. PostgreSQL only:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_harden_test \\
        .venv/bin/pytest -p no:cacheprovider samenspel/vision/tests/test_parallel_votes.py
"""

import uuid

import pytest
from django.db import connection
from django.test import Client

from samenspel.core.tests.concurrency import at_once
from samenspel.vision import services
from samenspel.vision.models import Participant, Vote

from .factories import StatementFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections; runs in CI on PostgreSQL"
    ),
]

CLICKS = 8
VALUES = [1, -1, 0]


def test_a_residents_first_vote_from_many_devices_at_once_is_one_vote(process, resident):
    # They voted before, on another statement: their participant exists, this vote does not.
    services.vote_cast_by_visitor(statement=StatementFactory(process=process), value=1, user=resident)
    statement = StatementFactory(process=process)
    devices = [Client() for _ in range(CLICKS)]
    for device in devices:
        device.force_login(resident)
    statuses = []

    def vote(index):
        response = devices[index].post(
            f"/lindeveen/toekomstvisie/{process.slug}/stem/",
            {"statement": statement.pk, "value": VALUES[index % 3]},
        )
        statuses.append(response.status_code)

    assert at_once(vote, CLICKS) == []
    assert statuses == [302] * CLICKS
    assert Participant.objects.filter(process=process, user=resident).count() == 1
    assert Vote.objects.filter(statement=statement).count() == 1
    assert Vote.objects.get(statement=statement).value in VALUES


@pytest.mark.parametrize("voted_before", [False, True])
def test_an_anonymous_first_vote_sent_many_times_at_once_is_one_participant_and_one_vote(process, voted_before):
    key = uuid.uuid4()
    if voted_before:
        services.vote_cast_by_visitor(statement=StatementFactory(process=process), value=1, key=key)
    statement = StatementFactory(process=process)

    def vote(index):
        services.vote_cast_by_visitor(statement=statement, value=VALUES[index % 3], key=key)

    assert at_once(vote, CLICKS) == []
    assert Participant.objects.filter(process=process, key=key).count() == 1
    assert Vote.objects.filter(statement=statement).count() == 1


def test_many_visitors_voting_at_once_are_all_counted(process):
    statement = StatementFactory(process=process)

    def vote(index):
        services.vote_cast_by_visitor(statement=statement, value=1, key=uuid.uuid4())

    assert at_once(vote, CLICKS) == []
    assert Vote.objects.filter(statement=statement, value=1).count() == CLICKS
