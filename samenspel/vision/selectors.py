"""Reads for the vision pages, the API and other apps (scorecards)."""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404

from samenspel.core.forms import parse_id

from .models import (
    Assessment,
    AssessmentLine,
    OpinionMapSnapshot,
    Participant,
    Principle,
    Statement,
    VisionProcess,
    VisionVersion,
    Vote,
)
from .text import SIMILAR_THRESHOLD, normalize, similarity

GROUP_LABELS = "ABCDEFGHIJ"


def group_label(group_id: int | None) -> str:
    if group_id is None:
        return "–"
    return GROUP_LABELS[group_id % len(GROUP_LABELS)]


# --------------------------------------------------------------------------- processes


def process_list(*, municipality):
    """The processes of a municipality (of every municipality for None), newest first."""
    processes = VisionProcess.objects.select_related("municipality").order_by("-gather_start", "-pk")
    return processes.for_municipality(municipality) if municipality is not None else processes


def process_by_id(*, pk: int) -> VisionProcess | None:
    return VisionProcess.objects.select_related("municipality").filter(pk=pk).first()


def process_get(*, municipality, slug: str) -> VisionProcess:
    process = process_list(municipality=municipality).filter(slug=slug).first()
    if process is None:
        raise Http404
    return process


def current_process(*, municipality) -> VisionProcess | None:
    return process_list(municipality=municipality).first()


# --------------------------------------------------------------------------- statements


def similar_statements(
    *, process, text: str, limit: int = 5, threshold: float = SIMILAR_THRESHOLD, include_pending: bool = False
):
    """Statements that resemble `text`, most similar first, as (statement, score).

    Published ones only: whatever is shown to a visitor must be something a moderator let out.
    The duplicate check passes `include_pending=True` to compare against statements still waiting
    for a moderator too, and must then not show such a statement's text (see statement_check).
    """
    wanted = normalize(text)
    if len(wanted) < 4:
        return []
    shown = [Statement.Status.PUBLISHED, Statement.Status.PENDING] if include_pending else [Statement.Status.PUBLISHED]
    candidates = process.statements.filter(status__in=shown).only("id", "text", "normalized", "status")
    scored = [(s, similarity(wanted, s.normalized)) for s in candidates]
    scored = [(s, score) for s, score in scored if score >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]


def statements_with_counts(*, process, include_hidden: bool = False):
    qs = process.statements.all() if include_hidden else process.statements.published()
    return qs.annotate(
        n_agree=Count("votes", filter=Q(votes__value=1)),
        n_disagree=Count("votes", filter=Q(votes__value=-1)),
        n_pass=Count("votes", filter=Q(votes__value=0)),
    ).order_by("created", "pk")


def statement_get(*, process, pk) -> Statement:
    """A statement of this process (any status), or 404."""
    pk = parse_id(pk)
    statement = process.statements.filter(pk=pk).first() if pk is not None else None
    if statement is None:
        raise Http404
    return statement


def published_statements(*, process=None):
    """Visible statements of a process (of every process for None), oldest first."""
    statements = Statement.objects.published().select_related("process").order_by("created", "pk")
    return statements.filter(process=process) if process is not None else statements


def statement_by_id(*, pk: int) -> Statement | None:
    return Statement.objects.select_related("process__municipality").filter(pk=pk).first()


def principle_get(*, process, pk: int) -> Principle:
    """A principle of this process's vision, or 404."""
    principle = Principle.objects.select_related("version__process").filter(version__process=process, pk=pk).first()
    if principle is None:
        raise Http404
    return principle


def principles_to_assess(*, version) -> list[Principle]:
    return list(version.principles.all()) if version is not None else []


def moderation_list(*, process):
    return process.statements.select_related("author", "moderated_by").order_by("status", "-created", "-pk")


# --------------------------------------------------------------------------- voting


def participant_of(*, process, user, key) -> Participant | None:
    """The visitor's participant in this process, if they voted before (by account or cookie key)."""
    if user.is_authenticated:
        return Participant.objects.filter(process=process, user=user).first()
    if key is None:
        return None
    return Participant.objects.filter(process=process, key=key, user__isnull=True).first()


def votes_of(*, participant: Participant | None) -> dict[int, int]:
    if participant is None or participant.pk is None:
        return {}
    return dict(participant.votes.values_list("statement_id", "value"))


def latest_snapshot(*, process) -> OpinionMapSnapshot | None:
    return process.snapshots.order_by("-computed_at", "-pk").first()


