"""Opinion-map mathematics in the style of Polis (pure numpy / scipy / scikit-learn).

This module has no Django imports. Django code (models, pages, tasks, the
``opinion_map`` management command) builds a :class:`VoteMatrix`, calls
:func:`compute_opinion_map` and stores ``result.to_dict()`` (plain JSON).

Vote values follow the Polis open-data export: ``1`` = agree, ``-1`` = disagree,
``0`` = pass; a statement a participant has not seen is ``NaN`` in the matrix.
(Polis stores agree as -1 internally; every formula below is written for the
exported sign, so "agree" always means +1 here.)

Public API
----------
``Vote``
    Type alias ``tuple[participant_id, statement_id, value]``.
``build_vote_matrix(votes, participant_ids=None, statement_ids=None) -> VoteMatrix``
    Build the participant x statement matrix (NaN = not seen; a later vote on the
    same pair replaces an earlier one).
``VoteMatrix``
    Frozen dataclass: ``participant_ids``, ``statement_ids``, ``values`` (float
    array), plus ``vote_counts()`` and ``participant_votes(pid)``.
``compute_opinion_map(matrix, *, seed=0, moderated_out=(), always_include=(),
group_k_state=None, ...) -> OpinionMapResult``
    The full Polis pipeline: participant selection, PCA with sparsity-aware
    projection, 100 base clusters, opinion groups chosen by silhouette,
    representative statements (repness), consensus, group-informed consensus,
    statement extremity and priorities.
``polis_kmeans(points, k, *, keys, weights, previous) -> Clustering``
    Polis's deterministic, warm-startable k-means.
``replay_opinion_map(timed_votes, *, interval_ms, max_runs, **options) -> (result, runs)``
    Recompute as the votes arrived, each run warm-started from the one before.
``OpinionMapResult.to_dict() -> dict``
    JSON-serialisable form of the result (statement and participant ids are
    kept as given, so use ints or strings).
``statement_priority(agree, disagree, seen, extremity=0.0, is_meta=False) -> float``
    Polis's comment priority for one statement.
``statement_priorities(matrix, *, extremity=None, counted_participants=None,
meta_statements=()) -> dict``
    Priority of every statement of a matrix.
``choose_next_statement(priorities, voted, *, seed=0) -> statement_id | None``
    Weighted random choice (weights = priorities) among statements not yet voted.
``next_statement_for(participant_id, matrix, *, extremity=None, ..., seed=0)``
    Convenience: priorities from the matrix, then :func:`choose_next_statement`.
``one_proportion_z(successes, trials)`` / ``two_proportion_z(s1, s2, n1, n2)``
    Polis's smoothed proportion tests (z statistics).
``Z_90``
    1.2816, the one-sided 90% threshold.

How it follows Polis (math/src/polismath/math/*.clj)
----------------------------------------------------
* Statements enter the computation once they have at least one vote (Polis's
  rating matrix only has columns for voted-on comments). Moderated-out
  statements are zeroed for the whole column, as Polis's ``zero-out-columns``.
* Participants are clustered ("in conversation") once they voted on at least
  ``min(7, n_statements)`` statements; ``always_include`` lets the caller keep
  participants that were included before (Polis never drops them again).
  Polis also tops this up to 15 participants with the most votes.
* PCA is fitted on *all* voters (not only the clustered ones), missing votes
  imputed by the column mean; projections use only seen votes and are scaled
  by ``sqrt(n_statements / n_votes)``. Imputed cells deviate by exactly 0, so
  the PCA is block power iteration on the sparse deviations, warm-started
  from the previous run's components (Polis's power iteration); up to
  DENSE_PCA_SIDE statements (or voters) an exact eigensolver is used.
* k-means is Polis's (:func:`polis_kmeans`): deterministic, no seed. A fresh
  run starts from the first k distinct rows in row order (participants in
  order of their first vote), at most 20 steps, stopping once every centre
  moved less than 0.01; empty clusters are dropped. Given the previous run's
  ``warm_start`` (``result.warm_start``), the base clusters and, per k, the
  groups continue from it: re-centred on the new positions, identical ones
  merged, the most distant point split off until there are k. So the groups
  depend on the path the votes took; :func:`replay_opinion_map` replays an
  imported history. ``init="k-means++"`` (seeded restarts) is kept for
  comparison only.
* Base clusters: k = 100.
* Opinion groups: weighted k-means on the base-cluster centres for k in
  ``2 .. min(max_groups, 2 + n_base // 12)``, keeping the k with the best
  (unweighted) silhouette over the base-cluster centres. Given the previous
  run's ``group_k_state``, the number of groups only changes once a new k has
  won GROUP_K_BUFFER (4) runs in a row, Polis's ``group-k-smoother``: the
  silhouettes of neighbouring k are often within 0.01-0.04 of each other.
* Repness, consensus and group-informed consensus use the +1/+2 smoothing,
  Polis's proportion tests and its selection rules (including the "best
  agree" statement put in front).

``seed`` only matters for ``init="k-means++"`` and :func:`choose_next_statement`;
Polis's path has no random choice.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

# SciPy and scikit-learn are imported inside the functions that use them: every web process
# imports this module (through the vision pages), and only the recompute task needs them.

__all__ = [
    "Z_90",
    "BaseCluster",
    "ConsensusStatement",
    "OpinionGroup",
    "OpinionMapResult",
    "RepresentativeStatement",
    "Vote",
    "VoteMatrix",
    "build_vote_matrix",
    "choose_next_statement",
    "compute_opinion_map",
    "next_statement_for",
    "polis_kmeans",
    "replay_cuts",
    "replay_opinion_map",
    "one_proportion_z",
    "statement_priorities",
    "statement_priority",
    "two_proportion_z",
]

ParticipantId = Hashable
StatementId = Hashable
Vote = tuple[ParticipantId, StatementId, float]
Direction = Literal["agree", "disagree"]

#: One-sided z threshold for 90% confidence, as in Polis's ``z-sig-90?``.
Z_90 = 1.2816
MIN_VOTES = 7
GREEDY_MIN_PARTICIPANTS = 15
BASE_K = 100
MAX_GROUPS = 5
PICK_MAX = 5
META_PRIORITY = 7.0
#: Runs in a row a new group count must win before the map switches to it (Polis's group-k-buffer).
GROUP_K_BUFFER = 4


# --------------------------------------------------------------------------- matrix


@dataclass(frozen=True)
class VoteMatrix:
    """Participants x statements; ``values[i, j]`` is 1, -1, 0 or NaN (not seen)."""

    participant_ids: tuple[ParticipantId, ...]
    statement_ids: tuple[StatementId, ...]
    values: NDArray[np.float64]

    def __post_init__(self) -> None:
        shape = (len(self.participant_ids), len(self.statement_ids))
        if self.values.shape != shape:
            raise ValueError(f"values has shape {self.values.shape}, expected {shape}")

    def vote_counts(self) -> NDArray[np.int64]:
        """Number of statements each participant voted on (pass included)."""
        return np.count_nonzero(~np.isnan(self.values), axis=1)

    def participant_votes(self, participant_id: ParticipantId) -> dict[StatementId, float]:
        """The votes of one participant, ``{statement_id: value}``."""
        row = self.values[self.participant_ids.index(participant_id)]
        return {s: float(v) for s, v in zip(self.statement_ids, row, strict=True) if not np.isnan(v)}


def build_vote_matrix(
    votes: Iterable[Vote],
    participant_ids: Sequence[ParticipantId] | None = None,
    statement_ids: Sequence[StatementId] | None = None,
) -> VoteMatrix:
    """Build a :class:`VoteMatrix` from ``(participant, statement, value)`` tuples.

    Votes are applied in the given order, so pass them sorted by time and the
    latest vote on a (participant, statement) pair wins. Without explicit id
    lists, ids are ordered by first appearance, which is also the order Polis
    uses to initialise k-means.
    """
    p_index: dict[ParticipantId, int] = {}
    s_index: dict[StatementId, int] = {}
    for ids, index in ((participant_ids, p_index), (statement_ids, s_index)):
        for item in ids or ():
            index.setdefault(item, len(index))
    fixed_p, fixed_s = participant_ids is not None, statement_ids is not None
    cells: dict[tuple[int, int], float] = {}
    for pid, sid, value in votes:
        value = float(value)
        if value not in (1.0, -1.0, 0.0):
            raise ValueError(f"vote value must be 1, -1 or 0, got {value!r}")
        if pid not in p_index:
            if fixed_p:
                raise ValueError(f"unknown participant id {pid!r}")
            p_index[pid] = len(p_index)
        if sid not in s_index:
            if fixed_s:
                raise ValueError(f"unknown statement id {sid!r}")
            s_index[sid] = len(s_index)
        cells[(p_index[pid], s_index[sid])] = value
    values = np.full((len(p_index), len(s_index)), np.nan)
    if cells:
        rows, cols = zip(*cells.keys(), strict=True)
        values[list(rows), list(cols)] = list(cells.values())
    return VoteMatrix(tuple(p_index), tuple(s_index), values)


# --------------------------------------------------------------------------- result types


@dataclass
class RepresentativeStatement:
    """A statement that sets a group apart (Polis ``repness`` entry)."""

    statement_id: StatementId
    direction: Direction
    n_success: int  # agrees (or disagrees) within the group
    n_trials: int  # votes seen within the group
    p_success: float  # (1 + n_success) / (2 + n_trials)
    p_test: float  # one-proportion z
    repness: float  # ratio of in-group to out-group probability
    repness_test: float  # two-proportion z, in-group vs rest
    best_agree: bool = False

    @property
    def metric(self) -> float:
        return self.repness * self.repness_test * self.p_success * self.p_test


@dataclass
class ConsensusStatement:
    """A statement most participants agree (or disagree) with."""

    statement_id: StatementId
    direction: Direction
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass
class BaseCluster:
    id: int
    center: tuple[float, float]
    member_ids: list[ParticipantId]


@dataclass
class OpinionGroup:
    id: int
    size: int
    center: tuple[float, float]
    member_ids: list[ParticipantId]
    base_cluster_ids: list[int]
    representative_statements: list[RepresentativeStatement]


@dataclass
class OpinionMapResult:
    """Everything the opinion map shows; see :meth:`to_dict` for storage."""

    statement_ids: list[StatementId]
    participant_ids: list[ParticipantId]  # every voter, in matrix order
    coordinates: list[tuple[float, float]]  # per ``participant_ids``
    clustered_ids: list[ParticipantId]  # participants counted in the groups
    group_of: dict[ParticipantId, int]  # clustered participant -> group id
    base_cluster_of: dict[ParticipantId, int]
    base_clusters: list[BaseCluster]
    groups: list[OpinionGroup]
    consensus_agree: list[ConsensusStatement]
    consensus_disagree: list[ConsensusStatement]
    group_informed_consensus: dict[StatementId, float]  # agree version (Polis)
    group_informed_disagreement: dict[StatementId, float]
    pca_components: list[list[float]]  # 2 x n_statements
    pca_center: list[float]
    explained_variance_ratio: list[float]
    statement_extremity: dict[StatementId, float]
    statement_priorities: dict[StatementId, float]
    silhouette_by_k: dict[int, float]
    group_k_state: dict[str, int]  # pass back as ``group_k_state`` on the next run
    warm_start: dict[str, Any]  # pass back as ``warm_start`` on the next run (Polis's path)
    moderated_out: list[StatementId]
    seed: int
    parameters: dict[str, Any] = field(default_factory=dict)

    def coordinates_of(self, participant_id: ParticipantId) -> tuple[float, float]:
        return self.coordinates[self.participant_ids.index(participant_id)]

    def nearest_group(self, point: Sequence[float]) -> int | None:
        """Group whose centre is closest to ``point`` (for not-yet-counted voters)."""
        if not self.groups:
            return None
        centers = np.array([g.center for g in self.groups])
        dist = np.linalg.norm(centers - np.asarray(point, dtype=float), axis=1)
        return self.groups[int(np.argmin(dist))].id

    def to_dict(self) -> dict[str, Any]:
        """Plain lists/dicts/numbers only, so ``json.dumps`` works directly."""
        participants = [
            {
                "id": pid,
                "x": xy[0],
                "y": xy[1],
                "group": self.group_of.get(pid),
                "base_cluster": self.base_cluster_of.get(pid),
            }
            for pid, xy in zip(self.participant_ids, self.coordinates, strict=True)
        ]
        statements = [
            {
                "id": sid,
                "pc1": self.pca_components[0][j] if self.pca_components else 0.0,
                "pc2": self.pca_components[1][j] if len(self.pca_components) > 1 else 0.0,
                "center": self.pca_center[j],
                "extremity": self.statement_extremity.get(sid, 0.0),
                "priority": self.statement_priorities.get(sid),
                "group_informed_consensus": self.group_informed_consensus.get(sid),
                "group_informed_disagreement": self.group_informed_disagreement.get(sid),
                "moderated_out": sid in set(self.moderated_out),
            }
            for j, sid in enumerate(self.statement_ids)
        ]
        return {
            "participants": participants,
            "statements": statements,
            "base_clusters": [asdict(b) for b in self.base_clusters],
            "groups": [
                {
                    **{k: v for k, v in asdict(g).items() if k != "representative_statements"},
                    "representative_statements": [
                        {**asdict(r), "metric": r.metric} for r in g.representative_statements
                    ],
                }
                for g in self.groups
            ],
            "consensus": {
                "agree": [asdict(c) for c in self.consensus_agree],
                "disagree": [asdict(c) for c in self.consensus_disagree],
            },
            "pca": {
                "components": self.pca_components,
                "center": self.pca_center,
                "explained_variance_ratio": self.explained_variance_ratio,
            },
            "silhouette_by_k": [{"k": k, "silhouette": s} for k, s in self.silhouette_by_k.items()],
            "group_k_state": dict(self.group_k_state),
            "warm_start": self.warm_start,
            "moderated_out": list(self.moderated_out),
            "seed": self.seed,
            "parameters": dict(self.parameters),
        }


# --------------------------------------------------------------------------- statistics


def one_proportion_z(successes: Any, trials: Any) -> Any:
    """Polis ``prop-test``: z of (s+1)/(n+1) against 1/2. Works on arrays."""
    s = np.asarray(successes, dtype=float) + 1.0
    n = np.asarray(trials, dtype=float) + 1.0
    return 2.0 * np.sqrt(n) * (s / n - 0.5)


def two_proportion_z(succ_in: Any, succ_out: Any, pop_in: Any, pop_out: Any) -> Any:
    """Polis ``two-prop-test`` with +1 on every count; 0 where the pooled p is 1."""
    s1, s2, n1, n2 = (np.asarray(x, dtype=float) + 1.0 for x in (succ_in, succ_out, pop_in, pop_out))
    pi1, pi2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    denom = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(denom > 0, (pi1 - pi2) / np.where(denom > 0, denom, 1.0), 0.0)
    return z if z.ndim else float(z)


# --------------------------------------------------------------------------- PCA


def _fix_signs(comps: NDArray) -> NDArray:
    """Eigenvectors have no sign; fix one (largest entry positive) so results are reproducible."""
    for row in comps:
        pivot = int(np.argmax(np.abs(row)))
        if row[pivot] < 0:
            row *= -1.0
    return comps


def _top_components_dense(centered: NDArray[np.float64], n_comps: int) -> tuple[NDArray, NDArray]:
    """Top principal axes (rows) and eigenvalues, exactly, from the Gram matrix of the smaller side."""
    n_rows, n_cols = centered.shape
    small_side = min(n_rows, n_cols)
    subset = (small_side - n_comps, small_side - 1)
    import scipy.linalg

    if n_cols <= n_rows:
        vals, vecs = scipy.linalg.eigh(centered.T @ centered, subset_by_index=subset)
        order = np.argsort(vals)[::-1]
        comps = vecs[:, order].T
        vals = vals[order]
    else:
        vals, vecs = scipy.linalg.eigh(centered @ centered.T, subset_by_index=subset)
        order = np.argsort(vals)[::-1]
        vals = vals[order]
        comps = (centered.T @ vecs[:, order]).T
        norms = np.linalg.norm(comps, axis=1, keepdims=True)
        comps = np.divide(comps, norms, out=np.zeros_like(comps), where=norms > 0)
    return _fix_signs(comps), np.clip(vals, 0.0, None)


#: When the smaller side has at most this many rows/columns, the exact eigensolver on the
#: (tiny) Gram matrix is as fast as iterating and leaves no doubt.
DENSE_PCA_SIDE = 100


def _top_components(
    deviations, n_comps: int, start: NDArray | None = None, *, tol: float = 1e-9, max_iter: int = 300
) -> tuple[NDArray, NDArray]:
    """Top principal axes (rows) and eigenvalues of a (sparse) matrix of deviations from the column means.

    Missing votes are imputed by the column mean, so their deviation is exactly zero and the
    matrix is as sparse as the votes: block power iteration (Polis's own method) on it costs a
    few sparse products per step. ``start`` (the previous run's components) warm-starts the
    iteration, as Polis does, so a recompute after a few new votes converges in a step or two.
    """
    n_rows, n_cols = deviations.shape
    n_comps = min(n_comps, n_rows, n_cols)
    if n_comps == 0:
        return np.zeros((0, n_cols)), np.zeros(0)
    if min(n_rows, n_cols) <= max(DENSE_PCA_SIDE, n_comps + 2):
        dense = deviations.toarray() if hasattr(deviations, "toarray") else np.asarray(deviations)
        return _top_components_dense(dense, n_comps)
    block = n_comps + 2  # two extra vectors speed up convergence of the wanted two
    basis = np.random.default_rng(0).standard_normal((n_cols, block))
    if start is not None and start.shape[1] == n_cols:
        basis[:, : len(start)] = start[:block].T
    basis, _ = np.linalg.qr(basis)
    transposed = deviations.T.tocsr() if hasattr(deviations, "tocsr") else deviations.T
    vals = np.zeros(block)
    for _ in range(max_iter):
        image = transposed @ (deviations @ basis)
        # Rayleigh-Ritz: the best vectors within the current block, largest first.
        ritz_vals, ritz_vecs = np.linalg.eigh(basis.T @ image)
        order = np.argsort(ritz_vals)[::-1]
        ritz_vals, ritz_vecs = ritz_vals[order], ritz_vecs[:, order]
        vectors, image = basis @ ritz_vecs, image @ ritz_vecs
        vals = ritz_vals
        residual = np.linalg.norm(image[:, :n_comps] - vectors[:, :n_comps] * vals[:n_comps], axis=0)
        if np.all(residual <= tol * max(float(vals[0]), 1e-300)):
            basis = vectors
            break
        basis, _ = np.linalg.qr(image)
    else:
        basis = vectors
    return _fix_signs(basis[:, :n_comps].T.copy()), np.clip(vals[:n_comps], 0.0, None)


def _sparsity_aware_projection(rating: NDArray[np.float64], center: NDArray, comps: NDArray) -> NDArray[np.float64]:
    seen = ~np.isnan(rating)
    deviations = np.where(seen, rating - center, 0.0)
    proj = deviations @ comps.T
    n_votes = np.maximum(seen.sum(axis=1), 1)
    scale = np.sqrt(rating.shape[1] / n_votes)
    return proj * scale[:, None]


# --------------------------------------------------------------------------- k-means


def _first_distinct(points: NDArray, k: int) -> NDArray:
    _, first_idx = np.unique(points, axis=0, return_index=True)
    return points[np.sort(first_idx)[:k]]


def _lloyd(
    points: NDArray[np.float64],
    centers: NDArray[np.float64],
    w: NDArray[np.float64],
    max_iter: int,
    tol: float,
) -> tuple[NDArray[np.int64], NDArray[np.float64], float]:
    labels = np.zeros(len(points), dtype=np.int64)
    sq_norms = (points**2).sum(axis=1)
    weighted = points * w[:, None]
    for _ in range(max_iter):
        # Expanded squared distance: one small matmul instead of an n x k x d tensor.
        d2 = sq_norms[:, None] - 2.0 * points @ centers.T + (centers**2).sum(axis=1)[None, :]
        labels = np.argmin(d2, axis=1)
        totals = np.bincount(labels, weights=w, minlength=len(centers))
        used = np.flatnonzero(totals > 0)
        sums = np.column_stack(
            [np.bincount(labels, weights=weighted[:, d], minlength=len(centers)) for d in range(points.shape[1])]
        )
        new_centers = sums[used] / totals[used][:, None]
        converged = len(used) == len(centers) and bool(np.all(np.linalg.norm(new_centers - centers, axis=1) <= tol))
        remap = np.full(len(centers), -1)
        remap[used] = np.arange(len(used))
        labels = remap[labels]
        centers = new_centers
        if converged:
            break
    inertia = float((w * ((points - centers[labels]) ** 2).sum(axis=1)).sum())
    return labels, centers, inertia


def _kmeans(
    points: NDArray[np.float64],
    k: int,
    *,
    weights: NDArray | None = None,
    init: Literal["polis", "k-means++"] = "polis",
    seed: int = 0,
    n_init: int = 1,
    max_iter: int = 100,
    tol: float = 1e-6,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Weighted Lloyd k-means; returns labels 0..m-1 and m <= k centres.

    Empty clusters are dropped rather than re-seeded, as Polis does. With
    ``k-means++`` the best of ``n_init`` seeded runs (lowest inertia) is kept.
    """
    w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=float)
    if init == "polis":
        labels, centers, _ = _lloyd(points, _first_distinct(points, k), w, max_iter, tol)
        return labels, centers
    from sklearn.cluster import kmeans_plusplus

    k_eff = min(k, len(np.unique(points, axis=0)))
    rng = np.random.RandomState(seed)
    best: tuple[NDArray[np.int64], NDArray[np.float64], float] | None = None
    # Our own Lloyd (empty clusters dropped, as Polis) rather than sklearn's KMeans:
    # sklearn's tighter optima made the silhouette pick 5 groups where Polis has 2.
    for _ in range(max(n_init, 1)):
        start, _ = kmeans_plusplus(points, k_eff, sample_weight=w, random_state=rng.randint(2**31 - 1))
        run = _lloyd(points, start, w, max_iter, tol)
        if best is None or run[2] < best[2] - 1e-12:
            best = run
    assert best is not None
    return best[0], best[1]


# --------------------------------------------------------------------------- Polis's k-means

#: Polis's k-means limits: at most this many iterations, stop once every centre moved less than POLIS_TOL.
POLIS_MAX_ITER = 20
POLIS_TOL = 0.01


@dataclass
class Clustering:
    """A k-means outcome with stable cluster ids, so the next run can warm-start from it.

    ``labels[i]`` is the position (into ``ids`` / ``centers``) of point ``i``'s cluster.
    """

    ids: list[int]
    centers: NDArray[np.float64]
    labels: NDArray[np.int64]

    def members(self, keys: Sequence[Hashable]) -> list[dict[str, Any]]:
        """JSON form ``[{"id": cluster id, "members": [keys]}]``: what a warm start needs."""
        out: list[dict[str, Any]] = [{"id": int(cid), "members": []} for cid in self.ids]
        for key, label in zip(keys, self.labels, strict=True):
            out[int(label)]["members"].append(_plain(key))
        return out


def _plain(value: Any) -> Any:
    """numpy scalars to Python ones, so ids survive JSON."""
    return value.item() if isinstance(value, np.generic) else value


def _weighted_centres(points: NDArray, w: NDArray, labels: NDArray, m: int) -> tuple[NDArray, NDArray]:
    totals = np.bincount(labels, weights=w, minlength=m)
    sums = np.column_stack([np.bincount(labels, weights=w * points[:, d], minlength=m) for d in range(points.shape[1])])
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / totals[:, None], totals


def _nearest(points: NDArray, centers: NDArray) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Nearest centre of every point and the squared distance to it."""
    # |p|^2 is the same for every centre, so it is added only to the winners.
    partial = (centers**2).sum(1)[None, :] - 2.0 * (points @ centers.T)
    labels = np.argmin(partial, axis=1)
    best = np.take_along_axis(partial, labels[:, None], axis=1)[:, 0]
    return labels, np.maximum(best + (points**2).sum(1), 0.0)


def polis_kmeans(
    points: NDArray[np.float64],
    k: int,
    *,
    keys: Sequence[Hashable] | None = None,
    weights: NDArray | None = None,
    previous: Sequence[Mapping[str, Any]] | None = None,
    max_iter: int = POLIS_MAX_ITER,
    tol: float = POLIS_TOL,
) -> Clustering:
    """k-means as Polis runs it: deterministic, and path-dependent when given ``previous``.

    Fresh start: the first ``k`` distinct rows, in row order, are the centres. Warm start
    (``previous`` = the last run's ``Clustering.members(keys)``): every old cluster keeps the
    members that are still among ``keys``, is re-centred on their new positions, clusters
    that land on the same centre merge, and while there are fewer than ``k`` the point
    farthest from its centre is split off as a new cluster. Then at most ``max_iter``
    Lloyd steps (weighted by ``weights``), stopping once every centre moved less than
    ``tol``; clusters that end up empty are dropped. No randomness anywhere.
    """
    n = len(points)
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    if n == 0 or k <= 0:
        return Clustering([], np.zeros((0, points.shape[1] if points.ndim == 2 else 2)), np.zeros(0, dtype=np.int64))
    keys = list(range(n)) if keys is None else list(keys)
    ids: list[int] = []
    centers = np.zeros((0, points.shape[1]))
    # New clusters get fresh ids, never one an earlier cluster had.
    next_id = max((int(c["id"]) for c in previous or ()), default=-1) + 1
    if previous:
        # Old membership as one label array (-1: a point no old cluster had), so re-centring
        # is a bincount rather than a mean per cluster: a replay does this thousands of times.
        position = {key: i for i, key in enumerate(keys)}
        old = np.full(n, -1, dtype=np.int64)
        old_ids = [int(c["id"]) for c in previous]
        for j, cluster in enumerate(previous):
            old[[position[m] for m in cluster["members"] if m in position]] = j
        known = old >= 0
        sums, totals = _weighted_centres(points[known], w[known], old[known], len(old_ids))
        alive = np.flatnonzero(totals > 0)
        if len(alive):
            centers = sums[alive]
            # Merge clusters whose re-centred positions coincide: the points of the later one
            # join the earlier one, whose id stays.
            _, first, inverse = np.unique(np.round(centers, 12), axis=0, return_index=True, return_inverse=True)
            keep = alive[first[np.ravel(inverse)]]
            relabel = np.full(len(old_ids), -1, dtype=np.int64)
            relabel[alive] = keep
            old = np.where(known, relabel[np.maximum(old, 0)], -1)
            kept = np.sort(np.unique(keep))
            position_of = np.full(len(old_ids), -1, dtype=np.int64)
            position_of[kept] = np.arange(len(kept))
            old = np.where(old >= 0, position_of[np.maximum(old, 0)], -1)
            ids = [old_ids[j] for j in kept]
            centers = _weighted_centres(points[old >= 0], w[old >= 0], old[old >= 0], len(ids))[0]
    else:
        _, first = np.unique(points, axis=0, return_index=True)
        keep = np.sort(first)[:k]
        centers, ids = points[keep].copy(), list(range(len(keep)))
        next_id = len(ids)
        old = np.full(n, -1, dtype=np.int64)
    if not ids:
        centers, ids = points[:1].copy(), [next_id]
        next_id += 1
        old = np.full(n, -1, dtype=np.int64)
    n_distinct = len(np.unique(points, axis=0))
    while len(ids) < min(k, n_distinct):
        # Split off the point farthest from its nearest centre: it leaves its old cluster,
        # which is re-centred on the members it has left (Polis's clean start).
        _, dist = _nearest(points, centers)
        far = int(np.argmax(dist))
        if dist[far] <= 0:
            break
        old[far] = len(ids)
        ids.append(next_id)
        next_id += 1
        centers = np.vstack([centers, points[far]])
        known = old >= 0
        sums, totals = _weighted_centres(points[known], w[known], old[known], len(ids))
        centers = np.where((totals > 0)[:, None], sums, centers)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(max_iter):
        labels, _ = _nearest(points, centers)
        new, totals = _weighted_centres(points, w, labels, len(ids))
        used = totals > 0
        moved = np.linalg.norm(np.where(used[:, None], new, centers) - centers, axis=1)
        if not used.all():
            remap = np.cumsum(used) - 1
            labels = remap[labels]
            ids = [cid for cid, u in zip(ids, used, strict=True) if u]
            new = new[used]
        centers = new
        if bool(np.all(moved < tol)):
            break
    # Members and centres stay as the last step left them (a centre is its members' mean).
    return Clustering(ids, centers, labels)


def _silhouette(points: NDArray, labels: NDArray) -> float:
    """Mean silhouette (Euclidean), 0 for members of one-point clusters, as scikit-learn computes it.

    At most 100 points (base-cluster centres), so the full distance matrix is tiny.
    """
    labels = np.asarray(labels)
    k = int(labels.max()) + 1
    dist = np.sqrt(np.maximum(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1), 0.0))
    sizes = np.bincount(labels, minlength=k).astype(float)
    sums = dist @ np.eye(k)[labels]  # n x k: summed distance to every cluster
    own = sizes[labels]
    rows = np.arange(len(points))
    with np.errstate(divide="ignore", invalid="ignore"):
        a = sums[rows, labels] / np.maximum(own - 1.0, 1.0)
        others = sums / sizes[None, :]
        others[rows, labels] = np.inf
        others[:, sizes == 0] = np.inf
        b = others.min(axis=1)
        s = np.where(own > 1, (b - a) / np.maximum(a, b), 0.0)
    return float(np.mean(np.nan_to_num(s)))


# --------------------------------------------------------------------------- repness


def _comment_stats(na: NDArray, nd: NDArray, ns: NDArray) -> dict[str, NDArray]:
    return {
        "na": na,
        "nd": nd,
        "ns": ns,
        "pa": (1.0 + na) / (2.0 + ns),
        "pd": (1.0 + nd) / (2.0 + ns),
        "pat": one_proportion_z(na, ns),
        "pdt": one_proportion_z(nd, ns),
    }


def _group_repness_stats(na: NDArray, nd: NDArray, ns: NDArray) -> list[dict[str, NDArray]]:
    """Per-group stats (arrays over statements) with comparisons to all other groups."""
    out = []
    tot_a, tot_d, tot_s = na.sum(axis=0), nd.sum(axis=0), ns.sum(axis=0)
    for g in range(na.shape[0]):
        st = _comment_stats(na[g], nd[g], ns[g])
        ra_, rd_, rs_ = tot_a - na[g], tot_d - nd[g], tot_s - ns[g]
        st["ra"] = st["pa"] / ((1.0 + ra_) / (2.0 + rs_))
        st["rd"] = st["pd"] / ((1.0 + rd_) / (2.0 + rs_))
        st["rat"] = two_proportion_z(na[g], ra_, ns[g], rs_)
        st["rdt"] = two_proportion_z(nd[g], rd_, ns[g], rs_)
        out.append(st)
    return out


def _finalize(sid: StatementId, s: Mapping[str, float], best_agree: bool = False):
    agree = s["rat"] > s["rdt"]
    pre = ("na", "pa", "pat", "ra", "rat") if agree else ("nd", "pd", "pdt", "rd", "rdt")
    return RepresentativeStatement(
        statement_id=sid,
        direction="agree" if agree else "disagree",
        n_success=int(s[pre[0]]),
        n_trials=int(s["ns"]),
        p_success=float(s[pre[1]]),
        p_test=float(s[pre[2]]),
        repness=float(s[pre[3]]),
        repness_test=float(s[pre[4]]),
        best_agree=best_agree,
    )


def _beats_best_agree(s: Mapping[str, float], best: Mapping[str, float] | None) -> bool:
    if s["na"] == 0 and s["nd"] == 0:
        return False
    if best is not None and best["ra"] > 1.0:
        return s["ra"] * s["rat"] * s["pa"] * s["pat"] > (best["ra"] * best["rat"] * best["pa"] * best["pat"])
    if best is not None:
        return s["pa"] * s["pat"] > best["pa"] * best["pat"]
    return s["pat"] > Z_90 or (s["ra"] > 1.0 and s["pa"] > 0.5)


def _select_representative(
    statement_ids: Sequence[StatementId],
    stats: Mapping[str, NDArray],
    excluded: Collection[StatementId],
    pick_max: int,
) -> list[RepresentativeStatement]:
    """Polis ``select-rep-comments`` for one group."""
    sufficient: list[RepresentativeStatement] = []
    best: RepresentativeStatement | None = None
    best_agree: tuple[StatementId, dict[str, float]] | None = None
    keys = list(stats)
    for j, sid in enumerate(statement_ids):
        if sid in excluded:
            continue
        s = {k: float(stats[k][j]) for k in keys}
        passes = (s["rat"] > Z_90 and s["pat"] > Z_90) or (s["rdt"] > Z_90 and s["pdt"] > Z_90)
        if passes:
            sufficient.append(_finalize(sid, s))
        if not sufficient and (best is None or max(s["rat"], s["rdt"]) > best.repness_test):
            best = _finalize(sid, s)
        if _beats_best_agree(s, best_agree[1] if best_agree else None):
            best_agree = (sid, s)
    head_agree = _finalize(best_agree[0], best_agree[1], best_agree=True) if best_agree else None
    if not sufficient:
        if head_agree is not None:
            return [head_agree]
        return [best] if best is not None else []
    rest = [r for r in sufficient if head_agree is None or r.statement_id != head_agree.statement_id]
    rest.sort(key=lambda r: -r.metric)
    chosen = ([head_agree] if head_agree else []) + rest
    chosen = chosen[:pick_max]
    return [r for r in chosen if r.direction == "agree"] + [r for r in chosen if r.direction == "disagree"]


def _select_consensus(
    statement_ids: Sequence[StatementId],
    stats: Mapping[str, NDArray],
    excluded: Collection[StatementId],
    pick_max: int,
) -> tuple[list[ConsensusStatement], list[ConsensusStatement]]:
    result = []
    for direction, n, p, t in (("agree", "na", "pa", "pat"), ("disagree", "nd", "pd", "pdt")):
        cands = [
            j for j, sid in enumerate(statement_ids) if sid not in excluded and stats[p][j] > 0.5 and stats[t][j] > Z_90
        ]
        cands.sort(key=lambda j: -(stats[p][j] * stats[t][j]))
        result.append(
            [
                ConsensusStatement(
                    statement_id=statement_ids[j],
                    direction=direction,  # type: ignore[arg-type]
                    n_success=int(stats[n][j]),
                    n_trials=int(stats["ns"][j]),
                    p_success=float(stats[p][j]),
                    p_test=float(stats[t][j]),
                )
                for j in cands[:pick_max]
            ]
        )
    return result[0], result[1]


# --------------------------------------------------------------------------- priorities


def statement_priority(
    agree: float, disagree: float, seen: float, extremity: float = 0.0, is_meta: bool = False
) -> float:
    """Polis comment priority: ``(importance * newness) ** 2``.

    importance = (1 - p_pass) * (extremity + 1) * p_agree, with p = (n + 1) / (seen + 2);
    newness = 1 + 8 * 2 ** (-seen / 5) lets new statements bubble up. Meta
    statements get the fixed priority 7 (squared), as in Polis.
    """
    if is_meta:
        return META_PRIORITY**2
    passes = seen - agree - disagree
    p_pass = (passes + 1.0) / (seen + 2.0)
    p_agree = (agree + 1.0) / (seen + 2.0)
    importance = (1.0 - p_pass) * (extremity + 1.0) * p_agree
    newness = 1.0 + 8.0 * 2.0 ** (-seen / 5.0)
    return float((importance * newness) ** 2)


def _priorities(agree: NDArray, disagree: NDArray, seen: NDArray, extremity: NDArray) -> NDArray:
    """:func:`statement_priority` for arrays of statements at once (meta statements aside)."""
    p_pass = (seen - agree - disagree + 1.0) / (seen + 2.0)
    p_agree = (agree + 1.0) / (seen + 2.0)
    importance = (1.0 - p_pass) * (extremity + 1.0) * p_agree
    return (importance * (1.0 + 8.0 * 2.0 ** (-seen / 5.0))) ** 2


def statement_priorities(
    matrix: VoteMatrix,
    *,
    extremity: Mapping[StatementId, float] | None = None,
    counted_participants: Collection[ParticipantId] | None = None,
    meta_statements: Collection[StatementId] = (),
) -> dict[StatementId, float]:
    """Priority of every statement, counting votes of ``counted_participants``.

    Polis counts the votes of clustered participants and uses the extremity from
    the last opinion map (``result.statement_extremity``); without those, all
    voters are counted and extremity is 0.
    """
    values = matrix.values
    if counted_participants is not None:
        wanted = set(counted_participants)
        values = values[[pid in wanted for pid in matrix.participant_ids]]
    agree = np.sum(values == 1, axis=0)
    disagree = np.sum(values == -1, axis=0)
    seen = np.sum(~np.isnan(values), axis=0)
    ext = extremity or {}
    meta = set(meta_statements)
    return {
        sid: statement_priority(agree[j], disagree[j], seen[j], ext.get(sid, 0.0), sid in meta)
        for j, sid in enumerate(matrix.statement_ids)
    }


def choose_next_statement(
    priorities: Mapping[StatementId, float],
    voted: Collection[StatementId],
    *,
    seed: int | Sequence[int] = 0,
) -> StatementId | None:
    """Pick the next statement to show, as Polis does: a random choice among the
    statements not yet voted on, with probability proportional to priority.

    The same ``priorities``, ``voted`` and ``seed`` always give the same answer;
    pass e.g. ``seed=(participant_pk, n_votes)`` for a fresh but reproducible draw.
    Returns ``None`` when everything has been voted on.
    """
    done = set(voted)
    candidates = [sid for sid in priorities if sid not in done]
    if not candidates:
        return None
    weights = np.array([max(float(priorities[sid]), 0.0) for sid in candidates])
    rng = np.random.default_rng(seed)
    if not np.isfinite(weights).all() or weights.sum() <= 0:
        return candidates[int(rng.integers(len(candidates)))]
    return candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))]


def next_statement_for(
    participant_id: ParticipantId,
    matrix: VoteMatrix,
    *,
    extremity: Mapping[StatementId, float] | None = None,
    counted_participants: Collection[ParticipantId] | None = None,
    meta_statements: Collection[StatementId] = (),
    excluded: Collection[StatementId] = (),
    seed: int | Sequence[int] = 0,
) -> StatementId | None:
    """Next statement for ``participant_id`` (may be a newcomer absent from ``matrix``).

    ``excluded`` removes e.g. moderated-out statements from the candidates.
    """
    priorities = statement_priorities(
        matrix,
        extremity=extremity,
        counted_participants=counted_participants,
        meta_statements=meta_statements,
    )
    for sid in excluded:
        priorities.pop(sid, None)
    voted = matrix.participant_votes(participant_id).keys() if participant_id in matrix.participant_ids else ()
    return choose_next_statement(priorities, voted, seed=seed)


# --------------------------------------------------------------------------- pipeline


def _previous_components(previous: Mapping[str, Any] | None, sids: Sequence[StatementId]) -> NDArray | None:
    """The last run's principal axes laid out on this run's statements (new statements start at 0)."""
    if not previous or not previous.get("statement_ids"):
        return None
    column = {sid: j for j, sid in enumerate(previous["statement_ids"])}
    old = np.asarray(previous["components"], dtype=float)
    start = np.zeros((len(old), len(sids)))
    for j, sid in enumerate(sids):
        if sid in column:
            start[:, j] = old[:, column[sid]]
    return start


def _select_participants(
    counts: NDArray, n_statements: int, forced: NDArray[np.bool_], min_votes: int
) -> NDArray[np.bool_]:
    selected = (counts >= min(min_votes, n_statements)) | forced
    missing = GREEDY_MIN_PARTICIPANTS - int(selected.sum())
    if missing > 0:
        # Polis tops a small conversation up with the most active remaining voters.
        order = np.argsort(-counts, kind="stable")
        extra = [i for i in order if not selected[i] and counts[i] > 0][:missing]
        selected[extra] = True
    return selected


def _base_and_group_candidates(
    pts: NDArray[np.float64],
    keys: Sequence[ParticipantId],
    *,
    base_k: int,
    max_groups: int,
    init,
    seed: int,
    n_init: int,
    warm_start: Mapping[str, Any] | None,
) -> tuple[Clustering, NDArray, dict[int, tuple[Clustering, float]]]:
    """One base clustering and, for every allowed k, its grouping and silhouette."""
    warm = warm_start or {}
    if init == "polis":
        base = polis_kmeans(pts, min(base_k, len(pts)), keys=keys, previous=warm.get("base"))
    else:
        labels, centers = _kmeans(pts, min(base_k, len(pts)), init=init, seed=seed, n_init=n_init)
        base = Clustering(list(range(len(centers))), centers, labels)
    n_base = len(base.ids)
    base_sizes = np.bincount(base.labels, minlength=n_base).astype(float)
    candidates = {}
    previous_groups = warm.get("groups") or {}
    for k in range(2, min(max_groups, 2 + n_base // 12) + 1):
        if init == "polis":
            # Polis keeps one clustering per k and warm-starts each from its own last run.
            grouping = polis_kmeans(
                base.centers, k, keys=base.ids, weights=base_sizes, previous=previous_groups.get(str(k))
            )
        else:
            labels, centers = _kmeans(base.centers, k, weights=base_sizes, init=init, seed=seed, n_init=n_init)
            grouping = Clustering(list(range(len(centers))), centers, labels)
        if len(grouping.ids) < 2 or len(grouping.ids) >= n_base:
            continue
        # Unweighted, as Polis: weighting by base-cluster size was measured to
        # favour too many groups on the reference conversations.
        candidates[k] = (grouping, _silhouette(base.centers, grouping.labels))
    return base, base_sizes, candidates


def _smooth_group_k(
    candidates: Mapping[int, tuple[Clustering, float]], previous: Mapping[str, int] | None
) -> dict[str, int]:
    """Polis's ``group-k-smoother``: switch the number of groups only after it wins GROUP_K_BUFFER runs in a row.

    Silhouettes for neighbouring k are often within a few hundredths of each other,
    so without this the map would flip between 2 and 5 groups as votes trickle in.
    """
    previous = previous or {}
    if not candidates:
        return dict(previous)
    this_k = max(candidates, key=lambda k: (candidates[k][1], -k))
    last_k = previous.get("last_k")
    count = int(previous.get("last_k_count", 0)) + 1 if last_k == this_k else 1
    smoothed = previous.get("smoothed_k")
    if count >= GROUP_K_BUFFER or smoothed not in candidates:
        smoothed = this_k
    return {"last_k": int(this_k), "last_k_count": count, "smoothed_k": int(smoothed)}


def compute_opinion_map(
    matrix: VoteMatrix | Iterable[Vote],
    *,
    seed: int = 0,
    moderated_out: Collection[StatementId] = (),
    meta_statements: Collection[StatementId] = (),
    always_include: Collection[ParticipantId] = (),
    min_votes: int = MIN_VOTES,
    base_k: int = BASE_K,
    max_groups: int = MAX_GROUPS,
    pick_max: int = PICK_MAX,
    init: Literal["polis", "k-means++"] = "polis",
    n_init: int = 10,
    group_k_state: Mapping[str, int] | None = None,
    warm_start: Mapping[str, Any] | None = None,
    counted: Collection[ParticipantId] | None = None,
    clustering_only: bool = False,
) -> OpinionMapResult:
    """Compute the opinion map of a conversation.

    Args:
        matrix: a :class:`VoteMatrix` or an iterable of ``(participant, statement, value)``.
        seed: seeds the k-means++ restarts; the same seed gives the same map.
        moderated_out: statements hidden by moderation; zeroed as in Polis and never
            reported as representative or consensus.
        meta_statements: statements about the conversation itself (priority only).
        always_include: participants to cluster regardless of their vote count,
            e.g. those included in an earlier run (Polis never drops them).
        min_votes: participants count with at least ``min(min_votes, n_statements)`` votes.
        base_k: number of base clusters (100 in Polis).
        max_groups: upper bound on the number of opinion groups (5 in Polis).
        pick_max: representative / consensus statements kept per list (5 in Polis).
        init: ``"polis"`` (default: Polis's deterministic k-means, see :func:`polis_kmeans`,
            warm-started from ``warm_start``) or ``"k-means++"`` (best of ``n_init`` seeded
            restarts; kept for comparison).
        n_init: number of k-means++ restarts per clustering.
        group_k_state: ``result.group_k_state`` of the previous run; with it the number
            of groups changes only after the new count wins GROUP_K_BUFFER runs in a row,
            as Polis does. Without it the best silhouette decides.
        warm_start: ``result.warm_start`` of the previous run: its base clusters and, per k,
            its groups. Polis warm-starts every k-means from these, so the groups follow
            the path the conversation took rather than only where it ended.
        counted: when given, exactly these participants are clustered (e.g. the ones Polis
            grouped in an export without ``votes.csv``); ``min_votes`` and
            ``always_include`` are then not used.
        clustering_only: stop after the groups (no representative statements, consensus or
            priorities; those fields are left empty). A replay's intermediate runs only pass
            their clusters on to the next run, and there are thousands of them.
    """
    if not isinstance(matrix, VoteMatrix):
        matrix = build_vote_matrix(matrix)
    # Everything below works on the seen votes only (row, column, value): 20% of the cells
    # in a large conversation, and every step is a bincount or a sparse product.
    seen_rows, seen_cols = np.nonzero(~np.isnan(matrix.values))
    raw_vals = matrix.values[seen_rows, seen_cols]
    # Polis only knows voters and voted-on statements; empty rows/columns would
    # distort the sparsity scaling and the column means.
    row_counts_all = np.bincount(seen_rows, minlength=len(matrix.participant_ids))
    col_counts_all = np.bincount(seen_cols, minlength=len(matrix.statement_ids))
    row_mask, col_mask = row_counts_all > 0, col_counts_all > 0
    r = (np.cumsum(row_mask) - 1)[seen_rows]
    c = (np.cumsum(col_mask) - 1)[seen_cols]
    pids = [p for p, keep in zip(matrix.participant_ids, row_mask, strict=True) if keep]
    sids = [s for s, keep in zip(matrix.statement_ids, col_mask, strict=True) if keep]
    n_p, n_s = len(pids), len(sids)
    mod_out = set(moderated_out)
    mod_cols = np.array([s in mod_out for s in sids], dtype=bool)
    meta = set(meta_statements)

    # Polis's zero-out-columns: a moderated-out statement counts as a pass by everybody.
    keep_vote = ~mod_cols[c] if n_s else np.zeros(0, dtype=bool)
    r_rt, c_rt, v_rt = r[keep_vote], c[keep_vote], raw_vals[keep_vote]
    n_mod = int(mod_cols.sum())
    col_seen = np.where(mod_cols, n_p, np.bincount(c_rt, minlength=n_s))
    center = np.bincount(c_rt, weights=v_rt, minlength=n_s) / np.maximum(col_seen, 1)

    # PCA on all voters, missing votes imputed with the column mean (so their deviation is 0).
    import scipy.sparse

    dev = v_rt - center[c_rt]
    deviations = scipy.sparse.csr_matrix((dev, (r_rt, c_rt)), shape=(n_p, n_s))
    previous_pca = _previous_components((warm_start or {}).get("pca"), sids)
    comps, eigvals = _top_components(deviations, 2, previous_pca)
    total_var = float((dev**2).sum())
    explained = [float(v / total_var) if total_var > 0 else 0.0 for v in eigvals]
    if comps.shape[0] < 2:
        comps = np.vstack([comps, np.zeros((2 - comps.shape[0], n_s))])
    # Sparsity-aware projection (see _sparsity_aware_projection): seen votes only, scaled up.
    n_rated = np.bincount(r_rt, minlength=n_p) + n_mod
    proj = np.asarray(deviations @ comps.T) * np.sqrt(n_s / np.maximum(n_rated, 1))[:, None]
    if not n_p:
        proj = np.zeros((0, 2))

    # Extremity: how far an agree vote on one statement alone lands from the centre.
    extremity_arr = np.sqrt(n_s) * np.abs(1.0 - center) * np.linalg.norm(comps, axis=0)

    counts = row_counts_all[row_mask]
    forced_set = set(always_include)
    forced = np.array([p in forced_set for p in pids], dtype=bool)
    if counted is not None:
        # The caller knows exactly who counts (an import: those Polis grouped).
        counted_set = set(counted)
        in_conv = np.array([p in counted_set for p in pids], dtype=bool)
    else:
        in_conv = _select_participants(counts, n_s, forced, min_votes) if n_p else forced
    idx_in = np.flatnonzero(in_conv)
    clustered_ids = [pids[i] for i in idx_in]

    base_clusters: list[BaseCluster] = []
    groups: list[OpinionGroup] = []
    group_of: dict[ParticipantId, int] = {}
    base_of: dict[ParticipantId, int] = {}
    silhouettes: dict[int, float] = {}
    smoother = dict(group_k_state or {})
    group_label_per_in = np.zeros(len(idx_in), dtype=np.int64)
    n_groups = 0

    warm_state: dict[str, Any] = {}
    if len(idx_in):
        pts = proj[idx_in]
        base, base_sizes, candidates = _base_and_group_candidates(
            pts,
            clustered_ids,
            base_k=base_k,
            max_groups=max_groups,
            init=init,
            seed=seed,
            n_init=n_init,
            warm_start=warm_start,
        )
        base_labels, base_centers = base.labels, base.centers
        silhouettes.update({k: c[1] for k, c in candidates.items()})
        smoother = _smooth_group_k(candidates, group_k_state)
        if smoother.get("smoothed_k") in candidates:
            best = candidates[smoother["smoothed_k"]][0]
            best_labels, best_centers = best.labels, best.centers
        else:
            best_labels = np.zeros(len(base_centers), dtype=np.int64)
            best_centers = np.average(base_centers, axis=0, weights=base_sizes)[None, :]
        if init == "polis":
            warm_state = {
                "pca": {"statement_ids": [_plain(x) for x in sids], "components": comps.tolist()},
                "base": base.members(clustered_ids),
                "groups": {str(k): c[0].members(base.ids) for k, c in candidates.items()},
            }
        n_base = len(base_centers)
        # Number groups by size (largest first) so ids do not depend on init order.
        raw_group_sizes = np.bincount(best_labels, weights=base_sizes, minlength=len(best_centers))
        order = sorted(range(len(best_centers)), key=lambda g: (-raw_group_sizes[g], g))
        relabel = np.empty(len(order), dtype=np.int64)
        relabel[order] = np.arange(len(order))
        base_group = relabel[best_labels]
        group_label_per_in = base_group[base_labels]
        n_groups = len(order)

        for b in range(n_base):
            members = [clustered_ids[i] for i in np.flatnonzero(base_labels == b)]
            base_clusters.append(
                BaseCluster(base.ids[b], (float(base_centers[b, 0]), float(base_centers[b, 1])), members)
            )
        for pid, b, g in zip(clustered_ids, base_labels, group_label_per_in, strict=True):
            base_of[pid] = int(base.ids[b])
            group_of[pid] = int(g)

    if clustering_only:
        return OpinionMapResult(
            statement_ids=list(sids),
            participant_ids=list(pids),
            coordinates=[],
            clustered_ids=clustered_ids,
            group_of=group_of,
            base_cluster_of=base_of,
            base_clusters=base_clusters,
            groups=[],
            consensus_agree=[],
            consensus_disagree=[],
            group_informed_consensus={},
            group_informed_disagreement={},
            pca_components=[],
            pca_center=[],
            explained_variance_ratio=explained,
            statement_extremity={},
            statement_priorities={},
            silhouette_by_k=silhouettes,
            group_k_state=smoother,
            warm_start=warm_state,
            moderated_out=[s for s in sids if s in mod_out],
            seed=seed,
        )

    # Group vote tallies (rating matrix: moderated-out columns are all-pass), one bincount each.
    group_of_row = np.full(n_p, -1)
    group_of_row[idx_in] = group_label_per_in
    cells = n_groups * n_s

    def tally(rows_, cols_, vals_):
        g = group_of_row[rows_]
        sel = g >= 0
        key = g[sel] * n_s + cols_[sel]
        v = vals_[sel]
        # Votes are 1, -1 or 0: their sum is agree - disagree, their squares agree + disagree.
        net, decided, seen_ = (
            np.bincount(key, weights=w, minlength=cells).reshape(n_groups, n_s) for w in (v, v * v, None)
        )
        return (decided + net) / 2.0, (decided - net) / 2.0, seen_

    raw_a, raw_d, raw_s = tally(r, c, raw_vals)
    if n_mod:
        na, nd, ns = tally(r_rt, c_rt, v_rt)
        ns[:, mod_cols] = np.bincount(group_label_per_in, minlength=n_groups)[:, None]
    else:
        na, nd, ns = raw_a, raw_d, raw_s

    excluded = mod_out
    group_stats = _group_repness_stats(na, nd, ns) if n_groups else []
    for g in range(n_groups):
        members_mask = group_label_per_in == g
        center_xy = proj[idx_in][members_mask].mean(axis=0)
        groups.append(
            OpinionGroup(
                id=g,
                size=int(members_mask.sum()),
                center=(float(center_xy[0]), float(center_xy[1])),
                member_ids=[clustered_ids[i] for i in np.flatnonzero(members_mask)],
                base_cluster_ids=[b.id for pos, b in enumerate(base_clusters) if base_group[pos] == g],
                representative_statements=_select_representative(sids, group_stats[g], excluded, pick_max),
            )
        )

    all_stats = _comment_stats(
        np.bincount(c_rt, weights=(v_rt == 1).astype(float), minlength=n_s),
        np.bincount(c_rt, weights=(v_rt == -1).astype(float), minlength=n_s),
        col_seen.astype(float),
    )
    consensus_agree, consensus_disagree = _select_consensus(sids, all_stats, excluded, pick_max)

    if n_groups:
        gic = np.prod((raw_a + 1.0) / (raw_s + 2.0), axis=0)
        gid = np.prod((raw_d + 1.0) / (raw_s + 2.0), axis=0)
    else:
        gic = gid = np.zeros(n_s)

    tot_a, tot_d, tot_s = raw_a.sum(0), raw_d.sum(0), raw_s.sum(0)
    priority_arr = _priorities(tot_a, tot_d, tot_s, extremity_arr)
    priorities = {sid: META_PRIORITY**2 if sid in meta else float(priority_arr[j]) for j, sid in enumerate(sids)}

    return OpinionMapResult(
        statement_ids=list(sids),
        participant_ids=list(pids),
        coordinates=[(float(x), float(y)) for x, y in proj],
        clustered_ids=clustered_ids,
        group_of=group_of,
        base_cluster_of=base_of,
        base_clusters=base_clusters,
        groups=groups,
        consensus_agree=consensus_agree,
        consensus_disagree=consensus_disagree,
        group_informed_consensus={s: float(v) for s, v in zip(sids, gic, strict=True)},
        group_informed_disagreement={s: float(v) for s, v in zip(sids, gid, strict=True)},
        pca_components=[[float(v) for v in row] for row in comps],
        pca_center=[float(v) for v in center],
        explained_variance_ratio=explained,
        statement_extremity={s: float(v) for s, v in zip(sids, extremity_arr, strict=True)},
        statement_priorities=priorities,
        silhouette_by_k=silhouettes,
        group_k_state=smoother,
        warm_start=warm_state,
        moderated_out=[s for s in sids if s in mod_out],
        seed=seed,
        parameters={
            "min_votes": min_votes,
            "base_k": base_k,
            "max_groups": max_groups,
            "pick_max": pick_max,
            "init": init,
        },
    )


# --------------------------------------------------------------------------- replay

#: Polis's math worker recomputes when new votes have arrived, about once a few seconds
#: on a busy conversation; we replay at the product's own debounce (30 s of conversation time).
REPLAY_INTERVAL_MS = 30_000
#: Upper bound on recomputes in one replay; beyond it every n-th run is kept (see replay_cuts).
REPLAY_MAX_RUNS = 400


def replay_cuts(times: Sequence[float], *, interval_ms: float, max_runs: int) -> list[int]:
    """Where a replay recomputes: for votes sorted by ``times``, the vote counts after each run.

    Polis recomputes when votes have arrived since its last update, so the runs follow the
    votes: a run before every vote that comes at least ``interval_ms`` after the last run,
    and one after the last vote. When that would be more than ``max_runs``, every n-th run
    is kept, so the runs stay where the votes were: a conversation idle for a year between
    two busy weeks gets no runs in that year (even calendar steps would put most there).
    """
    times_a = np.asarray(times, dtype=float)
    cuts: list[int] = []
    if len(times_a):
        next_time = times_a[0] + float(interval_ms)
        while (i := int(np.searchsorted(times_a, next_time, side="left"))) < len(times_a):
            cuts.append(i)
            next_time = times_a[i] + float(interval_ms)
    if len(cuts) >= max_runs:
        every = -(-len(cuts) // max(max_runs - 1, 1))
        cuts = cuts[every - 1 :: every]
    return [*cuts, len(times_a)]


def replay_opinion_map(
    timed_votes: Iterable[tuple[float, ParticipantId, StatementId, float]],
    *,
    interval_ms: float = REPLAY_INTERVAL_MS,
    max_runs: int = REPLAY_MAX_RUNS,
    statement_ids: Sequence[StatementId] | None = None,
    **options: Any,
) -> tuple[OpinionMapResult, int]:
    """Recompute the map as votes arrived, as Polis did: returns the last map and the number of runs.

    ``timed_votes`` are ``(timestamp_ms, participant, statement, value)``. A recompute runs
    once the next vote is at least ``interval_ms`` after the last recompute (widened so that
    there are at most ``max_runs``), each warm-started from the previous one with its
    group-count smoothing and the participants it counted, and once more after the last vote.
    ``options`` go to :func:`compute_opinion_map`.
    """
    ordered = sorted(timed_votes, key=lambda v: v[0])
    if not ordered:
        return compute_opinion_map([], **options), 1
    p_index: dict[ParticipantId, int] = {}
    s_index: dict[StatementId, int] = {sid: j for j, sid in enumerate(statement_ids or ())}
    rows, cols, vals, times = [], [], [], []
    for t, pid, sid, value in ordered:
        rows.append(p_index.setdefault(pid, len(p_index)))
        cols.append(s_index.setdefault(sid, len(s_index)))
        vals.append(float(value))
        times.append(float(t))
    rows_a, cols_a, vals_a, times_a = (np.asarray(x) for x in (rows, cols, vals, times))
    cuts = replay_cuts(times_a, interval_ms=interval_ms, max_runs=max_runs)
    values = np.full((len(p_index), len(s_index)), np.nan)
    pids, sids = tuple(p_index), tuple(s_index)
    result: OpinionMapResult | None = None
    done = 0
    always: set[ParticipantId] = set(options.pop("always_include", ()))
    for cut in cuts:
        # Votes in time order, so a later vote on the same pair overwrites (numpy assigns in order).
        values[rows_a[done:cut], cols_a[done:cut]] = vals_a[done:cut]
        done = cut
        result = compute_opinion_map(
            VoteMatrix(pids, sids, values.copy()),
            always_include=always,
            group_k_state=result.group_k_state if result else None,
            warm_start=result.warm_start if result else None,
            clustering_only=cut != cuts[-1],
            **options,
        )
        # Polis never drops a participant it once counted.
        always |= set(result.clustered_ids)
    assert result is not None
    return result, len(cuts)
