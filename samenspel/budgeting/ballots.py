"""Ballot validation for a participatory budgeting round (burgerbegroting).

Pure Python, no Django: the voting page and the API call these functions and
show the returned Dutch messages to the resident as they are.

Two ballot types are supported:

* approval within budget (knapsack): the resident picks any plans whose total
  cost stays within the budget of the round;
* approval with a minimum and/or maximum number of plans (``min_plans`` /
  ``max_plans``); choose-one is the special case ``min_plans = max_plans = 1``.

Both limits can be combined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

__all__ = [
    "BallotError",
    "BallotRules",
    "check_ballot",
    "format_euro",
    "validate_ballot",
]

Amount = int | Fraction | Decimal | float


def format_euro(amount: Amount) -> str:
    """Format an amount Dutch style: ``€ 12.500`` or ``€ 1.234,50``.

    Whole amounts get no decimals (how municipalities write plan costs);
    anything else is rounded half-up to cents.
    """
    if isinstance(amount, Fraction):
        value = Decimal(amount.numerator) / Decimal(amount.denominator)
    else:
        value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = cents < 0
    cents = abs(cents)
    whole = int(cents)
    fraction = int((cents - whole) * 100)
    grouped = f"{whole:,}".replace(",", ".")
    text = grouped if fraction == 0 else f"{grouped},{fraction:02d}"
    return f"€ {'-' if negative else ''}{text}"


def _plural_plans(count: int) -> str:
    return "1 plan" if count == 1 else f"{count} plannen"


class BallotError(ValueError):
    """A ballot that may not be cast; ``messages`` holds every problem in Dutch."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class BallotRules:
    """What a valid ballot looks like in one round.

    ``costs`` maps every plan id in the round to its cost. ``budget`` enables
    the knapsack check (``None``: no cost limit). ``min_plans`` and
    ``max_plans`` bound the number of chosen plans (``None``: no bound).
    """

    costs: Mapping[str, Amount]
    budget: Amount | None = None
    min_plans: int | None = None
    max_plans: int | None = None

    def __post_init__(self) -> None:
        if self.min_plans is not None and self.min_plans < 0:
            raise ValueError("min_plans must be >= 0")
        if self.max_plans is not None and self.max_plans < 0:
            raise ValueError("max_plans must be >= 0")
        if self.min_plans is not None and self.max_plans is not None and self.min_plans > self.max_plans:
            raise ValueError("min_plans must not exceed max_plans")

    @classmethod
    def choose_one(cls, costs: Mapping[str, Amount]) -> BallotRules:
        """Rules for a choose-one ballot (exactly one plan)."""
        return cls(costs=costs, min_plans=1, max_plans=1)


def check_ballot(rules: BallotRules, chosen: Iterable[str]) -> list[str]:
    """Return the Dutch problems with ``chosen`` (empty list: the ballot is valid)."""
    chosen_list = [str(plan) for plan in chosen]
    problems: list[str] = []

    seen: dict[str, None] = {}
    repeated: set[str] = set()
    for plan in chosen_list:
        if plan in seen:
            repeated.add(plan)
        seen[plan] = None
    duplicates = sorted(repeated)
    if duplicates:
        problems.append("U heeft hetzelfde plan meer dan eens gekozen: " + ", ".join(duplicates) + ".")
    unknown = sorted(plan for plan in seen if plan not in rules.costs)
    if unknown:
        problems.append("Deze plannen bestaan niet in deze ronde: " + ", ".join(unknown) + ".")

    count = len(seen)
    if rules.min_plans is not None and count < rules.min_plans:
        if rules.min_plans == rules.max_plans:
            problems.append(f"Kies precies {_plural_plans(rules.min_plans)}; u koos er {count}.")
        else:
            problems.append(f"Kies minstens {_plural_plans(rules.min_plans)}; u koos er {count}.")
    if rules.max_plans is not None and count > rules.max_plans:
        if rules.min_plans == rules.max_plans:
            problems.append(f"Kies precies {_plural_plans(rules.max_plans)}; u koos er {count}.")
        else:
            problems.append(f"Kies hoogstens {_plural_plans(rules.max_plans)}; u koos er {count}.")

    if rules.budget is not None and not unknown:
        total = sum((_exact(rules.costs[plan]) for plan in seen), Fraction(0))
        budget = _exact(rules.budget)
        if total > budget:
            problems.append(
                f"Uw keuze kost {format_euro(total)}, dat is {format_euro(total - budget)} "
                f"meer dan het budget van {format_euro(budget)}."
            )
    return problems


def validate_ballot(rules: BallotRules, chosen: Iterable[str]) -> list[str]:
    """Return the chosen plan ids (deduplicated, in order) or raise :class:`BallotError`."""
    chosen_list = [str(plan) for plan in chosen]
    problems = check_ballot(rules, chosen_list)
    if problems:
        raise BallotError(problems)
    return list(dict.fromkeys(chosen_list))


def _exact(amount: Amount) -> Fraction:
    # Fractions keep the knapsack check exact; float costs are taken at their
    # decimal spelling so 0.1 + 0.2 does not exceed a budget of 0.3.
    if isinstance(amount, float):
        return Fraction(str(amount))
    return Fraction(amount)
