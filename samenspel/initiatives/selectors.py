"""Reads for initiatives: the filtered overview, search, sorting, a page, the open data."""

import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from samenspel.marketplace.models import Category, ListingStatus, Need, Offer

from . import search
from .models import Initiative, Status, Support, TeamMember, Update

# Sort codes; the overview page's links speak Dutch (PAGE_SORTS), the API the codes.
SORTS = ("newest", "most_support", "nearby")
PAGE_SORTS = {"nieuwste": "newest", "meeste-steun": "most_support", "dichtbij": "nearby"}


@dataclass(frozen=True)
class InitiativeFilters:
    theme: str = ""  # slug
    neighbourhood: str = ""  # slug
    status: str = ""
    need_category: str = ""
    q: str = ""
    sort: str = "newest"
    lat: float | None = None
    lon: float | None = None

    @classmethod
    def from_page(cls, params) -> "InitiativeFilters":
        """The overview page's GET parameters (Dutch names, as in a shared link).

        Lenient on purpose: a shared link with a stale value shows everything, not an error.
        The API declares its filters with a serializer instead (`initiatives.api`).
        """

        def number(name, low, high):
            try:
                value = float(params.get(name, ""))
            except ValueError:
                return None
            return value if low <= value <= high and math.isfinite(value) else None

        status = params.get("status", "")
        need_category = params.get("vraag", "")
        return cls(
            theme=params.get("thema", ""),
            neighbourhood=params.get("wijk", ""),
            status=status if status in Status.values else "",
            need_category=need_category if need_category in Category.values else "",
            q=(params.get("q", "") or "").strip()[:200],
            sort=PAGE_SORTS.get(params.get("sorteer", ""), "newest"),
            lat=number("lat", -90, 90),
            lon=number("lon", -180, 180),
        )


