"""How the opinion map is drawn: colours and marker shapes per group, as SVG path data.

Presentation only; the selector hands over positions and group numbers.
"""

from django import template

register = template.Library()

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
GROUP_SHAPES = ["circle", "square", "triangle", "diamond", "cross"]
UNGROUPED_COLOUR = "#6b6b6b"


def marker_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path of a marker; shapes differ per group so colour is never the only cue."""
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.2:.1f}L{x + r * 1.1:.1f},{y + r * 0.8:.1f}L{x - r * 1.1:.1f},{y + r * 0.8:.1f}z"
    if shape == "diamond":
        return (
            f"M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.3:.1f},{y:.1f}L{x:.1f},{y + r * 1.3:.1f}L{x - r * 1.3:.1f},{y:.1f}z"
        )
    if shape == "cross":
        w = r * 0.45
        return (
            f"M{x - w:.1f},{y - r:.1f}h{2 * w:.1f}v{r - w:.1f}h{r - w:.1f}v{2 * w:.1f}h{w - r:.1f}"
            f"v{r - w:.1f}h{-2 * w:.1f}v{w - r:.1f}h{w - r:.1f}v{-2 * w:.1f}h{r - w:.1f}z"
        )
    if shape == "dot":
        r = r * 0.6
    return f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0z"


@register.filter
def group_colour(group: int | None) -> str:
    return UNGROUPED_COLOUR if group is None else GROUP_COLOURS[group % len(GROUP_COLOURS)]


@register.simple_tag
def marker(group: int | None, x: float, y: float, r: float) -> str:
    """`{% marker point.group point.x point.y 4 %}`: the path of a group's marker at (x, y)."""
    shape = "dot" if group is None else GROUP_SHAPES[group % len(GROUP_SHAPES)]
    return marker_path(shape, float(x), float(y), float(r))
