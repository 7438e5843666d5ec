"""Read and write the Polis open-data export format (pure Python, ``csv`` module).

A Polis export folder holds ``comments.csv``, ``participants-votes.csv``,
``votes.csv`` and ``summary.csv``. Ids are integers; votes are 1 (agree),
-1 (disagree), 0 (pass).

Public API
----------
``PolisFormatError(ValueError)``
    Raised for missing or malformed files; the message is Dutch and meant for
    municipality staff.
``Statement`` / ``TimedVote`` / ``Conversation``
    Dataclasses for the parsed data.
``read_comments(path) -> list[Statement]``
``read_votes(path) -> list[TimedVote]``  (time order, every vote)
``read_participants_votes(path) -> list[ParticipantRow]``
``read_conversation(folder) -> Conversation``
    Statements plus the latest vote per (participant, statement), taken from
    ``votes.csv`` when present, otherwise from ``participants-votes.csv``.
``read_reference_groups(folder) -> dict[int, int]``
    Polis's own ``group-id`` per participant (participants without one left out).
``write_comments(path, statements)`` / ``write_votes(path, votes)``
``write_participants_votes(path, result, votes, statements=())``
    ``participants-votes.csv`` with *our* group ids from an ``OpinionMapResult``.
``counted_participants(folder) -> list[int] | None``
    The participants Polis grouped (they are the ones it counted), or None.
``compute_folder(folder, seed=0) -> (OpinionMapResult, VoteMatrix, Conversation)``
    The map as the product computes it for an import: a replay of the timed
    ``votes.csv`` (Polis's path), else one run; both count whom Polis grouped.
``run_folder(folder, out_path, seed=0) -> OpinionMapResult``
    ``compute_folder`` and write participants-votes.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .opinion_map import (
    OpinionMapResult,
    Vote,
    VoteMatrix,
    build_vote_matrix,
    compute_opinion_map,
    replay_opinion_map,
)

__all__ = [
    "Conversation",
    "ParticipantRow",
    "PolisFormatError",
    "Statement",
    "TimedVote",
    "compute_folder",
    "counted_participants",
    "read_comments",
    "read_conversation",
    "read_participants_votes",
    "read_reference_groups",
    "read_votes",
    "run_folder",
    "write_comments",
    "write_participants_votes",
    "write_votes",
]

COMMENTS = "comments.csv"
VOTES = "votes.csv"
PARTICIPANTS_VOTES = "participants-votes.csv"
# The files a Polis conversation is exchanged in (import accepts them loose or in one zip).
POLIS_FILES = (COMMENTS, VOTES, PARTICIPANTS_VOTES)
PV_FIXED = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


class PolisFormatError(ValueError):
    """A Polis export file is missing or malformed (Dutch message for staff)."""


@dataclass
class Statement:
    id: int
    text: str
    author_id: int | None = None
    moderated: int = 0  # 1 accepted, 0 not yet moderated, -1 hidden
    timestamp: int | None = None
    agrees: int | None = None
    disagrees: int | None = None


@dataclass(frozen=True)
class TimedVote:
    participant_id: int
    statement_id: int
    value: int
    timestamp: int | None = None


@dataclass
class ParticipantRow:
    participant_id: int
    group_id: int | None
    votes: dict[int, int]


@dataclass
class Conversation:
    statements: list[Statement]
    votes: list[Vote]  # latest vote per pair, in time order
    source: str  # file the votes came from
    participant_ids: list[int] = field(default_factory=list)
    # When the latest vote on a (participant, statement) pair was cast (ms), from votes.csv.
    vote_times: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def moderated_out(self) -> list[int]:
        return [s.id for s in self.statements if s.moderated == -1]

    def vote_matrix(self) -> VoteMatrix:
        statement_ids = sorted({s.id for s in self.statements} | {v[1] for v in self.votes})
        return build_vote_matrix(self.votes, self.participant_ids or None, statement_ids)


# --------------------------------------------------------------------------- reading


def _open_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    name = path.name
    if not path.is_file():
        raise PolisFormatError(f"Het bestand {name} ontbreekt in de map {path.parent}.")
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            rows = [(reader.line_num, row) for row in reader]
    except UnicodeDecodeError as exc:
        raise PolisFormatError(f"Het bestand {name} is geen geldige UTF-8-tekst.") from exc
    except csv.Error as exc:
        raise PolisFormatError(f"Het bestand {name} is geen geldig CSV-bestand ({exc}).") from exc
    if not rows:
        raise PolisFormatError(f"Het bestand {name} is leeg.")
    header = [h.strip() for h in rows[0][1]]
    body = []
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise PolisFormatError(
                f"Regel {line} van {name} heeft {len(row)} waarden, maar de kopregel heeft er {len(header)}."
            )
        body.append((line, row))
    return header, body


def _require(name: str, header: Sequence[str], columns: Iterable[str]) -> dict[str, int]:
    index = {}
    for col in columns:
        if col not in header:
            raise PolisFormatError(f"Het bestand {name} mist de kolom '{col}'.")
        index[col] = header.index(col)
    return index


def _int(name: str, line: int, column: str, value: str, *, optional: bool = False) -> int | None:
    value = value.strip()
    if value == "" and optional:
        return None
    try:
        return int(value)
    except ValueError:
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is not None and number.is_integer():
            return int(number)
        raise PolisFormatError(
            f"Regel {line} van {name}: de waarde '{value}' in kolom '{column}' is geen geheel getal."
        ) from None


def _vote(name: str, line: int, value: str) -> int:
    try:
        number = float(value.strip())
    except ValueError:
        number = None
    if number not in (1.0, -1.0, 0.0):
        raise PolisFormatError(
            f"Regel {line} van {name}: de stem '{value.strip()}' is ongeldig; "
            "verwacht 1 (eens), -1 (oneens) of 0 (overslaan)."
        )
    return int(number)  # type: ignore[arg-type]


def read_comments(path: str | Path) -> list[Statement]:
    """Read ``comments.csv`` (columns comment-id, comment-body; others optional)."""
    path = Path(path)
    header, body = _open_rows(path)
    idx = _require(path.name, header, ("comment-id", "comment-body"))
    opt = {c: header.index(c) for c in ("author-id", "moderated", "timestamp", "agrees", "disagrees") if c in header}
    statements, seen = [], set()
    for line, row in body:
        sid = _int(path.name, line, "comment-id", row[idx["comment-id"]])
        if sid in seen:
            raise PolisFormatError(f"Regel {line} van {path.name}: stelling {sid} komt dubbel voor.")
        seen.add(sid)

        def get(col: str, line: int = line, row: list[str] = row) -> int | None:
            return _int(path.name, line, col, row[opt[col]], optional=True) if col in opt else None

        moderated = get("moderated")
        if moderated not in (None, -1, 0, 1):
            raise PolisFormatError(f"Regel {line} van {path.name}: 'moderated' moet -1, 0 of 1 zijn.")
        statements.append(
            Statement(
                id=sid,  # type: ignore[arg-type]
                text=row[idx["comment-body"]],
                author_id=get("author-id"),
                moderated=moderated or 0,
                timestamp=get("timestamp"),
                agrees=get("agrees"),
                disagrees=get("disagrees"),
            )
        )
    return statements


def read_votes(path: str | Path) -> list[TimedVote]:
    """Read ``votes.csv``: every vote, sorted by timestamp (stable for ties)."""
    path = Path(path)
    header, body = _open_rows(path)
    idx = _require(path.name, header, ("comment-id", "voter-id", "vote"))
    t_idx = header.index("timestamp") if "timestamp" in header else None
    votes = []
    for line, row in body:
        votes.append(
            TimedVote(
                participant_id=_int(path.name, line, "voter-id", row[idx["voter-id"]]),  # type: ignore[arg-type]
                statement_id=_int(path.name, line, "comment-id", row[idx["comment-id"]]),  # type: ignore[arg-type]
                value=_vote(path.name, line, row[idx["vote"]]),
                timestamp=(
                    _int(path.name, line, "timestamp", row[t_idx], optional=True) if t_idx is not None else None
                ),
            )
        )
    if all(v.timestamp is not None for v in votes):
        votes.sort(key=lambda v: v.timestamp)  # type: ignore[arg-type, return-value]
    return votes


def read_participants_votes(path: str | Path) -> list[ParticipantRow]:
    """Read ``participants-votes.csv`` (one row per participant, one column per statement)."""
    path = Path(path)
    header, body = _open_rows(path)
    _require(path.name, header, ("participant", "group-id"))
    statement_cols = []
    for pos, col in enumerate(header):
        if col in PV_FIXED or col == "xid":
            continue
        sid = _int(path.name, 1, "kopregel", col)
        statement_cols.append((pos, sid))
    p_idx, g_idx = header.index("participant"), header.index("group-id")
    result, seen = [], set()
    for line, row in body:
        pid = _int(path.name, line, "participant", row[p_idx])
        if pid in seen:
            raise PolisFormatError(f"Regel {line} van {path.name}: deelnemer {pid} komt dubbel voor.")
        seen.add(pid)
        votes = {sid: _vote(path.name, line, row[pos]) for pos, sid in statement_cols if row[pos].strip()}
        group = _int(path.name, line, "group-id", row[g_idx], optional=True)
        result.append(ParticipantRow(pid, group, votes))  # type: ignore[arg-type]
    return result


def read_conversation(folder: str | Path) -> Conversation:
    """Statements and latest votes of an export folder (votes.csv preferred)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolisFormatError(f"De map {folder} bestaat niet.")
    statements = read_comments(folder / COMMENTS)
    if (folder / VOTES).is_file():
        timed = read_votes(folder / VOTES)
        latest: dict[tuple[int, int], int] = {}
        for v in timed:
            # Re-inserting moves the pair to the end, so the order stays "by latest vote".
            latest.pop((v.participant_id, v.statement_id), None)
            latest[(v.participant_id, v.statement_id)] = v.value
        votes: list[Vote] = [(p, s, val) for (p, s), val in latest.items()]
        vote_times = {(v.participant_id, v.statement_id): v.timestamp for v in timed if v.timestamp is not None}
        source = VOTES
        # Polis adds rows in order of a participant's first vote.
        participant_ids = list(dict.fromkeys(v.participant_id for v in timed))
    elif (folder / PARTICIPANTS_VOTES).is_file():
        rows = read_participants_votes(folder / PARTICIPANTS_VOTES)
        votes = [(r.participant_id, s, v) for r in rows for s, v in r.votes.items()]
        participant_ids = [r.participant_id for r in rows if r.votes]
        vote_times = {}
        source = PARTICIPANTS_VOTES
    else:
        raise PolisFormatError(f"In de map {folder} staat geen {VOTES} of {PARTICIPANTS_VOTES}.")
    known = {s.id for s in statements}
    unknown = sorted({s for _, s, _ in votes} - known)
    if unknown:
        raise PolisFormatError(
            f"{source} bevat stemmen op stellingen die niet in {COMMENTS} staan: "
            + ", ".join(str(s) for s in unknown[:10])
            + "."
        )
    return Conversation(statements, votes, source, participant_ids, vote_times)


