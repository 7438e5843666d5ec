"""Matching engine of the social marketplace (maatschappelijke marktplaats).

Needs (vraag) and offers (aanbod) of initiatives, residents and partner
organisations are ranked against each other. This module is pure Python
(numpy, scipy, snowballstemmer) and imports nothing from
Django, so it can run in a web request, a background task or a benchmark.

Public API
----------
``Item(id, kind, text, lat=None, lon=None, neighbourhood=None, themes=(), owner=None)``
    One need or one offer. ``text`` is title and description together
    (``Item.from_parts`` joins them). ``owner`` (e.g. the initiative id) keeps
    an initiative from being matched with its own offers.
``Weights(kind, text, distance, themes, half_distance_km, ...)``
    Tunable weights and distance parameters. ``DEFAULT_WEIGHTS`` were set by
    hand. A grid search on the odd half of the evaluation set raised MRR on
    that half from 0.80 to 0.88 but lowered it on the held-out even half from
    0.79 to 0.77, i.e. it overfitted, so the hand-set defaults were kept
    (``benchmarks/marketplace_matching.py --tune`` reproduces this).
``Matcher(needs, offers, weights=DEFAULT_WEIGHTS, top_k=10, min_score=0.0)``
    ``.fit()``                       refit text model, recompute every ranking.
    ``.recompute()``                 recompute every ranking, keep the text model.
    ``.matches_for_need(need_id)``   ranked ``list[Match]`` of offers.
    ``.matches_for_offer(offer_id)`` ranked ``list[Match]`` of needs.
    ``.all_need_matches()`` / ``.all_offer_matches()``  ``dict[id, list[Match]]``.
    ``.explain(need_id, offer_id)``  ``Match`` for any pair, ranked or not.
    ``.update_need(item)`` / ``.update_offer(item)``  add or change one item,
        recompute only what it touches; returns an ``UpdateResult``.
    ``.remove_need(id)`` / ``.remove_offer(id)``  same, for a closed item.
    ``.stale_fraction``              share of items changed since the last fit.
``Match``  need_id, offer_id, score, parts (component scores), explanation
    (plain Dutch), plus the structured facts behind the explanation.
``UpdateResult``  the changed row and which counterpart rankings it entered,
    left or otherwise changed, so stored matches of those can be refreshed.
``.rank_of(need_id, offer_id)``  the offer's place in the need's ranking (0: absent).

The evaluation harness (hand-labelled pairs, hit-rate@k, MRR) lives apart, in
``samenspel.marketplace.evaluation``; it only uses this public API.

Score
-----
Four components, each in [0, 1]:

* kind: ``COMPATIBILITY[need.kind][offer.kind]``; 0 means the pair is never
  proposed (e.g. a permit need is met only by a permit or knowledge offer).
* text: cosine similarity of TF-IDF vectors built from Dutch stems (stop
  words removed) plus character n-grams of those stems, because Dutch glues
  words together ("moestuin", "buurthuis") and the n-grams let "tuin" meet
  "moestuin".
* distance: haversine distance with exponential decay (``half_distance_km``),
  plus a bonus for the same CBS buurt (or a smaller one for the same wijk).
* themes: Jaccard overlap of theme codes.

The score is the weighted mean of the components that are *known* for the
pair: if either side lacks a location (a fund, a city-wide offer) the
distance component is left out and the remaining weights are renormalised,
so a missing location is neutral rather than a penalty or a bonus. The same
holds for themes when either side has none.

Efficiency
----------
``fit`` scores needs in blocks of ``block_size`` rows against all offers,
as float32, and keeps only the top-k per row and per column (ties broken by
insertion order, so results are deterministic). Memory is O(block_size x
n_offers) for scores plus the sparse TF-IDF matrices; the full need x offer
matrix never exists. An update scores one row (1 x n_counterparts) and
rescores only the counterpart columns whose top-k it could have changed.

When to refit
-------------
Updates reuse the fitted vocabulary and IDF weights: words never seen at fit
time are ignored by the word part (the character n-grams still catch most of
them). Call ``fit()`` again when ``stale_fraction`` grows past roughly 0.1,
after a bulk import, or on a nightly schedule; removed items also keep their
memory slot until the next fit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
import snowballstemmer

__all__ = [
    "COMPATIBILITY",
    "DEFAULT_WEIGHTS",
    "DUTCH_STOP_WORDS",
    "KINDS",
    "THEMES",
    "THEME_LABELS",
    "Item",
    "Match",
    "Matcher",
    "UpdateResult",
    "Weights",
    "analyse",
    "haversine_km",
]

from .themes import THEME_LABELS, THEMES

# COMPATIBILITY[need kind][offer kind]; absent means 0 (never proposed).
# Partial fits reflect how a partner can help indirectly: someone with a
# network can find volunteers or an expert, knowledge can get a permit
# request through, money can buy materials and vice versa (in kind).
COMPATIBILITY: dict[str, dict[str, float]] = {
    "money": {"money": 1.0, "materials": 0.3, "network": 0.3},
    "space": {"space": 1.0, "network": 0.3},
    "permit": {"permit": 1.0, "knowledge": 0.6},
    "knowledge": {"knowledge": 1.0, "network": 0.5, "volunteers": 0.4, "permit": 0.3},
    "volunteers": {"volunteers": 1.0, "network": 0.5, "knowledge": 0.3},
    "materials": {"materials": 1.0, "money": 0.4, "network": 0.3},
    "network": {"network": 1.0, "knowledge": 0.5, "volunteers": 0.4},
}
# The kind codes are the product's (`marketplace.models.Kind`, checked by a test); their
# words in explanations are passed in (`Matcher(kind_labels=...)`), so they are not kept twice.
KINDS: tuple[str, ...] = tuple(COMPATIBILITY)

# A general Dutch stop word list plus marketplace boilerplate ("zoeken",
# "bieden", "graag") that appears in almost every need or offer and would
# otherwise make unrelated items look alike.
DUTCH_STOP_WORDS: frozenset[str] = frozenset(
    """
    aan aangezien achter al alle allebei alleen alles als altijd ander andere anders
    ben bent bij binnen bijvoorbeeld bv ca daar daarbij daarna daarom daarvoor dan dat
    de der deze dezelfde die dit doch doen door dus echter een eens eigen elk elke en enkele
    er erg etc even ge geen geweest graag haar had hadden heb hebben heeft hem hen het hier
    hij hoe hoeveel hun iemand iedereen iets ik in is ja je jij jou jouw jullie kan kon
    kunnen kunt maar mag me meer men met mij mijn misschien moet moeten na naar
    natuurlijk niet niets nog nu of om omdat onder ongeveer ons onze ook op over per
    reeds rond samen sinds te tegen toch toe toen tot tussen u uit uw van vanaf veel via
    voor vooral waar waarbij waardoor wanneer want waren was wat we wel welke werd
    wezen wie wij wil willen wordt worden zal ze zeer zelf zich zij zijn zo zoals zonder
    zou zouden zullen
    zoek zoeken zoekt gezocht bied bieden biedt aangeboden aanbod vraag vragen
    iemand mensen beschikbaar nodig hulp helpen interesse neem contact op
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("dutch")
_LN2 = math.log(2.0)
_EARTH_RADIUS_KM = 6371.0088


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=400_000)
def _stem_of_surface(surface: str) -> str | None:
    """The stem of one lower-cased word as it appears, or None for a word that carries no
    meaning here. Cached by surface form: a market's texts repeat their words (Zipf), so
    each distinct word is normalised and stemmed once."""
    word = _strip_accents(surface)
    if len(word) < 2 or word in DUTCH_STOP_WORDS:
        return None
    stem = _stem(word)
    return stem if len(stem) >= 2 else None


