"""Limits on actions, counted in the cache (Redis where several app servers serve).

Every limit counts first and decides after, with one atomic increment: a burst of 60 requests
against a limit of 20 lets exactly 20 through, however many arrive at the same moment (checking
a count and adding to it later let 21 of 60 through). `cache.add` then `cache.incr` is atomic
on Redis (SET NX, INCR) and on the local-memory cache (one lock); on any other backend (the
database cache) the increment runs under a lock taken with `cache.add`.

Who is counted is the caller's choice: a person (`user:<id>`) or a client address from
`core.client.client_key`, never REMOTE_ADDR, which behind a proxy is everybody's.
"""

from __future__ import annotations

import logging
import math
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import throttling

from .client import client_key


def cache_errors() -> tuple[type[BaseException], ...]:
    """What a cache that cannot be reached raises (Redis down, a timeout).

    Redis's own errors only where Redis is the cache: a process on the database cache never
    imports the Redis client (0.06 s of every start). Called in `except` clauses, which
    evaluate it only when something was raised.
    """
    if isinstance(caches["default"], RedisCache):
        from redis.exceptions import RedisError

        return (RedisError, ConnectionError, TimeoutError)
    return (ConnectionError, TimeoutError)


logger = logging.getLogger(__name__)
PREFIX = "samenspel:ratelimit"
_ATOMIC_INCR = (RedisCache, LocMemCache)
_LOCK_TIMEOUT = 5


def _incr(bucket: str, timeout: float, delta: int = 1) -> int:
    """Add `delta` to the count in `bucket` (created with `timeout`) and return the new count."""
    timeout = max(1, math.ceil(timeout))
    if isinstance(caches["default"], _ATOMIC_INCR):
        cache.add(bucket, 0, timeout=timeout)
        try:
            return cache.incr(bucket, delta)
        except ValueError:  # expired between add and incr: this is the first of a new count
            cache.add(bucket, 0, timeout=timeout)
            return cache.incr(bucket, delta)
    lock = f"{bucket}:lock"
    deadline = time.monotonic() + _LOCK_TIMEOUT
    while not cache.add(lock, 1, timeout=_LOCK_TIMEOUT):
        if time.monotonic() > deadline:
            raise ValidationError(_("Het is nu te druk. Probeer het over een minuut opnieuw."), code="rate_limited")
        time.sleep(0.005)
    try:
        count = (cache.get(bucket) or 0) + delta
        cache.set(bucket, count, timeout=timeout)
        return count
    finally:
        cache.delete(lock)


def cache_unavailable() -> ValidationError:
    return ValidationError(
        _(
            "Dit kan nu even niet: de beveiliging tegen misbruik is niet bereikbaar. Probeer het over een paar minuten opnieuw."
        ),
        code="rate_limited",
    )


@contextmanager
def _fail_closed():
    """A count that cannot be kept refuses the action, with a Dutch reason instead of a 500:
    a limit nobody can check is no limit (Redis down)."""
    try:
        yield
    except cache_errors() as error:
        logger.warning("rate limit cache unavailable: %s", error)
        raise cache_unavailable() from error


def hit(*, key: str, period: int, window: str | None = None, delta: int = 1) -> int:
    """Count one action for `key` in the current window of `period` seconds; returns the count.

    `delta=-1` takes back an action that turned out not to count (a right password).
    """
    window = window if window is not None else str(int(time.time() // period))
    with _fail_closed():
        return _incr(f"{PREFIX}:{key}:{window}", period, delta=delta)


def rate_limit(*, key: str, limit: int, message: str, period: int = 3600, window: str | None = None) -> None:
    """Count one action for `key` in the current period; refuse with `message` once past `limit`.

    `window` names the period when it is not a plain slice of time (a local calendar day:
    "vandaag" means the resident's today); `period` is then only how long the count is kept.
    Refused attempts count too: hammering a closed door keeps it closed, and the count needs
    no second round trip.
    """
    if hit(key=key, period=period, window=window) > limit:
        raise ValidationError(message, code="rate_limited")


def wait_sentence(seconds: float) -> str:
    """'30 seconden', '5 minuten': how long to wait, for a refusal a person reads."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 90:
        return ngettext("%(n)d seconde", "%(n)d seconden", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}


@dataclass
class Attempt:
    """One attempt let through by a `Backoff`, counted as a failure until it proves right."""

    backoff: Backoff
    subject: str

    def succeeded(self) -> None:
        """The attempt was right: it is no failure (the earlier failures stay counted)."""
        with suppress(*cache_errors()):  # the right attempt stands even if the count cannot be fixed
            _incr(self.backoff._failures(self.subject), self.backoff.period, delta=-1)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff per subject (a client): `free` failures, then a doubling wait.

    After `free` failures within `period`, each further attempt must wait `base` seconds,
    then twice that, up to `cap`. An attempt is counted as a failure before it is judged
    (and taken back by `Attempt.succeeded`), and past the free ones only one attempt may pass
    each wait, so a burst of concurrent guesses gets no more through than a patient guesser.
    """

    name: str
    free: int
    base: float
    cap: float
    period: int

    def _failures(self, subject: str) -> str:
        return f"{PREFIX}:{self.name}:failures:{subject}"

    def _gate(self, subject: str) -> str:
        return f"{PREFIX}:{self.name}:wait:{subject}"

    def delay(self, failures: int) -> float:
        """Seconds the next attempt waits after `failures` failures."""
        if failures <= self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** min(failures - self.free - 1, 40))

    def attempt(self, *, subject: str, message: str) -> Attempt:
        """Let one attempt through, or refuse with `message` % {"wait": ...} while waiting."""
        with _fail_closed():
            return self._attempt(subject=subject, message=message)

    def _attempt(self, *, subject: str, message: str) -> Attempt:
        gate = self._gate(subject)
        until = cache.get(gate)
        if until is not None and until > time.time():
            raise ValidationError(message % {"wait": wait_sentence(until - time.time())}, code="rate_limited")
        failures = _incr(self._failures(subject), self.period)
        delay = self.delay(failures)
        # Past the free failures, only the first of the attempts that arrive together passes:
        # it closes the gate for `delay` seconds (cache.add is atomic), the others are refused.
        if delay and not cache.add(gate, time.time() + delay, timeout=math.ceil(delay)):
            _incr(self._failures(subject), self.period, delta=-1)
            until = cache.get(gate) or time.time() + delay
            raise ValidationError(message % {"wait": wait_sentence(until - time.time())}, code="rate_limited")
        return Attempt(self, subject)


# --- The API ---------------------------------------------------------------------------


class _Throttle(throttling.SimpleRateThrottle):
    """DRF's throttle with the client from `core.client` and an atomic fixed-window count.

    DRF's own keeps a list of timestamps that it reads and writes back (not atomic, and a
    list of 1,200 entries per request); and its client address trusts X-Forwarded-For by
    position (NUM_PROXIES), not by who sent it.
    """

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        self.wait_seconds = (window + 1) * self.duration - now
        try:
            return _incr(f"{PREFIX}:api:{key}:{window}", self.duration) <= self.num_requests
        except cache_errors():
            # Redis down: reads change nothing and stay open; writes are refused (429).
            return request.method in ("GET", "HEAD", "OPTIONS")

    def wait(self) -> float:
        return self.wait_seconds


class AnonThrottle(_Throttle):
    """Visitors without a log-in: per client address (`anon` in DEFAULT_THROTTLE_RATES)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return f"anon:{client_key(request)}"


class UserThrottle(_Throttle):
    """Logged-in people: per account (`user` in DEFAULT_THROTTLE_RATES)."""

    scope = "user"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return None
