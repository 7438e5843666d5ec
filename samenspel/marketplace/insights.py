"""Figures for the municipality: open needs, match rate, time to first match.

Each figure is a list of rows (label, value, shown text); the template tag
`marketplace_charts.bar_chart` draws it as an SVG bar chart with the same rows
as a table beside it.
"""

from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from samenspel.municipalities.models import Neighbourhood

from .models import Category, Introduction, Match, Need


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    shown: str
    extra: str = ""


@dataclass(frozen=True)
class Chart:
    """One figure as data; `templatetags/marketplace_charts.py` draws it."""

    key: str
    title: str
    description: str
    value_heading: str
    rows: list
    extra_heading: str = ""


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def insights(*, municipality) -> dict:
    needs = Need.objects.for_municipality(municipality).exclude(initiative__is_hidden=True)
    open_needs = needs.open()

    by_kind = dict(open_needs.values_list("category").annotate(n=Count("pk")))
    open_by_kind = Chart(
        "open-per-soort",
        _("Open vragen per soort"),
        _("Aantal open vragen op de marktplaats, per soort hulp."),
        _("Open vragen"),
        [Row(str(label), by_kind.get(code, 0), str(by_kind.get(code, 0))) for code, label in Category.choices],
    )

    by_area = dict(open_needs.values_list("neighbourhood").annotate(n=Count("pk")))
    areas = Neighbourhood.objects.filter(municipality=municipality, kind="wijk").order_by("name")
    area_rows = [Row(a.name, by_area.get(a.pk, 0), str(by_area.get(a.pk, 0))) for a in areas]
    if by_area.get(None):
        area_rows.append(Row(_("hele gemeente"), by_area[None], str(by_area[None])))
    open_by_area = Chart(
        "open-per-wijk", _("Open vragen per wijk"), _("Aantal open vragen per wijk."), _("Open vragen"), area_rows
    )

    matched_ids = set(
        Match.objects.filter(need__in=open_needs, rank_for_need__isnull=False).values_list("need_id", flat=True)
    )
    kinds_of_open = dict(open_needs.values_list("pk", "category"))
    rate_rows = []
    for code, label in Category.choices:
        total = sum(1 for k in kinds_of_open.values() if k == code)
        matched = sum(1 for pk, k in kinds_of_open.items() if k == code and pk in matched_ids)
        rate = 100 * matched / total if total else 0
        rate_rows.append(Row(str(label), rate, _pct(matched, total), f"{matched} / {total}"))
    match_rate = Chart(
        "matchpercentage",
        _("Matchpercentage per soort"),
        _("Deel van de open vragen met minstens één passend aanbod."),
        _("Met match"),
        rate_rows,
        extra_heading=_("Vragen met match / open vragen"),
    )

    first = (
        needs.annotate(first_match=Min("matches__created"))
        .exclude(first_match=None)
        .values_list("created", "first_match")
    )
    buckets = [
        (_("binnen een uur"), 1 / 24),
        (_("binnen een dag"), 1),
        (_("binnen een week"), 7),
        (_("binnen vier weken"), 28),
        (_("later"), float("inf")),
    ]
    counts = [0] * len(buckets)
    for created, first_match in first:
        days = max(0.0, (first_match - created).total_seconds() / 86400)
        for i, (_label, limit) in enumerate(buckets):
            if days <= limit:
                counts[i] += 1
                break
    time_to_match = Chart(
        "tijd-tot-match",
        _("Tijd tot de eerste match"),
        _("Hoe snel een vraag na plaatsing een eerste passend aanbod kreeg."),
        _("Vragen"),
        [Row(str(label), n, str(n)) for (label, _limit), n in zip(buckets, counts, strict=True)],
    )

    intros = Introduction.objects.filter(municipality=municipality)
    summary = {
        "open_needs": len(kinds_of_open),
        "with_match": len(matched_ids & set(kinds_of_open)),
        "rate": _pct(len(matched_ids & set(kinds_of_open)), len(kinds_of_open)),
        "introductions": intros.count(),
        "accepted": intros.accepted_by_both().count(),
        "met": needs.filter(status="met").count(),
    }
    return {"charts": [open_by_kind, open_by_area, match_rate, time_to_match], "summary": summary}
