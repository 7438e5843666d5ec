"""The voting page costs the same however many votes a process holds (issue #15).

It used to read every vote of the process into a matrix on each view to choose the next
statement; now the database counts them per statement, and the counts are cached.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspel.vision import selectors
from samenspel.vision.models import Participant, Vote
from samenspel.vision.opinion_map import build_vote_matrix, next_statement_for
from samenspel.vision.services import opinion_map_compute

from .factories import ParticipantFactory, StatementFactory, polarised_votes

pytestmark = pytest.mark.django_db


def _matrix_choice(process, participant):
    """The choice as it was made before: over the full vote matrix of the process."""
    published = list(process.statements.published().values_list("pk", flat=True))
    votes = Vote.objects.filter(statement__process=process).order_by("updated", "pk")
    matrix = build_vote_matrix(votes.values_list("participant_id", "statement_id", "value"), statement_ids=published)
    snapshot = selectors.latest_snapshot(process=process)
    extremity = counted = None
    if snapshot is not None and snapshot.data:
        extremity = {s["id"]: s["extremity"] for s in snapshot.data.get("statements", [])}
        clustered = [p["id"] for p in snapshot.data.get("participants", []) if p.get("group") is not None]
        counted = [pid for pid in clustered if pid in set(matrix.participant_ids)] or None
    pid = participant.pk if participant is not None else "nieuw"
    n_voted = len(matrix.participant_votes(pid)) if pid in matrix.participant_ids else 0
    return next_statement_for(
        pid,
        matrix,
        extremity=extremity,
        counted_participants=counted,
        seed=[process.pk, participant.pk if participant else 0, n_voted],
    )


@pytest.mark.parametrize("with_map", [False, True])
def test_the_next_statement_is_the_one_the_full_vote_matrix_gives(process, with_map):
    statements, participants = polarised_votes(process, n_per_group=8, n_statements=10)
    extra = StatementFactory(process=process, text="Een nieuwe stelling waar nog niemand op stemde")
    # Some voters have not seen every statement, so the choice differs between them.
    Vote.objects.filter(participant__in=participants[::3], statement__in=statements[:4]).delete()
    if with_map:
        assert opinion_map_compute(process=process) is not None
    newcomer = ParticipantFactory(process=process)
    for participant in [*participants, newcomer, None]:
        cache.clear()
        chosen = selectors.next_statement(process=process, participant=participant)
        expected = _matrix_choice(process, participant)
        assert (chosen.pk if chosen else None) == expected
    assert extra.pk in {selectors.next_statement(process=process, participant=p).pk for p in [newcomer, *participants]}


def _page_queries(client, process) -> int:
    cache.clear()  # count the cold page, the priorities included
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/lindeveen/toekomstvisie/{process.slug}/")
    assert response.status_code == 200
    # Votes are only counted, never read one by one (a visitor without a vote has none of their own).
    assert not [q["sql"] for q in captured if '"vision_vote"."value"' in q["sql"] and "COUNT(" not in q["sql"]]
    return len(captured)


def test_the_voting_page_makes_as_many_queries_with_ten_times_the_votes(client, process):
    statements, _ = polarised_votes(process, n_per_group=3, n_statements=6)
    few = _page_queries(client, process)
    Vote.objects.bulk_create(
        [
            Vote(statement=statement, participant=participant, value=1)
            for participant in Participant.objects.bulk_create([Participant(process=process) for _ in range(60)])
            for statement in statements
        ]
    )
    assert _page_queries(client, process) == few


def test_a_published_statement_is_offered_without_waiting_for_the_cache(process):
    statements, participants = polarised_votes(process, n_per_group=2, n_statements=2)
    assert selectors.next_statement(process=process, participant=participants[0]) is None
    new = StatementFactory(process=process, text="Een stelling die net is gepubliceerd")
    assert selectors.next_statement(process=process, participant=participants[0]) == new
