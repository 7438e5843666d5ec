"""Topics in what residents write: found automatically in Dutch text, with a weekly trend.

What: `find_topics(texts, now=...)` groups the texts residents write (initiatives, updates,
comments, statements, needs and offers, buurtrecht requests) into topics. Each `Topic` has
its top words as readable Dutch words, a label made of them, a few example texts (public
texts only: a private text is counted, never shown), the number of texts per week, and an
`emerging` flag.

How (the field's usual method, measured in `benchmarks/topics.py`):
1. Words: lower-cased letter tokens, hyphenated words split into their parts; stop words and
   stemming exactly as the initiatives search does (`initiatives.search.lexemes`: PostgreSQL's
   Dutch stop list and its Snowball stemmer), plus `EXTRA_STOP_WORDS`: function words that
   short list lacks and the words every participation text uses whatever its subject.
   Stems of fewer than three letters are dropped.
2. Features: TF-IDF on the stems, and TF-IDF on the character 3- to 5-grams of the stems
   (sublinear term frequency; columns in fewer than two texts or in more than half of them
   left out; each block's rows of length one), the stems weighing `WORD_SHARE` of the
   squared length. Why the n-grams: Dutch glues words together, and residents' texts are
   short: "speeltuin", "speelplek", "speeltoestel" and "speelveld" are four stems that
   never meet as whole stems, but share "speel" n-grams. On the evaluation set they lift
   NMI from 0.21 (stems alone, the issue's literal method; plain TF-IDF without stemming:
   0.13) to 0.30 at the true k (`benchmarks/topics.py`; `WORD_SHARE` 0.2 was the best of
   0.2/0.3/0.4 on that set, so that figure is slightly optimistic; the n-gram lengths are
   the marketplace matcher's). Float32, as the figures need no more.
3. NMF (non-negative matrix factorisation, scikit-learn, coordinate descent, `init="nndsvda"`,
   which is deterministic) splits the matrix into texts x topics and topics x features. A
   text belongs to the topic with its largest weight; a text without any kept feature
   belongs to none. Top words: the stem columns of a topic ranked by relevance (weight and
   lift over the stem's share in all texts, see `top_terms`).
4. Readable words: a stem is shown as the surface form residents wrote most often
   ("speeltuin" for the stem "speeltuin", not "speeltuinen"; ties: the shorter, then the
   first alphabetically). The label is the first `LABEL_WORDS` top words.
5. Number of topics, when not given: every k from 2 to `MAX_TOPICS` (and at most one topic
   per `MIN_TEXTS_PER_TOPIC` texts) is fitted and the k whose topics hang together best is
   kept: the mean NPMI of the pairs of each topic's top `COHERENCE_WORDS` stems, counted over
   the texts (Lau, Newman & Baldwin 2014 found NPMI the coherence closest to people's
   judgement; O'Callaghan et al. 2015 use it to choose k for NMF), minus how much the topics
   repeat each other (mean largest Jaccard overlap of a topic's top stems with another's).
   Three choices make it work on short texts, each found by a failure:
   - a topic's words for this purpose are those its texts use most (the mean of its texts'
     rows), not those the factor ranks first: a topic merging two subjects can rank one
     subject's words first, which look coherent, while its texts use both (three clearly
     separate synthetic subjects came out as two);
   - a pair that never shares a text counts -1 only when it was expected to share one
     (df_a x df_b / n >= 1), less in proportion otherwise: two rare words of one subject
     rarely meet in a few hundred texts, and counting that as -1 made every larger k lose
     (k = 2 to 5 on the evaluation set's subsets);
   - the overlap term: without it one subject split in two near-copies scores as well as
     the whole.
   Stability under subsampling (Greene et al. 2014) was tried first and chose k = 2 on the
   evaluation set: broad topics are the most stable. The choice is made on the stem columns
   and, above `SELECTION_SAMPLE` texts, on a fixed random sample of texts, so that it costs
   well under a second at 5,000 texts. Measured: k = 9 on the evaluation set of ten labels
   (8 to 15 on its random 90% subsets); 15 (the maximum) on 5,000 synthetic texts of ten
   subjects, whose recombined sentences make finer sub-topics real. A caller that wants a
   fixed grain passes `n_topics`.
6. Determinism: all randomness is seeded and the input is sorted by key first: the same
   texts give the same topics, in whatever order they come. NMF and the rest run with one
   BLAS thread (see `fit`).

Emerging: a topic is emerging when its share of the texts of the last `RECENT_WEEKS` weeks
(up to `now`) is at least `EMERGING_RATIO` times its share before that (add-one smoothed),
with at least `MIN_EMERGING_TEXTS` recent texts in it, and the rise is unlikely to be chance
(binomial z-score of at least `EMERGING_Z`). Without `MIN_HISTORY_TEXTS` texts before the
recent weeks nothing is emerging: growth needs a before.

No Django imports; NumPy, SciPy and scikit-learn are imported inside the functions that use
them, so importing this module costs nothing (tests/test_project.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from samenspel.initiatives.search import lexemes

__all__ = ["Topic", "TopicText", "find_topics"]

MAX_TOPICS = 15
MIN_TEXTS_PER_TOPIC = 10
WORD_SHARE = 0.2
CHAR_NGRAMS = (3, 5)
TOP_WORDS = 8
RELEVANCE_LAMBDA = 0.6
EXAMPLES = 3
LABEL_WORDS = 3
RANDOM_STATE = 0
COHERENCE_WORDS = 10
SELECTION_SAMPLE = 1000
SELECTION_ITERATIONS = 50

RECENT_WEEKS = 4
EMERGING_RATIO = 2.0
EMERGING_Z = 2.0
MIN_EMERGING_TEXTS = 5
MIN_HISTORY_TEXTS = 20

# Not in PostgreSQL's short Dutch stop list, yet they say nothing about a subject: pronouns,
# auxiliaries, quantities and the words of participation itself ("gemeente", "buurt",
# "zoeken", "vragen"), which every need, offer and request uses whatever it is about.
_EXTRA_STOP = """
   we wij onze ons jullie jouw zijn hun hen ze haar zij die dit dat deze daar hier waar wel nog
   ook al heel echt gewoon even eens weer steeds veel weinig meer minder elk elke ieder iedere
   iedereen alle allemaal niemand iets niks niets zo'n zo n s t gaat gaan ga komt komen kom kan
   kunnen mag mogen moet moeten wil willen wilt zou zouden heeft hebben heb had word wordt
   worden werd ben bent zijn was waren doe doet doen gedaan krijgen krijgt kijken zien ziet
   staat staan laat laten maken maakt gemaakt zetten graag goed mooi fijn leuk nieuw nieuwe
   oude oud grote groot klein kleine eerste tweede een twee drie vier vijf zes zeven acht negen
   tien twaalf twintig honderd keer jaar jaren week weken maand maanden dag dagen vorig vorige
   volgend volgende nu dan gemeente buurt buurten wijk bewoners bewoner buren mensen
   initiatief plan zoeken zoekt zoek gezocht vragen vraagt vraag verzoek helpen help hulp samen
   mee per langs sinds eerst eigen eigenlijk zodat vaak soms nooit bijna rond plaats tussen
   naast achter boven bovendien af toe elkaar zelfs alleen allen anders ander uur half hele
   weet weten denk denken vind vinden vindt ligt liggen zit zitten houden geven geeft nemen
   neem brengen brengt kunt zit gaan lopen loopt zeggen zegt ochtend middag avond avonden nacht
   maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei
   juni juli augustus september oktober november december
