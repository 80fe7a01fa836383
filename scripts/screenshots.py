"""Screenshots of the main web pages for the README: docs/screenshots/*.png (stories, a story, a
contradiction, who covered a story, blindspots, an article).

Ingests examples/corpus/ into a temporary store, serves it, and photographs the pages in the Debian
Chromium (scripts/system-deps.sh installs it). Run after changing the pages: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from manysides.ingest import expand
from manysides.jobs import ingest_all
from manysides.store import Store
from manysides.web.server import running

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.db")
        with Store(db) as store:
            ingest_all(expand([str(ROOT / "examples" / "corpus")]).sources, store)
        with running(db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "stories.png"))
            page.locator("table.stories a", has_text="Northvale").first.click()
            page.wait_for_selector("#side-by-side")
            page.screenshot(path=str(OUT / "story.png"))
            page.locator("a[data-targets]").first.click()
            time.sleep(0.8)  # the smooth scroll
            page.screenshot(path=str(OUT / "contradiction.png"))
            page.goto(base + "/")
            page.locator("table.stories a", has_text="Varne Pass").first.click()
            page.locator("#who-covered").scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "who-covered.png"))
            page.goto(base + "/blindspots?by=ownership")
            page.screenshot(path=str(OUT / "blindspots.png"))
            page.goto(base + "/")
            page.locator("table.stories a").first.click()
            page.locator("#articles-list + ul a").first.click()
            page.screenshot(path=str(OUT / "article.png"))
            browser.close()
    print(f"Wrote {', '.join(p.name for p in sorted(OUT.glob('*.png')))} to {OUT}")


if __name__ == "__main__":
    main()