def _count(kind: str):
    rows = (
        Support.objects.filter(initiative=OuterRef("pk"), kind=kind)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_counts(initiatives):
    """Counts as correlated subqueries: joins on two reverse relations would multiply each other."""
    return initiatives.annotate(support_count=_count(Support.Kind.SUPPORT), join_count=_count(Support.Kind.JOIN))


def _search(initiatives, q: str):
    """Every Dutch word of `q`, stemmed, must occur in title, pitch or story.

    PostgreSQL: its `dutch` text-search configuration (GIN index, migration 0003). SQLite:
    the FTS5 table `initiatives_search` of the same lexemes (`search.py`, migration 0005),
    as a subquery, so a search adds no query. Both find the same initiatives
    (`tests/test_search_dutch.py`); a query of stop words alone finds nothing on both.
    """
    if not q:
        return initiatives
    if connection.vendor == "postgresql":
        # Only imported on PostgreSQL; the app does not need django.contrib.postgres installed.
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", weight="A", config="dutch") + SearchVector("pitch", "story", config="dutch")
        return initiatives.annotate(search=vector).filter(search=SearchQuery(q, config="dutch", search_type="plain"))
    expression = search.match_expression(q)
    if expression is None:
        return initiatives.none()
    found = RawSQL("SELECT rowid FROM initiatives_search WHERE initiatives_search MATCH %s", [expression])
    return initiatives.filter(pk__in=found)


def initiative_list(*, municipality, filters: InitiativeFilters | None = None, user=None):
    """Public initiatives of one municipality, filtered and sorted, with what a card shows."""
    filters = filters or InitiativeFilters()
    initiatives = Initiative.objects.filter(is_hidden=False)
    if municipality is not None:
        initiatives = initiatives.filter(municipality=municipality)
    else:  # the API across municipalities: only those that are live
        initiatives = initiatives.filter(municipality__is_active=True)
    if filters.theme:
        initiatives = initiatives.filter(themes__slug=filters.theme)
    if filters.neighbourhood:
        initiatives = initiatives.filter(neighbourhood__slug=filters.neighbourhood)
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.need_category:
        open_needs = Need.objects.filter(
            initiative=OuterRef("pk"), category=filters.need_category, status=ListingStatus.OPEN
        )
        initiatives = initiatives.filter(Exists(open_needs))
    initiatives = _search(initiatives, filters.q)
    initiatives = with_counts(initiatives).select_related("neighbourhood", "municipality").prefetch_related("themes")
    point = reference_point(filters, user)
    if filters.sort == "most_support":
        return initiatives.order_by("-support_count", "-join_count", "-submitted_at", "-pk")
    if filters.sort == "nearby" and point is not None:
        # Flat-earth distance in degrees, longitude shrunk by cos(latitude): exact enough to
        # order places within a town, and it runs in SQL on SQLite and PostgreSQL alike.
        lat, lon = point
        shrink = math.cos(math.radians(lat))
        distance = (F("lat") - lat) * (F("lat") - lat) + (F("lon") - lon) * (F("lon") - lon) * (shrink * shrink)
        return initiatives.annotate(distance=distance).order_by(F("distance").asc(nulls_last=True), "-pk")
    return initiatives.order_by("-submitted_at", "-pk")


def reference_point(filters: InitiativeFilters, user) -> tuple[float, float] | None:
    """Where "nearby" measures from: the asked point, else the person's own neighbourhood."""
    if filters.lat is not None and filters.lon is not None:
        return filters.lat, filters.lon
    neighbourhood = getattr(user, "neighbourhood", None) if user is not None and user.is_authenticated else None
    return neighbourhood.centre if neighbourhood is not None else None


def initiative_visible_to(*, municipality, slug: str, user):
    """The initiative for its page, or None when this user may not see it (hidden)."""
    initiative = (
        with_counts(Initiative.objects.filter(municipality=municipality, slug=slug))
        .select_related("municipality", "neighbourhood", "initiator", "coach")
        .first()
    )
    if initiative is None:
        return None
    if initiative.is_hidden and not user.has_perm("initiatives.view_initiative", initiative):
        return None
    return initiative


def initiative_page_data(*, initiative, user) -> dict:
    """Everything the public page lists, in a fixed number of queries."""
    team = list(initiative.team.exclude(accepted_at=None).select_related("user").order_by("role", "accepted_at"))
    initiative.__dict__["_team_user_ids"] = {m.user_id for m in team if m.user_id}
    data = {
        "team": team,
        "themes": list(initiative.themes.all()),
        "images": list(initiative.images.ready()),
        "needs": list(
            Need.objects.filter(initiative=initiative)
            .exclude(status=ListingStatus.WITHDRAWN)
            .order_by("status", "-created")
        ),
        "offers": list(
            Offer.objects.filter(initiative=initiative)
            .exclude(status=ListingStatus.WITHDRAWN)
            .order_by("status", "-created")
        ),
        "updates": list(Update.objects.filter(initiative=initiative).select_related("author")[:20]),
        "my_support": set(),
        "following": False,
    }
    if user.is_authenticated:
        data["my_support"] = set(
            Support.objects.filter(initiative=initiative, user=user).values_list("kind", flat=True)
        )
        data["following"] = initiative.follows.filter(user=user).exists()
    return data


def team_with_invitations(initiative):
    """The team page's table: accepted members first, then open invitations (only the team sees it)."""
    return initiative.team.select_related("user").order_by("accepted_at", "invited_at")


def open_invitation(*, municipality, token: str) -> TeamMember | None:
    if not token:
        return None
    return (
        TeamMember.objects.select_related("initiative")
        .filter(token=token, initiative__municipality=municipality, accepted_at=None)
        .first()
    )


def status_counts(*, municipality) -> list[tuple[str, str, int]]:
    rows = dict(
        Initiative.objects.filter(municipality=municipality, is_hidden=False)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [(value, label, rows.get(value, 0)) for value, label in Status.choices]


def initiatives_for_export(*, municipality):
    """Public initiatives with public fields only; team e-mail addresses never leave the team."""
    open_needs = (
        Need.objects.filter(initiative=OuterRef("pk"), status=ListingStatus.OPEN)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_counts(Initiative.objects.filter(municipality=municipality, is_hidden=False))
        .annotate(open_needs=Coalesce(Subquery(open_needs, output_field=IntegerField()), Value(0)))
        .select_related("neighbourhood", "municipality")
        .prefetch_related("themes")
        .order_by("pk")
    )


def team_public(initiative) -> list[TeamMember]:
    return [m for m in initiative.team.all() if m.accepted_at and m.user_id]


def prefetch_public_team():
    return Prefetch(
        "team", queryset=TeamMember.objects.exclude(accepted_at=None).exclude(user=None).select_related("user")
    )
