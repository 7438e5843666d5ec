"""Counting rules for participatory budgeting (burgerbegroting).

Pure Python + NumPy, no Django. Three rules, identical in outcome to the
reference implementation ``pabutools`` (checked by the tests on real
Pabulib elections):

``greedy``
    Most votes first: plans are taken in order of their number of votes and
    funded while they still fit in the remaining budget; a plan that does not
    fit is skipped and the next one is tried. Equal votes: the plan whose id
    comes first *as text* wins ("11" before "2"), which is pabutools'
    lexicographic tie-breaking. As in pabutools (``greedy_utilitarian_welfare``
    with cost satisfaction), plans without votes are funded last if money is
    left, and plans that cost nothing count as having no votes.

``mes``
    The Method of Equal Shares with cost utilities and the add-one completion
    (Pabulib ``equalshares/add1``, as used in Assen 2024). Every voter gets an
    equal share ``budget / number of voters``. Repeatedly, among the plans
    whose supporters can still pay for them together, the plan is funded that
    needs the lowest maximum payment per euro of cost (``rho``); supporters
    pay equally, those who cannot pay their part pay what they have left.
    Equal ``rho``: the id first as text wins. Add-one: the run is repeated
    with one currency unit more per voter until the outcome either uses up the
    budget (no further supported plan would fit; that outcome is taken) or
    would cost more than the budget (the previous outcome is taken). This is
    ``pabutools.rules.method_of_equal_shares(..., sat_class=Cost_Sat,
    voter_budget_increment=1)``; pabutools' other formulation,
    ``exhaustion_by_budget_increase`` with a budget step of one unit per
    voter, gives the same outcomes on the sample files.

``mes+greedy``
    ``mes``, then greedy (as above) for the money that is left; this is
    pabutools' ``completion_by_rule_combination`` of the two.

Exactness. The per-run arithmetic is done in float64 on NumPy arrays (voters
with identical ballots are grouped), but every decision that could flip on a
rounding error is guarded: whether a plan is still affordable and which plan
has the lowest ``rho``. When two plans are within a relative ``1e-9`` of each
other the tie is settled exactly: if no supporter of the tied plans is short
of money, ``rho`` is exactly ``1 / votes`` and ties are compared in integers;
otherwise that run is recomputed in exact rational arithmetic
(:class:`fractions.Fraction`). So outcomes equal the exact (pabutools) ones.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from samenspel.budgeting.explanations import explain

__all__ = [
    "Election",
    "Outcome",
    "Project",
    "ProjectOutcome",
    "Reason",
    "Rule",
    "count",
    "equal_shares",
    "equal_shares_fixed",
    "greedy",
]

Number = int | Fraction

# Relative margin under which a float comparison is not trusted. Float errors
# after a few hundred operations are ~1e-13 relative, so this is far outside
# the noise yet far below any real difference between two plans.
_TOL = 1e-9


class Rule(enum.StrEnum):
    """The counting rules; the value is the name used on the command line."""

    GREEDY = "greedy"
    MES = "mes"
    MES_GREEDY = "mes+greedy"


class Reason(enum.StrEnum):
    """Why a plan was or was not funded (stable codes, for storage and filters)."""

    FUNDED_MOST_VOTES = "funded_most_votes"
    FUNDED_EQUAL_SHARES = "funded_equal_shares"
    FUNDED_COMPLETION = "funded_completion"
    NOT_FUNDED_DOES_NOT_FIT = "not_funded_does_not_fit"
    NOT_FUNDED_INSUFFICIENT_SUPPORT = "not_funded_insufficient_support"
    NOT_FUNDED_NO_VOTES = "not_funded_no_votes"

    @property
    def funded(self) -> bool:
        return self.value.startswith("funded")


@dataclass(frozen=True)
class Project:
    """A plan in the round. ``id`` is the key used in ballots (text)."""

    id: str
    cost: Number
    name: str = ""


@dataclass(frozen=True, eq=False)
class Election:
    """A round to count: budget, plans and the anonymous ballots.

    Every ballot is the collection of plan ids the voter approved (a
    choose-one ballot is a collection of one). Empty ballots count as voters:
    they receive an equal share under MES that they never spend.
    """

    budget: Number
    projects: Sequence[Project]
    ballots: Sequence[Iterable[str]]
    _prepared: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        budget = _exact(self.budget)
        if budget < 0:
            raise ValueError("budget must be >= 0")
        object.__setattr__(self, "budget", _plain(budget))
        projects = tuple(self.projects)
        ids = [p.id for p in projects]
        if len(set(ids)) != len(ids):
            raise ValueError("project ids must be unique")
        for p in projects:
            if _exact(p.cost) < 0:
                raise ValueError(f"project {p.id}: cost must be >= 0")
        object.__setattr__(self, "projects", projects)
        known = set(ids)
        ballots = []
        for number, ballot in enumerate(self.ballots, start=1):
            chosen = tuple(dict.fromkeys(str(b) for b in ballot))
            for pid in chosen:
                if pid not in known:
                    raise ValueError(f"ballot {number} names unknown project {pid}")
            ballots.append(chosen)
        object.__setattr__(self, "ballots", tuple(ballots))

    def prepared(self) -> _Prepared:
        if self._prepared is None:
            object.__setattr__(self, "_prepared", _Prepared(self))
        return self._prepared


@dataclass(frozen=True)
class ProjectOutcome:
    """The result for one plan: funded or not, and why (a reason code and the facts behind it).

    ``position`` is the order in which the plan was funded (1 = first).
    ``remaining_budget`` is the money left when the plan was considered by
    greedy (``None`` if greedy never looked at it). ``supporters_money`` is,
    under MES, what the supporters could still pay together at the end of
    the final run (``None`` for greedy). ``payment`` is, for a plan funded by
    MES, what each supporter paid (supporters with less money left paid all
    they had); it is rounded to cents when the fast path computed it.
    """

    project_id: str
    funded: bool
    rule: Rule
    reason: Reason
    votes: int
    cost: Number
    position: int | None = None
    remaining_budget: Number | None = None
    supporters_money: Fraction | None = None
    payment: Fraction | None = None

    @property
    def explanation(self) -> str:
        """The outcome as a Dutch sentence (pages render it in the reader's language from the stored facts)."""
        return explain(
            reason=self.reason,
            rule=self.rule,
            votes=self.votes,
            cost=self.cost,
            remaining_budget=self.remaining_budget,
            supporters_money=self.supporters_money,
        )


@dataclass(frozen=True)
class Outcome:
    """The counted result of a round under one rule."""

    rule: Rule
    budget: Number
    funded: tuple[str, ...]
    projects: tuple[ProjectOutcome, ...]
    per_voter_budget: Fraction | None = None

    @property
    def spent(self) -> Number:
        by_id = {p.project_id: p for p in self.projects}
        return _plain(sum((_exact(by_id[pid].cost) for pid in self.funded), Fraction(0)))

    def for_project(self, project_id: str) -> ProjectOutcome:
        for p in self.projects:
            if p.project_id == project_id:
                return p
        raise KeyError(project_id)


# --------------------------------------------------------------------------
# Preparation


class _Prepared:
    """Arrays derived once from an election and shared by all runs."""

    def __init__(self, election: Election):
        projects = election.projects
        self.ids: list[str] = [p.id for p in projects]
        self.index = {pid: j for j, pid in enumerate(self.ids)}
        self.m = len(projects)
        self.n = len(election.ballots)
        self.budget = _exact(election.budget)
        self.costs_exact = [_exact(p.cost) for p in projects]
        self.costs = np.array([float(c) for c in self.costs_exact], dtype=np.float64)

        # Voters with identical ballots always hold identical budgets under
        # MES, so they are counted once with a weight.
        matrix = np.zeros((self.n, max(self.m, 1)), dtype=bool)
        rows: list[int] = []
        cols: list[int] = []
        index = self.index
        for i, ballot in enumerate(election.ballots):
            for pid in ballot:
                rows.append(i)
                cols.append(index[pid])
        if rows:
            matrix[np.array(rows), np.array(cols)] = True
        if self.n:
            packed = np.packbits(matrix, axis=1)
            _, first, weights = np.unique(packed, axis=0, return_index=True, return_counts=True)
            groups = matrix[first]
        else:
            groups = matrix
            weights = np.zeros(0, dtype=np.int64)
        self.weights = weights.astype(np.int64)
        self.weights_f = self.weights.astype(np.float64)
        self.groups = len(self.weights)
        self.supporters: list[np.ndarray] = [np.flatnonzero(groups[:, j]) for j in range(self.m)]
        self.supporter_weights: list[np.ndarray] = [self.weights_f[s] for s in self.supporters]
        self.votes = np.array([int(self.weights[s].sum()) for s in self.supporters], dtype=np.int64)
        # Text order of ids: the tie-breaker of every rule.
        self.text_rank = np.empty(self.m, dtype=np.int64)
        self.text_rank[sorted(range(self.m), key=lambda j: self.ids[j])] = np.arange(self.m)
        # Cost satisfaction gives a free plan zero satisfaction, so neither
        # MES nor the greedy score treats it as supported.
        self.mes_candidates = [j for j in range(self.m) if self.votes[j] > 0 and self.costs_exact[j] > 0]


# --------------------------------------------------------------------------
# Greedy


def _greedy_order(prep: _Prepared, exclude: set[int]) -> list[int]:
    def score(j: int) -> int:
        return int(prep.votes[j]) if prep.costs_exact[j] > 0 else 0

    rest = [j for j in range(prep.m) if j not in exclude]
    return sorted(rest, key=lambda j: (-score(j), prep.ids[j]))


def _greedy_fill(prep: _Prepared, initial: list[int]) -> tuple[list[int], dict[int, Fraction]]:
    """Greedy on top of ``initial``; also returns the money left when each plan was tried."""
    selected = list(initial)
    remaining = prep.budget - sum((prep.costs_exact[j] for j in initial), Fraction(0))
    seen_remaining: dict[int, Fraction] = {}
    for j in _greedy_order(prep, set(initial)):
        seen_remaining[j] = remaining
        if prep.costs_exact[j] <= remaining:
            selected.append(j)
            remaining -= prep.costs_exact[j]
    return selected, seen_remaining


# --------------------------------------------------------------------------
# Method of Equal Shares, one run at a fixed per-voter budget


@dataclass
class _Run:
    selected: list[int]
    payments: list[Fraction | float]  # the equal payment per supporter, per selected plan
    money_left: dict[int, Fraction | float]  # per unselected candidate: supporters' money


class _NeedExact(Exception):
    """A float decision was too close to call."""


def _dot(values: np.ndarray, weights: np.ndarray) -> float:
    # Not ``@``: BLAS threads on a busy machine made each product ~100x slower.
    return float((values * weights).sum())


def _rho_float(budgets: np.ndarray, weights: np.ndarray, cost: float, votes: int, start: float) -> float:
    """Lowest ``p`` with sum(min(budget, p) * weight) = cost.

    Fixed point of "the poor pay all they have, the rest pay p equally",
    iterated from ``start``, any value known to be at most the answer (e.g.
    the plan's payment in an earlier round). ``p`` only grows and the set of
    poor supporters only grows, so this ends after a few passes, without a sort.
    """
    p = start
    poor = budgets < p
    n_poor = int(np.count_nonzero(poor))
    while True:
        poor_weights = weights[poor]
        p = (cost - _dot(budgets[poor], poor_weights)) / (votes - float(poor_weights.sum()))
        poor = budgets < p
        now = int(np.count_nonzero(poor))
        if now == n_poor:
            return p
        n_poor = now


def _mes_run_fast(prep: _Prepared, share: Fraction, candidates: Sequence[int]) -> _Run:
    budgets = np.full(prep.groups, float(share))
    costs = prep.costs
    votes = prep.votes
    alive = np.zeros(prep.m, dtype=bool)
    alive[list(candidates)] = True
    # rho never decreases during a run (budgets only shrink), so a value from
    # an earlier round is a lower bound and most plans need no re-evaluation.
    lower = np.zeros(prep.m)
    for j in candidates:
        lower[j] = 1.0 / votes[j]
    selected: list[int] = []
    payments: list[Fraction | float] = []
    while True:
        live = np.flatnonzero(alive)
        if live.size == 0:
            break
        best = math.inf
        evaluated: list[tuple[int, float, float, bool]] = []
        for j in live[np.argsort(lower[live], kind="stable")]:
            if lower[j] > best * (1 + _TOL):
                break
            sup = prep.supporters[j]
            b = budgets[sup]
            cost = costs[j]
            if b.min() * votes[j] >= cost * (1 + _TOL):
                # Everyone can pay an equal part: affordable, rho = 1 / votes exactly.
                p = cost / votes[j]
                rho = p / cost
                lower[j] = rho
                evaluated.append((j, rho, p, True))
                best = min(best, rho)
                continue
            w = prep.supporter_weights[j]
            money = _dot(b, w)
            if money < cost * (1 - _TOL):
                alive[j] = False
                continue
            if money <= cost * (1 + _TOL):
                raise _NeedExact
            # The last payment is a lower bound; shaved so rounding cannot lift it above.
            start = max(lower[j] * cost, cost / votes[j]) * (1 - 1e-12)
            p = _rho_float(b, w, cost, int(votes[j]), start)
            clean = False
            rho = p / cost
            lower[j] = rho
            evaluated.append((j, rho, p, clean))
            best = min(best, rho)
        near = [e for e in evaluated if e[1] <= best * (1 + _TOL)]
        if not near:
            break
        if len(near) > 1:
            if not all(e[3] for e in near):
                raise _NeedExact
            # All tied plans are paid equally by all supporters: rho = 1/votes.
            top = max(int(votes[e[0]]) for e in near)
            near = [e for e in near if int(votes[e[0]]) == top]
            near.sort(key=lambda e: prep.ids[e[0]])
        j, _, p, clean = near[0]
        sup = prep.supporters[j]
        b = budgets[sup]
        budgets[sup] = np.where(b > p, b - p, 0.0)
        alive[j] = False
        selected.append(j)
        payments.append(prep.costs_exact[j] / int(votes[j]) if clean else p)
    chosen = set(selected)
    money_left: dict[int, Fraction | float] = {
        j: _dot(budgets[prep.supporters[j]], prep.supporter_weights[j]) for j in candidates if j not in chosen
    }
    return _Run(selected, payments, money_left)


def _mes_run_exact(prep: _Prepared, share: Fraction, candidates: Sequence[int]) -> _Run:
    # Voters who supported the same funded plans hold the same budget, so
    # budgets are kept per such class: far fewer Fractions than voters.
    # ``klass`` maps each ballot group to its class.
    klass = np.zeros(prep.groups, dtype=np.int64)
    class_budget: list[Fraction] = [share]
    live = set(candidates)
    # As in the fast path: rho never decreases, so old values are lower bounds.
    lower: dict[int, Fraction] = {j: Fraction(1, int(prep.votes[j])) for j in candidates}
    selected: list[int] = []
    payments: list[Fraction | float] = []

    def classes_of(j: int) -> list[tuple[int, int]]:
        sup = prep.supporters[j]
        counts = np.bincount(klass[sup], weights=prep.weights_f[sup], minlength=1)
        return [(int(c), int(counts[c])) for c in np.flatnonzero(counts)]

    while True:
        best: Fraction | None = None
        best_ids: list[int] = []
        best_pay: dict[int, Fraction] = {}
        for j in sorted(live, key=lambda j: lower[j]):
            if best is not None and lower[j] > best:
                break
            cost = prep.costs_exact[j]
            held = sorted((class_budget[c], w) for c, w in classes_of(j))
            if sum((b * w for b, w in held), Fraction(0)) < cost:
                live.discard(j)
                continue
            remaining_cost = cost
            remaining_votes = int(prep.votes[j])
            p = cost / remaining_votes
            for b, w in held:
                p = remaining_cost / remaining_votes
                if p <= b:
                    break
                remaining_cost -= b * w
                remaining_votes -= w
            rho = p / cost
            lower[j] = rho
            if best is None or rho < best:
                best, best_ids = rho, [j]
            elif rho == best:
                best_ids.append(j)
            best_pay[j] = p
        if best is None:
            break
        j = min(best_ids, key=lambda j: prep.ids[j])
        p = best_pay[j]
        remap = np.arange(len(class_budget), dtype=np.int64)
        for c, _ in classes_of(j):
            remap[c] = len(class_budget)
            b = class_budget[c]
            class_budget.append(b - p if b > p else Fraction(0))
        sup = prep.supporters[j]
        klass[sup] = remap[klass[sup]]
        live.discard(j)
        selected.append(j)
        payments.append(p)
    chosen = set(selected)
    money_left: dict[int, Fraction | float] = {
        j: sum((class_budget[c] * w for c, w in classes_of(j)), Fraction(0)) for j in candidates if j not in chosen
    }
    return _Run(selected, payments, money_left)


def _mes_run(prep: _Prepared, share: Fraction, candidates: Sequence[int], exact: bool = False) -> _Run:
    if not exact:
        try:
            return _mes_run_fast(prep, share, candidates)
        except _NeedExact:
            pass
    return _mes_run_exact(prep, share, candidates)


def _mes_add1(prep: _Prepared, exact: bool = False) -> tuple[_Run, Fraction]:
    """MES with the add-one completion; returns the final run and its per-voter share.

    Every share is tried in turn, as pabutools and equalshares.net do. A
    binary search over the share would be faster but is not equivalent: the
    outcome is not monotone in the share, so it could stop at a different
    share than the reference and fund different plans. The number of runs is
    (final share - first share) + 1: 12 for Amsterdam 252, 845 for Assen 2024;
    each run is a few milliseconds.
    """
    candidates = prep.mes_candidates
    if prep.n == 0:
        return _Run([], [], {}), Fraction(0)
    share = prep.budget / prep.n
    previous = _Run([], [], {})
    previous_share = share
    while True:
        run = _mes_run(prep, share, candidates, exact)
        spent = sum((prep.costs_exact[j] for j in run.selected), Fraction(0))
        if spent > prep.budget:
            return previous, previous_share
        chosen = set(run.selected)
        if all(j in chosen or prep.costs_exact[j] + spent > prep.budget for j in candidates):
            return run, share
        previous, previous_share = run, share
        share += 1


# --------------------------------------------------------------------------
# Public API


def greedy(election: Election) -> list[str]:
    """Funded plan ids under greedy (most votes first), in funding order."""
    prep = election.prepared()
    selected, _ = _greedy_fill(prep, [])
    return [prep.ids[j] for j in selected]


def equal_shares_fixed(election: Election, per_voter_budget: Number | None = None) -> list[str]:
    """Funded plan ids of one MES run (no completion) with the given share per voter.

    The default share is ``budget / number of voters``.
    """
    prep = election.prepared()
    if prep.n == 0:
        return []
    share = _exact(per_voter_budget) if per_voter_budget is not None else prep.budget / prep.n
    return [prep.ids[j] for j in _mes_run(prep, share, prep.mes_candidates).selected]


def equal_shares(election: Election, *, completion: bool = False) -> list[str]:
    """Funded plan ids under MES with add-one; ``completion=True`` adds greedy after it."""
    rule = Rule.MES_GREEDY if completion else Rule.MES
    return list(count(election, rule).funded)


def count(election: Election, rule: Rule | str, *, exact: bool = False) -> Outcome:
    """Count ``election`` under ``rule`` and explain the result for every plan.

    ``exact=True`` skips the float fast path and counts in rational
    arithmetic only (slow; meant for cross-checks).
    """
    rule = Rule(rule)
    prep = election.prepared()
    if rule is Rule.GREEDY:
        selected, seen_remaining = _greedy_fill(prep, [])
        return _explain(prep, rule, selected, seen_remaining=seen_remaining)
    run, share = _mes_add1(prep, exact)
    if rule is Rule.MES:
        return _explain(prep, rule, run.selected, run=run, share=share)
    selected, seen_remaining = _greedy_fill(prep, run.selected)
    return _explain(prep, rule, selected, run=run, share=share, seen_remaining=seen_remaining)


# --------------------------------------------------------------------------
# Explanations


def _explain(
    prep: _Prepared,
    rule: Rule,
    selected: list[int],
    *,
    run: _Run | None = None,
    share: Fraction | None = None,
    seen_remaining: dict[int, Fraction] | None = None,
) -> Outcome:
    position = {j: k for k, j in enumerate(selected, start=1)}
    paid = {j: _to_fraction(p) for j, p in zip(run.selected, run.payments, strict=True)} if run is not None else {}
    by_mes = set(run.selected) if run is not None else set()
    outcomes: list[ProjectOutcome] = []
    for j, pid in enumerate(prep.ids):
        votes = int(prep.votes[j])
        cost = _plain(prep.costs_exact[j])
        remaining = seen_remaining.get(j) if seen_remaining is not None else None
        money: Fraction | None = None
        if run is not None and j in run.money_left:
            money = _to_fraction(run.money_left[j])
        if j in by_mes:
            reason = Reason.FUNDED_EQUAL_SHARES
        elif j in position and rule is Rule.GREEDY:
            reason = Reason.FUNDED_MOST_VOTES
        elif j in position:
            reason = Reason.FUNDED_COMPLETION
        elif rule is Rule.MES and (votes == 0 or prep.costs_exact[j] == 0):
            reason = Reason.NOT_FUNDED_NO_VOTES
        elif rule is Rule.MES:
            reason = Reason.NOT_FUNDED_INSUFFICIENT_SUPPORT
        else:
            reason = Reason.NOT_FUNDED_DOES_NOT_FIT
        outcomes.append(
            ProjectOutcome(
                project_id=pid,
                funded=reason.funded,
                rule=rule,
                reason=reason,
                votes=votes,
                cost=cost,
                position=position.get(j),
                remaining_budget=_plain(remaining) if remaining is not None else None,
                supporters_money=money,
                payment=paid.get(j),
            )
        )
    return Outcome(
        rule=rule,
        budget=_plain(prep.budget),
        funded=tuple(prep.ids[j] for j in selected),
        projects=tuple(outcomes),
        per_voter_budget=share,
    )


# --------------------------------------------------------------------------
# Numbers


def _exact(value: Number | float | str) -> Fraction:
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def _plain(value: Fraction) -> Number:
    return value.numerator if value.denominator == 1 else value


def _to_fraction(value: Fraction | float) -> Fraction:
    if isinstance(value, Fraction):
        return value
    # Only used for display: cents are plenty.
    return Fraction(round(value * 100), 100)
