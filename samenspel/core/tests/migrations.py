"""Running migrations inside a test: to a point in history, and always back to the latest schema.

A migration test that stops halfway (a failed assertion, a refused ALTER) must not leave the
test database behind the code: the next test, and the flush that ends this one, expect every
migration applied. Use `migrate(...)` in the test and the `latest_schema` fixture around it.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)]); the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def latest_schema(transactional_db):
    yield
    migrate_to_latest()
