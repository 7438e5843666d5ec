"""The privacy threshold of every figure the signals show (pure: no Django).

No figure about a group of fewer than `THRESHOLD` people is shown, on a page, in a CSV, in
the API or in the report (as Decidim does for its demographic figures). A count from 1 to 4
becomes `None` ("minder dan 5"); a zero stays 0, because "nobody" names no one. A derived
figure (a share, a median, a rate) is suppressed when the group it is computed over is
smaller than the threshold.

Complementary suppression: when a row of counts is shown with its total, a single
suppressed cell could be worked out as total minus the others. So when exactly one cell of
a group is suppressed, the smallest other non-zero cell is suppressed too (`suppress_group`).
"""

from collections.abc import Iterable, Mapping

THRESHOLD = 5


def count(value: int | None) -> int | None:
    """A count of people (or of their actions) as it may be shown: None when 1 to 4."""
    if value is None:
        return None
    return value if value == 0 or value >= THRESHOLD else None


def derived(value, group_size: int | None):
    """A share, median or rate computed over `group_size` people: None when that group is too small."""
    if group_size is None or group_size < THRESHOLD:
        return None
    return value


def suppress_group(values: Mapping) -> dict:
    """Counts of one group (cells that add up to a shown total), with complementary suppression."""
    shown = {key: count(value) for key, value in values.items()}
    hidden = [key for key, value in shown.items() if value is None and values[key]]
    if len(hidden) == 1:
        others = [(v, k) for k, v in shown.items() if v]
        if others:
            shown[min(others)[1]] = None
    return shown


def total(values: Iterable[int]) -> int | None:
    return count(sum(values))