def read_reference_groups(folder: str | Path) -> dict[int, int]:
    """Polis's own group per participant, from ``participants-votes.csv``."""
    rows = read_participants_votes(Path(folder) / PARTICIPANTS_VOTES)
    return {r.participant_id: r.group_id for r in rows if r.group_id is not None}


# --------------------------------------------------------------------------- writing


def _fmt_time(ms: int | None) -> str:
    if ms is None:
        return ""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def write_comments(path: str | Path, statements: Iterable[Statement]) -> None:
    """Write ``comments.csv`` in the Polis column layout."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "timestamp",
                "datetime",
                "comment-id",
                "author-id",
                "agrees",
                "disagrees",
                "moderated",
                "comment-body",
            ]
        )
        for s in statements:
            w.writerow(
                [
                    "" if s.timestamp is None else s.timestamp,
                    _fmt_time(s.timestamp),
                    s.id,
                    "" if s.author_id is None else s.author_id,
                    "" if s.agrees is None else s.agrees,
                    "" if s.disagrees is None else s.disagrees,
                    s.moderated,
                    s.text,
                ]
            )


def write_votes(path: str | Path, votes: Iterable[TimedVote | Vote]) -> None:
    """Write ``votes.csv``; plain ``(participant, statement, value)`` tuples get no time."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for v in votes:
            if not isinstance(v, TimedVote):
                v = TimedVote(int(v[0]), int(v[1]), int(v[2]))
            ts = "" if v.timestamp is None else v.timestamp
            w.writerow([ts, _fmt_time(v.timestamp), v.statement_id, v.participant_id, v.value])