# How long the statements' priorities may lag the votes. They only weight a random choice
# (Polis recomputes them with each map update), so a minute is invisible to voters, and the
# voting page need not count every vote of the process on every view.
PRIORITIES_SECONDS = 60


def _statement_priorities(*, process, published: list[int], snapshot) -> dict[int, float]:
    """Polis's priority of each published statement (in `published` order), cached a minute.

    Counted per statement by the database, over the participants the last opinion map
    clustered (all voters without a map), as `opinion_map.statement_priorities` does over
    the full vote matrix; a statement published or hidden since changes the cache key.
    """
    from django.core.cache import cache

    from .opinion_map import statement_priority

    key = f"vision:priorities:{process.pk}:{snapshot.pk if snapshot else 0}:{len(published)}:{max(published)}"
    priorities = cache.get(key)
    if priorities is not None:
        return priorities
    votes = Vote.objects.filter(statement_id__in=published)
    extremity = {}
    if snapshot is not None and snapshot.data:
        extremity = {s["id"]: s["extremity"] for s in snapshot.data.get("statements", [])}
        clustered = [p["id"] for p in snapshot.data.get("participants", []) if p.get("group") is not None]
        if clustered and votes.filter(participant_id__in=clustered).exists():
            votes = votes.filter(participant_id__in=clustered)
    counts = {
        row["statement_id"]: row
        for row in votes.values("statement_id").annotate(
            agree=Count("pk", filter=Q(value=1)), disagree=Count("pk", filter=Q(value=-1)), seen=Count("pk")
        )
    }
    empty = {"agree": 0, "disagree": 0, "seen": 0}
    priorities = {
        sid: statement_priority(
            counts.get(sid, empty)["agree"],
            counts.get(sid, empty)["disagree"],
            counts.get(sid, empty)["seen"],
            extremity.get(sid, 0.0),
        )
        for sid in published
    }
    cache.set(key, priorities, PRIORITIES_SECONDS)
    return priorities


def next_statement(*, process, participant: Participant | None) -> Statement | None:
    """The next statement to offer, chosen by Polis's priority rule (weighted random, seeded).

    A fixed number of queries however many votes the process holds: the priorities are
    counted by the database and cached, and only this participant's own votes are read.
    """
    # The opinion map's mathematics (NumPy) loads with the first voting page, not at start.
    from .opinion_map import choose_next_statement

    published = list(process.statements.published().values_list("pk", flat=True))
    if not published:
        return None
    priorities = _statement_priorities(process=process, published=published, snapshot=latest_snapshot(process=process))
    voted = (
        list(participant.votes.filter(statement_id__in=published).values_list("statement_id", flat=True))
        if participant is not None and participant.pk
        else []
    )
    sid = choose_next_statement(
        priorities,
        voted,
        seed=[process.pk, participant.pk if participant and participant.pk else 0, len(voted)],
    )
    if sid is None:
        return None
    return Statement.objects.get(pk=sid)


def participation_figures(*, process) -> dict:
    """Counts for the process pages. Participants who voted are split into verified (logged in:
    an account stands behind them) and anonymous (a cookie, or imported from Polis), so a map
    stuffed with made-up visitors shows it; a deleted account's participant counts as anonymous."""
    votes = Vote.objects.filter(statement__process=process)
    snapshot = latest_snapshot(process=process)
    voters = Participant.objects.filter(process=process, votes__isnull=False).aggregate(
        participants=Count("pk", distinct=True),
        verified=Count("pk", distinct=True, filter=Q(user__isnull=False)),
    )
    return {
        "statements": process.statements.published().count(),
        "participants": voters["participants"],
        "participants_verified": voters["verified"],
        "participants_anonymous": voters["participants"] - voters["verified"],
        "votes": votes.count(),
        "groups": len(snapshot.data.get("groups", [])) if snapshot else 0,
    }


# --------------------------------------------------------------------------- opinion map


@dataclass
class MapPoint:
    """A participant on the map, in SVG coordinates; how it is drawn is the template's."""

    x: float
    y: float
    group: int | None


@dataclass
class GroupView:
    id: int
    label: str
    size: int
    representative: list = field(default_factory=list)  # (Statement, direction, percentage)

    @property
    def agrees_with(self) -> list:
        return [s for s, direction, _share in self.representative if direction == "agree"]

    @property
    def disagrees_with(self) -> list:
        return [s for s, direction, _share in self.representative if direction == "disagree"]


