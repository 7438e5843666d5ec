"""Pabulib .pb reading, validation (Dutch messages) and writing."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from samenspel.budgeting.counting import count
from samenspel.budgeting.pabulib import (
    PabulibFormatError,
    build_pabulib,
    dumps_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)

DATA = Path(__file__).parent / "data" / "pabulib"
FILES = sorted(p.name for p in DATA.glob("*.pb"))

SMALL = """META
key;value
description;Testbuurt
budget;10000
vote_type;approval
num_projects;3
num_votes;3
PROJECTS
project_id;cost;name
1;4000;Bankjes
2;5000;"Speeltuin; met schommel"
3;7000;Moestuin
VOTES
voter_id;vote
a;1,2
b;3
c;
"""


@pytest.mark.parametrize("name", FILES)
def test_reads_every_sample_file(name):
    data = read_pabulib(DATA / name)
    assert len(data.projects) == int(data.meta["num_projects"])
    assert len(data.votes) == int(data.meta["num_votes"])
    election = data.to_election()
    assert len(election.ballots) == len(data.votes)


def test_sample_sizes_and_types():
    big = read_pabulib(DATA / "Netherlands_Amsterdam_252.pb")
    assert (len(big.votes), len(big.projects), big.budget) == (8520, 85, 500000)
    choose_one = read_pabulib(DATA / "Netherlands_Amsterdam_643.pb")
    assert choose_one.vote_type == "choose-1"
    assert all(len(b) == 1 for b in choose_one.ballots())


def test_parses_quoted_fields_and_empty_votes():
    data = parse_pabulib(SMALL)
    assert data.projects[1]["name"] == "Speeltuin; met schommel"
    assert data.ballots() == [("1", "2"), ("3",), ()]
    assert data.budget == 10000


def _broken(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _broken("b;3", "b;99"),
            "Regel 16: de stem van kiezer b noemt project 99, dat niet bestaat.",
        ),
        (_broken("b;3", "a;3"), "Regel 16: kiezer a komt al voor op regel 15."),
        (_broken("a;1,2", "a;1,1"), "Regel 15: de stem van kiezer a noemt project 1 twee keer."),
        (
            _broken("3;7000;Moestuin", "3;zeven;Moestuin"),
            "Regel 12: project 3 heeft geen geldige kosten ('zeven').",
        ),
        (
            _broken("3;7000;Moestuin", "1;7000;Moestuin"),
            "Regel 12: project 1 komt al voor op regel 10.",
        ),
        (
            _broken("3;7000;Moestuin", "3;7000"),
            "Regel 12: verwacht 3 velden gescheiden door ';' (zoals de kopregel van PROJECTS), maar vond er 2.",
        ),
        (
            _broken("VOTES\nvoter_id;vote\na;1,2\nb;3\nc;\n", ""),
            "Het bestand mist de sectie VOTES.",
        ),
        (_broken("budget;10000\n", ""), "Regel 1: META mist de verplichte sleutel 'budget'."),
        (
            _broken("budget;10000", "budget;veel"),
            "Regel 1: het budget 'veel' is geen geldig bedrag.",
        ),
        (
            _broken("num_votes;3", "num_votes;4"),
            "Regel 13: META noemt 4 stemmen (num_votes), maar de sectie VOTES bevat er 3.",
        ),
        (
            _broken("vote_type;approval", "vote_type;choose-1"),
            "Regel 15: bij deze stemming (choose-1) kiest elke kiezer één project, maar kiezer a noemt er 2.",
        ),
        (
            _broken("vote_type;approval", "vote_type;stemwijzer"),
            "Regel 1: onbekend stemtype 'stemwijzer'",
        ),
        (
            _broken("project_id;cost;name", "id;cost;name"),
            "Regel 9: de kopregel van PROJECTS mist de kolom 'project_id'.",
        ),
        ("PROJECTS\nproject_id;cost\n", "Regel 1: de sectie PROJECTS staat op de verkeerde plaats"),
        ("hallo\n", "Regel 1: het bestand moet beginnen met de sectie META."),
        (_broken("b;3", 'b;"3'), "Regel 16: ongeldige aanhalingstekens"),
    ],
)
def test_malformed_files_raise_dutch_messages(text, message):
    with pytest.raises(PabulibFormatError) as info:
        parse_pabulib(text)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, ValueError)


def test_unsupported_vote_type_cannot_be_counted():
    text = _broken("vote_type;approval", "vote_type;ordinal")
    data = parse_pabulib(text)
    with pytest.raises(PabulibFormatError, match="kan niet worden geteld"):
        data.to_election()


@pytest.mark.parametrize("name", FILES)
def test_round_trip_of_sample_files(name, tmp_path):
    data = read_pabulib(DATA / name)
    target = tmp_path / name
    write_pabulib(data, target)
    again = read_pabulib(target)
    assert again == data
    assert count(again.to_election(), "greedy").funded == count(data.to_election(), "greedy").funded


def test_export_of_a_round_is_anonymous_and_round_trips():
    meta = {"description": "Burgerbegroting Testwijk", "country": "Netherlands", "budget": 10000}
    projects = [
        {"project_id": "1", "cost": 4000, "name": "Bankjes\nin het park"},
        {"project_id": "2", "cost": 5000, "name": "Speeltuin; met schommel", "category": "Spelen"},
        {"project_id": "3", "cost": 7000, "name": 'Moestuin "De Kas"'},
    ]
    ballots = [["1", "2"], ["3"], ["2"], []]
    data = build_pabulib(meta, projects, ballots)
    text = dumps_pabulib(data)
    again = parse_pabulib(text)
    assert again == data
    assert again.meta["num_votes"] == "4" and again.meta["num_projects"] == "3"
    assert again.meta["vote_type"] == "approval"
    assert [v["voter_id"] for v in again.votes] == ["1", "2", "3", "4"]
    assert sorted(again.ballots()) == sorted(tuple(b) for b in ballots)
    assert again.projects[0]["name"] == "Bankjes in het park"
    assert again.projects[1]["name"] == "Speeltuin; met schommel"
    assert again.projects[2]["name"] == 'Moestuin "De Kas"'
    assert again.projects[0]["category"] == ""


def test_export_without_shuffle_keeps_order():
    data = build_pabulib(
        {"budget": 100},
        [{"project_id": "a", "cost": 10}],
        [["a"], []],
        shuffle=False,
        vote_type="choose-1",
    )
    assert data.ballots() == [("a",), ()]
    assert parse_pabulib(dumps_pabulib(data)).vote_type == "choose-1"


def test_export_rejects_votes_for_unknown_projects():
    with pytest.raises(PabulibFormatError, match="dat niet bestaat"):
        build_pabulib({"budget": 100}, [{"project_id": "a", "cost": 10}], [["b"]])


def test_export_writes_fractional_costs_exactly():
    data = build_pabulib(
        {"budget": Fraction(100001, 10)},
        [{"project_id": "a", "cost": Fraction(2469, 2)}, {"project_id": "b", "cost": 7}],
        [["a", "b"]],
    )
    again = parse_pabulib(dumps_pabulib(data))
    assert again.meta["budget"] == "10000.1"
    assert again.projects[0]["cost"] == "1234.5"
    election = again.to_election()
    assert election.budget == Fraction(100001, 10)
    assert election.projects[0].cost == Fraction(2469, 2)