def write_participants_votes(
    path: str | Path,
    result: OpinionMapResult,
    votes: VoteMatrix | Iterable[Vote],
    statements: Iterable[Statement] = (),
) -> None:
    """Write ``participants-votes.csv`` with the group ids of ``result``.

    Participants not counted in the groups get an empty group-id, as in Polis.
    ``statements`` (optional) supplies authorship for n-comments and extra columns.
    """
    matrix = votes if isinstance(votes, VoteMatrix) else build_vote_matrix(votes)
    statements = list(statements)
    authored: dict[int, int] = {}
    for s in statements:
        if s.author_id is not None:
            authored[s.author_id] = authored.get(s.author_id, 0) + 1
    statement_ids = list(matrix.statement_ids)
    for s in sorted(statements, key=lambda s: s.id):
        if s.id not in statement_ids:
            statement_ids.append(s.id)
    col_of = {sid: j for j, sid in enumerate(matrix.statement_ids)}
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*PV_FIXED, *statement_ids])
        for i, pid in enumerate(matrix.participant_ids):
            row = matrix.values[i]
            cells = []
            for sid in statement_ids:
                j = col_of.get(sid)
                value = row[j] if j is not None else float("nan")
                cells.append("" if value != value else str(int(value)))
            n_votes = sum(1 for c in cells if c != "")
            group = result.group_of.get(pid)
            w.writerow(
                [
                    pid,
                    "" if group is None else group,
                    authored.get(pid, 0),
                    n_votes,
                    cells.count("1"),
                    cells.count("-1"),
                    *cells,
                ]
            )


