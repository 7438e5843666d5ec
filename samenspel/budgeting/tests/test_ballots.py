"""Ballot validation and Dutch euro formatting."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from samenspel.budgeting.ballots import (
    BallotError,
    BallotRules,
    check_ballot,
    format_euro,
    validate_ballot,
)

COSTS = {"a": 5000, "b": 7500, "c": 2500}


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (12500, "€ 12.500"),
        (0, "€ 0"),
        (999, "€ 999"),
        (1234567, "€ 1.234.567"),
        (Fraction(2469, 2), "€ 1.234,50"),
        (Decimal("60.675"), "€ 60,68"),
        (12.5, "€ 12,50"),
        (-2500, "€ -2.500"),
    ],
)
def test_format_euro(amount, text):
    assert format_euro(amount) == text


def test_within_budget_is_valid():
    rules = BallotRules(costs=COSTS, budget=10000)
    assert check_ballot(rules, ["a", "c"]) == []
    assert validate_ballot(rules, ["a", "c"]) == ["a", "c"]
    assert check_ballot(rules, ["b", "c"]) == []  # exactly the budget


def test_over_budget_message():
    rules = BallotRules(costs=COSTS, budget=10000)
    assert check_ballot(rules, ["a", "b"]) == [
        "Uw keuze kost € 12.500, dat is € 2.500 meer dan het budget van € 10.000."
    ]
    with pytest.raises(BallotError) as info:
        validate_ballot(rules, ["a", "b"])
    assert info.value.messages == ["Uw keuze kost € 12.500, dat is € 2.500 meer dan het budget van € 10.000."]


def test_minimum_and_maximum_number_of_plans():
    rules = BallotRules(costs=COSTS, min_plans=2, max_plans=2)
    assert check_ballot(rules, ["a"]) == ["Kies precies 2 plannen; u koos er 1."]
    rules = BallotRules(costs=COSTS, min_plans=2)
    assert check_ballot(rules, []) == ["Kies minstens 2 plannen; u koos er 0."]
    rules = BallotRules(costs=COSTS, max_plans=1)
    assert check_ballot(rules, ["a", "b"]) == ["Kies hoogstens 1 plan; u koos er 2."]
    rules = BallotRules(costs=COSTS, min_plans=1, max_plans=2)
    assert check_ballot(rules, ["a", "b"]) == []


def test_choose_one():
    rules = BallotRules.choose_one(COSTS)
    assert check_ballot(rules, ["b"]) == []
    assert check_ballot(rules, ["a", "b"]) == ["Kies precies 1 plan; u koos er 2."]
    assert check_ballot(rules, []) == ["Kies precies 1 plan; u koos er 0."]


def test_combined_limits_report_every_problem():
    rules = BallotRules(costs=COSTS, budget=10000, max_plans=2)
    assert check_ballot(rules, ["a", "b", "c"]) == [
        "Kies hoogstens 2 plannen; u koos er 3.",
        "Uw keuze kost € 15.000, dat is € 5.000 meer dan het budget van € 10.000.",
    ]


def test_unknown_and_repeated_plans():
    rules = BallotRules(costs=COSTS, budget=10000)
    assert check_ballot(rules, ["a", "a", "x"]) == [
        "U heeft hetzelfde plan meer dan eens gekozen: a.",
        "Deze plannen bestaan niet in deze ronde: x.",
    ]


def test_fractional_costs_are_exact():
    rules = BallotRules(costs={"a": 0.1, "b": 0.2}, budget=0.3)
    assert check_ballot(rules, ["a", "b"]) == []


def test_inconsistent_rules_are_rejected():
    with pytest.raises(ValueError):
        BallotRules(costs=COSTS, min_plans=3, max_plans=2)
    with pytest.raises(ValueError):
        BallotRules(costs=COSTS, max_plans=-1)
