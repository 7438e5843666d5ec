"""Drawing the insight figures: an SVG bar chart laid out here, never in the reads.

`insights.insights()` returns rows of numbers with their shown text; this tag turns one
`Chart` into bar positions for `marketplace/_chart.html` (which puts the same rows in a
table beside the picture).
"""

from dataclasses import dataclass

from django import template

register = template.Library()

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 170
CHART_WIDTH = 520
VALUE_ROOM = 60  # space right of the longest bar for its shown value


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    label: str
    shown: str
    text_y: int
    value_x: int


def layout(rows) -> tuple[list[Bar], int]:
    """Bars scaled to the largest value, and the picture's height."""
    top = max((r.value for r in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for i, row in enumerate(rows):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        width = max(0, round(room * row.value / top))
        bars.append(Bar(y, width, row.label, row.shown, y + BAR_HEIGHT - 6, LABEL_WIDTH + width + 6))
    height = max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    return bars, height


@register.inclusion_tag("marketplace/_chart.html")
def bar_chart(chart) -> dict:
    bars, height = layout(chart.rows)
    return {
        "chart": chart,
        "bars": bars,
        "height": height,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
    }