@dataclass
class OpinionMapView:
    snapshot: OpinionMapSnapshot
    points: list[MapPoint]
    groups: list[GroupView]
    consensus_agree: list  # (Statement, percentage)
    consensus_disagree: list
    me: MapPoint | None
    my_group: GroupView | None
    my_votes: int
    view_box: str = "0 0 400 300"
    agreement: dict = field(default_factory=dict)


def project_votes(snapshot_data: dict, votes: dict[int, int]) -> tuple[float, float] | None:
    """Place a participant on a stored map from their votes (Polis's sparsity-aware projection).

    Used for people who voted after the map was computed, so they see where they stand at once.
    """
    statements = snapshot_data.get("statements", [])
    seen = [(s, votes[s["id"]]) for s in statements if s["id"] in votes]
    if not seen or not statements:
        return None
    x = sum((v - s["center"]) * s["pc1"] for s, v in seen)
    y = sum((v - s["center"]) * s["pc2"] for s, v in seen)
    scale = math.sqrt(len(statements) / len(seen))
    return x * scale, y * scale


def _nearest_group(groups: list[dict], point) -> int | None:
    if not groups or point is None:
        return None
    best = min(groups, key=lambda g: (g["center"][0] - point[0]) ** 2 + (g["center"][1] - point[1]) ** 2)
    return best["id"]


def group_agreement(*, snapshot: OpinionMapSnapshot, statement_ids) -> dict[int, list[dict]]:
    """How each opinion group voted on each statement: agree/disagree/seen and the agree share."""
    member_group = {p["id"]: p["group"] for p in snapshot.data.get("participants", []) if p.get("group") is not None}
    groups = snapshot.data.get("groups", [])
    tally: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    rows = Vote.objects.filter(statement_id__in=list(statement_ids)).values_list(
        "statement_id", "participant_id", "value"
    )
    for sid, pid, value in rows:
        group = member_group.get(pid)
        if group is None:
            continue
        cell = tally[sid][group]
        cell[2] += 1
        if value == 1:
            cell[0] += 1
        elif value == -1:
            cell[1] += 1
    result = {}
    for sid in statement_ids:
        result[sid] = [
            {
                "group": g["id"],
                "label": group_label(g["id"]),
                "agree": tally[sid][g["id"]][0],
                "disagree": tally[sid][g["id"]][1],
                "seen": tally[sid][g["id"]][2],
                "share": round(tally[sid][g["id"]][0] / tally[sid][g["id"]][2], 2) if tally[sid][g["id"]][2] else None,
            }
            for g in groups
        ]
    return result


def opinion_map_view(*, process, participant: Participant | None, width: int = 400, height: int = 300):
    snapshot = latest_snapshot(process=process)
    if snapshot is None or not snapshot.data.get("participants"):
        return None
    data = snapshot.data
    groups_data = data.get("groups", [])
    my_votes = votes_of(participant=participant)
    my_xy = None
    my_group_id = None
    if participant is not None and participant.pk:
        for p in data["participants"]:
            if p["id"] == participant.pk:
                my_xy, my_group_id = (p["x"], p["y"]), p.get("group")
                break
        if my_xy is None and my_votes:
            my_xy = project_votes(data, my_votes)
        if my_group_id is None and my_xy is not None:
            my_group_id = _nearest_group(groups_data, my_xy)

    xs = [p["x"] for p in data["participants"]] + ([my_xy[0]] if my_xy else [])
    ys = [p["y"] for p in data["participants"]] + ([my_xy[1]] if my_xy else [])
    pad = 20
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def scale(x, y):
        return (
            round(pad + (x - min(xs)) / span_x * (width - 2 * pad), 1),
            round(pad + (y - min(ys)) / span_y * (height - 2 * pad), 1),
        )

    points = []
    for p in data["participants"]:
        if participant is not None and p["id"] == participant.pk:
            continue
        points.append(MapPoint(*scale(p["x"], p["y"]), p.get("group")))

    wanted_ids = {r["statement_id"] for g in groups_data for r in g["representative_statements"]}
    consensus = data.get("consensus", {})
    wanted_ids |= {c["statement_id"] for c in consensus.get("agree", []) + consensus.get("disagree", [])}
    # Published only: a statement hidden after the snapshot was computed is not shown again.
    texts = process.statements.published().in_bulk(list(wanted_ids))

    groups = []
    for g in groups_data:
        view = GroupView(g["id"], group_label(g["id"]), g["size"])
        for r in g["representative_statements"]:
            if r["statement_id"] in texts:
                share = round(100 * r["n_success"] / r["n_trials"]) if r["n_trials"] else 0
                view.representative.append((texts[r["statement_id"]], r["direction"], share))
        groups.append(view)

    def consensus_rows(items):
        return [
            (texts[c["statement_id"]], round(100 * c["n_success"] / c["n_trials"]) if c["n_trials"] else 0)
            for c in items
            if c["statement_id"] in texts
        ]

    me = None
    my_group = None
    if my_xy is not None:
        me = MapPoint(*scale(*my_xy), my_group_id)
        my_group = next((g for g in groups if g.id == my_group_id), None)
    return OpinionMapView(
        snapshot=snapshot,
        points=points,
        groups=groups,
        consensus_agree=consensus_rows(consensus.get("agree", [])),
        consensus_disagree=consensus_rows(consensus.get("disagree", [])),
        me=me,
        my_group=my_group,
        my_votes=len(my_votes),
        view_box=f"0 0 {width} {height}",
    )


