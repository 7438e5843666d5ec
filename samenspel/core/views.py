import datetime as dt
import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache

from .api import problem_response

logger = logging.getLogger(__name__)


def page(request, template: str):
    return render(request, template)


@never_cache
def healthz(request):
    """Liveness: this process answers. Asks nothing else, so a database or Redis outage does not
    make the orchestrator restart healthy app servers; readiness is `/readyz`."""
    return JsonResponse({"status": "ok"})


# A queue whose oldest waiting task is older than this has no worker taking it (reported, not failed:
# pages still serve without a worker; photos and opinion maps wait).
QUEUE_STALLED_SECONDS = 15 * 60


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    if not settings.REDIS_URL:
        return "not configured"  # the local-memory cache of one process cannot be down
    from django.core.cache import cache

    cache.set("samenspel:readyz", "1", timeout=10)
    return "ok" if cache.get("samenspel:readyz") == "1" else "unavailable"


def _task_queue() -> dict:
    backend = settings.TASK_BACKEND
    if backend == "immediate":
        return {"backend": backend, "status": "ok"}
    if backend == "database":
        from django.db.models import Min
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))
        count = DBTaskResult.objects.ready().count()
        oldest = waiting["oldest"]
    else:  # redis: RQ's list of job ids, and when the oldest was queued
        import redis
        from rq import Queue

        queue = Queue("default", connection=redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2))
        count = queue.count
        job = queue.jobs[0] if count else None
        oldest = job.enqueued_at.replace(tzinfo=dt.UTC) if job and job.enqueued_at else None
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {
        "backend": backend,
        "status": "stalled" if age > QUEUE_STALLED_SECONDS else "ok",
        "waiting": count,
        "oldest_waiting_seconds": round(age),
    }


@never_cache
def readyz(request):
    """Readiness: may this app server take requests? The database, Redis (when configured) and
    the task queue; 503 when one of them cannot be reached. A stalled queue (no worker) is
    reported but keeps the server ready. Error details stay in the log, never in the answer."""
    report, ready = {}, True
    for name, check in (("database", _database), ("cache", _cache), ("task_queue", _task_queue)):
        try:
            report[name] = check()
        except Exception:  # any failure of a dependency means: not ready; the log says which
            logger.exception("readyz: %s unavailable", name)
            report[name] = "unavailable"
        if report[name] == "unavailable":
            ready = False
    return JsonResponse({"status": "ok" if ready else "error", **report}, status=200 if ready else 503)


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic in production.
    return HttpResponsePermanentRedirect(static("samenspel/favicon.svg"))


# Error pages. Under /api/ every error is problem+json, also the ones Django answers before or
# after DRF (an unknown address, a crash); elsewhere Django's pages with our templates.


def _api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _api(request):
        return problem_response(request, 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _api(request):
        return problem_response(request, 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _api(request):
        return problem_response(request, 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _api(request):
        return problem_response(request, 500)
    return defaults.server_error(request)
