"""Fidelity of our opinion groups against Polis's own group-id (and red-dwarf's).

For every conversation folder in the data directory, prints the adjusted Rand
index (ARI) between our groups and the ``group-id`` Polis exported, over the
participants that have a reference group-id, the group counts, and the same
for red-dwarf (a development dependency only).

Two participant selections are reported:

* ``in-conv``: the participants Polis clustered (those with a reference
  group-id) are passed as ``always_include`` / ``keep_participant_ids``. Polis
  never drops a participant once included, and older conversations included
  participants with fewer than 7 votes, so this is the comparable population.
* ``rule``: only the min(7, n) rule; reference participants we did not cluster
  get the group whose centre is nearest to their projection (red-dwarf: the
  k-means prediction).

Two more columns say how much room there is:

* ``ceiling``: the best ARI that *any* split of our map by straight lines could
  reach, found by fitting a multinomial logistic regression to Polis's own
  labels on our 2-D coordinates (an oracle that knows the answer, not a
  method). Polis's groups are nearest-centre regions of its own 2-D map, so a
  faithful reimplementation cannot score above this on a conversation.
* ``seeds``: with ``--seeds N`` the whole run repeats for seeds 0..N-1 and the
  mean and minimum ARI per conversation are printed as well.

Usage: python benchmarks/opinion_map_fidelity.py [--data DIR] [--seed N] [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from samenspel.vision.opinion_map import compute_opinion_map  # noqa: E402
from samenspel.vision.polis_io import read_conversation, read_reference_groups  # noqa: E402


def ours(conv, ref, seed, forced):
    matrix = conv.vote_matrix()
    result = compute_opinion_map(
        matrix,
        seed=seed,
        moderated_out=conv.moderated_out,
        always_include=list(ref) if forced else (),
    )
    labels = [
        result.group_of.get(p, result.nearest_group(result.coordinates_of(p))) if p in result.participant_ids else -1
        for p in ref
    ]
    return labels, len(result.groups), result


def ceiling(result, ref) -> float:
    """Best ARI of a straight-line split of our map: an oracle fitted to Polis's labels."""
    known = [p for p in ref if p in result.participant_ids]
    xy = np.array([result.coordinates_of(p) for p in known])
    truth = np.array([ref[p] for p in known])
    oracle = LogisticRegression(C=1e4, max_iter=10_000).fit(xy, truth)
    return adjusted_rand_score(truth, oracle.predict(xy))


def red_dwarf(conv, ref, seed, forced):
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
            votes=votes,
            mod_out_statement_ids=conv.moderated_out,
            keep_participant_ids=list(ref) if forced else [],
            random_state=seed,
        )
    df = result.participants_df
    labels = []
    for p in ref:
        if p in df.index and df.loc[p, "to_cluster"]:
            labels.append(int(df.loc[p, "cluster_id"]))
        elif p in df.index:
            xy = df.loc[[p], ["x", "y"]].to_numpy()
            labels.append(int(result.clusterer.predict(xy)[0]))
        else:
            labels.append(-1)
    return labels, int(df["cluster_id"].dropna().nunique())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polis")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=0, help="also repeat for seeds 0..N-1 (in-conv only)")
    args = parser.parse_args()
    folders = sorted(p for p in args.data.iterdir() if (p / "participants-votes.csv").is_file())
    if not folders:
        sys.exit(f"no Polis export folders in {args.data}")
    for mode in ("in-conv", "rule"):
        forced = mode == "in-conv"
        print(f"\n== participants: {mode} (seed {args.seed})")
        print(
            f"{'conversation':28} {'n':>5} {'polis k':>7} {'our k':>5} {'match':>5} "
            f"{'ARI ours':>8} {'rd k':>4} {'ARI red-dwarf':>13} {'ceiling':>7}"
        )
        ours_ari, rd_ari, ceilings = [], [], []
        for folder in folders:
            conv = read_conversation(folder)
            ref = read_reference_groups(folder)
            truth = [ref[p] for p in ref]
            n_ref = len(set(truth))
            labels, k, result = ours(conv, ref, args.seed, forced)
            a = adjusted_rand_score(truth, labels)
            ours_ari.append(a)
            ceilings.append(ceiling(result, ref))
            rd_labels, rd_k = red_dwarf(conv, ref, args.seed, forced)
            rd = adjusted_rand_score(truth, rd_labels) if rd_labels is not None else float("nan")
            rd_ari.append(rd)
            print(
                f"{folder.name:28} {len(ref):5d} {n_ref:7d} {k:5d} "
                f"{'yes' if k == n_ref else 'no':>5} {a:8.3f} "
                f"{rd_k if rd_k is not None else '-':>4} {rd:13.3f} {ceilings[-1]:7.3f}"
            )
        print(
            f"{'mean':28} {'':5} {'':7} {'':5} {'':5} {np.mean(ours_ari):8.3f} {'':4} "
            f"{np.mean(rd_ari):13.3f} {np.mean(ceilings):7.3f}"
        )
    if args.seeds:
        print(f"\n== seeds 0..{args.seeds - 1} (in-conv): ARI mean / min per conversation")
        means = []
        for folder in folders:
            conv = read_conversation(folder)
            ref = read_reference_groups(folder)
            truth = [ref[p] for p in ref]
            scores, ks = [], []
            for seed in range(args.seeds):
                labels, k, _ = ours(conv, ref, seed, True)
                scores.append(adjusted_rand_score(truth, labels))
                ks.append(k)
            means.append(np.mean(scores))
            print(f"{folder.name:28} mean {np.mean(scores):.3f} min {np.min(scores):.3f} k per seed {ks}")
        print(f"{'mean over conversations':28} {np.mean(means):.3f}")


if __name__ == "__main__":
    main()