"""
EXTRA_STOP_WORDS = frozenset(_EXTRA_STOP.split())

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class TopicText:
    key: str
    text: str
    created: datetime
    public: bool


@dataclass
class Topic:
    label: str
    top_words: list[str]
    examples: list[str]  # keys of public texts only
    weekly: list[tuple[date, int]]
    emerging: bool
    size: int


@lru_cache(maxsize=65536)
def _stem(word: str) -> str | None:
    if word in EXTRA_STOP_WORDS:
        return None
    found = lexemes(word)
    if len(found) != 1 or len(found[0]) < 3:
        return None
    return found[0]


def analyse(text: str) -> list[tuple[str, str]]:
    """(stem, surface word) pairs of the subject words of `text`, in order."""
    pairs = []
    for token in _TOKEN.findall((text or "").lower()):
        word = token.split("'")[0] if token.endswith("'s") else token
        stem = _stem(word)
        if stem is not None:
            pairs.append((stem, word))
    return pairs


def _readable(surfaces: dict[str, Counter]) -> dict[str, str]:
    """Each stem's most written surface form: the most frequent, then shortest, then first."""
    return {
        stem: min(counter.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
        for stem, counter in surfaces.items()
    }


@lru_cache(maxsize=65536)
def _grams_of(stem: str) -> tuple[str, ...]:
    """Character 3- to 5-grams of a stem with its boundaries, as the marketplace matcher uses:
    Dutch glues words together ("speeltuin", "speelplek", "speeltoestel"), and the n-grams let
    such compounds meet where whole stems never would."""
    padded = f" {stem} "
    low, high = CHAR_NGRAMS
    return tuple(padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1))