def analyse(text: str) -> list[tuple[str, str]]:
    """Tokenise Dutch ``text`` into ``(stem, surface word)`` pairs.

    Lower-cases, strips accents (so "café" and "cafe" agree), drops digits,
    one-letter tokens and stop words, and stems with the Snowball
    DutchStemmer so that "moestuinen" and "moestuin" share a stem.
    """
    out: list[tuple[str, str]] = []
    for surface in _TOKEN_RE.findall(text.lower()):
        stem = _stem_of_surface(surface)
        if stem is not None:
            out.append((stem, surface))
    return out


def _char_ngrams(stem: str, n_min: int, n_max: int) -> list[str]:
    """The character n-grams of one stem, padded with a space on each side, so that a
    typo or a compound ("buurthuis", "huis") still shares most of its grams."""
    padded = f" {stem} "
    if len(padded) <= n_min:
        return [padded]
    return [padded[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(padded) - n + 1)]


class _TextModel:
    """TF-IDF of stems and of their character n-grams, as scikit-learn's ``TfidfVectorizer``
    computes it (sublinear tf, smooth idf, l2 rows), but built from a document-by-stem count
    matrix: a document's gram counts are its stem counts times a stem-by-gram matrix, so each
    distinct stem is cut into grams once instead of once per occurrence (tested equal to
    scikit-learn's result in ``tests/test_matching.py``)."""

    def __init__(self, corpus: list[list[str]], n_min: int, n_max: int, word_share: float) -> None:
        self.n_min, self.n_max = n_min, n_max
        self.word_scale = np.float32(math.sqrt(word_share))
        self.char_scale = np.float32(math.sqrt(1.0 - word_share))
        stems = sorted({s for doc in corpus for s in doc})
        self.stem_index = {s: i for i, s in enumerate(stems)}
        grams = sorted({g for s in stems for g in _char_ngrams(s, n_min, n_max)})
        self.gram_index = {g: i for i, g in enumerate(grams)}
        self._stem_grams: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        n_docs = len(corpus)
        counts_w, counts_c = self._counts(corpus)
        self.word_idf = self._idf(counts_w, n_docs)
        self.char_idf = self._idf(counts_c, n_docs)
        self.width = len(stems) + len(grams)

    @staticmethod
    def _idf(counts: sp.csr_matrix, n_docs: int) -> np.ndarray:
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
        return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)

    def _grams_of(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        found = self._stem_grams.get(stem)
        if found is None:
            cols = [self.gram_index[g] for g in _char_ngrams(stem, self.n_min, self.n_max) if g in self.gram_index]
            uniq, cnt = np.unique(np.asarray(cols, dtype=np.int64), return_counts=True)
            found = self._stem_grams[stem] = (uniq, cnt.astype(np.float32))
        return found

    def _counts(self, docs: list[list[str]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Document-by-stem and document-by-gram counts; stems unknown to the model still
        bring the grams the model knows (a new word in an update)."""
        local: dict[str, int] = {}
        rows, cols = [], []
        for r, doc in enumerate(docs):
            for s in doc:
                rows.append(r)
                cols.append(local.setdefault(s, len(local)))
        n = len(docs)
        by_stem = sp.csr_matrix(
            (
                np.ones(len(rows), dtype=np.float32),
                (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)),
            ),
            shape=(n, len(local)),
        )
        by_stem.sum_duplicates()
        local_stems = list(local)
        # Known stems to their column in the word vocabulary; unknown ones are dropped there.
        known = np.array([self.stem_index.get(s, -1) for s in local_stems], dtype=np.int64)
        keep = np.flatnonzero(known >= 0)
        to_vocab = sp.csr_matrix(
            (np.ones(len(keep), dtype=np.float32), (keep, known[keep])), shape=(len(local_stems), len(self.stem_index))
        )
        g_rows, g_cols, g_vals = [], [], []
        for i, s in enumerate(local_stems):
            c, v = self._grams_of(s)
            g_rows.append(np.full(len(c), i, dtype=np.int64))
            g_cols.append(c)
            g_vals.append(v)
        stem_grams = sp.csr_matrix(
            (
                np.concatenate(g_vals) if g_vals else np.zeros(0, dtype=np.float32),
                (
                    np.concatenate(g_rows) if g_rows else np.zeros(0, dtype=np.int64),
                    np.concatenate(g_cols) if g_cols else np.zeros(0, dtype=np.int64),
                ),
            ),
            shape=(len(local_stems), len(self.gram_index)),
        )
        words = (by_stem @ to_vocab).tocsr()
        grams = (by_stem @ stem_grams).tocsr()
        for m in (words, grams):
            m.eliminate_zeros()
            m.sort_indices()
        return words, grams

    @staticmethod
    def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
        x = counts.astype(np.float32, copy=True)
        x.data = np.log(x.data) + np.float32(1.0)
        x = (x @ sp.diags(idf, format="csr", dtype=np.float32)).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1), dtype=np.float32).ravel())
        norms[norms == 0] = 1.0
        return (sp.diags(np.float32(1.0) / norms, format="csr", dtype=np.float32) @ x).tocsr()

    def transform(self, docs: list[list[str]]) -> sp.csr_matrix:
        words, grams = self._counts(docs)
        xw = self._tfidf(words, self.word_idf) * self.word_scale
        xc = self._tfidf(grams, self.char_idf) * self.char_scale
        return sp.hstack([xw, xc], format="csr", dtype=np.float32)

    def idf_by_stem(self) -> dict[str, float]:
        return {s: float(self.word_idf[i]) for s, i in self.stem_index.items()}


def _unit_vectors(lat, lon) -> np.ndarray:
    lat, lon = np.radians(np.asarray(lat, dtype=np.float64)), np.radians(np.asarray(lon, dtype=np.float64))
    cos_lat = np.cos(lat)
    return np.stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)], axis=-1)


def _chord_to_km(dot: np.ndarray) -> np.ndarray:
    """Great-circle km from the dot product of two unit vectors: sin²(d/2) = (1 - dot) / 2,
    the haversine's own quantity (equal to it within a millimetre at town distances)."""
    a = np.subtract(1.0, dot)
    a *= 0.5
    np.clip(a, 0.0, 1.0, out=a)
    np.sqrt(a, out=a)
    np.arcsin(a, out=a)
    a *= 2.0 * _EARTH_RADIUS_KM
    return a


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; accepts floats or broadcastable arrays."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2.0) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2.0) ** 2
    return 2.0 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass(frozen=True)
class Item:
    """A need or an offer.

    ``neighbourhood`` is a CBS buurt code ("BU12340101"); its first eight
    characters after "BU" identify the wijk, used for a smaller bonus.
    ``owner`` is optional: a need and an offer with the same owner are never
    matched (an initiative does not need to be introduced to itself).
    """

    id: Hashable
    kind: str
    text: str
    lat: float | None = None
    lon: float | None = None
    neighbourhood: str | None = None
    themes: tuple[str, ...] = ()
    owner: Hashable | None = None

    def __post_init__(self) -> None:
        if self.kind not in COMPATIBILITY:
            raise ValueError(f"unknown kind {self.kind!r}; expected one of {KINDS}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must both be given or both be None")
        themes = tuple(self.themes)
        unknown = [t for t in themes if t not in THEME_LABELS]
        if unknown:
            raise ValueError(f"unknown themes {unknown}; expected codes from {THEMES}")
        object.__setattr__(self, "themes", themes)

    @classmethod
    def from_parts(cls, id: Hashable, kind: str, title: str, description: str = "", **kwargs) -> Item:
        """Build an item from a separate title and description."""
        text = f"{title}. {description}" if description else title
        return cls(id=id, kind=kind, text=text, **kwargs)


@dataclass(frozen=True)
class Weights:
    """Component weights (relative; they need not sum to 1) and parameters.

    ``half_distance_km``: distance at which the proximity score halves.
    ``buurt_bonus`` / ``wijk_bonus``: added to proximity for the same CBS
    buurt / wijk (capped at 1). ``word_share``: share of the text similarity
    that comes from whole stems; the rest comes from character n-grams.
    ``text_saturation``: a cosine at or above this value counts as a full
    text match, because even close paraphrases rarely exceed ~0.5.
    """

    kind: float = 0.25
    text: float = 0.45
    distance: float = 0.2
    themes: float = 0.1
    half_distance_km: float = 1.5
    buurt_bonus: float = 0.25
    wijk_bonus: float = 0.1
    word_share: float = 0.6
    text_saturation: float = 0.6
    char_ngram_min: int = 3
    char_ngram_max: int = 5


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Match:
    """One ranked need-offer pair with its explanation.

    ``parts`` holds the component scores (``kind``, ``text``, ``distance``,
    ``themes``); a component is ``None`` when it is unknown for this pair and
    therefore left out of ``score``. ``explanation`` is the Dutch sentence
    built from ``reasons``, which are said from the facts when asked for: a
    full recompute makes hundreds of thousands of matches and stores only
    their facts.
    """

    need_id: Hashable
    offer_id: Hashable
    score: float
    parts: dict[str, float | None]
    distance_m: int | None = None
    same_area: str | None = None  # "buurt", "wijk" or None
    shared_themes: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()
    need_word: str = ""  # the need's category, in words
    offer_word: str = ""

    @property
    def reasons(self) -> tuple[str, ...]:
        reasons: list[str] = []
        place = []
        if self.same_area:
            place.append(f"zelfde {self.same_area}")
        if self.distance_m is not None:
            place.append(_format_distance(self.distance_m))
        reasons.append(", ".join(place) if place else "afstand onbekend")
        compat = self.parts.get("kind") or 0.0
        if compat >= 1.0:
            reasons.append(f"past bij: {self.need_word}")
        elif compat > 0:
            reasons.append(f"past deels: {self.offer_word} voor een vraag om {self.need_word}")
        else:
            reasons.append(f"past niet: {self.offer_word} voor een vraag om {self.need_word}")
        if self.shared_themes:
            label = "thema" if len(self.shared_themes) == 1 else "thema's"
            reasons.append(f"{label}: " + ", ".join(THEME_LABELS[t] for t in self.shared_themes))
        if self.shared_words:
            label = "woord" if len(self.shared_words) == 1 else "woorden"
            reasons.append(f"{label}: " + ", ".join(self.shared_words))
        return tuple(reasons)

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class UpdateResult:
    """What an incremental update changed.

    ``matches`` is the new ranking of the updated item (empty after a
    removal). ``entered`` / ``left`` list counterpart ids whose top-k the item
    entered or left; ``changed`` lists every counterpart whose stored ranking
    differs in any way (entered, left, moved or rescored), a superset of both.
    """

    side: str  # "need" or "offer"
    item_id: Hashable
    matches: list[Match]
    entered: tuple[Hashable, ...]
    left: tuple[Hashable, ...]
    changed: tuple[Hashable, ...]


class _Side:
    """Column-oriented storage of one side (needs or offers)."""

    def __init__(self) -> None:
        self.items: list[Item | None] = []
        self.pos: dict[Hashable, int] = {}
        self.tokens: list[dict[str, str]] = []  # per item: stem -> its first surface word
        self.kind = np.zeros(0, dtype=np.int8)
        self.lat = np.zeros(0, dtype=np.float64)
        self.lon = np.zeros(0, dtype=np.float64)
        self.has_point = np.zeros(0, dtype=bool)
        self.buurt = np.zeros(0, dtype=np.int32)
        self.wijk = np.zeros(0, dtype=np.int32)
        self.owner = np.zeros(0, dtype=np.int32)
        self.themes = np.zeros((0, len(THEMES)), dtype=np.float32)
        self.active = np.zeros(0, dtype=bool)
        self.X: sp.csr_matrix = sp.csr_matrix((0, 0), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.items)


def _kind_matrix() -> np.ndarray:
    m = np.zeros((len(KINDS), len(KINDS)), dtype=np.float32)
    for i, need_kind in enumerate(KINDS):
        for j, offer_kind in enumerate(KINDS):
            m[i, j] = COMPATIBILITY[need_kind].get(offer_kind, 0.0)
    return m


_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
_THEME_INDEX = {t: i for i, t in enumerate(THEMES)}


def _candidates(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Entries of each row that may belong to its top-k (ties included)."""
    if scores.shape[1] > k:
        kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1]
        mask = scores >= kth[:, None]
        mask &= np.isfinite(scores)
    else:
        mask = np.isfinite(scores)
    return np.nonzero(mask)


def _select_topk(
    n_rows: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k per row from (row, col, score) triples; ties go to the lower col."""
    idx = np.full((n_rows, k), -1, dtype=np.int32)
    top = np.full((n_rows, k), -np.inf, dtype=np.float32)
    if len(rows) == 0:
        return idx, top
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, np.arange(n_rows))
    rank = np.arange(len(rows)) - starts[rows]
    keep = rank < k
    idx[rows[keep], rank[keep]] = cols[keep]
    top[rows[keep], rank[keep]] = vals[keep]
    return idx, top


class Matcher:
    """Ranks offers for every need and needs for every offer.

    ``top_k`` entries are kept per need and per offer. ``min_score`` drops
    weaker pairs (0 keeps every kind-compatible pair). ``block_size`` bounds
    memory during ``fit``: about ``block_size x n_offers x 60`` bytes.
    Methods that read rankings call ``fit()`` first if it has not run yet.
    """

    def __init__(
        self,
        needs: Iterable[Item] = (),
        offers: Iterable[Item] = (),
        weights: Weights = DEFAULT_WEIGHTS,
        top_k: int = 10,
        min_score: float = 0.0,
        block_size: int = 256,
        kind_labels: Mapping[str, str] | None = None,
    ) -> None:
        if top_k < 1:
            raise ValueError("top_k must be at least 1")
        self.kind_labels = dict(kind_labels or {})
        self.weights = weights
        self.top_k = top_k
        self.min_score = min_score
        self.block_size = max(1, block_size)
        self._pending_needs = self._unique(needs, "need")
        self._pending_offers = self._unique(offers, "offer")
        self._compat = _kind_matrix()
        self._fitted = False
        self._changes_since_fit = 0
        self._codes: dict[Hashable, int] = {}

    @staticmethod
    def _unique(items: Iterable[Item], label: str) -> list[Item]:
        result = list(items)
        ids = [it.id for it in result]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate {label} ids")
        return result

    # ----------------------------------------------------------------- fitting
    def fit(self) -> Matcher:
        """Refit the text model on all current items and recompute rankings."""
        if self._fitted:
            needs = [it for it in self._needs.items if it is not None]
            offers = [it for it in self._offers.items if it is not None]
        else:
            needs, offers = self._pending_needs, self._pending_offers
        self._codes = {}
        need_tokens = [analyse(it.text) for it in needs]
        offer_tokens = [analyse(it.text) for it in offers]
        self._fit_vectorisers([[s for s, _ in t] for t in need_tokens + offer_tokens])
        self._needs = self._build_side(needs, need_tokens)
        self._offers = self._build_side(offers, offer_tokens)
        self._offers_T = None
        self._fitted = True
        self._changes_since_fit = 0
        self._pending_needs, self._pending_offers = [], []
        self._recompute_all()
        return self

    def recompute(self) -> Matcher:
        """Recompute every ranking with the current text model, without refitting.

        Gives exactly what a chain of incremental updates should give; use it
        after changing ``weights`` or ``min_score``.
        """
        self._ensure_fitted()
        self._offers_T = None
        self._recompute_all()
        return self

    def _fit_vectorisers(self, corpus: list[list[str]]) -> None:
        w = self.weights
        self._has_vocab = any(corpus)
        if self._has_vocab:
            self._text = _TextModel(corpus, w.char_ngram_min, w.char_ngram_max, w.word_share)
            self._idf = self._text.idf_by_stem()
        else:
            self._text = None
            self._idf = {}

    def _vectorise(self, stems: list[list[str]]) -> sp.csr_matrix:
        if not self._has_vocab:
            return sp.csr_matrix((len(stems), 0), dtype=np.float32)
        if not stems:
            return sp.csr_matrix((0, self._text.width), dtype=np.float32)
        return self._text.transform(stems)

    def _code(self, value: Hashable | None) -> int:
        if value is None or value == "":
            return -1
        return self._codes.setdefault(value, len(self._codes))

    def _attributes(self, item: Item) -> tuple:
        theme_row = np.zeros(len(THEMES), dtype=np.float32)
        for t in item.themes:
            theme_row[_THEME_INDEX[t]] = 1.0
        nb = item.neighbourhood or None
        wijk = ("WK" + nb[2:8]) if nb and nb.startswith("BU") and len(nb) >= 8 else None
        has_point = item.lat is not None
        return (
            _KIND_INDEX[item.kind],
            item.lat if has_point else 0.0,
            item.lon if has_point else 0.0,
            has_point,
            self._code(("buurt", nb) if nb else None),
            self._code(("wijk", wijk) if wijk else None),
            self._code(("owner", item.owner) if item.owner is not None else None),
            theme_row,
        )

    def _build_side(self, items: list[Item], tokens: list[list[tuple[str, str]]]) -> _Side:
        side = _Side()
        side.items = list(items)
        side.pos = {it.id: i for i, it in enumerate(items)}
        side.tokens = [_first_words(t) for t in tokens]
        attrs = [self._attributes(it) for it in items]
        n = len(items)
        side.kind = np.array([a[0] for a in attrs], dtype=np.int8).reshape(n)
        side.lat = np.array([a[1] for a in attrs], dtype=np.float64).reshape(n)
        side.lon = np.array([a[2] for a in attrs], dtype=np.float64).reshape(n)
        side.has_point = np.array([a[3] for a in attrs], dtype=bool).reshape(n)
        side.buurt = np.array([a[4] for a in attrs], dtype=np.int32).reshape(n)
        side.wijk = np.array([a[5] for a in attrs], dtype=np.int32).reshape(n)
        side.owner = np.array([a[6] for a in attrs], dtype=np.int32).reshape(n)
        side.themes = np.stack([a[7] for a in attrs]) if n else np.zeros((0, len(THEMES)), dtype=np.float32)
        side.active = np.ones(n, dtype=bool)
        side.X = self._vectorise([[s for s, _ in t] for t in tokens])
        return side

    def _ensure_fitted(self) -> None:
        if not self._fitted:
            self.fit()

    def _offer_matrix_T(self) -> sp.csr_matrix:
        if self._offers_T is None:
            self._offers_T = self._offers.X.T.tocsr()
        return self._offers_T

    # ----------------------------------------------------------------- scoring
    def _components(
        self, ni: np.ndarray, oi: np.ndarray, offers_T: sp.spmatrix | None = None, paired: bool = False
    ) -> dict[str, np.ndarray]:
        """Component arrays for needs ``ni`` x offers ``oi``.

        With ``paired=False`` the result is a (len(ni), len(oi)) grid; with
        ``paired=True`` ``ni`` and ``oi`` have equal length and the result is
        one value per (ni[i], oi[i]) pair, computed with the same formulas.
        """
        nd, of, w = self._needs, self._offers, self.weights
        if paired:

            def rows(a):
                return a

            def cols(a):
                return a

            kind = self._compat[nd.kind[ni], of.kind[oi]]
        else:

            def rows(a):
                return a[:, None]

            def cols(a):
                return a[None, :]

            kind = self._compat[nd.kind[ni]][:, of.kind[oi]]

        if nd.X.shape[1] == 0:
            text = np.zeros(kind.shape, dtype=np.float32)
        elif paired:
            text = np.asarray(nd.X[ni].multiply(of.X[oi]).sum(axis=1), dtype=np.float32).ravel()
        else:
            xo_t = offers_T if offers_T is not None else of.X[oi].T
            text = (nd.X[ni] @ xo_t).toarray().astype(np.float32, copy=False)
        text = np.clip(text, 0.0, 1.0)
        if not paired:
            return self._grid_components(ni, oi, kind, text)

        point = rows(nd.has_point[ni]) & cols(of.has_point[oi])
        # Great-circle distance from the dot product of unit vectors: for a grid one matrix
        # product instead of the haversine's six trigonometric passes over every pair.
        pn, po = _unit_vectors(nd.lat[ni], nd.lon[ni]), _unit_vectors(of.lat[oi], of.lon[oi])
        dot = (pn * po).sum(axis=1) if paired else pn @ po.T
        dist_km = _chord_to_km(dot)
        proximity = np.exp(dist_km * (-_LN2 / w.half_distance_km))
        proximity[~point] = 0.0
        nb = rows(nd.buurt[ni])
        same_buurt = (nb == cols(of.buurt[oi])) & (nb >= 0)
        wk = rows(nd.wijk[ni])
        same_wijk = (wk == cols(of.wijk[oi])) & (wk >= 0) & ~same_buurt
        bonus = np.where(same_buurt, w.buurt_bonus, np.where(same_wijk, w.wijk_bonus, 0.0))
        # Without points, a shared buurt is still evidence of closeness.
        distance = np.where(point, np.minimum(1.0, proximity + bonus), np.where(same_buurt, 1.0, 0.0)).astype(
            np.float32
        )
        distance_known = point | same_buurt

        tn, to = nd.themes[ni], of.themes[oi]
        inter = (tn * to).sum(axis=1) if paired else tn @ to.T
        cn, co = rows(tn.sum(axis=1)), cols(to.sum(axis=1))
        themes_known = (cn > 0) & (co > 0)
        themes = np.where(themes_known, inter / np.maximum(cn + co - inter, 1.0), 0.0)

        owner = rows(nd.owner[ni])
        blocked = (
            (kind <= 0) | ((owner == cols(of.owner[oi])) & (owner >= 0)) | ~rows(nd.active[ni]) | ~cols(of.active[oi])
        )
        return {
            "kind": kind,
            "text": text,
            "distance": distance,
            "distance_known": distance_known,
            "themes": themes.astype(np.float32),
            "themes_known": themes_known,
            "blocked": blocked,
            "dist_km": dist_km,
            "point": point,
            "same_buurt": same_buurt,
            "same_wijk": same_wijk,
        }

    def _grid_components(self, ni: np.ndarray, oi: np.ndarray, kind: np.ndarray, text: np.ndarray) -> dict:
        """The grid case of `_components` with the same arithmetic, written in place.

        A full recompute scores every need against every fitting offer, so each full-size
        temporary costs: the distance and theme parts reuse a few buffers instead of about
        fifteen. Each value is computed by the same operations in the same order and types as
        the pair case, so a ranking read from a grid equals one explained from pairs.
        """
        nd, of, w = self._needs, self._offers, self.weights
        point = nd.has_point[ni][:, None] & of.has_point[oi][None, :]
        pn, po = _unit_vectors(nd.lat[ni], nd.lon[ni]), _unit_vectors(of.lat[oi], of.lon[oi])
        dist = pn @ po.T  # the dot product, turned into km and then into proximity in place
        np.subtract(1.0, dist, out=dist)
        dist *= 0.5
        np.clip(dist, 0.0, 1.0, out=dist)
        np.sqrt(dist, out=dist)
        np.arcsin(dist, out=dist)
        dist *= 2.0 * _EARTH_RADIUS_KM
        dist *= -_LN2 / w.half_distance_km
        np.exp(dist, out=dist)
        not_point = ~point
        dist[not_point] = 0.0
        nb = nd.buurt[ni][:, None]
        same_buurt = (nb == of.buurt[oi][None, :]) & (nb >= 0)
        wk = nd.wijk[ni][:, None]
        same_wijk = (wk == of.wijk[oi][None, :]) & (wk >= 0) & ~same_buurt
        # proximity + bonus: the bonus is 0.0 outside a shared buurt or wijk, and x + 0.0 == x.
        np.add(dist, w.buurt_bonus, out=dist, where=same_buurt)
        np.add(dist, w.wijk_bonus, out=dist, where=same_wijk)
        np.minimum(dist, 1.0, out=dist)
        np.copyto(dist, same_buurt, where=not_point)  # without points: 1.0 in a shared buurt, else 0.0
        distance = dist.astype(np.float32)

        tn, to = nd.themes[ni], of.themes[oi]
        inter = tn @ to.T
        cn, co = tn.sum(axis=1)[:, None], to.sum(axis=1)[None, :]
        themes_known = (cn > 0) & (co > 0)
        den = cn + co
        den -= inter
        np.maximum(den, 1.0, out=den)
        np.divide(inter, den, out=inter)
        inter[~themes_known] = 0.0

        owner = nd.owner[ni][:, None]
        blocked = (
            (kind <= 0)
            | ((owner == of.owner[oi][None, :]) & (owner >= 0))
            | ~nd.active[ni][:, None]
            | ~of.active[oi][None, :]
        )
        return {
            "kind": kind,
            "text": text,
            "distance": distance,
            "distance_known": point | same_buurt,
            "themes": inter.astype(np.float32, copy=False),
            "themes_known": themes_known,
            "blocked": blocked,
        }

    def _combine(self, c: dict[str, np.ndarray]) -> np.ndarray:
        # In place and in float32: a full recompute combines every need with every offer.
        w = self.weights
        f32 = np.float32
        text = np.multiply(c["text"], f32(1.0 / w.text_saturation), dtype=np.float32)
        np.minimum(text, f32(1.0), out=text)
        num = np.multiply(c["kind"], f32(w.kind), dtype=np.float32)
        num += text * f32(w.text)
        den = np.full(num.shape, f32(w.kind + w.text), dtype=np.float32)
        part = np.multiply(c["distance"], f32(w.distance), dtype=np.float32)
        part *= c["distance_known"]
        num += part
        den += c["distance_known"] * f32(w.distance)
        np.multiply(c["themes"], f32(w.themes), out=part, dtype=np.float32)
        part *= c["themes_known"]
        num += part
        den += c["themes_known"] * f32(w.themes)
        num /= den
        num[c["blocked"] | (num < self.min_score)] = -np.inf
        return num

    def _scores(self, ni: np.ndarray, oi: np.ndarray | None = None) -> np.ndarray:
        if oi is None:
            oi = np.arange(len(self._offers))
            comps = self._components(ni, oi, self._offer_matrix_T())
        else:
            comps = self._components(ni, oi)
        return self._combine(comps)

    def _recompute_all(self) -> None:
        n_need, n_offer, k = len(self._needs), len(self._offers), self.top_k
        self._need_idx = np.full((n_need, k), -1, dtype=np.int32)
        self._need_sc = np.full((n_need, k), -np.inf, dtype=np.float32)
        self._offer_idx = np.full((n_offer, k), -1, dtype=np.int32)
        self._offer_sc = np.full((n_offer, k), -np.inf, dtype=np.float32)
        if n_need == 0 or n_offer == 0:
            return
        nd, of = self._needs, self._offers
        # A pair whose kinds do not fit is never proposed (its score is -inf), so each need is
        # scored only against the offers of the kinds that fit it: 20 of the 49 kind pairs,
        # about 40% of the work. Columns are mapped back to offer positions in ascending
        # order, so ties still go to the lower position and the rankings are the same.
        for kind in np.unique(nd.kind):
            oi = np.flatnonzero(self._compat[kind][of.kind] > 0)
            if len(oi) == 0:
                continue
            offers_T = of.X[oi].T.tocsr()
            needs_of_kind = np.flatnonzero(nd.kind == kind)
            for start in range(0, len(needs_of_kind), self.block_size):
                ni = needs_of_kind[start : start + self.block_size]
                scores = self._combine(self._components(ni, oi, offers_T))
                r, c = _candidates(scores, k)
                idx, sc = _select_topk(len(ni), r, oi[c], scores[r, c], k)
                self._need_idx[ni], self._need_sc[ni] = idx, sc
                # Merge this block's best needs per offer into the running top-k.
                r, c = _candidates(scores.T, k)
                old_r, old_c = np.nonzero(self._offer_idx >= 0)
                rows = np.concatenate([old_r, oi[r]])
                cols = np.concatenate([self._offer_idx[old_r, old_c], ni[c]])
                vals = np.concatenate([self._offer_sc[old_r, old_c], scores[c, r]])
                self._offer_idx, self._offer_sc = _select_topk(n_offer, rows, cols, vals, k)

    def _rank_rows(self, side: str, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k for the given rows of ``side`` against all counterparts."""
        k = self.top_k
        idx = np.full((len(positions), k), -1, dtype=np.int32)
        sc = np.full((len(positions), k), -np.inf, dtype=np.float32)
        n_other = len(self._offers) if side == "need" else len(self._needs)
        if n_other == 0:
            return idx, sc
        nd, of = self._needs, self._offers
        for start in range(0, len(positions), self.block_size):
            chunk = np.asarray(positions[start : start + self.block_size])
            # Only counterparts of a kind that fits one of these rows can rank (the rest score
            # -inf), as in a full recompute; ascending positions keep the ties' order.
            if side == "need":
                fits = (self._compat[nd.kind[chunk]] > 0).any(axis=0)
                others = np.flatnonzero(fits[of.kind])
                scores = self._scores(chunk, others) if len(others) else np.empty((len(chunk), 0), np.float32)
            else:
                fits = (self._compat[:, of.kind[chunk]] > 0).any(axis=1)
                others = np.flatnonzero(fits[nd.kind])
                # Score the fitting needs against these offers, in need blocks.
                parts = [
                    self._scores(others[a : a + 4 * self.block_size], chunk)
                    for a in range(0, len(others), 4 * self.block_size)
                ]
                scores = np.vstack(parts).T if parts else np.empty((len(chunk), 0), np.float32)
            r, c = _candidates(scores, k)
            idx[start : start + len(chunk)], sc[start : start + len(chunk)] = _select_topk(
                len(chunk), r, others[c], scores[r, c], k
            )
        return idx, sc

    # ----------------------------------------------------------------- reading
    def _make_matches(self, ni: np.ndarray, oi: np.ndarray, scores: np.ndarray | None = None) -> list[Match]:
        """Build ``Match`` objects for the pairs (ni[i], oi[i]) in one vectorised pass."""
        ni = np.asarray(ni, dtype=np.int64)
        oi = np.asarray(oi, dtype=np.int64)
        if len(ni) == 0:
            return []
        c = self._components(ni, oi, paired=True)
        if scores is None:
            scores = self._combine(c)
            scores = np.where(np.isfinite(scores), scores, 0.0)
        # Rounded and turned into Python values per column, not per pair.
        score_l = np.round(np.asarray(scores, dtype=np.float64), 6).tolist()
        kind_l = np.round(c["kind"].astype(np.float64), 4).tolist()
        text_l = np.round(c["text"].astype(np.float64), 4).tolist()
        dist_l = np.round(c["distance"].astype(np.float64), 4).tolist()
        themes_l = np.round(c["themes"].astype(np.float64), 4).tolist()
        dist_known = c["distance_known"].tolist()
        themes_known = c["themes_known"].tolist()
        metres = np.where(c["point"], np.round(c["dist_km"] * 1000), -1).astype(np.int64).tolist()
        area = np.where(c["same_buurt"], 1, np.where(c["same_wijk"], 2, 0)).tolist()
        ni_l, oi_l = ni.tolist(), oi.tolist()
        needs, offers = self._needs, self._offers
        matches = []
        for i in range(len(ni_l)):
            need, offer = needs.items[ni_l[i]], offers.items[oi_l[i]]
            matches.append(
                Match(
                    need_id=need.id,
                    offer_id=offer.id,
                    score=score_l[i],
                    parts={
                        "kind": kind_l[i],
                        "text": text_l[i],
                        "distance": dist_l[i] if dist_known[i] else None,
                        "themes": themes_l[i] if themes_known[i] else None,
                    },
                    distance_m=metres[i] if metres[i] >= 0 else None,
                    same_area=_AREAS[area[i]],
                    shared_themes=tuple(t for t in need.themes if t in offer.themes) if need.themes else (),
                    shared_words=self._shared_words(needs.tokens[ni_l[i]], offers.tokens[oi_l[i]]),
                    need_word=self._kind_word(need.kind),
                    offer_word=self._kind_word(offer.kind),
                )
            )
        return matches

    def _kind_word(self, kind: str) -> str:
        return self.kind_labels.get(kind, kind)

    def _shared_words(self, need_words: dict[str, str], offer_words: dict[str, str], limit: int = 3) -> tuple[str, ...]:
        shared = [stem for stem in need_words if stem in offer_words]
        if not shared:
            return ()
        # Rarer words say more about why two texts belong together.
        shared.sort(key=lambda s: (-self._idf.get(s, 0.0), s))
        return tuple(need_words[s] for s in shared[:limit])

    def _need_pos(self, need_id: Hashable) -> int:
        self._ensure_fitted()
        try:
            return self._needs.pos[need_id]
        except KeyError:
            raise KeyError(f"unknown need {need_id!r}") from None

    def _offer_pos(self, offer_id: Hashable) -> int:
        self._ensure_fitted()
        try:
            return self._offers.pos[offer_id]
        except KeyError:
            raise KeyError(f"unknown offer {offer_id!r}") from None

    def _need_rows(self, positions: Sequence[int]) -> list[list[Match]]:
        idx, sc = self._need_idx[positions], self._need_sc[positions]
        r, c = np.nonzero(idx >= 0)
        flat = self._make_matches(np.asarray(positions)[r], idx[r, c], sc[r, c])
        return _split(flat, r, len(positions))

    def _offer_rows(self, positions: Sequence[int]) -> list[list[Match]]:
        idx, sc = self._offer_idx[positions], self._offer_sc[positions]
        r, c = np.nonzero(idx >= 0)
        flat = self._make_matches(idx[r, c], np.asarray(positions)[r], sc[r, c])
        return _split(flat, r, len(positions))

    def _need_row(self, npos: int) -> list[Match]:
        return self._need_rows([npos])[0]

    def _offer_row(self, opos: int) -> list[Match]:
        return self._offer_rows([opos])[0]

    def matches_for_need(self, need_id: Hashable) -> list[Match]:
        """Best offers for one need, best first (at most ``top_k``)."""
        return self._need_row(self._need_pos(need_id))

    def matches_for_offer(self, offer_id: Hashable) -> list[Match]:
        """Best needs for one offer, best first (at most ``top_k``)."""
        return self._offer_row(self._offer_pos(offer_id))

    def all_need_matches(self) -> dict[Hashable, list[Match]]:
        """``{need_id: matches}`` for every current need."""
        self._ensure_fitted()
        ids, positions = list(self._needs.pos), list(self._needs.pos.values())
        return dict(zip(ids, self._need_rows(positions), strict=True))

    def all_offer_matches(self) -> dict[Hashable, list[Match]]:
        """``{offer_id: matches}`` for every current offer."""
        self._ensure_fitted()
        ids, positions = list(self._offers.pos), list(self._offers.pos.values())
        return dict(zip(ids, self._offer_rows(positions), strict=True))

    def ranked_pairs(self) -> list[tuple[Match, int | None, int | None]]:
        """Every pair in some top-k, once: ``(match, rank for the need, rank for the offer)``,
        a rank None where the pair is not in that side's list.

        What a full recompute stores, one row per pair. Most pairs are in both a need's and
        an offer's list; building each match once instead of once per side saves a third of
        the explanations.
        """
        self._ensure_fitted()
        need_pos = np.fromiter(self._needs.pos.values(), dtype=np.int64, count=len(self._needs.pos))
        offer_pos = np.fromiter(self._offers.pos.values(), dtype=np.int64, count=len(self._offers.pos))
        idx, sc = self._need_idx[need_pos], self._need_sc[need_pos]
        r, c = np.nonzero(idx >= 0)
        n1, o1, s1, rank1 = need_pos[r], idx[r, c].astype(np.int64), sc[r, c], c + 1
        idx, sc = self._offer_idx[offer_pos], self._offer_sc[offer_pos]
        r, c = np.nonzero(idx >= 0)
        n2, o2, s2, rank2 = idx[r, c].astype(np.int64), offer_pos[r], sc[r, c], c + 1
        width = max(len(self._offers), 1)
        keys = np.concatenate([n1 * width + o1, n2 * width + o2])
        unique, first = np.unique(keys, return_index=True)
        scores = np.concatenate([s1, s2])[first]
        rank_need = np.zeros(len(unique), dtype=np.int64)
        rank_need[np.searchsorted(unique, n1 * width + o1)] = rank1
        rank_offer = np.zeros(len(unique), dtype=np.int64)
        rank_offer[np.searchsorted(unique, n2 * width + o2)] = rank2
        matches = self._make_matches(unique // width, unique % width, scores)
        return [
            (m, rn or None, ro or None)
            for m, rn, ro in zip(matches, rank_need.tolist(), rank_offer.tolist(), strict=True)
        ]

    def explain(self, need_id: Hashable, offer_id: Hashable) -> Match:
        """Score and explanation for any pair; score 0.0 if it would never match."""
        ni, oi = self._need_pos(need_id), self._offer_pos(offer_id)
        return self._make_matches(np.array([ni]), np.array([oi]))[0]

    def rank_of(self, need_id: Hashable, offer_id: Hashable) -> int:
        """Where the offer stands in the need's ranking (1 is best); 0 when it is not ranked."""
        self._ensure_fitted()
        hits = np.flatnonzero(self._need_idx[self._need_pos(need_id)] == self._offer_pos(offer_id))
        return int(hits[0]) + 1 if len(hits) else 0

    @property
    def need_ids(self) -> list[Hashable]:
        self._ensure_fitted()
        return list(self._needs.pos)

    @property
    def offer_ids(self) -> list[Hashable]:
        self._ensure_fitted()
        return list(self._offers.pos)

    @property
    def stale_fraction(self) -> float:
        """Items added, changed or removed since the last fit, per current item."""
        if not self._fitted:
            return 0.0
        total = len(self._needs.pos) + len(self._offers.pos)
        return self._changes_since_fit / max(1, total)

    # ----------------------------------------------------------------- updates
    def update_need(self, item: Item) -> UpdateResult:
        """Add or replace one need; recompute its row and affected offer rows."""
        return self._update("need", item)

    def update_offer(self, item: Item) -> UpdateResult:
        """Add or replace one offer; recompute its row and affected need rows."""
        return self._update("offer", item)

    def remove_need(self, need_id: Hashable) -> UpdateResult:
        """Remove a need (closed or deleted); affected offer rows are repaired."""
        return self._remove("need", need_id)

    def remove_offer(self, offer_id: Hashable) -> UpdateResult:
        """Remove an offer (withdrawn or deleted); affected need rows are repaired."""
        return self._remove("offer", offer_id)

    def _sides(self, side: str):
        if side == "need":
            return self._needs, self._offers
        return self._offers, self._needs

    def _tops(self, side: str):
        if side == "need":
            return (self._need_idx, self._need_sc), (self._offer_idx, self._offer_sc)
        return (self._offer_idx, self._offer_sc), (self._need_idx, self._need_sc)

    def _store_item(self, side: str, item: Item) -> int:
        own, _ = self._sides(side)
        tokens = analyse(item.text)
        x = self._vectorise([[s for s, _ in tokens]])
        a = self._attributes(item)
        pos = own.pos.get(item.id)
        if pos is None:
            pos = len(own)
            own.items.append(item)
            own.tokens.append(_first_words(tokens))
            own.pos[item.id] = pos
            own.kind = np.append(own.kind, np.int8(a[0]))
            own.lat = np.append(own.lat, a[1])
            own.lon = np.append(own.lon, a[2])
            own.has_point = np.append(own.has_point, a[3])
            own.buurt = np.append(own.buurt, np.int32(a[4]))
            own.wijk = np.append(own.wijk, np.int32(a[5]))
            own.owner = np.append(own.owner, np.int32(a[6]))
            own.themes = np.vstack([own.themes, a[7][None, :]])
            own.active = np.append(own.active, True)
            own.X = sp.vstack([own.X, x], format="csr", dtype=np.float32)
            k = self.top_k
            empty_idx = np.full((1, k), -1, dtype=np.int32)
            empty_sc = np.full((1, k), -np.inf, dtype=np.float32)
            if side == "need":
                self._need_idx = np.vstack([self._need_idx, empty_idx])
                self._need_sc = np.vstack([self._need_sc, empty_sc])
            else:
                self._offer_idx = np.vstack([self._offer_idx, empty_idx])
                self._offer_sc = np.vstack([self._offer_sc, empty_sc])
        else:
            own.items[pos] = item
            own.tokens[pos] = _first_words(tokens)
            (
                own.kind[pos],
                own.lat[pos],
                own.lon[pos],
                own.has_point[pos],
                own.buurt[pos],
                own.wijk[pos],
                own.owner[pos],
                own.themes[pos],
            ) = a
            own.active[pos] = True
            own.X = sp.vstack([own.X[:pos], x, own.X[pos + 1 :]], format="csr", dtype=np.float32)
        if side == "offer":
            self._offers_T = None
        self._changes_since_fit += 1
        return pos

    def _update(self, side: str, item: Item) -> UpdateResult:
        self._ensure_fitted()
        pos = self._store_item(side, item)
        (own_idx, own_sc), _ = self._tops(side)
        if side == "need":
            row = self._scores(np.array([pos]))[0]
        else:
            row = self._scores(np.arange(len(self._needs)), np.array([pos]))[:, 0]
        r, c = _candidates(row[None, :], self.top_k)
        idx, sc = _select_topk(1, r, c, row[c], self.top_k)
        own_idx[pos], own_sc[pos] = idx[0], sc[0]
        entered, left, changed = self._repair_counterparts(side, pos, row)
        matches = self._need_row(pos) if side == "need" else self._offer_row(pos)
        return UpdateResult(side, item.id, matches, entered, left, changed)

    def _remove(self, side: str, item_id: Hashable) -> UpdateResult:
        self._ensure_fitted()
        own, _ = self._sides(side)
        if item_id not in own.pos:
            raise KeyError(f"unknown {side} {item_id!r}")
        pos = own.pos.pop(item_id)
        own.active[pos] = False
        own.items[pos] = None
        own.tokens[pos] = {}
        (own_idx, own_sc), (other_idx, _) = self._tops(side)
        own_idx[pos], own_sc[pos] = -1, -np.inf
        row = np.full(other_idx.shape[0], -np.inf, dtype=np.float32)
        self._changes_since_fit += 1
        entered, left, changed = self._repair_counterparts(side, pos, row)
        return UpdateResult(side, item_id, [], entered, left, changed)

    def _repair_counterparts(self, side: str, pos: int, row: np.ndarray):
        """Bring counterpart top-k lists up to date after ``pos`` got scores ``row``.

        A counterpart list that held ``pos`` can only be patched in place when
        ``pos`` still ranks above the list's old worst entry, or the list was
        not full (then it held every candidate); otherwise the best excluded
        entry is unknown and that counterpart is rescored exactly.
        """
        _, (idx, sc) = self._tops(side)
        k = self.top_k
        contains = (idx == pos).any(axis=1)
        full = idx[:, -1] >= 0
        finite = np.isfinite(row)
        beats_worst = (row > sc[:, -1]) | ((row == sc[:, -1]) & (pos < idx[:, -1]))
        affected = np.flatnonzero(contains | (finite & (~full | beats_worst)))
        other_side = "offer" if side == "need" else "need"
        own_ids = self._sides(other_side)[0].items
        old_idx, old_sc = idx[affected].copy(), sc[affected].copy()
        rescore: list[int] = []
        for r in affected:
            if contains[r] and full[r] and not (finite[r] and beats_worst[r]):
                rescore.append(int(r))
                continue
            keep = idx[r] != pos
            cand_idx = list(idx[r][keep & (idx[r] >= 0)])
            cand_sc = list(sc[r][keep & (idx[r] >= 0)])
            if finite[r]:
                cand_idx.append(pos)
                cand_sc.append(row[r])
            order = sorted(range(len(cand_idx)), key=lambda i: (-cand_sc[i], cand_idx[i]))[:k]
            idx[r] = -1
            sc[r] = -np.inf
            idx[r, : len(order)] = [cand_idx[i] for i in order]
            sc[r, : len(order)] = [cand_sc[i] for i in order]
        if rescore:
            positions = np.array(rescore)
            new_idx, new_sc = self._rank_rows(other_side, positions)
            idx[positions], sc[positions] = new_idx, new_sc
        entered, left, changed = [], [], []
        for j, r in enumerate(affected):
            was_in = bool((old_idx[j] == pos).any())
            now_in = bool((idx[r] == pos).any())
            counterpart = own_ids[r]
            if counterpart is None:
                continue
            if now_in and not was_in:
                entered.append(counterpart.id)
            elif was_in and not now_in:
                left.append(counterpart.id)
            if not (np.array_equal(old_idx[j], idx[r]) and np.array_equal(old_sc[j], sc[r])):
                changed.append(counterpart.id)
        return tuple(entered), tuple(left), tuple(changed)


def _split(flat: list[Match], rows: np.ndarray, n_rows: int) -> list[list[Match]]:
    out: list[list[Match]] = [[] for _ in range(n_rows)]
    for match, r in zip(flat, rows, strict=True):
        out[r].append(match)
    return out


_AREAS = (None, "buurt", "wijk")


def _first_words(tokens: list[tuple[str, str]]) -> dict[str, str]:
    """Each stem of a text with the word it first appeared as, in order of appearance."""
    words: dict[str, str] = {}
    for stem, surface in tokens:
        words.setdefault(stem, surface)
    return words


def _format_distance(metres: int) -> str:
    if metres < 1000:
        return f"{max(50, round(metres / 50.0) * 50)} m"
    km = metres / 1000.0
    if km < 10:
        return f"{km:.1f}".replace(".", ",") + " km"
    return f"{round(km)} km"