def consensus_statements(*, process) -> list[Statement]:
    """Statements broadly agreed on across groups (for drafting principles), best first."""
    snapshot = latest_snapshot(process=process)
    if snapshot is None:
        return []
    gic = {
        s["id"]: s.get("group_informed_consensus") or 0.0
        for s in snapshot.data.get("statements", [])
        if not s.get("moderated_out")
    }
    ids = [c["statement_id"] for c in snapshot.data.get("consensus", {}).get("agree", [])]
    ids += [sid for sid, _v in sorted(gic.items(), key=lambda kv: -kv[1]) if sid not in ids][:10]
    statements = process.statements.published().in_bulk(ids)
    return [statements[i] for i in ids if i in statements]


# --------------------------------------------------------------------------- vision


def versions_of(*, process):
    return process.versions.all()


def published_versions(*, process):
    """Every version residents have seen (published or adopted), newest first."""
    return process.versions.exclude(status=VisionVersion.Status.DRAFT)


def current_version(*, process) -> VisionVersion | None:
    """The version residents see: the newest published or adopted one."""
    return process.versions.exclude(status=VisionVersion.Status.DRAFT).order_by("-number").first()


def adopted_version(*, municipality) -> VisionVersion | None:
    return (
        VisionVersion.objects.filter(process__municipality=municipality, status=VisionVersion.Status.ADOPTED)
        .select_related("process")
        .order_by("-adopted_at", "-pk")
        .first()
    )


def draft_version(*, process) -> VisionVersion | None:
    return process.versions.filter(status=VisionVersion.Status.DRAFT).order_by("-number").first()


def published_version(*, process) -> VisionVersion | None:
    """The newest draft that residents can react to (the one to adopt next)."""
    return process.versions.filter(status=VisionVersion.Status.PUBLISHED).order_by("-number").first()


def principles_of(*, version):
    return (
        Principle.objects.filter(version=version)
        .select_related("version__process__municipality")
        .prefetch_related("sources__statement")
        .annotate(n_endorsements=Count("endorsements", distinct=True))
    )


def endorsed_by(*, version, user) -> set[int]:
    """The principles of this version the user endorses."""
    if not user.is_authenticated:
        return set()
    return set(version.principles.filter(endorsements__user=user).values_list("pk", flat=True))


def assessed_decisions_by_principle(*, version) -> dict[int, list[AssessmentLine]]:
    """{principle pk: its assessment lines}, each decision with its subject loaded (to name it)."""
    lines = list(
        AssessmentLine.objects.filter(principle__version=version)
        .select_related("assessment", "assessment__content_type")
        .prefetch_related("assessment__decision")
        .order_by("-assessment__created", "pk")
    )
    prefetch_decision_subjects({line.assessment.pk: line.assessment for line in lines}.values())
    result: dict[int, list[AssessmentLine]] = defaultdict(list)
    for line in lines:
        result[line.principle_id].append(line)
    return dict(result)


# --------------------------------------------------------------------------- assessments


def decision_municipality(decision):
    """The municipality a decision belongs to: its own, or its initiative's (coaching decisions)."""
    municipality = getattr(decision, "municipality", None)
    if municipality is None and getattr(decision, "initiative", None) is not None:
        municipality = decision.initiative.municipality
    return municipality


