"""The web app over real stores: the example corpus, and a store holding a hostile article."""

import re
import time

import pytest
from fastapi.testclient import TestClient

from manysides.jobs import ingest_all
from manysides.store import Store
from manysides.web.app import create_app
from manysides.web.security import WebSettings

HOSTILE = (
    "outlet: Evil <b>Gazette</b>\ntitle: <script>alert('title')</script>\ndate: 2025-03-14\n\n"
    "Engineers found cracks in the Brenlow dam <script>alert(1)</script> on Thursday.\n\n"
    "Residents of Coldbeck were evacuated <img src=x onerror=\"alert(2)\"> overnight, officials said.\n"
)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "fair.txt").write_text(
        "outlet: Fair Herald\ntitle: Dam cracks force evacuation\ndate: 2025-03-14\n\n"
        "Engineers found cracks in the Brenlow dam on Thursday.\n\nResidents of Coldbeck were evacuated overnight.\n",
        encoding="utf-8",
    )
    db = str(folder / "hostile.db")
    with Store(db) as store:
        ingest_all([str(folder / "evil.txt"), str(folder / "fair.txt")], store)
    return db


def local_client(db: str, settings: WebSettings | None = None, **options) -> TestClient:
    """A client of the app as a browser on this machine reaches it (the app refuses unknown hosts)."""
    return TestClient(create_app(db, settings=settings), base_url="http://127.0.0.1:8000", **options)


def csrf_token(client: TestClient) -> str:
    """The Add form's CSRF token (the GET also gives the client its CSRF cookie)."""
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/add").text).group(1)


def wait_for_analysis(client: TestClient, timeout: float = 180.0) -> dict:
    """The background worker's status once it has finished (done or failed)."""
    deadline = time.monotonic() + timeout
    while (status := client.get("/api/add/status").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, f"the analysis did not finish: {status}"
        time.sleep(0.2)
    return status


@pytest.fixture(scope="session")
def client(example_db) -> TestClient:
    return local_client(example_db)
