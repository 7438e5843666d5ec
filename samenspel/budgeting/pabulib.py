"""Read and write the Pabulib ``.pb`` format (pabulib.org/format).

A ``.pb`` file has three sections, in this order, each starting with its
name on a line of its own followed by a header line; fields are separated by
semicolons::

    META
    key;value
    budget;100000
    vote_type;approval
    ...
    PROJECTS
    project_id;cost;name
    1;7200;PopUp Podium
    ...
    VOTES
    voter_id;vote
    v1;1,3

Pure Python, no Django. Malformed input raises :class:`PabulibFormatError`
(a ``ValueError``) with a Dutch message naming the line, meant to be shown
to the civil servant who uploaded the file.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike
from typing import IO, Any

from samenspel.budgeting.counting import Election, Project, Rule, count

__all__ = [
    "APPROVAL_TYPES",
    "PabulibData",
    "PabulibFormatError",
    "build_pabulib",
    "count_file",
    "dumps_pabulib",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]

#: Vote types that can be counted (choose-1 is approval of exactly one plan).
APPROVAL_TYPES = ("approval", "choose-1")
_KNOWN_TYPES = (*APPROVAL_TYPES, "ordinal", "cumulative", "scoring")
_SECTIONS = ("meta", "projects", "votes")
_SECTION_NL = {"meta": "META", "projects": "PROJECTS", "votes": "VOTES"}


class PabulibFormatError(ValueError):
    """A malformed ``.pb`` file; the message is Dutch and names the line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.detail = message
        super().__init__(f"Regel {line}: {message}" if line is not None else message)


@dataclass
class PabulibData:
    """The content of a ``.pb`` file, as text, in file order.

    ``projects`` and ``votes`` are rows keyed by the column names of their
    section header. Use :meth:`to_election` to count.
    """

    meta: dict[str, str]
    project_columns: list[str]
    projects: list[dict[str, str]]
    vote_columns: list[str]
    votes: list[dict[str, str]]
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")

    @property
    def budget(self) -> int | Fraction:
        return _plain(_number(self.meta["budget"]))

    def ballots(self) -> list[tuple[str, ...]]:
        """The plan ids named by every vote, in file order."""
        return [_split_list(v.get("vote", "")) for v in self.votes]

    def to_election(self) -> Election:
        """The round as an :class:`~samenspel.budgeting.counting.Election` to count."""
        if self.vote_type not in APPROVAL_TYPES:
            raise PabulibFormatError(
                f"Stemtype '{self.vote_type}' kan niet worden geteld; alleen 'approval' en "
                "'choose-1' worden ondersteund."
            )
        projects = [
            Project(id=p["project_id"], cost=_plain(_number(p["cost"])), name=p.get("name", "")) for p in self.projects
        ]
        return Election(budget=self.budget, projects=projects, ballots=self.ballots())


# --------------------------------------------------------------------------
# Reading


