"""The story page of a 50-article story: served in < 300 ms warm (median of 20 requests)?

Builds a real SQLite store of 50 generated articles (bench/analysis.py's generator: sentences of our
example corpus recombined), analysed and merged into one story, then requests its page through the
app in process (FastAPI's TestClient: no network, the same code path as a browser's request). The
baseline measured in the same run is the story list page, warm (its counts cached). Also printed: the
list's first, cold request on a fresh app (it computes the counts of the stories of its page only) and
the story page's size, shortened (each section capped) and whole (`?all=1`).

Target (issue 6): < 300 ms median, warm.

    python bench/web.py [--articles 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import generate  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from manysides.jobs import ingest_all, merge_stories  # noqa: E402
from manysides.store import Store  # noqa: E402
from manysides.web.app import create_app  # noqa: E402

TARGET_MS = 300
REQUESTS = 20
BASE = "http://127.0.0.1:8000"  # the app answers only to the hosts it serves


def once_ms(client: TestClient, path: str) -> tuple[float, int]:
    """One request's time and body size."""
    start = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, response.text[:200]
    return 1000 * (time.perf_counter() - start), len(response.content)


def median_ms(client: TestClient, path: str) -> float:
    client.get(path)  # warm
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(1000 * (time.perf_counter() - start))
        assert response.status_code == 200, response.text[:200]
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "web.db")
        with Store(db) as store:
            for article in generate(args.articles):
                store.add_article(article)
            ingest_all([], store)  # analyse and place what was added
            overviews = store.story_overviews()
            for other in overviews[1:]:
                merge_stories(store, overviews[0].id, other.id)
            story = overviews[0].id
        cold_list_ms, _ = once_ms(TestClient(create_app(db), base_url=BASE), "/")
        client = TestClient(create_app(db), base_url=BASE)
        result = {
            "articles": args.articles,
            "story_list_cold_ms": round(cold_list_ms, 1),
            "story_page_kb": round(once_ms(client, f"/stories/{story}")[1] / 1000, 1),
            "story_page_all_kb": round(once_ms(client, f"/stories/{story}?all=1")[1] / 1000, 1),
            "story_page_ms_median": round(median_ms(client, f"/stories/{story}"), 1),
            "story_list_ms_median": round(median_ms(client, "/"), 1),
            "story_api_ms_median": round(median_ms(client, f"/api/stories/{story}"), 1),
        }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    page, baseline = result["story_page_ms_median"], result["story_list_ms_median"]
    print(f"Web app, one story of {args.articles} articles, median of {REQUESTS} warm requests")
    print(f"  story list (baseline)  {baseline:7.1f} ms")
    print(f"  story page             {page:7.1f} ms  (×{page / baseline:.1f} of the list; target < {TARGET_MS} ms)")
    print(f"  story JSON (API)       {result['story_api_ms_median']:7.1f} ms")
    print(f"  story list, cold       {result['story_list_cold_ms']:7.1f} ms  (first request of a fresh app)")
    print(f"  story page size        {result['story_page_kb']:7.1f} KB  (whole, ?all=1: {result['story_page_all_kb']:.1f} KB)")


if __name__ == "__main__":
    main()
