"""Shared fixtures: a real PostgreSQL server on loopback, store URLs for both databases, a local HTTP server.

The PostgreSQL server (tests/pgserver.py) is started once per test session from the installed
binaries (`make test` installs them through scripts/system-deps.sh); each test gets a fresh
database on it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.pgserver import PostgresServer, PostgresUnavailable, temporary_postgres

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"
EXPECTED = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))  # what the corpus must yield


def corrupt(db: str) -> None:
    """Overwrite every page of an SQLite file's data tables with noise; the schema pages stay, so the store
    opens and fails at its first read of a damaged page."""
    with sqlite3.connect(db) as con:
        pages = con.execute("SELECT name, pageno FROM dbstat").fetchall()
        size = con.execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as file:
        for name, number in pages:
            if name not in ("sqlite_schema", "schema_info", "sqlite_autoindex_schema_info_1"):
                file.seek((number - 1) * size)
                file.write(os.urandom(size))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        with temporary_postgres() as server:
            yield server
    except PostgresUnavailable as exc:
        pytest.fail(str(exc))


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Runs the test once on a real SQLite file and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'manysides.db'}"
    return request.getfixturevalue("postgres_url")


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200


@dataclass
class LocalWeb:
    """An HTTP server on 127.0.0.1 serving the routes a test registers."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, content_type, status)
        return self.base + path


@pytest.fixture
def local_web() -> Iterator[LocalWeb]:
    web = LocalWeb(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            route = web.routes.get(self.path, Route(b"not found", "text/plain", 404))
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """examples/corpus/ ingested, analysed and placed in stories, once per test session (≈ 20 s)."""
    from manysides.ingest import expand
    from manysides.jobs import ingest_all
    from manysides.store import Store

    db = str(tmp_path_factory.mktemp("examples") / "corpus.db")
    with Store(db) as store:
        assert ingest_all(expand([str(EXAMPLES)]).sources, store).failures == []
    return db
