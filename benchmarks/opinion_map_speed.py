"""Speed of a full opinion-map recompute: ours vs red-dwarf, same synthetic data.

Synthetic conversation (seeded): 10,000 participants x 1,000 statements, each
participant sees 20% of the statements; votes come from three latent opinion
camps so the clustering has real structure to find. "ours" is a cold first map
(imports of SciPy included, as in a fresh worker); "ours warm" is the recompute
after one more vote, warm-started from it as the product does. The 50,000 x
1,000 goal with 1,000,000 votes: --participants 50000 --density 0.02.

Usage: python benchmarks/opinion_map_speed.py [--participants N] [--statements M]
       [--density D] [--seed S] [--data DIR]  (--data is accepted for symmetry)
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from samenspel.vision.opinion_map import VoteMatrix, compute_opinion_map  # noqa: E402


def synthetic(n_p: int, n_s: int, density: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    camps = rng.integers(0, 3, size=n_p)
    leaning = rng.normal(0, 1.2, size=(3, n_s))
    p_agree = 1 / (1 + np.exp(-leaning[camps]))
    u = rng.random((n_p, n_s))
    votes = np.where(u < p_agree * 0.85, 1.0, np.where(u < 0.85, -1.0, 0.0))
    seen = rng.random((n_p, n_s)) < density
    return np.where(seen, votes, np.nan)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=1_000)
    parser.add_argument("--density", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polis")
    args = parser.parse_args()

    values = synthetic(args.participants, args.statements, args.density, args.seed)
    n_votes = int((~np.isnan(values)).sum())
    print(
        f"synthetic: {args.participants} participants x {args.statements} statements, "
        f"{n_votes} votes ({args.density:.0%} density, seed {args.seed})"
    )
    matrix = VoteMatrix(tuple(range(values.shape[0])), tuple(range(values.shape[1])), values)

    start = time.perf_counter()
    result = compute_opinion_map(matrix, seed=args.seed)
    ours = time.perf_counter() - start
    print(f"ours:      {ours:8.2f} s  ({len(result.groups)} groups, {len(result.base_clusters)} base clusters)")
    # The product's recompute: the same votes plus one new one, warm-started from the last map.
    values[0, np.flatnonzero(np.isnan(values[0]))[0]] = 1.0
    start = time.perf_counter()
    warm = compute_opinion_map(matrix, seed=args.seed, warm_start=result.warm_start, group_k_state=result.group_k_state)
    print(f"ours warm: {time.perf_counter() - start:8.2f} s  (after one more vote; {len(warm.groups)} groups)")

    try:
        from reddwarf.implementations.polis import run_pipeline
    except ImportError:
        print("red-dwarf: not installed")
        return
    rows, cols = np.nonzero(~np.isnan(values))
    votes = [
        {"participant_id": int(r), "statement_id": int(c), "vote": int(values[r, c]), "modified": i}
        for i, (r, c) in enumerate(zip(rows, cols, strict=True))
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        rd = run_pipeline(votes=votes, random_state=args.seed)
        theirs = time.perf_counter() - start
    k = int(rd.participants_df["cluster_id"].dropna().nunique())
    print(f"red-dwarf: {theirs:8.2f} s  ({k} groups)")
    print(f"ratio red-dwarf / ours: {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
