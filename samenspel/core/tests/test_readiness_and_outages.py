"""Liveness, readiness, and a Redis outage: a Dutch refusal or a 503, never a 500.

A real redis-server is started on 127.0.0.1 for the readiness check; "Redis down" is a Redis
address where nothing listens (the connection is refused, as when Redis has stopped).
"""

import datetime as dt
import shutil
import socket
import subprocess
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.comments.models import Comment
from samenspel.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _use_redis(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": REDIS_CACHE, "LOCATION": url}}


@pytest.fixture
def redis_down(settings):
    _use_redis(settings, f"redis://127.0.0.1:{_free_port()}/0")  # nothing listens there


def test_liveness_asks_nothing_but_the_process(client, redis_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readiness_reports_database_cache_and_queue(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "not configured",
        "task_queue": {"backend": "immediate", "status": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_with_redis_up(client, settings, redis_url):
    _use_redis(settings, redis_url)
    response = client.get(reverse("readyz"))
    assert response.status_code == 200 and response.json()["cache"] == "ok"


def test_readiness_fails_with_redis_down_and_says_no_more_than_which(client, redis_down):
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["cache"] == "unavailable" and body["database"] == "ok"
    assert "Error" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


def test_readiness_reports_a_stalled_database_queue_without_failing(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from samenspel.initiatives.tasks import process_initiative_image

    process_initiative_image.using(backend="default").enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=1))
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    queue = response.json()["task_queue"]
    assert queue["backend"] == "database" and queue["status"] == "stalled" and queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= 3600


def test_log_in_with_redis_down_is_a_dutch_refusal_not_a_500(client, resident, redis_down):
    assert client.get(reverse("account_login")).status_code == 200
    response = client.post(reverse("account_login"), {"login": resident.email, "password": "verkeerd-wachtwoord"})
    assert response.status_code in (400, 503)
    text = response.content.decode()
    assert "niet bereikbaar" in text or "niet beschikbaar" in text


def test_the_api_with_redis_down_reads_and_refuses_writes_as_problems(client, municipality, redis_down):
    assert client.get("/api/v1/initiatives").status_code == 200  # reads stay open
    response = client.post("/api/v1/votes", {"statement": 1, "value": 1})
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_comment_with_redis_down_is_refused_in_dutch_and_not_saved(client_for, resident, municipality, redis_down):
    initiative = InitiativeFactory(municipality=municipality)
    url = reverse("comments:create", kwargs={"municipality": "lindeveen", "target": "initiatief", "pk": initiative.pk})
    response = client_for(resident).post(url, {"text": "Goed plan, ik help mee."})
    assert response.status_code == 400
    assert "de beveiliging tegen misbruik is niet bereikbaar" in response.content.decode()
    assert not Comment.objects.exists()


def test_voting_code_entry_with_redis_down_is_refused_in_dutch(client, municipality, municipality_admin, redis_down):
    from samenspel.budgeting import services
    from samenspel.budgeting.phases import Phase
    from samenspel.budgeting.tests.factories import BudgetRoundFactory

    budget_round = BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING)
    _batch, codes = services.code_batch_create(budget_round=budget_round, actor=municipality_admin, count=1)
    url = reverse("budgeting:code", kwargs={"municipality": "lindeveen", "slug": budget_round.slug})
    response = client.post(url, {"code": codes[0]})
    assert response.status_code == 400
    assert "de beveiliging tegen misbruik is niet bereikbaar" in response.content.decode()


def test_readiness_reads_the_rq_queue_when_tasks_go_through_redis(client, settings, redis_url):
    import redis
    from rq import Queue

    _use_redis(settings, redis_url)
    settings.TASK_BACKEND = "redis"
    connection = redis.Redis.from_url(redis_url)
    connection.flushdb()
    Queue("default", connection=connection).enqueue("builtins.print", "wacht op een worker")
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    queue = response.json()["task_queue"]
    assert queue["backend"] == "redis" and queue["waiting"] == 1 and queue["status"] == "ok"
    connection.flushdb()


SESSIONS = "samenspel.core.sessions"


def test_sessions_are_read_from_redis_and_kept_in_the_database(client, resident, municipality, settings, redis_url):
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _use_redis(settings, redis_url)
    settings.SESSION_ENGINE = SESSIONS
    client.force_login(resident)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()  # a Redis restart logs nobody out
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/lindeveen/")
    assert response.status_code == 200 and response.wsgi_request.user == resident
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


def test_with_redis_down_a_logged_in_person_keeps_reading_and_log_out_changes_nothing(
    client, resident, municipality, settings, redis_down
):
    from django.contrib.sessions.models import Session

    client.force_login(resident)  # logged in before Redis went down (log-in needs its limits)
    settings.SESSION_ENGINE = SESSIONS
    response = client.get("/lindeveen/")
    assert response.status_code == 200 and response.wsgi_request.user == resident
    key = client.session.session_key
    response = client.post(reverse("account_logout"))
    assert response.status_code == 503 and "niet bereikbaar" in response.content.decode().lower()
    assert Session.objects.filter(session_key=key).exists()
