"""Shared by the benchmarks that build a scenario on PostgreSQL (not a benchmark itself)."""

from urllib.parse import urlsplit


def recreate_database(db_url: str) -> None:
    """Drop and create the database `db_url` names, so every run starts from nothing."""
    import psycopg

    parts = urlsplit(db_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
