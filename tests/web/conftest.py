"""The web app over real stores: the example corpus, and a store holding a hostile article."""

import pytest
from fastapi.testclient import TestClient

from manysides.jobs import ingest_all
from manysides.store import Store
from manysides.web.app import create_app

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


@pytest.fixture(scope="session")
def client(example_db) -> TestClient:
    return TestClient(create_app(example_db))