def _identity(stems: list[str]) -> list[str]:
    return stems


def _tfidf(counts, n: int):
    """Sublinear TF-IDF of the columns of `counts` found in at least two texts and at most half
    of them (on fewer than 20 texts every column is kept), rows of length one."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = counts.tocsc()
    df = np.diff(counts.indptr)  # texts per column
    keep = np.flatnonzero((df >= 2) & (df <= 0.5 * n)) if n >= 20 else np.arange(counts.shape[1])
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, keep]), keep


def _matrix(stem_lists: list[list[str]]):
    """Features (texts x (stems + character n-grams)) and the kept stems, which come first.

    The n-gram counts are the stem counts times a stems x n-grams matrix, a sparse product,
    rather than n-grams cut text by text: the same figures, five times faster at 5,000 texts."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(stem_lists)
    try:
        vectoriser = CountVectorizer(analyzer=_identity)
        counts = vectoriser.fit_transform(stem_lists)
    except ValueError:  # no stem at all
        return None, []
    stems = vectoriser.get_feature_names_out()
    gram_index: dict[str, int] = {}
    rows, columns = [], []
    for row, stem in enumerate(stems):
        for gram in _grams_of(stem):
            rows.append(row)
            columns.append(gram_index.setdefault(gram, len(gram_index)))
    grams = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(stems), len(gram_index)))
    words, kept = _tfidf(counts, n)
    if len(kept) == 0:
        return None, []
    chars, _ = _tfidf(counts @ grams, n)
    matrix = sp.hstack([words * np.sqrt(WORD_SHARE), chars * np.sqrt(1.0 - WORD_SHARE)], format="csr", dtype=np.float32)
    return matrix, [str(stems[i]) for i in kept]


