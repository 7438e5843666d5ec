"""Sessions for several app servers: read from the shared cache (Redis), kept in the database.

`SESSION_ENGINE` is this module when `REDIS_URL` is set. Every app server reads a session
from Redis (one round trip, no database query on most requests) and every session is also
written to the database, so a Redis restart logs nobody out.

Redis down: Django's cached_db store already reads from the database when the cache cannot
be read, but not when it then writes the session back to the cache, nor when it asks the
cache whether a new key is taken. Both only speed things up, so here they pass over a cache
that cannot be reached, and logged-in pages keep working. Deleting a session (log-out) still
needs the cache: a copy left there would log the person in again once Redis is back, so
that fails closed (a Dutch 503 through `CacheOutageMiddleware`) before anything changed.
"""

from contextlib import suppress

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

from .ratelimit import cache_errors


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # as Django's own store: an unreadable cache entry is no entry
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        with suppress(*cache_errors()):
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key):
        if session_key:
            with suppress(*cache_errors()):
                if (self.cache_key_prefix + session_key) in self._cache:
                    return True
        return DatabaseStore.exists(self, session_key)

    def delete(self, session_key=None):
        key = session_key if session_key is not None else self.session_key
        if key is not None:
            self._cache.delete(self.cache_key_prefix + key)  # first: with Redis down nothing changes
        DatabaseStore.delete(self, session_key)