def read_pabulib(path: str | PathLike[str]) -> PabulibData:
    """Read and validate a ``.pb`` file."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_pabulib(handle.read())


def parse_pabulib(text: str) -> PabulibData:
    """Parse and validate the text of a ``.pb`` file."""
    text = text.removeprefix("\ufeff")
    meta: dict[str, str] = {}
    sections: dict[str, tuple[list[str], list[tuple[int, list[str]]]]] = {}
    lines: dict[str, int] = {}
    section: str | None = None
    expect_header = False
    # Pabulib rows never span lines, so the reader's line count is the line
    # number an editor shows.
    reader = csv.reader(text.splitlines(), delimiter=";", strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise PabulibFormatError(f"ongeldige aanhalingstekens ({error}).", start) from None
        number = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        head = row[0].strip().lower()
        if len(row) == 1 and head in _SECTIONS:
            wanted = _SECTIONS[len(sections)] if len(sections) < 3 else None
            if head != wanted:
                if head in sections:
                    raise PabulibFormatError(f"de sectie {_SECTION_NL[head]} komt twee keer voor.", number)
                raise PabulibFormatError(
                    f"de sectie {_SECTION_NL[head]} staat op de verkeerde plaats; de volgorde "
                    "is META, PROJECTS, VOTES.",
                    number,
                )
            section = head
            sections[section] = ([], [])
            lines[section] = number
            expect_header = True
            continue
        if section is None:
            raise PabulibFormatError("het bestand moet beginnen met de sectie META.", number)
        if expect_header:
            header = [h.strip() for h in row]
            _check_header(section, header, number)
            sections[section] = (header, [])
            expect_header = False
            continue
        header, rows = sections[section]
        if len(row) != len(header):
            if section == "meta" and len(row) > 2:
                # An unquoted ';' inside a meta value: keep the rest as the value.
                row = [row[0], ";".join(row[1:])]
            else:
                raise PabulibFormatError(
                    f"verwacht {len(header)} velden gescheiden door ';' (zoals de kopregel "
                    f"van {_SECTION_NL[section]}), maar vond er {len(row)}.",
                    number,
                )
        rows.append((number, [value.strip() for value in row]))

    for name in _SECTIONS:
        if name not in sections:
            raise PabulibFormatError(f"Het bestand mist de sectie {_SECTION_NL[name]}.")
        if not sections[name][0]:
            raise PabulibFormatError(f"de sectie {_SECTION_NL[name]} heeft geen kopregel.", lines[name])

    for number, (key, value) in sections["meta"][1]:
        if key in meta:
            raise PabulibFormatError(f"de META-sleutel '{key}' komt twee keer voor.", number)
        meta[key] = value
    _check_meta(meta, lines["meta"])

    project_columns, project_rows = sections["projects"]
    projects: list[dict[str, str]] = []
    known: dict[str, int] = {}
    for number, row in project_rows:
        record = dict(zip(project_columns, row, strict=True))
        pid = record["project_id"]
        if not pid:
            raise PabulibFormatError("een project zonder project_id.", number)
        if pid in known:
            raise PabulibFormatError(f"project {pid} komt al voor op regel {known[pid]}.", number)
        cost = _number_or_none(record["cost"])
        if cost is None or cost < 0:
            raise PabulibFormatError(f"project {pid} heeft geen geldige kosten ('{record['cost']}').", number)
        known[pid] = number
        projects.append(record)

    vote_columns, vote_rows = sections["votes"]
    vote_type = meta["vote_type"]
    votes: list[dict[str, str]] = []
    voters: dict[str, int] = {}
    for number, row in vote_rows:
        record = dict(zip(vote_columns, row, strict=True))
        voter = record["voter_id"]
        if not voter:
            raise PabulibFormatError("een stem zonder voter_id.", number)
        if voter in voters:
            raise PabulibFormatError(f"kiezer {voter} komt al voor op regel {voters[voter]}.", number)
        voters[voter] = number
        chosen = _split_list(record["vote"])
        seen: set[str] = set()
        for pid in chosen:
            if pid not in known:
                raise PabulibFormatError(f"de stem van kiezer {voter} noemt project {pid}, dat niet bestaat.", number)
            if pid in seen:
                raise PabulibFormatError(f"de stem van kiezer {voter} noemt project {pid} twee keer.", number)
            seen.add(pid)
        if vote_type == "choose-1" and len(chosen) > 1:
            raise PabulibFormatError(
                f"bij deze stemming (choose-1) kiest elke kiezer één project, maar kiezer "
                f"{voter} noemt er {len(chosen)}.",
                number,
            )
        if vote_type in ("cumulative", "scoring"):
            points = _split_list(record.get("points", ""))
            if len(points) != len(chosen) or any(_number_or_none(p) is None for p in points):
                raise PabulibFormatError(f"de punten van kiezer {voter} passen niet bij de gekozen projecten.", number)
        votes.append(record)

    _check_counts(meta, len(projects), len(votes), lines)
    return PabulibData(
        meta=meta,
        project_columns=project_columns,
        projects=projects,
        vote_columns=vote_columns,
        votes=votes,
        lines=lines,
    )


def _check_header(section: str, header: list[str], number: int) -> None:
    if section == "meta":
        if [h.lower() for h in header[:2]] != ["key", "value"] or len(header) != 2:
            raise PabulibFormatError("de kopregel van META moet 'key;value' zijn.", number)
        return
    required = ("project_id", "cost") if section == "projects" else ("voter_id", "vote")
    for column in required:
        if column not in header:
            raise PabulibFormatError(f"de kopregel van {_SECTION_NL[section]} mist de kolom '{column}'.", number)
    if len(set(header)) != len(header):
        raise PabulibFormatError(f"de kopregel van {_SECTION_NL[section]} noemt een kolom twee keer.", number)


def _check_meta(meta: dict[str, str], line: int) -> None:
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise PabulibFormatError(f"META mist de verplichte sleutel '{key}'.", line)
    budget = _number_or_none(meta["budget"])
    if budget is None or budget < 0:
        raise PabulibFormatError(f"het budget '{meta['budget']}' is geen geldig bedrag.", line)
    if meta["vote_type"] not in _KNOWN_TYPES:
        raise PabulibFormatError(
            f"onbekend stemtype '{meta['vote_type']}' (verwacht: {', '.join(_KNOWN_TYPES)}).",
            line,
        )


def _check_counts(meta: dict[str, str], projects: int, votes: int, lines: dict[str, int]) -> None:
    for key, actual, section, noun in (
        ("num_projects", projects, "projects", "projecten"),
        ("num_votes", votes, "votes", "stemmen"),
    ):
        if key not in meta:
            continue
        if not (meta[key].isascii() and meta[key].isdigit()):  # int('²') raises
            raise PabulibFormatError(f"{key} '{meta[key]}' is geen geheel getal.", lines["meta"])
        if int(meta[key]) != actual:
            raise PabulibFormatError(
                f"META noemt {meta[key]} {noun} ({key}), maar de sectie {_SECTION_NL[section]} bevat er {actual}.",
                lines[section],
            )


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _number_or_none(text: str) -> Fraction | None:
    # Some Pabulib files (Polish ones) use a decimal comma.
    try:
        return Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return None


def _number(text: str) -> Fraction:
    value = _number_or_none(text)
    if value is None:
        raise PabulibFormatError(f"'{text}' is geen geldig bedrag.")
    return value


def _plain(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value


# --------------------------------------------------------------------------
# Writing


def build_pabulib(
    meta: Mapping[str, Any],
    projects: Sequence[Mapping[str, Any]],
    ballots: Sequence[Iterable[str]],
    *,
    vote_type: str = "approval",
    shuffle: bool = True,
) -> PabulibData:
    """Assemble an export of a round.

    ``meta`` must hold at least ``budget``; ``num_projects``, ``num_votes``
    and ``vote_type`` are filled in. Every project mapping must hold
    ``project_id`` and ``cost``; its keys become the PROJECTS columns (in
    first-seen order). Ballots are anonymised: they get voter ids 1..n and,
    with ``shuffle``, a random order so the file does not reveal the order
    in which people voted.
    """
    if "budget" not in meta:
        raise ValueError("meta must contain 'budget'")
    rows = list(ballots)
    if shuffle:
        random.SystemRandom().shuffle(rows)
    full_meta = {str(k): _text(v) for k, v in meta.items()}
    full_meta["num_projects"] = str(len(projects))
    full_meta["num_votes"] = str(len(rows))
    full_meta["vote_type"] = vote_type
    columns: list[str] = ["project_id", "cost"]
    for project in projects:
        for key in project:
            if str(key) not in columns:
                columns.append(str(key))
    project_rows = [{column: _text(project.get(column, "")) for column in columns} for project in projects]
    votes = [
        {"voter_id": str(number), "vote": ",".join(str(p) for p in ballot)}
        for number, ballot in enumerate(rows, start=1)
    ]
    data = PabulibData(
        meta=full_meta,
        project_columns=columns,
        projects=project_rows,
        vote_columns=["voter_id", "vote"],
        votes=votes,
    )
    # Validate now, so a broken export fails here and not at the recipient's.
    parse_pabulib(dumps_pabulib(data))
    return data


def dumps_pabulib(data: PabulibData) -> str:
    """The ``.pb`` text of ``data`` (UTF-8 text, ``\\n`` line ends)."""
    buffer = io.StringIO()
    write_pabulib(data, buffer)
    return buffer.getvalue()


def write_pabulib(data: PabulibData, target: str | PathLike[str] | IO[str]) -> None:
    """Write ``data`` as a ``.pb`` file to a path or an open text file."""
    if isinstance(target, (str, PathLike)):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write(data, handle)
    else:
        _write(data, target)


def _write(data: PabulibData, handle: IO[str]) -> None:
    writer = csv.writer(handle, delimiter=";", lineterminator="\n")
    handle.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in data.meta.items():
        writer.writerow([_one_line(key), _one_line(value)])
    handle.write("PROJECTS\n")
    writer.writerow(data.project_columns)
    for row in data.projects:
        writer.writerow([_one_line(row.get(c, "")) for c in data.project_columns])
    handle.write("VOTES\n")
    writer.writerow(data.vote_columns)
    for row in data.votes:
        writer.writerow([_one_line(row.get(c, "")) for c in data.vote_columns])


def _one_line(value: str) -> str:
    # The format is line based: a newline inside a field would split a record.
    return " ".join(str(value).split()) if ("\n" in value or "\r" in value) else value


def _text(value: Any) -> str:
    if isinstance(value, Fraction):
        text = _fraction_text(value)
    elif isinstance(value, (set, frozenset, list, tuple)):
        text = ",".join(str(v) for v in value)
    else:
        text = str(value)
    return _one_line(text).strip()


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        # Not a finite decimal (e.g. 1/3): the format has no exact spelling.
        return repr(float(value))
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    scaled = abs(value.numerator * 10**digits // value.denominator)
    whole, frac = divmod(scaled, 10**digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{frac:0{digits}d}"


def count_file(path: str | PathLike[str], rule: Rule | str) -> list[str]:
    """Parse a Pabulib ``.pb`` file and return the funded plan ids under ``rule``, in funding order.

    Raises :class:`PabulibFormatError` for a malformed file. It lives here, not in
    counting.py, so the counting rules know nothing of the file format.
    """
    return list(count(read_pabulib(path).to_election(), rule).funded)