def decision_subject(decision):
    """What a decision is about, named and linked wherever its assessment shows: its initiative
    (a coaching decision titled "Status: in gesprek" means nothing without it), or itself."""
    initiative = getattr(decision, "initiative", None)
    return initiative if initiative is not None else decision


def prefetch_decision_subjects(assessments) -> None:
    """Load the subject (see decision_subject) of each assessment's decision, one query per kind
    of decision, so a page of scorecards costs the same however many there are."""
    by_model = defaultdict(list)
    for assessment in assessments:
        if assessment.decision is not None:
            by_model[type(assessment.decision)].append(assessment.decision)
    for model, decisions in by_model.items():
        if any(f.name == "initiative" for f in model._meta.get_fields()):
            prefetch_related_objects(decisions, "initiative__municipality")


def decision_get(*, municipality, content_type_id: int, object_id: int):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model = content_type.model_class()
    if model is None:
        raise Http404
    decision = model._default_manager.filter(pk=object_id).first()
    if decision is None or decision_municipality(decision) != municipality:
        raise Http404
    return decision


def scorecards_for(decisions) -> dict:
    """{decision: [Assessment, ...]} with lines and principles loaded, newest first; two queries."""
    decisions = list(decisions)
    if not decisions:
        return {}
    by_key = {(ContentType.objects.get_for_model(d).pk, d.pk): d for d in decisions}
    query = Q()
    for ct_id, pk in by_key:
        query |= Q(content_type_id=ct_id, object_id=pk)
    assessments = (
        Assessment.objects.filter(query)
        .select_related("vision_version__process", "assessed_by")
        .prefetch_related("lines__principle")
    )
    result: dict = {d: [] for d in decisions}
    for assessment in assessments:
        decision = by_key.get((assessment.content_type_id, assessment.object_id))
        if decision is not None:
            assessment.decision = decision  # the one already loaded, no query per scorecard
            result[decision].append(assessment)
    prefetch_decision_subjects([a for found in result.values() for a in found])
    return result


def assessment_for(*, decision, version) -> Assessment | None:
    return Assessment.objects.filter(
        content_type=ContentType.objects.get_for_model(decision), object_id=decision.pk, vision_version=version
    ).first()


# --------------------------------------------------------------------------- Polis export


class _Groups:
    """What write_participants_votes reads from a result: the group of each participant."""

    def __init__(self, group_of: dict):
        self.group_of = group_of


def polis_export(*, process) -> bytes:
    """A zip with comments.csv, votes.csv and participants-votes.csv (group-id = our groups).

    Public open data (as Polis's own export), so only published statements and the votes on them:
    a hidden statement or one still waiting for a moderator never leaves the server this way.
    """
    from . import polis_io  # brings NumPy (the opinion map); pages that never export need neither
    from .opinion_map import build_vote_matrix

    statements = list(process.statements.published().order_by("pk"))
    votes = list(
        Vote.objects.filter(statement__in=statements)
        .order_by("updated", "pk")
        .values_list("participant_id", "statement_id", "value", "updated")
    )
    tally: dict[int, list[int]] = {}
    for _p, sid, value, _t in votes:
        cell = tally.setdefault(sid, [0, 0])
        if value == 1:
            cell[0] += 1
        elif value == -1:
            cell[1] += 1
    polis_statements = [
        polis_io.Statement(
            id=s.pk,
            text=s.text,
            author_id=s.participant_id,
            moderated=1,
            timestamp=int(s.created.timestamp() * 1000),
            agrees=tally.get(s.pk, [0, 0])[0],
            disagrees=tally.get(s.pk, [0, 0])[1],
        )
        for s in statements
    ]
    snapshot = latest_snapshot(process=process)
    group_of = {}
    if snapshot is not None:
        group_of = {p["id"]: p["group"] for p in snapshot.data.get("participants", []) if p.get("group") is not None}
    matrix = build_vote_matrix([(p, s, v) for p, s, v, _t in votes], statement_ids=[s.pk for s in statements])
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        folder = Path(tmp)
        polis_io.write_comments(folder / polis_io.COMMENTS, polis_statements)
        polis_io.write_votes(
            folder / polis_io.VOTES,
            [polis_io.TimedVote(p, s, v, int(t.timestamp() * 1000)) for p, s, v, t in votes],
        )
        polis_io.write_participants_votes(
            folder / polis_io.PARTICIPANTS_VOTES, _Groups(group_of), matrix, polis_statements
        )
        for name in polis_io.POLIS_FILES:
            archive.write(folder / name, arcname=name)
    return buffer.getvalue()
