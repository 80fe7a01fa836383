"""Screenshots of the main web pages for the README: docs/screenshots/{stories,story,article}.png.

Ingests examples/corpus/ into a temporary store, serves it, and photographs the pages in the Debian
Chromium (scripts/system-deps.sh installs it). Run after changing the pages: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from manysides.ingest import ReadOptions, expand
from manysides.jobs import analyse, ingest, place_in_stories
from manysides.nlp.embeddings import default_encoder
from manysides.nlp.pipeline import default_pipeline
from manysides.store import Store
from manysides.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.db")
        with Store(db) as store:
            list(ingest(expand([str(ROOT / "examples" / "corpus")]).sources, store, ReadOptions()))
            list(analyse(store, default_pipeline(), default_encoder()))
            list(place_in_stories(store))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "stories.png"))
            page.locator("table.stories a", has_text="Northvale").first.click()
            page.wait_for_selector("#side-by-side")
            page.locator("#side-by-side").scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "story.png"), full_page=False)
            page.locator("a[data-targets]").first.click()
            time.sleep(0.8)
            page.screenshot(path=str(OUT / "contradiction.png"))
            page.goto(base + "/")
            page.locator("table.stories a").first.click()
            page.locator("#articles-list + ul a").first.click()
            page.screenshot(path=str(OUT / "article.png"))
            browser.close()
        server.should_exit = True
    print(f"Wrote {', '.join(p.name for p in sorted(OUT.glob('*.png')))} to {OUT}")


if __name__ == "__main__":
    main()
