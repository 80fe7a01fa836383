"""Uploads are analysed by the server's background worker, never in a request: pages answer meanwhile.

A real uvicorn server on 127.0.0.1 (web/server.py), a real HTTP client, the real models.
"""

import re
import time

import httpx

from manysides.store import Store
from manysides.web.server import running

BOUND_MS = 200  # the bound for a page while an analysis runs
PLACES = ["Kessel Point", "Marrow Bay", "Eastholm", "Tarn Quay", "Hollin Sound"]
SENTENCES = [
    "The ferry {name} ran aground near {place} on Thursday, the coastguard said.",
    "Officials at the harbour authority told reporters that {count} passengers were taken ashore by lifeboat.",
    "A spokesperson for the operator denied that the crew had ignored a warning about the sandbank.",
    "Residents of {place} said the tide had been unusually low for several days before the grounding.",
    "The transport minister promised an inquiry and said the ferry would be inspected before sailing again.",
    "Engineers found damage to the hull, according to a report seen by local journalists.",
]


def invented_article(number: int) -> bytes:
    """An article of our own, different in each number (so each one is new to the store)."""
    place = PLACES[number % len(PLACES)]
    body = " ".join(s.format(name=f"Aster {number}", place=place, count=40 + number) for s in SENTENCES * 4)
    return f"outlet: Outlet {number % 7}\ndate: 2024-11-{1 + number % 20:02d}\ntitle: Ferry {number}\n\n{body}\n".encode()


def status(client: httpx.Client) -> str:
    return client.get("/api/add/status").json()["state"]


def test_pages_answer_quickly_while_the_worker_analyses_uploads(tmp_path):
    db = str(tmp_path / "busy.db")
    with running(db) as site, httpx.Client(base_url=site, timeout=30) as client:
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/add").text).group(1)
        files = [("files", (f"ferry-{n}.txt", invented_article(n), "text/plain")) for n in range(16)]
        started = time.monotonic()
        added = client.post("/add", files=files, data={"csrf_token": token})
        assert added.status_code == 200 and time.monotonic() - started < 30  # stored, not analysed, in the request
        assert "waiting for analysis" in added.text or "Analysing" in added.text
        deadline = time.monotonic() + 60
        while status(client) != "analysing":
            assert time.monotonic() < deadline, "the worker never started"
            time.sleep(0.05)
        timings = {}
        for path in ("/static/site.css", "/add", "/"):
            client.get(path)  # the app's own first-request costs (templates, connections) are not the worker's
            start = time.perf_counter()
            response = client.get(path)
            timings[path] = 1000 * (time.perf_counter() - start)
            assert response.status_code == 200
        assert status(client) == "analysing", "the worker finished before the pages were measured: make it more work"
        assert max(timings.values()) < BOUND_MS, timings
        deadline = time.monotonic() + 300
        while (state := status(client)) != "done":
            assert state != "failed" and time.monotonic() < deadline, client.get("/api/add/status").json()
            time.sleep(0.2)
        assert "Done: every article is analysed" in client.get("/add").text
    with Store(db) as store:
        assert store.count_articles() == 16 and sum(s.articles for s in store.story_overviews()) == 16
