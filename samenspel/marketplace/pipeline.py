"""Persisting the matching engine's rankings as Match rows.

Choice: one fitted Matcher is cached per process and municipality. An update
for one need or offer reuses it (`Matcher.update_*`, no refit) and writes only
the rows of that item and of the counterparts whose ranking changed. The cache
is trusted only while MatchState (token, version) in the database equals what
this process last wrote; otherwise another process changed the matches and we
refit from the database (a full recompute), which is also what happens on the
first update after a restart and when the vocabulary grows stale
(`stale_fraction` > REFIT_STALE_FRACTION). A nightly `recompute_matches` keeps
the text model fresh.
"""

import json
import threading
import uuid
from collections.abc import Iterable
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone, translation

from samenspel.municipalities.models import Municipality

from . import matching
from .models import Category, Match, MatchState, Need, Offer, owner_key

TOP_K = 10
REFIT_STALE_FRACTION = 0.1

_cache: dict[int, tuple[str, int, matching.Matcher]] = {}
_lock = threading.Lock()


def _open_listings(model, municipality_id: int):
    # Listings of hidden initiatives are kept out of every ranking.
    return model.objects.filter(municipality_id=municipality_id, status="open").exclude(initiative__is_hidden=True)


def _matchable(model, municipality_id: int):
    return (
        _open_listings(model, municipality_id).select_related("neighbourhood").prefetch_related("themes").order_by("pk")
    )


def _matchable_items(model, municipality_id: int) -> list[matching.Item]:
    """Every open listing as the engine's Item, read as plain rows in two queries: a full
    recompute reads tens of thousands of listings, and model instances with prefetched
    themes cost more than the ranking itself. Gives the same Items as `listing_item`."""
    listings = _open_listings(model, municipality_id)
    slugs: dict[int, list[str]] = {}
    own = f"{model._meta.model_name}_id"
    for listing_id, slug in model.themes.through.objects.filter(**{f"{own}__in": listings.values("pk")}).values_list(
        own, "theme__slug"
    ):
        slugs.setdefault(listing_id, []).append(slug)
    fields = ("pk", "category", "title", "description", "availability", "lat", "lon", "neighbourhood__cbs_code")
    owners = ("initiative_id", "organisation_id", "person_id")
    return [
        _item(
            row,
            cbs_code=row["neighbourhood__cbs_code"],
            owner=owner_key(SimpleNamespace(**{k: row[k] for k in owners})),
            slugs=slugs.get(row["pk"], ()),
        )
        for row in listings.order_by("pk").values(*fields, *owners)
    ]


# Municipalities name their themes; the engine knows a fixed set of codes.
THEME_ALIASES = {"zorg-en-welzijn": "zorg-welzijn", "zorg": "zorg-welzijn", "welzijn": "zorg-welzijn"}


def kind_labels() -> dict[str, str]:
    """The categories' words for the engine's own explanations (evaluation, benchmarks), from
    the one table (models.Category), in Dutch. Pages say a match's explanation from its stored
    facts in the reader's language (`explanations.py`)."""
    with translation.override("nl"):
        return {code: str(label) for code, label in Category.choices}


def listing_item(listing) -> matching.Item:
    return _item(
        {f: getattr(listing, f) for f in ("pk", "category", "title", "description", "availability", "lat", "lon")},
        cbs_code=listing.neighbourhood.cbs_code if listing.neighbourhood_id else None,
        owner=owner_key(listing),
        slugs=[t.slug for t in listing.themes.all()],
    )


def _item(fields: dict, *, cbs_code: str | None, owner: str, slugs) -> matching.Item:
    """One listing's facts as the engine's Item, whether read as a model or as a row."""
    themes = {THEME_ALIASES.get(slug, slug) for slug in slugs} & set(matching.THEME_LABELS)
    has_point = fields["lat"] is not None and fields["lon"] is not None
    return matching.Item.from_parts(
        fields["pk"],
        fields["category"],
        fields["title"],
        " ".join(p for p in (fields["description"], fields["availability"]) if p),
        lat=fields["lat"] if has_point else None,
        lon=fields["lon"] if has_point else None,
        neighbourhood=cbs_code,
        themes=tuple(sorted(themes)),
        owner=owner,
    )