def _nmf(matrix, k: int, *, max_iter: int = 300):
    import warnings

    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    model = NMF(n_components=k, init="nndsvda", random_state=RANDOM_STATE, max_iter=max_iter, tol=1e-4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    return weights, model.components_


def _coherence(presence, top_terms: list[list[int]]) -> float:
    """Mean NPMI of the pairs of each topic's top stems, from how often they share a text
    (Bouma 2009; Lau, Newman & Baldwin 2014: the coherence measure closest to people's
    judgement). A pair that never shares a text counts -1. `presence`: texts x stems, 0/1."""
    import numpy as np

    n = presence.shape[0]
    per_topic = []
    for terms in top_terms:
        columns = presence[:, terms]
        together = (columns.T @ columns).toarray() / n
        alone = np.diag(together).copy()
        values = []
        for a in range(len(terms)):
            for b in range(a + 1, len(terms)):
                p = together[a, b]
                if p <= 0:
                    # Never together: as bad as NPMI gets (-1) when they were expected together
                    # at least once, less when both are too rare to be expected together at all.
                    values.append(-min(1.0, alone[a] * alone[b] * n))
                elif p >= 1:
                    values.append(1.0)
                else:
                    values.append(float(np.log(p / (alone[a] * alone[b])) / -np.log(p)))
        if values:
            per_topic.append(float(np.mean(values)))
    return float(np.mean(per_topic)) if per_topic else -1.0


def _overlap(top_terms: list[list[int]]) -> float:
    """Mean, over topics, of the largest Jaccard overlap of its top stems with another topic's:
    too many topics split one subject into near-copies, each as coherent as the whole."""
    sets = [set(terms) for terms in top_terms]
    largest = [
        max((len(a & b) / len(a | b) for j, b in enumerate(sets) if j != i and a | b), default=0.0)
        for i, a in enumerate(sets)
    ]
    return sum(largest) / len(largest) if largest else 0.0


def choose_n_topics(matrix, n_terms: int) -> int:
    """The number of topics whose top words hang together best (see module docs).
    `n_terms`: the first columns of `matrix` are whole stems, the rest character n-grams."""
    import numpy as np

    n = matrix.shape[0]
    k_max = min(MAX_TOPICS, n // MIN_TEXTS_PER_TOPIC, n_terms)
    if k_max < 2:
        return 1
    # The choice is made on the stems alone (a tenth of the columns; the coherence is about
    # stems anyway) and on a fixed sample of the texts: it picks the same k on the evaluation
    # set as the full features do, in a fraction of the time.
    stems = matrix[:, :n_terms]
    presence = (stems > 0).astype(np.float64).tocsc()
    if n > SELECTION_SAMPLE:
        rows = np.random.default_rng(RANDOM_STATE).choice(n, size=SELECTION_SAMPLE, replace=False)
        stems = stems[np.sort(rows)]
    best_k, best = 1, -2.0
    for k in range(2, k_max + 1):
        weights, _ = _nmf(stems, k, max_iter=SELECTION_ITERATIONS)
        # The words of a topic as its texts say them (the mean of its texts' rows), not as the
        # factor ranks them: a topic that merges two subjects can rank one subject's words
        # first, but its texts use both, and the pairs across them never meet.
        assigned = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
        tops = []
        for topic in range(k):
            members = np.flatnonzero(assigned == topic)
            if len(members):
                centre = np.asarray(stems[members].mean(axis=0)).ravel()
                tops.append([t for t in np.argsort(-centre, kind="stable")[:COHERENCE_WORDS] if centre[t] > 0])
        score = _coherence(presence, tops) - _overlap(tops)
        if score > best + 1e-9:
            best_k, best = k, score
    return best_k


@dataclass
class _Fit:
    texts: list[TopicText]  # sorted by key
    usable: list[int]  # positions in `texts` of the rows of `weights`
    weights: object  # texts x topics
    components: object  # topics x stems
    terms: list[str]
    readable: dict[str, str]
    term_share: object  # each stem's share of all stem weight in the texts

    def assigned(self):
        """Per row of `weights`: its topic, or -1 for a text without any kept stem."""
        import numpy as np

        return np.where(self.weights.max(axis=1) > 0, self.weights.argmax(axis=1), -1)


def fit(texts: list[TopicText], *, n_topics: int | None = None) -> _Fit | None:
    """The NMF fit behind `find_topics`; None when there is too little text for any topic."""
    import numpy  # noqa: F401  (loaded before the limit, which only reaches loaded libraries)
    import scipy.sparse  # noqa: F401
    import sklearn.decomposition  # noqa: F401
    from threadpoolctl import threadpool_limits

    # One BLAS thread: the matrices are small, and on a server whose cores are busy with
    # requests, threads cost more than they bring (measured: NMF at 5,000 texts 1.6 s of CPU
    # with OpenBLAS's threads on two busy cores, 0.5 s with one).
    with threadpool_limits(limits=1):
        return _fit(texts, n_topics=n_topics)


def _fit(texts: list[TopicText], *, n_topics: int | None) -> _Fit | None:
    import numpy as np

    texts = sorted(texts, key=lambda t: t.key)
    analysed = [analyse(t.text) for t in texts]
    surfaces: dict[str, Counter] = {}
    for pairs in analysed:
        for stem, word in pairs:
            surfaces.setdefault(stem, Counter())[word] += 1
    stem_lists = [[stem for stem, _ in pairs] for pairs in analysed]
    usable = [i for i, stems in enumerate(stem_lists) if stems]
    if len(usable) < 2:
        return None
    matrix, terms = _matrix([stem_lists[i] for i in usable])
    if matrix is None:
        return None
    with_terms = np.asarray(matrix[:, : len(terms)].getnnz(axis=1) > 0)
    if with_terms.sum() < 2:
        return None
    k = choose_n_topics(matrix[with_terms], len(terms)) if n_topics is None else n_topics
    k = max(1, min(k, int(with_terms.sum()), len(terms)))
    weights, components = _nmf(matrix, k)
    totals = np.asarray(matrix[:, : len(terms)].sum(axis=0), dtype=np.float64).ravel()
    share = totals / totals.sum() if totals.sum() > 0 else np.full(len(terms), 1.0 / len(terms))
    return _Fit(texts, usable, weights, components[:, : len(terms)], terms, _readable(surfaces), share)


def top_terms(components, term_share, topic: int):
    """A topic's stems, most telling first: relevance (Sievert & Shirley 2014, the LDAvis
    ranking) with `RELEVANCE_LAMBDA` 0.6, their recommendation: lambda x log(weight in the
    topic) + (1 - lambda) x log(weight in the topic / share in all texts). Ranked by weight
    alone, words every subject uses ("straat", "open", "gratis") crowd the top; the lift term
    pushes them down. Only stems with weight in the topic are ranked."""
    import numpy as np

    row = np.asarray(components[topic], dtype=np.float64)
    present = np.flatnonzero(row > 0)
    if len(present) == 0:
        return []
    phi = row[present] / row.sum()
    relevance = RELEVANCE_LAMBDA * np.log(phi) + (1 - RELEVANCE_LAMBDA) * np.log(phi / term_share[present])
    return present[np.argsort(-relevance, kind="stable")].tolist()


def topic_of_text(texts: list[TopicText], *, n_topics: int | None = None) -> dict[str, int]:
    """Each text's topic number (-1: none), for the benchmark and the tests."""
    result = {t.key: -1 for t in texts}
    found = fit(texts, n_topics=n_topics)
    if found is not None:
        for row, topic in enumerate(found.assigned().tolist()):
            result[found.texts[found.usable[row]].key] = topic
    return result


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekly(days: list[date], first: date, last: date) -> list[tuple[date, int]]:
    counts = Counter(_week(day) for day in days)
    weeks, week = [], first
    while week <= last:
        weeks.append((week, counts.get(week, 0)))
        week += timedelta(days=7)
    return weeks


def is_emerging(recent: int, before: int, recent_total: int, before_total: int, n_topics: int) -> bool:
    """Whether a topic with `recent` of `recent_total` recent texts and `before` of `before_total`
    earlier texts grew enough to be called emerging (see the module docstring)."""
    if before_total < MIN_HISTORY_TEXTS or recent < MIN_EMERGING_TEXTS or recent_total == 0:
        return False
    share_before = (before + 1) / (before_total + max(n_topics, 2))
    share_recent = recent / recent_total
    if share_recent < EMERGING_RATIO * share_before:
        return False
    expected = recent_total * share_before
    z = (recent - expected) / (expected * (1 - share_before)) ** 0.5
    return z >= EMERGING_Z


def find_topics(texts: list[TopicText], *, n_topics: int | None = None, now: datetime) -> list[Topic]:
    """The topics in `texts`, largest first (see the module docstring for the method)."""
    import numpy as np

    found = fit(texts, n_topics=n_topics)
    if found is None:
        return []
    texts, usable, weights, components = found.texts, found.usable, found.weights, found.components
    assigned = found.assigned()
    days = [texts[i].created.date() for i in usable]
    today = now.date()
    first, last = _week(min(days)), _week(max(today, max(days)))
    recent_start = _week(today) - timedelta(weeks=RECENT_WEEKS - 1)
    recent = np.array([recent_start <= day <= today for day in days])
    before = np.array([day < recent_start for day in days])
    counted = assigned >= 0
    recent_total, before_total = int((recent & counted).sum()), int((before & counted).sum())

    topics = []
    for topic in range(weights.shape[1]):
        members = np.flatnonzero(assigned == topic)
        if len(members) == 0:
            continue
        words: list[str] = []
        for term in top_terms(components, found.term_share, topic):
            if len(words) == TOP_WORDS:
                break
            word = found.readable[found.terms[term]]
            if word not in words:
                words.append(word)
        ranked = sorted(members.tolist(), key=lambda row: (-weights[row, topic], texts[usable[row]].key))
        # A private text counts in the figures but is never shown: only public texts are examples.
        examples = [texts[usable[row]].key for row in ranked if texts[usable[row]].public][:EXAMPLES]
        topics.append(
            Topic(
                label=", ".join(words[:LABEL_WORDS]).capitalize(),
                top_words=words,
                examples=examples,
                weekly=_weekly([days[row] for row in members], first, last),
                emerging=is_emerging(
                    int(recent[members].sum()), int(before[members].sum()), recent_total, before_total, weights.shape[1]
                ),
                size=len(members),
            )
        )
    topics.sort(key=lambda t: (-t.size, t.label))
    return topics
