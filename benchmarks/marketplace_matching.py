"""Benchmark of the marketplace matching engine.

1. Quality on the hand-written evaluation set: hit-rate@5 (printed as
   precision@5: one labelled offer per need, so it is the share of needs whose
   labelled offer is among the top 5 of all offers) and MRR, on all needs and
   on the held-out half (even pair ids) that weight tuning never saw.
2. Scale: a seeded synthetic market of N needs x N offers (default 10,000)
   with Dutch-ish text drawn from the evaluation set's vocabulary; times the
   full recompute, one incremental need update, and prints peak memory.

Usage:
    python benchmarks/marketplace_matching.py            # quality + 10k x 10k
    python benchmarks/marketplace_matching.py --n 2000   # smaller scale run
    python benchmarks/marketplace_matching.py --tune     # grid search on odd half
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samenspel.marketplace.evaluation import PAIRS_CSV, EvaluationPair, evaluate, load_evaluation_set  # noqa: E402
from samenspel.marketplace.matching import (  # noqa: E402
    DEFAULT_WEIGHTS,
    KINDS,
    THEMES,
    Item,
    Matcher,
    Weights,
)


def halves(pairs: list[EvaluationPair]) -> tuple[list[str], list[str]]:
    """Odd pair ids tune, even pair ids are held out."""
    labelled = [p.pair_id for p in pairs if p.need is not None]
    return ([pid for pid in labelled if int(pid) % 2 == 1], [pid for pid in labelled if int(pid) % 2 == 0])


def quality(pairs: list[EvaluationPair], weights: Weights) -> None:
    tune, held_out = halves(pairs)
    n_offers = len(pairs)
    print(
        f"Evaluation set: {len(tune) + len(held_out)} labelled needs, {n_offers} offers "
        f"({n_offers - len(tune) - len(held_out)} distractors)"
    )
    print("precision@5 = hit-rate@5: share of needs whose one hand-labelled offer is in the top 5 of all offers")
    rows = [("all needs", None), ("tuning half (odd ids)", tune), ("held-out half (even ids)", held_out)]
    for label, subset in rows:
        r = evaluate(pairs, weights=weights, subset=subset, k=5)
        print(f"  {label:<26} n={r.n:<4} precision@5={r.hit_rate_at_k:.3f}  MRR={r.mrr:.3f}")
    print("Ablations (all needs):")
    ablations = {
        "without text": replace(weights, text=0.0),
        "text only (kind still filters)": replace(weights, kind=0.0, distance=0.0, themes=0.0),
        "without distance": replace(weights, distance=0.0),
        "without themes": replace(weights, themes=0.0),
    }
    for label, w in ablations.items():
        r = evaluate(pairs, weights=w, k=5)
        print(f"  {label:<32} precision@5={r.hit_rate_at_k:.3f}  MRR={r.mrr:.3f}")


def tune(pairs: list[EvaluationPair]) -> Weights:
    """Grid search on the odd half only; ranks by MRR, then hit-rate@5."""
    tune_ids, held_out = halves(pairs)
    grid = {
        "kind": [0.15, 0.25, 0.35],
        "text": [0.3, 0.45, 0.6],
        "distance": [0.1, 0.2, 0.3],
        "themes": [0.05, 0.1, 0.2],
        "half_distance_km": [0.75, 1.5, 3.0],
        "text_saturation": [0.4, 0.6, 1.0],
    }
    best: tuple[float, float, Weights] | None = None
    for values in itertools.product(*grid.values()):
        w = replace(DEFAULT_WEIGHTS, **dict(zip(grid, values, strict=True)))
        r = evaluate(pairs, weights=w, subset=tune_ids, k=5)
        if best is None or (r.mrr, r.hit_rate_at_k) > best[:2]:
            best = (r.mrr, r.hit_rate_at_k, w)
    assert best is not None
    w = best[2]
    for share in (0.4, 0.6, 0.8):
        candidate = replace(w, word_share=share)
        r = evaluate(pairs, weights=candidate, subset=tune_ids, k=5)
        if (r.mrr, r.hit_rate_at_k) > best[:2]:
            best = (r.mrr, r.hit_rate_at_k, candidate)
    w = best[2]
    held = evaluate(pairs, weights=w, subset=held_out, k=5)
    print(f"best on tuning half: MRR={best[0]:.3f} precision@5={best[1]:.3f}")
    print(f"same weights on held-out half: MRR={held.mrr:.3f} precision@5={held.hit_rate_at_k:.3f}")
    print(w)
    return w


def synthetic_market(
    pairs: list[EvaluationPair], n_needs: int, n_offers: int, seed: int = 7
) -> tuple[list[Item], list[Item]]:
    rng = random.Random(seed)
    texts = [p.offer.text for p in pairs] + [p.need.text for p in pairs if p.need]
    counts = Counter(w for t in texts for w in re.findall(r"[^\W\d_]+", t.lower()))
    words, freqs = zip(*counts.items(), strict=True)
    located = [it for p in pairs for it in (p.need, p.offer) if it and it.lat is not None]
    centres: dict[str, list[tuple[float, float]]] = {}
    for it in located:
        centres.setdefault(it.neighbourhood or "", []).append((it.lat, it.lon))
    centre = {
        code: (sum(a for a, _ in pts) / len(pts), sum(b for _, b in pts) / len(pts)) for code, pts in centres.items()
    }

    def make(prefix: str, i: int) -> Item:
        text = " ".join(rng.choices(words, weights=freqs, k=rng.randint(12, 35)))
        kind = rng.choice(KINDS)
        themes = tuple(rng.sample(THEMES, rng.randint(0, 2)))
        if rng.random() < 0.1:
            return Item(f"{prefix}{i}", kind, text, themes=themes)
        code = rng.choice(list(centre))
        lat = centre[code][0] + rng.uniform(-0.004, 0.004)
        lon = centre[code][1] + rng.uniform(-0.006, 0.006)
        return Item(f"{prefix}{i}", kind, text, lat, lon, code, themes)

    return ([make("n", i) for i in range(n_needs)], [make("o", i) for i in range(n_offers)])


def peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def scale(pairs: list[EvaluationPair], n: int, top_k: int) -> None:
    needs, offers = synthetic_market(pairs, n, n)
    print(f"\nSynthetic market: {len(needs):,} needs x {len(offers):,} offers, top_k={top_k}")
    print(f"  peak memory before fit:          {peak_mb():8.0f} MB")
    matcher = Matcher(needs, offers, top_k=top_k)
    t0 = time.perf_counter()
    matcher.fit()
    t_fit = time.perf_counter() - t0
    print(f"  full recompute (fit + rankings): {t_fit:8.2f} s")
    print(f"  peak memory after fit:           {peak_mb():8.0f} MB")

    t0 = time.perf_counter()
    all_matches = matcher.all_need_matches()
    t_explain = time.perf_counter() - t0
    n_matches = sum(len(v) for v in all_matches.values())
    print(f"  explanations for all needs:      {t_explain:8.2f} s ({n_matches:,} matches)")
    del all_matches

    changed = replace(needs[n // 2], text=needs[n // 3].text, kind="space", lat=52.1, lon=5.6, neighbourhood=None)
    t0 = time.perf_counter()
    result = matcher.update_need(changed)
    t_update = time.perf_counter() - t0
    print(
        f"  update one need:                 {t_update * 1000:8.1f} ms "
        f"(entered {len(result.entered)}, left {len(result.left)}, "
        f"changed {len(result.changed)} offer rankings)"
    )
    t0 = time.perf_counter()
    result = matcher.update_offer(replace(offers[n // 2], kind="knowledge"))
    print(
        f"  update one offer:                {(time.perf_counter() - t0) * 1000:8.1f} ms "
        f"(changed {len(result.changed)} need rankings)"
    )
    t0 = time.perf_counter()
    result = matcher.remove_need(needs[n // 4].id)
    print(
        f"  remove one need:                 {(time.perf_counter() - t0) * 1000:8.1f} ms "
        f"(left {len(result.left)} offer rankings)"
    )
    print(f"  peak memory (whole run):         {peak_mb():8.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="needs and offers (each)")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--tune", action="store_true", help="grid-search weights first")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    pairs = load_evaluation_set(PAIRS_CSV)
    weights = tune(pairs) if args.tune else DEFAULT_WEIGHTS
    quality(pairs, weights)
    if not args.skip_scale:
        scale(pairs, args.n, args.top_k)


if __name__ == "__main__":
    main()