def _row_fields(m: matching.Match) -> dict:
    return {
        "score": m.score,
        "facts": {
            "distance_m": m.distance_m,
            "same_area": m.same_area,
            "shared_themes": list(m.shared_themes),
            "shared_words": list(m.shared_words),
        },
        "parts": dict(m.parts),  # rounded by the engine
    }


def matches_recompute(*, municipality_id: int) -> int:
    """Refit the engine on every open need and offer and rewrite all Match rows."""
    needs = _matchable_items(Need, municipality_id)
    offers = _matchable_items(Offer, municipality_id)
    matcher = matching.Matcher(needs, offers, top_k=TOP_K, kind_labels=kind_labels()).fit()
    rows = {
        (m.need_id, m.offer_id): {**_row_fields(m), "rank_for_need": for_need, "rank_for_offer": for_offer}
        for m, for_need, for_offer in matcher.ranked_pairs()
    }
    with transaction.atomic():
        state, _ = MatchState.objects.select_for_update().get_or_create(municipality_id=municipality_id)
        first_seen = {
            (n, o): c
            for n, o, c in Match.objects.filter(municipality_id=municipality_id).values_list(
                "need_id", "offer_id", "created"
            )
        }
        Match.objects.filter(municipality_id=municipality_id).delete()
        now = timezone.now()
        _insert((municipality_id, n, o, first_seen.get((n, o), now), fields) for (n, o), fields in rows.items())
        state.token = uuid.uuid4()
        state.version = 0
        state.fitted_at = now
        state.save()
        token = str(state.token)
        # Remembered now, not on commit: after a rollback the token no longer matches
        # the database, so the next update refits instead of trusting this engine.
        _remember(municipality_id, token, 0, matcher)
    return len(rows)


_COLUMNS = (
    "municipality_id",
    "need_id",
    "offer_id",
    "created",
    "score",
    "parts",
    "facts",
    "rank_for_need",
    "rank_for_offer",
)


