"""Redis as configured for several app servers: one cache (and so one set of rate limits)."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module", autouse=True)
def _need_redis():
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI.")
        pytest.skip("Redis is not running on 127.0.0.1:6379")


def _django(code: str) -> str:
    env = {"PATH": os.environ["PATH"], "DEBUG": "true", "REDIS_URL": REDIS_URL, "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_two_app_servers_share_one_cache_through_redis():
    key = f"samenspel-test-{uuid.uuid4()}"
    written = _django(
        "from django.core.cache import cache; "
        f"cache.set('{key}', 'gedeeld', 30); print(type(cache._cache if hasattr(cache, '_cache') else cache).__module__)"
    )
    assert "redis" in written
    assert _django(f"from django.core.cache import cache; print(cache.get('{key}'))") == "gedeeld"
