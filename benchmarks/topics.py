"""Benchmark of the topic finder (`samenspel/insights/topics.py`).

1. Quality on the hand-written evaluation set (`samenspel/insights/data/topics.csv`, 240
   Dutch texts in 10 labelled topics): how well the found topics recover the labels (NMI,
   purity, ARI), against
   - a keyword-list classifier that is given the ten labels and obvious keywords for each
     (an upper reference: it knows the answer's categories, the topic finder does not);
   - plain TF-IDF without stemming + the same NMF (the baseline the tests hold it to);
   - the issue's literal method, TF-IDF on Dutch stems + NMF, without character n-grams.
   Each NMF method at k = 10 (the true number) and the topic finder also with k chosen
   automatically.
   Then the same on random 90% subsets, to show how much the figures move.
2. Speed: `find_topics` on N synthetic texts (default 5,000) spread over two years, wall
   and CPU time, k chosen automatically and fixed.

Usage: python benchmarks/topics.py [--n 5000] [--skip-speed]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samenspel.insights import topics  # noqa: E402
from samenspel.insights.data.evaluation import (  # noqa: E402
    as_topic_texts,
    keyword_topics,
    load_topics_set,
    plain_topics,
    scores,
)

K_TRUE = 10


def _timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _row(name: str, k, result: dict, wall: float, cpu: float) -> None:
    print(
        f"{name:46s} {k!s:>4s} {result['nmi']:7.3f} {result['purity']:7.3f} {result['ari']:7.3f} {wall:7.2f} {cpu:7.2f}"
    )


def quality() -> None:
    rows = load_topics_set()
    labels = [row["topic"] for row in rows]
    texts = [row["text"] for row in rows]
    items = as_topic_texts(rows)
    print(f"Evaluation set: {len(rows)} texts, {len(set(labels))} labelled topics")
    print(f"{'method':46s} {'k':>4s} {'NMI':>7s} {'purity':>7s} {'ARI':>7s} {'wall s':>7s} {'cpu s':>7s}")

    found, wall, cpu = _timed(lambda: keyword_topics(texts))
    _row("keyword lists (given the 10 labels)", "-", scores(labels, found), wall, cpu)
    found, wall, cpu = _timed(lambda: plain_topics(texts, K_TRUE))
    _row("plain TF-IDF, no stemming + NMF (baseline)", K_TRUE, scores(labels, found), wall, cpu)

    share = topics.WORD_SHARE
    topics.WORD_SHARE = 1.0  # the character n-grams weigh nothing: stems alone
    try:
        found, wall, cpu = _timed(lambda: topics.topic_of_text(items, n_topics=K_TRUE))
    finally:
        topics.WORD_SHARE = share
    _row("TF-IDF on Dutch stems + NMF", K_TRUE, scores(labels, [found[r["id"]] for r in rows]), wall, cpu)

    found, wall, cpu = _timed(lambda: topics.topic_of_text(items, n_topics=K_TRUE))
    _row("stems + char n-grams + NMF (find_topics)", K_TRUE, scores(labels, [found[r["id"]] for r in rows]), wall, cpu)
    found, wall, cpu = _timed(lambda: topics.topic_of_text(items))
    k = len({v for v in found.values() if v >= 0})
    _row("  same, k chosen by coherence", k, scores(labels, [found[r["id"]] for r in rows]), wall, cpu)

    by_key = {row["id"]: row["topic"] for row in rows}
    now = max(item.created for item in items)
    print(f"\nTopics found with k chosen automatically ({k}):")
    assigned = topics.topic_of_text(items)
    for topic in topics.find_topics(items, now=now):
        example = topic.examples[0] if topic.examples else None
        number = assigned[example] if example else None
        members = Counter(by_key[key] for key, value in assigned.items() if value == number)
        majority, count = members.most_common(1)[0] if members else ("-", 0)
        print(f"  {topic.size:3d} texts  {majority:18s} {count:3d}  {', '.join(topic.top_words)}")


def robustness(samples: int = 8) -> None:
    """The same scores on random 90% subsets of the set: how much the figures move when a few
    texts change (NMF on a few hundred short texts is sensitive; one stop word more or less
    moves the full-set NMI by a few points)."""
    import random

    import numpy as np

    rows = load_topics_set()
    subsets = []
    for seed in range(samples):
        rng = random.Random(seed)
        subsets.append([row for row in rows if rng.random() < 0.9])

    def ours(subset, k):
        found = topics.topic_of_text(as_topic_texts(subset), n_topics=k)
        return [found[row["id"]] for row in subset], len({v for v in found.values() if v >= 0})

    methods = {
        "plain TF-IDF, no stemming + NMF (baseline)": lambda subset: (
            plain_topics([r["text"] for r in subset], K_TRUE),
            K_TRUE,
        ),
        "TF-IDF on Dutch stems + NMF": "stems",
        "stems + char n-grams + NMF (find_topics)": lambda subset: ours(subset, K_TRUE),
        "  same, k chosen by coherence": lambda subset: ours(subset, None),
    }
    print(f"\nOn {samples} random 90% subsets (mean ± standard deviation):")
    for name, method in methods.items():
        results, ks = [], []
        for subset in subsets:
            if method == "stems":
                share, topics.WORD_SHARE = topics.WORD_SHARE, 1.0
                try:
                    found, k = ours(subset, K_TRUE)
                finally:
                    topics.WORD_SHARE = share
            else:
                found, k = method(subset)
            result = scores([row["topic"] for row in subset], found)
            results.append((result["nmi"], result["purity"]))
            ks.append(k)
        values = np.array(results)
        k_text = str(ks[0]) if len(set(ks)) == 1 else f"{min(ks)}-{max(ks)}"
        print(
            f"{name:46s} {k_text:>5s}  NMI {values[:, 0].mean():.3f} ± {values[:, 0].std():.3f}"
            f"  purity {values[:, 1].mean():.3f} ± {values[:, 1].std():.3f}"
        )


def synthetic_texts(n: int, seed: int = 1):
    """N texts of one to three sentences of the same labelled topic, with an extra word or two
    from a large made-up vocabulary of compounds (so the vocabulary grows as a real one does),
    created over two years; heat and shade rise in the last four weeks."""
    rng = random.Random(seed)
    rows = load_topics_set()
    sentences: dict[str, list[str]] = {}
    words = sorted({w for row in rows for w in re.findall(r"[^\W\d_]{4,}", row["text"].lower())})
    for row in rows:
        sentences.setdefault(row["topic"], []).extend(s for s in re.split(r"(?<=[.!?])\s+", row["text"]) if s)
    compounds = [rng.choice(words) + rng.choice(words) for _ in range(20_000)]
    labels = sorted(sentences)
    now = datetime(2026, 8, 1, 12, tzinfo=UTC)
    items = []
    for i in range(n):
        days_ago = rng.randrange(730)
        label = "heat_shade" if days_ago < 28 and rng.random() < 0.3 else rng.choice(labels)
        parts = rng.sample(sentences[label], rng.randint(1, 3))
        extra = [compounds[min(int(rng.paretovariate(1.0)) - 1, len(compounds) - 1)] for _ in range(rng.randint(0, 2))]
        items.append(
            topics.TopicText(
                key=f"s{i:05d}",
                text=" ".join(parts + extra),
                created=now - timedelta(days=days_ago, hours=rng.randrange(24)),
                public=rng.random() < 0.9,
            )
        )
    return items, now


def speed(n: int) -> None:
    items, now = synthetic_texts(n)
    print(f"\nSpeed: {n} synthetic texts over two years")
    for label, k in (("k chosen automatically", None), (f"k = {K_TRUE}", K_TRUE)):
        found, wall, cpu = _timed(lambda k=k: topics.find_topics(items, n_topics=k, now=now))
        emerging = [t.label for t in found if t.emerging]
        print(f"  {label:24s} {wall:6.2f} s wall, {cpu:6.2f} s CPU, {len(found)} topics, emerging: {emerging}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    quality()
    robustness()
    if not args.skip_speed:
        speed(args.n)


if __name__ == "__main__":
    main()