def _insert(rows) -> None:
    """Write (municipality, need, offer, created, fields) rows. On PostgreSQL through COPY:
    a full recompute writes a row per ranked pair (200,000 for 10,000 needs and offers), and
    COPY takes them in one stream instead of INSERTs of model instances."""
    if connection.vendor != "postgresql":
        Match.objects.bulk_create(
            (
                Match(municipality_id=m, need_id=n, offer_id=o, created=created, **fields)
                for m, n, o, created, fields in rows
            ),
            batch_size=2000,
        )
        return
    table = connection.ops.quote_name(Match._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for m, n, o, created, fields in rows:
            copy.write_row(
                (
                    m,
                    n,
                    o,
                    created,
                    fields["score"],
                    json.dumps(fields["parts"]),
                    json.dumps(fields["facts"]),
                    fields.get("rank_for_need"),
                    fields.get("rank_for_offer"),
                )
            )


def _remember(municipality_id: int, token: str, version: int, matcher) -> None:
    with _lock:
        _cache[municipality_id] = (token, version, matcher)


def forget_cached_matchers() -> None:
    with _lock:
        _cache.clear()


def _write(side: str, lists: dict[int, list[matching.Match]], municipality_id: int) -> None:
    """Make the stored ranking of each item in `lists` equal to the given list."""
    if not lists:
        return
    fk, rank_field, other_rank = (
        ("need_id", "rank_for_need", "rank_for_offer")
        if side == "need"
        else ("offer_id", "rank_for_offer", "rank_for_need")
    )
    existing = {(r.need_id, r.offer_id): r for r in Match.objects.filter(**{f"{fk}__in": list(lists)})}
    to_update, to_create, to_delete = [], [], []
    wanted = set()
    for ranked in lists.values():
        for rank, m in enumerate(ranked, start=1):
            key = (m.need_id, m.offer_id)
            wanted.add(key)
            row = existing.get(key)
            if row is None:
                to_create.append(
                    Match(
                        municipality_id=municipality_id,
                        need_id=key[0],
                        offer_id=key[1],
                        **_row_fields(m),
                        **{rank_field: rank},
                    )
                )
                continue
            fields = {**_row_fields(m), rank_field: rank}
            if any(getattr(row, attr) != value for attr, value in fields.items()):
                for attr, value in fields.items():
                    setattr(row, attr, value)
                to_update.append(row)
    for key, row in existing.items():
        if key in wanted:
            continue
        if getattr(row, other_rank) is None:
            to_delete.append(row.pk)
        else:
            setattr(row, rank_field, None)
            to_update.append(row)
    # Changed rows are replaced (same pk and `created`) rather than bulk_update'd: one
    # DELETE and one INSERT beat a CASE WHEN per column on a few hundred rows.
    to_delete += [row.pk for row in to_update]
    if to_delete:
        Match.objects.filter(pk__in=to_delete).delete()
    if to_update or to_create:
        Match.objects.bulk_create(to_update + to_create)


def matches_update_for(*, side: str, listing_id: int, municipality_id: int | None = None) -> str:
    """Bring the stored matches up to date after one need or offer changed.

    Returns "incremental", "full" or "skipped" (unknown listing, nothing stored).
    """
    if side not in ("need", "offer"):
        raise ValueError(f"side must be need or offer, not {side!r}")
    model = Need if side == "need" else Offer
    if municipality_id is None:
        listing = model.objects.filter(pk=listing_id).values("municipality_id").first()
        municipality_id = listing["municipality_id"] if listing else _municipality_of_stored(side, listing_id)
    if municipality_id is None:
        return "skipped"
    try:
        full = _update_incrementally(side, model, listing_id, municipality_id)
    except Exception:
        # The cached engine may already hold a change the database never got.
        _cache.pop(municipality_id, None)
        raise
    if full is None:
        return "skipped"
    if full:
        # The cached engine may have missed changes; drop it before refitting.
        _cache.pop(municipality_id, None)
        matches_recompute(municipality_id=municipality_id)
        return "full"
    return "incremental"


def _update_incrementally(side, model, listing_id, municipality_id) -> bool | None:
    """True: a full recompute is needed; False: done incrementally; None: nothing to do."""
    with transaction.atomic():
        state, _ = MatchState.objects.select_for_update().get_or_create(municipality_id=municipality_id)
        cached = _cache.get(municipality_id)
        if (
            cached is None
            or cached[0] != str(state.token)
            or cached[1] != state.version
            or cached[2].stale_fraction > REFIT_STALE_FRACTION
        ):
            full = True
        else:
            full = False
            matcher = cached[2]
            current = _matchable(model, municipality_id).filter(pk=listing_id).first()
            known = listing_id in (matcher.need_ids if side == "need" else matcher.offer_ids)
            if current is not None:
                item = listing_item(current)
                result = matcher.update_need(item) if side == "need" else matcher.update_offer(item)
            elif known:
                result = matcher.remove_need(listing_id) if side == "need" else matcher.remove_offer(listing_id)
            else:
                result = None
            if result is not None:
                _write(side, {listing_id: result.matches}, municipality_id)
                other = "offer" if side == "need" else "need"
                rank = matcher.matches_for_offer if side == "need" else matcher.matches_for_need
                _write(other, {cid: rank(cid) for cid in result.changed}, municipality_id)
                state.version += 1
                state.save(update_fields=["version"])
                token, version = str(state.token), state.version
                _remember(municipality_id, token, version, matcher)
            else:
                return None
    return full


def _municipality_of_stored(side: str, listing_id: int) -> int | None:
    return Match.objects.filter(**{f"{side}_id": listing_id}).values_list("municipality_id", flat=True).first()


def recompute_all(municipalities: Iterable[Municipality] | None = None) -> dict[str, int]:
    municipalities = municipalities if municipalities is not None else Municipality.objects.filter(is_active=True)
    return {m.slug: matches_recompute(municipality_id=m.pk) for m in municipalities}
