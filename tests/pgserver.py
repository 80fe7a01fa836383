"""A throwaway PostgreSQL server on loopback, started from the installed binaries.

Used by the test suite (tests/conftest.py) and the benchmarks (bench/). As root the server runs
as the `postgres` system user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg


class PostgresUnavailable(RuntimeError):
    """The binaries are missing or the server did not start."""


@dataclass(frozen=True)
class PostgresServer:
    port: int
    user: str = "manysides"

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True)

    def create_database(self, name: str) -> str:
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    found = candidates[-1] if candidates else shutil.which("pg_ctl")
    if not found:
        raise PostgresUnavailable("PostgreSQL binaries not found: `make test` installs them (scripts/system-deps.sh)")
    return Path(found).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def temporary_postgres() -> Iterator[PostgresServer]:
    """Start a server in a fresh temporary folder; stop it and remove the folder afterwards."""
    bindir = _bindir()
    home = Path(tempfile.mkdtemp(prefix="manysides-pg-"))
    run_as: dict[str, object] = {}
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(home, account.pw_uid, account.pw_gid)
        run_as = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    data, log = home / "data", home / "server.log"
    server = PostgresServer(port=_free_port())

    def pg(*args: str) -> None:
        subprocess.run([str(bindir / args[0]), *args[1:]], check=True, capture_output=True, cwd=home, **run_as)

    try:
        pg("initdb", "-D", str(data), "-U", server.user, "--auth=trust", "-E", "UTF8", "--locale=C")
        options = f"-h 127.0.0.1 -p {server.port} -k {home} -F -c fsync=off -c full_page_writes=off"
        pg("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
    except subprocess.CalledProcessError as exc:
        detail = log.read_text(errors="replace") if log.exists() else exc.stderr.decode(errors="replace")
        shutil.rmtree(home, ignore_errors=True)
        raise PostgresUnavailable(f"PostgreSQL did not start:\n{detail}") from exc
    try:
        yield server
    finally:
        pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(home, ignore_errors=True)
