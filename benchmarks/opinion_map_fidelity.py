"""Fidelity of our opinion groups against Polis's own group-id, side by side with red-dwarf.

For every Polis export folder given (default: every folder in ../shared/data/polis),
prints the adjusted Rand index (ARI) between a method's groups and the ``group-id``
Polis exported, over the participants that have a reference group-id, and the number
of groups (k) each method chose:

* ``fresh``: one deterministic run of Polis's clustering on the final votes
  (``compute_opinion_map``, first-k-distinct-rows initialisation), counting the
  participants Polis grouped (``always_include``).
* ``replay``: what the product and ``manage.py opinion_map`` do for an import
  (``polis_io.compute_folder``): the timed ``votes.csv`` replayed at Polis's cadence,
  every recompute warm-started from the one before, counting whom Polis grouped.
  Folders without ``votes.csv`` get one run counting whom Polis grouped (marked ``*``).
* ``red-dwarf``: its Polis pipeline with ``keep_participant_ids`` = Polis's grouped
  participants (a development dependency only; seed 0).
* ``ceiling``: the best ARI any straight-line split of our (replayed) map could
  reach: a multinomial logistic regression fitted to Polis's labels on our 2-D
  coordinates (an oracle, not a method).

Participants a method did not cluster get the group whose centre is nearest.
Spread over seeds: our path has no random choice at all (tested), so there is none;
``--seeds N`` reruns red-dwarf for seeds 0..N-1 and prints its mean and range.

Usage: python benchmarks/opinion_map_fidelity.py [FOLDER ...] [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from samenspel.vision.opinion_map import compute_opinion_map  # noqa: E402
from samenspel.vision.polis_io import compute_folder, read_conversation, read_reference_groups  # noqa: E402


def labels_of(result, ref) -> list[int]:
    return [
        result.group_of.get(p, result.nearest_group(result.coordinates_of(p))) if p in result.participant_ids else -1
        for p in ref
    ]


def ceiling(result, ref) -> float:
    known = [p for p in ref if p in result.participant_ids]
    xy = np.array([result.coordinates_of(p) for p in known])
    truth = np.array([ref[p] for p in known])
    oracle = LogisticRegression(C=1e4, max_iter=10_000).fit(xy, truth)
    return adjusted_rand_score(truth, oracle.predict(xy))


def red_dwarf(conv, ref, seed):
    try:
        from reddwarf.implementations.polis import run_pipeline
    except ImportError:
        return None, None
    votes = [
        {"participant_id": p, "statement_id": s, "vote": v, "modified": i} for i, (p, s, v) in enumerate(conv.votes)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_pipeline(
            votes=votes, mod_out_statement_ids=conv.moderated_out, keep_participant_ids=list(ref), random_state=seed
        )
    df = result.participants_df
    labels = []
    for p in ref:
        if p in df.index and df.loc[p, "to_cluster"]:
            labels.append(int(df.loc[p, "cluster_id"]))
        elif p in df.index:
            labels.append(int(result.clusterer.predict(df.loc[[p], ["x", "y"]].to_numpy())[0]))
        else:
            labels.append(-1)
    return labels, int(df["cluster_id"].dropna().nunique())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--seeds", type=int, default=0, help="red-dwarf spread over seeds 0..N-1")
    args = parser.parse_args()
    folders = args.folders or sorted(
        p for p in (REPO.parent / "shared" / "data" / "polis").iterdir() if (p / "participants-votes.csv").is_file()
    )
    header = (
        f"{'conversation':38} {'n':>5} {'polis k':>7} | {'fresh k':>7} {'ARI':>6} | {'replay k':>8} {'ARI':>6} "
        f"{'':>5} {'s':>5} | {'rd k':>4} {'ARI':>6} | {'ceiling':>7}"
    )
    print(header)
    rows = []
    for folder in folders:
        conv = read_conversation(folder)
        ref = read_reference_groups(folder)
        truth = [ref[p] for p in ref]
        polis_k = len(set(truth))
        fresh = compute_opinion_map(conv.vote_matrix(), moderated_out=conv.moderated_out, always_include=list(ref))
        fresh_ari = adjusted_rand_score(truth, labels_of(fresh, ref))
        start = time.perf_counter()
        replayed, _, _ = compute_folder(folder)
        seconds = time.perf_counter() - start
        runs = "" if (Path(folder) / "votes.csv").is_file() else "*"
        replay_ari = adjusted_rand_score(truth, labels_of(replayed, ref))
        rd_labels, rd_k = red_dwarf(conv, ref, 0)
        rd_ari = adjusted_rand_score(truth, rd_labels) if rd_labels is not None else float("nan")
        ceil = ceiling(replayed, ref)
        rows.append((polis_k, len(fresh.groups), fresh_ari, len(replayed.groups), replay_ari, rd_k, rd_ari, ceil))
        print(
            f"{folder.name:38} {len(ref):5d} {polis_k:7d} | {len(fresh.groups):7d} {fresh_ari:6.3f} | "
            f"{len(replayed.groups):8d} {replay_ari:6.3f} {runs:>5} {seconds:5.1f} | "
            f"{rd_k if rd_k is not None else '-':>4} {rd_ari:6.3f} | {ceil:7.3f}",
            flush=True,
        )
    r = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    same = lambda col: int((r[:, col] == r[:, 0]).sum())  # noqa: E731
    print(
        f"{'mean (k = Polis k: count)':38} {'':5} {'':7} | {same(1):7d} {np.mean(r[:, 2]):6.3f} | "
        f"{same(3):8d} {np.mean(r[:, 4]):6.3f} {'':5} {'':5} | {same(5):4d} {np.nanmean(r[:, 6]):6.3f} | "
        f"{np.mean(r[:, 7]):7.3f}"
    )
    if args.seeds:
        print(f"\nred-dwarf over seeds 0..{args.seeds - 1} (ours is deterministic):")
        for folder in folders:
            conv, ref = read_conversation(folder), read_reference_groups(folder)
            truth = [ref[p] for p in ref]
            scores = [adjusted_rand_score(truth, red_dwarf(conv, ref, s)[0]) for s in range(args.seeds)]
            print(f"{folder.name:38} mean {np.mean(scores):.3f} min {np.min(scores):.3f} max {np.max(scores):.3f}")


if __name__ == "__main__":
    main()