def counted_participants(folder: str | Path) -> list[int] | None:
    """Who Polis counted: the participants it grouped; None when nobody has a group-id.

    The final ``group-id`` column is the record of who was "in the conversation", with or
    without ``votes.csv``: the rule Polis used changed over the years (the 2015
    football-concussions export groups 839 participants with fewer than 7 votes, many with
    one, where today's rule asks for 7), so the record beats re-deriving it by today's rule.
    A replay counts each of them from their first vote on.
    """
    folder = Path(folder)
    if not (folder / PARTICIPANTS_VOTES).is_file():
        return None
    grouped = list(read_reference_groups(folder))
    return grouped or None


def compute_folder(folder: str | Path, seed: int = 0, **options) -> tuple[OpinionMapResult, VoteMatrix, Conversation]:
    """The opinion map of an export folder, as the product computes it for an import.

    With a timed ``votes.csv`` the conversation's history is replayed (Polis's path of
    warm-started recomputes); otherwise one deterministic run. Both count the participants
    Polis grouped (:func:`counted_participants`) when the export says whom.
    """
    folder = Path(folder)
    conversation = read_conversation(folder)
    matrix = conversation.vote_matrix()
    timed = read_votes(folder / VOTES) if (folder / VOTES).is_file() else []
    if timed and all(v.timestamp is not None for v in timed):
        result, _ = replay_opinion_map(
            [(v.timestamp, v.participant_id, v.statement_id, v.value) for v in timed],
            statement_ids=matrix.statement_ids,
            seed=seed,
            moderated_out=conversation.moderated_out,
            counted=counted_participants(folder),
            **options,
        )
    else:
        result = compute_opinion_map(
            matrix,
            seed=seed,
            moderated_out=conversation.moderated_out,
            counted=counted_participants(folder),
            **options,
        )
    return result, matrix, conversation


def run_folder(folder: str | Path, out_path: str | Path, seed: int = 0) -> OpinionMapResult:
    """Compute the opinion map for a Polis export folder and write participants-votes.csv."""
    result, matrix, conversation = compute_folder(folder, seed=seed)
    write_participants_votes(out_path, result, matrix, conversation.statements)
    return result
