"""Per-person limits on actions that land in other people's lists (comments, messages, reports).

Counted in the cache (Redis where several machines serve), so abuse costs no database rows;
`cache.add` then `cache.incr` is atomic on Redis and on the local-memory cache.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone


def rate_limit(*, key: str, limit: int, message: str, period: int = 3600, window: str | None = None) -> None:
    """Count one action for `key` in the current period; refuse with `message` once past `limit`.

    `window` names the period when it is not a plain slice of time (a local calendar day:
    "vandaag" means the resident's today); `period` is then only how long the count is kept.
    """
    window = window if window is not None else str(int(timezone.now().timestamp() // period))
    bucket = f"samenspel:ratelimit:{key}:{window}"
    cache.add(bucket, 0, timeout=period)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr; start over
        cache.set(bucket, 1, timeout=period)
        count = 1
    if count > limit:
        raise ValidationError(message, code="rate_limited")
