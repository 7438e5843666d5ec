"""Server-side SVG chart geometry (as budgeting/charts.py): computed here, drawn by templates.

Charts are pictures of a table that stands beside them; a suppressed figure (None, fewer
than 5 people) is drawn as a short grey tick so a gap is not read as zero.
"""

WEEK_CHART_WIDTH = 320
WEEK_CHART_HEIGHT = 80
BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 150
HBAR_WIDTH = 460


def week_bars(values: list, labels: list[str]) -> dict:
    """A small column chart of one weekly series."""
    n = max(len(values), 1)
    most = max((v for v in values if v), default=0) or 1
    step = WEEK_CHART_WIDTH / n
    width = max(step - 1, 1)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = round(index * step, 2)
        if value is None:
            bars.append(
                {"x": x, "y": WEEK_CHART_HEIGHT - 3, "h": 3, "w": round(width, 2), "suppressed": True, "label": label}
            )
            continue
        h = round(WEEK_CHART_HEIGHT * value / most, 2)
        bars.append(
            {
                "x": x,
                "y": round(WEEK_CHART_HEIGHT - h, 2),
                "h": h,
                "w": round(width, 2),
                "suppressed": False,
                "label": label,
            }
        )
    return {"bars": bars, "width": WEEK_CHART_WIDTH, "height": WEEK_CHART_HEIGHT, "most": most}


def hbars(rows: list[tuple[str, object]]) -> dict:
    """A horizontal bar chart of (label, value) rows; value None is suppressed."""
    most = max((v for _, v in rows if v), default=0) or 1
    room = HBAR_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        w = 3 if value is None else max(round(room * value / most), 1 if value else 0)
        bars.append(
            {
                "y": y,
                "text_y": y + 13,
                "label": label if len(label) <= 22 else label[:21] + "…",
                "width": w,
                "value_x": LABEL_WIDTH + w + 6,
                "value": "<5" if value is None else _number(value),
                "suppressed": value is None,
            }
        )
    return {
        "bars": bars,
        "width": HBAR_WIDTH,
        "height": max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)
