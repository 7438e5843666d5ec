"""The stored opinion map: marked out of date by votes, recomputed by a debounced task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import selectors
from ..models import OpinionMapSnapshot, Statement, VisionProcess, Vote

# At most one recomputation of a process's map is enqueued per this many seconds.
RECOMPUTE_INTERVAL = dt.timedelta(seconds=getattr(settings, "VISION_RECOMPUTE_SECONDS", 30))


def opinion_map_mark_dirty(*, process: VisionProcess, now: dt.datetime | None = None) -> bool:
    """Note that the map is out of date; enqueue a recomputation unless one was enqueued recently.

    The conditional UPDATE makes the debounce safe with many voters at once: only the
    request that moves `map_enqueued_at` forward enqueues. Returns whether it enqueued.
    """
    from ..tasks import recompute_opinion_map

    now = now or timezone.now()
    VisionProcess.objects.filter(pk=process.pk).update(map_dirty=True)
    won = (
        VisionProcess.objects.filter(pk=process.pk)
        .filter(Q(map_enqueued_at__isnull=True) | Q(map_enqueued_at__lte=now - RECOMPUTE_INTERVAL))
        .update(map_enqueued_at=now)
    )
    if won:
        transaction.on_commit(lambda: recompute_opinion_map.enqueue(process.pk))
    return bool(won)


def _vote_rows(process: VisionProcess):
    return (
        Vote.objects.filter(statement__process=process)
        .exclude(statement__status=Statement.Status.PENDING)
        .order_by("updated", "pk")
        .values_list("updated", "participant_id", "statement_id", "value")
    )


@transaction.atomic
def opinion_map_compute(*, process: VisionProcess, counted: Collection[int] | None = None) -> OpinionMapSnapshot | None:
    """Recompute and store the opinion map from all votes; None while nobody has voted.

    Each map continues from the last one (Polis's warm start). Without a last map to
    continue from (the first map, an imported conversation, a map stored before warm
    starts), the vote history is replayed by vote time at Polis's cadence, the same path
    ``manage.py opinion_map`` takes for an export folder. ``counted`` (participant pks)
    fixes who is clustered, e.g. those Polis grouped in an import without votes.csv.
    """
    # NumPy and the clustering load in the task that computes, not in every process at start.
    from ..opinion_map import build_vote_matrix, compute_opinion_map, replay_opinion_map

    VisionProcess.objects.filter(pk=process.pk).update(map_dirty=False)
    rows = list(_vote_rows(process))
    if not rows:
        return None
    votes = [(p, s, v) for _, p, s, v in rows]
    matrix = build_vote_matrix(votes)
    hidden = set(process.statements.filter(status=Statement.Status.HIDDEN).values_list("pk", flat=True)) & set(
        matrix.statement_ids
    )
    previous = selectors.latest_snapshot(process=process)
    options = {"seed": process.pk, "moderated_out": sorted(hidden), "counted": counted}
    if previous is None or "warm_start" not in previous.data:
        result, _ = replay_opinion_map(
            [(t.timestamp() * 1000.0, p, s, v) for t, p, s, v in rows], statement_ids=matrix.statement_ids, **options
        )
    else:
        # Polis never drops a participant from the groups once counted.
        known = set(matrix.participant_ids)
        always = [
            p["id"] for p in previous.data.get("participants", []) if p.get("group") is not None and p["id"] in known
        ]
        result = compute_opinion_map(
            matrix,
            always_include=always,
            # Keeps the number of groups steady while votes come in (Polis's group-k-smoother).
            group_k_state=previous.data.get("group_k_state"),
            # Polis's path: base clusters and groups continue from the last map, not from scratch.
            warm_start=previous.data.get("warm_start"),
            **options,
        )
    return OpinionMapSnapshot.objects.create(
        process=process,
        computed_at=timezone.now(),
        n_participants=len(matrix.participant_ids),
        n_votes=len(votes),
        data=result.to_dict(),
    )


def opinion_map_refresh_dirty() -> int:
    """Recompute every process whose map is out of date (cron safety net after the debounce)."""
    count = 0
    for process in VisionProcess.objects.filter(map_dirty=True):
        if opinion_map_compute(process=process) is not None:
            count += 1
    return count
