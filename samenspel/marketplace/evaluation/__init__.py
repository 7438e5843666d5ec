"""Evaluation harness of the matching engine: hand-labelled pairs, hit-rate@k and MRR.

Kept out of the product module (`marketplace.matching`): pages and tasks never need it;
tests and `benchmarks/marketplace_matching.py` do. `pairs.csv` beside this file holds the
labelled set (see README.md): each row a need and the offer that is its right answer, or
a distractor offer nobody asked for. It uses only the matcher's public API.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samenspel.marketplace.matching import DEFAULT_WEIGHTS, Item, Matcher, Weights

PAIRS_CSV = Path(__file__).with_name("pairs.csv")


@dataclass(frozen=True)
class EvaluationPair:
    """One hand-labelled row: ``offer`` is the right answer for ``need``.

    Rows without a need (``need is None``) are distractor offers that nobody
    in the set asked for; they only make the competition harder.
    """

    pair_id: str
    need: Item | None
    offer: Item


def _optional_float(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def _themes(value: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(";") if t.strip())


def load_evaluation_set(path: str | Path) -> list[EvaluationPair]:
    """Read ``pairs.csv``; need ids are ``"N<pair_id>"``, offer ids ``"O<pair_id>"``."""
    pairs = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pid = row["pair_id"].strip()
            sides: dict[str, Item | None] = {}
            for side, prefix in (("need", "N"), ("offer", "O")):
                if not row[f"{side}_kind"].strip():
                    sides[side] = None
                    continue
                sides[side] = Item(
                    id=f"{prefix}{pid}",
                    kind=row[f"{side}_kind"].strip(),
                    text=row[f"{side}_text"].strip(),
                    lat=_optional_float(row[f"{side}_lat"]),
                    lon=_optional_float(row[f"{side}_lon"]),
                    neighbourhood=row[f"{side}_neighbourhood"].strip() or None,
                    themes=_themes(row[f"{side}_themes"]),
                )
            offer = sides["offer"]
            if offer is None:
                raise ValueError(f"row {pid} has no offer")
            pairs.append(EvaluationPair(pid, sides["need"], offer))
    return pairs


@dataclass(frozen=True)
class EvaluationResult:
    """Hit-rate@k (share of needs whose labelled offer is in the top k) and MRR."""

    n: int
    hit_rate_at_k: float
    mrr: float
    k: int
    ranks: dict[str, int] = field(default_factory=dict)


def evaluate(
    pairs: Sequence[EvaluationPair], weights: Weights = DEFAULT_WEIGHTS, subset: Iterable[str] | None = None, k: int = 5
) -> EvaluationResult:
    """Rank every offer in ``pairs`` for each need and score the labelled one.

    All offers stay in the pool; ``subset`` (pair ids) only limits which needs
    are scored, so a held-out half is judged against the same competition.
    Rank 0 in ``ranks`` means the labelled offer was never proposed.
    """
    matcher = Matcher(
        [p.need for p in pairs if p.need is not None],
        [p.offer for p in pairs],
        weights=weights,
        top_k=max(1, len(pairs)),
    ).fit()
    wanted = set(subset) if subset is not None else None
    ranks: dict[str, int] = {}
    for p in pairs:
        if p.need is None or (wanted is not None and p.pair_id not in wanted):
            continue
        ranks[p.pair_id] = matcher.rank_of(p.need.id, p.offer.id)
    n = len(ranks)
    if n == 0:
        return EvaluationResult(0, 0.0, 0.0, k, ranks)
    hit = sum(1 for r in ranks.values() if 0 < r <= k) / n
    mrr = sum(1.0 / r for r in ranks.values() if r > 0) / n
    return EvaluationResult(n, hit, mrr, k, ranks)
