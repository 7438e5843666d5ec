"""Tasks for tests/test_multi_process.py only: an RQ worker imports them by their path.

Each attempt appends a line "<pid> <event>" to a file, so the test sees which process ran it,
how often it started and whether it finished.
"""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def record_run(*, path: str, first_attempt_seconds: float = 0.0) -> int:
    """Started, (on the first attempt) slow on purpose, finished: a task a worker can die in."""
    log = Path(path)
    earlier = log.read_text().count(" started") if log.exists() else 0
    with log.open("a") as out:
        out.write(f"{os.getpid()} started\n")
    if earlier == 0:
        time.sleep(first_attempt_seconds)
    with log.open("a") as out:
        out.write(f"{os.getpid()} finished\n")
    return earlier + 1
