"""A server-side SVG bar chart of a result: geometry computed here, drawn by a template."""

from .ballots import format_euro

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 210
CHART_WIDTH = 500


def result_chart(rows) -> dict:
    rows = list(rows)
    most = max((r.votes for r in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 90
    bars = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        title = row.plan.title
        bars.append(
            {
                "y": y,
                "text_y": y + 16,
                "label": title if len(title) <= 28 else title[:27] + "…",
                "width": max(1, round(room * row.votes / most)),
                "value_x": LABEL_WIDTH + max(1, round(room * row.votes / most)) + 6,
                "votes": row.votes,
                "funded": row.funded,
                "cost": format_euro(row.cost),
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
