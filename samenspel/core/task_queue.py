"""RQ as Samenspel runs it (TASK_BACKEND=redis): a task whose worker dies is run again, not lost.

RQ keeps a task a worker has started in the queue's StartedJobRegistry, with a deadline the
worker's heartbeat keeps moving (every `job_monitoring_interval`, plus 60 s of grace). When a
worker dies mid-task (SIGKILL, out of memory, its machine gone) the deadline passes, and the
next worker that cleans the registries finds the task abandoned: RQ puts it back on the queue
when the job has retries left, and otherwise only moves it to the failed registry. Out of the
box the task is lost three ways over: django_tasks_rq creates jobs without retries, a worker
cleans the registries every 10 minutes only, and an idle worker waits up to 7 minutes for work
before it even looks. So:

- `RetryingQueue` gives every job TASK_RETRIES retries (RQ uses them for a task that raised, too);
- `Worker` cleans every TASK_ABANDONED_CHECK_SECONDS, waits for work no longer than that, and
  sends a heartbeat every HEARTBEAT_SECONDS: a dead worker's task is queued again at most
  HEARTBEAT_SECONDS + 60 + TASK_ABANDONED_CHECK_SECONDS after its last heartbeat.

A retried task runs again from its start: tasks must be safe to run twice.
settings.RQ names both classes, so `manage.py rqworker default` and every enqueue use them.
tests/test_multi_process.py kills a worker mid-task and watches another finish the task.
"""

from django.conf import settings
from django_rq.queues import DjangoRQ
from rq import Retry
from rq import Worker as RQWorker

# RQ's default is 30 s; a shorter beat makes a dead worker's task come back 20 s sooner.
HEARTBEAT_SECONDS = 10


class RetryingQueue(DjangoRQ):
    def create_job(self, *args, retry: Retry | None = None, **kwargs):
        if retry is None and settings.TASK_RETRIES > 0:
            retry = Retry(max=settings.TASK_RETRIES)
        return super().create_job(*args, retry=retry, **kwargs)


class Worker(RQWorker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", settings.TASK_ABANDONED_CHECK_SECONDS)
        kwargs.setdefault("job_monitoring_interval", HEARTBEAT_SECONDS)
        super().__init__(*args, **kwargs)

    @property
    def dequeue_timeout(self) -> int:
        # RQ cleans the registries only between waits for work (worker_ttl - 15 s, 405 s by default).
        return max(1, min(self.worker_ttl - 15, self.maintenance_interval))
