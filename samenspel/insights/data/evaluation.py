"""Loading the topic evaluation set, two baselines and the scores, shared by the benchmark
(`benchmarks/topics.py`) and the quality floor in `insights/tests/test_topics.py`.

Scores: NMI (normalised mutual information, arithmetic mean, as scikit-learn computes it),
purity (each found topic counts its most frequent label as right) and ARI (adjusted Rand
index). Texts a method puts in no topic form one cluster of their own, so leaving texts out
is never rewarded.

Baselines:
- `keyword_topics`: a keyword-list classifier, the way a municipality would sort texts by
  hand: for each label a short list of obvious word beginnings ("speel" finds "speeltuin"),
  and a text gets the label with the most hits (ties: the first label; no hit: no topic).
  It is given the true labels' names, so it is a strong, not a straw, baseline.
- `plain_topics`: the same NMF without stemming and without character n-grams, on words
  lower-cased with PostgreSQL's Dutch stop words removed: TF-IDF without stemming.
"""

from __future__ import annotations

import csv
import re
import warnings
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

TOPICS_CSV = Path(__file__).with_name("topics.csv")
_WORDS_OF_THREE_LETTERS = r"(?u)\b[^\W\d_]{3,}\b"

KEYWORDS = {
    "green": ["groen", "boom", "bomen", "plant", "tuin", "bloem", "gras", "moestuin", "natuur", "bijen"],
    "traffic_safety": [
        "verkeer",
        "auto",
        "snelheid",
        "fiets",
        "oversteek",
        "drempel",
        "zebrapad",
        "rotonde",
        "kruising",
    ],
    "loneliness_elderly": ["eenzaam", "ouderen", "senior", "alleen", "koffie", "ontmoet", "pensioen", "praatje"],
    "youth": ["jongeren", "jeugd", "tiener", "jongerenwerk", "scholier", "hangplek", "puber"],
    "heat_shade": ["hitte", "schaduw", "warm", "heet", "koel", "graden", "zon", "drinkwater"],
    "litter": ["afval", "zwerfvuil", "vuil", "container", "prullenbak", "troep", "plastic", "opruim", "dump"],
    "play": ["speel", "spelen", "kinderen", "schommel", "glijbaan", "klimrek", "zandbak"],
    "energy": ["energie", "zonnepaneel", "panelen", "isol", "warmtepomp", "gas", "stroom", "duurza"],
    "housing": ["woning", "huur", "wonen", "huis", "starter", "corporatie", "nieuwbouw", "verhuur"],
    "culture_events": ["feest", "festival", "muziek", "concert", "theater", "cultuur", "markt", "optreden", "kunst"],
}


def load_topics_set() -> list[dict[str, str]]:
    """Rows of `topics.csv`: id, topic (the label), kind, text."""
    with TOPICS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_topic_texts(rows: list[dict[str, str]]):
    """The rows as `TopicText`s: all public, one a day, so dates play no part in the score."""
    from samenspel.insights.topics import TopicText

    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    return [
        TopicText(key=row["id"], text=row["text"], created=start + timedelta(days=i), public=True)
        for i, row in enumerate(rows)
    ]


def keyword_topics(texts: list[str]) -> list[str]:
    """The keyword-list classifier's label per text ("" for no hit)."""
    found = []
    for text in texts:
        words = re.findall(r"[^\W\d_]+", text.lower())
        hits = Counter({label: sum(w.startswith(k) for w in words for k in keys) for label, keys in KEYWORDS.items()})
        label, count = max(hits.items(), key=lambda item: (item[1], -list(KEYWORDS).index(item[0])))
        found.append(label if count else "")
    return found


def plain_topics(texts: list[str], n_topics: int) -> list[int]:
    """NMF topic per text on TF-IDF of unstemmed words (no char n-grams): the plain baseline."""
    import numpy as np
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    from samenspel.initiatives.search import STOP_WORDS

    vectoriser = TfidfVectorizer(
        token_pattern=_WORDS_OF_THREE_LETTERS, stop_words=sorted(STOP_WORDS), min_df=2, max_df=0.5, sublinear_tf=True
    )
    matrix = vectoriser.fit_transform(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = NMF(n_components=n_topics, init="nndsvda", random_state=0, max_iter=300).fit_transform(matrix)
    return np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1).tolist()


def purity(labels: list[str], clusters: list) -> float:
    members: dict = {}
    for label, cluster in zip(labels, clusters, strict=True):
        members.setdefault(cluster, Counter())[label] += 1
    return sum(counter.most_common(1)[0][1] for counter in members.values()) / len(labels)


def scores(labels: list[str], clusters: list) -> dict[str, float]:
    """NMI, purity and ARI of `clusters` against the true `labels`."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    clusters = [str(c) for c in clusters]
    return {
        "nmi": float(normalized_mutual_info_score(labels, clusters)),
        "purity": purity(labels, clusters),
        "ari": float(adjusted_rand_score(labels, clusters)),
    }
