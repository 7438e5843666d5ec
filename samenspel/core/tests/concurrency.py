"""Running the same work in several threads at once, for tests on PostgreSQL (SQLite serialises
every write, so races do not happen there)."""

import threading

from django.db import connections


def at_once(work, count: int) -> list[Exception]:
    """Run work(index) in `count` threads released together; the errors they raised."""
    barrier = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
