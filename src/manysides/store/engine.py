"""Opening a database: the engine for its URL, and its schema created or upgraded once, safely when
several processes open one new database at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from manysides.config import redact
from manysides.errors import StoreError
from manysides.store import schema
from manysides.store.schema import schema_info


def open_engine(url: str) -> Engine:
    """An engine for a database URL: SQLite tuned for one writer and many readers (its folder made), or
    PostgreSQL with connections checked before use."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{redact(url)}: not a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app) work while an ingest writes; NORMAL sync is safe under WAL."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def prepare_schema(engine: Engine) -> None:
    """Create or upgrade the schema; safe when several processes open one new database at once.

    A database already at this version is only read: the write lock is taken only to create or upgrade,
    so opening a store never waits behind (or starves during) another process's long ingest.
    """
    with engine.connect() as conn:
        current = inspect(conn).has_table("schema_info") and stored_version(conn) == schema.SCHEMA_VERSION
    if current:
        return
    with _schema_lock(engine) as conn:
        if not inspect(conn).has_table("schema_info"):
            schema.metadata.create_all(conn)
            _stamp(conn, schema.SCHEMA_VERSION)
            return
        version = stored_version(conn) or 0
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{redact(engine.url.render_as_string())}: database schema version {version} is newer than this "
                f"manysides understands ({schema.SCHEMA_VERSION}); upgrade manysides"
            )
        for step in range(version, schema.SCHEMA_VERSION):
            schema.UPGRADES[step](conn)
            _stamp(conn, step + 1)


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the database's write lock from its first statement.

    SQLite: BEGIN IMMEDIATE, on a connection where the driver does not open transactions itself
    (by default it would run each CREATE TABLE outside any transaction, so a second process could
    see the tables before they are stamped). PostgreSQL: DDL is transactional, and an advisory
    lock makes a second process wait for the first one's schema instead of racing it.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        else:
            with conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(7426737)"))  # any fixed number: "the schema"
                yield conn
def stored_version(conn: Any) -> int | None:
    value = conn.execute(select(schema_info.c.value).where(schema_info.c.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def _stamp(conn: Any, version: int) -> None:
    conn.execute(schema_info.delete().where(schema_info.c.key == "schema_version"))
    conn.execute(schema_info.insert().values(key="schema_version", value=str(version)))
