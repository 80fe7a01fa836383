"""Route tests with FastAPI's TestClient on the example corpus (real SQLite store, real analyses)."""

import json
import re
import shutil
import time
from pathlib import Path

import jsonschema
from fastapi.routing import iter_route_contexts

from manysides.jobs import split_story
from manysides.store import Store
from manysides.web.routes import add as add_routes
from manysides.web.routes import stories as story_routes
from tests.conftest import EXPECTED
from tests.web.conftest import csrf_token, local_client, wait_for_analysis

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "report-schema.json").read_text(encoding="utf-8"))


def story_ids(client) -> dict[str, str]:
    return {s["label"]: s["id"] for s in client.get("/api/stories").json()}


def test_the_story_list_shows_every_story_newest_first(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert page.text.count('<a href="/stories/s') == len(EXPECTED["stories"])
    assert "default-src 'self'; script-src 'self'" in page.headers["content-security-policy"]


def test_search_and_outlet_filter(client):
    assert client.get("/", params={"q": "zipto"}).text.count('<a href="/stories/s') == 1
    [filtered] = client.get("/api/stories", params={"outlet": "Valley Post"}).json()  # Valley Post covered one story
    assert "Valley Post" in filtered["outlets"]


def test_a_story_page_has_columns_contradictions_and_links_between_them(client):
    dam = next(i for label, i in story_ids(client).items() if "Northvale" in label or "Coldbeck" in label)
    page = client.get(f"/stories/{dam}").text
    assert 'class="columns"' in page and "Contradictions (" in page
    targets = re.findall(r'data-targets="([^"]+)"', page)
    assert targets
    for pair in targets:
        for anchor in pair.split():
            assert f'id="{anchor}"' in page  # both sentences of each contradiction are in the columns


def test_the_story_api_is_the_report_and_matches_its_schema(client):
    story = next(iter(story_ids(client).values()))
    document = client.get(f"/api/stories/{story}").json()
    jsonschema.validate(document, SCHEMA)
    assert document["story"]["id"] == story


def test_unknown_pages_are_clean_404s(client):
    page = client.get("/stories/nosuchstory")
    assert page.status_code == 404 and "no such story" in page.text and "<h1>Not found</h1>" in page.text
    assert client.get("/api/stories/nosuchstory").json() == {"detail": "story 'nosuchstory': no such story"}
    assert client.get("/nowhere").status_code == 404


def test_article_text_is_escaped_everywhere(hostile_db):
    client = local_client(hostile_db)
    [story] = client.get("/api/stories").json()
    evil = next(a for a in client.get(f"/api/stories/{story['id']}").json()["articles"] if "Evil" in a["outlet"])
    for path in ("/", f"/stories/{story['id']}", f"/articles/{evil['id']}"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>Gazette" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/articles/{evil['id']}").text


def test_a_story_page_follows_a_split_made_after_it_was_shown(example_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(example_db, db)
    client = local_client(str(db))
    story = next(s for s in client.get("/api/stories").json() if s["articles"] == 6)
    before = client.get(f"/api/stories/{story['id']}").json()["articles"]
    with Store(str(db)) as store:
        split_story(store, story["id"], [before[-1]["id"]])
    after = client.get(f"/api/stories/{story['id']}").json()["articles"]
    assert len(before) == 6 and len(after) == 5


def test_adding_coverage_reports_each_file_and_stores_the_good_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(add_routes, "UPLOAD_LIMIT", 5_000)
    db = str(tmp_path / "add.db")
    client = local_client(db)
    good = b"outlet: Harbour Herald\ndate: 2024-11-11\ntitle: Ferry aground\n\nA ferry ran aground near Kessel Point on Thursday.\n"
    files = [
        ("files", ("herald.txt", good, "text/plain")),
        ("files", ("broken.json", b"{not json", "application/json")),
        ("files", ("../../etc/huge.txt", b"x" * 6_000, "text/plain")),
    ]
    page = client.post("/add", files=files, data={"outlet": "", "csrf_token": csrf_token(client)})
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td><td>(\d+)</td>", page.text)
    assert rows == [("herald.txt", "1", "0"), ("broken.json", "0", "0"), ("huge.txt", "0", "0")]
    assert "broken.json:1: malformed JSON" in page.text and "too large: over the limit of 5,000 bytes" in page.text
    assert "/tmp" not in page.text  # the user's names, not our temporary paths
    assert wait_for_analysis(client)["state"] == "done"
    [story] = client.get("/api/stories").json()
    assert story["outlets"] == ["Harbour Herald"]
    again = client.post("/add", files=files[:1], data={"csrf_token": csrf_token(client)})
    assert re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td><td>(\d+)</td>", again.text) == [("herald.txt", "0", "1")]


def test_the_story_list_filters_by_date_range_and_shows_counts(client):
    page = listed_with_counts(client, {"since": "2025-05-01", "until": "2025-05-31"})
    assert page.count('<a href="/stories/s') == 1 and "Zipto" in page  # the May story only
    assert re.search(r"</svg> 5</td>\s*<td>\d+</td>\s*<td>[1-9]\d*</td>", page)  # agreements, contradictions
    bad = client.get("/", params={"since": "not-a-date"})
    assert bad.status_code == 422 and "<h1>Invalid request</h1>" in bad.text and "since" in bad.text


def listed_with_counts(client, params: dict, timeout: float = 120.0) -> str:
    """The story list once the background thread has compared every story it shows."""
    deadline = time.monotonic() + timeout
    while "being compared" in (page := client.get("/", params=params).text):
        assert time.monotonic() < deadline, "the counts never came"
        time.sleep(0.2)
    return page


def test_the_story_list_never_waits_for_a_comparison(example_db):
    client = local_client(example_db)  # a fresh app: no comparison computed yet
    first = client.get("/").text
    assert first.count('<a href="/stories/s') == len(EXPECTED["stories"])
    assert '<td class="muted" title="being compared: reload to see">…</td>' in first
    assert first.count('<rect class="c') >= len(EXPECTED["stories"])  # the coverage bars need no comparison
    later = listed_with_counts(client, {})
    assert len(re.findall(r"</svg> \d+</td>\s*<td>\d+</td>\s*<td>\d+</td>", later)) == len(EXPECTED["stories"])


def test_export_buttons_give_each_report_as_a_file(client):
    story = next(iter(story_ids(client).values()))
    for fmt, start in (("md", "# "), ("html", "<!DOCTYPE html>"), ("json", "{")):
        response = client.get(f"/stories/{story}/report.{fmt}")
        assert response.status_code == 200 and response.text.startswith(start), fmt
        assert response.headers["content-disposition"] == f'attachment; filename="{story}.{fmt}"'
    assert client.get(f"/stories/{story}/report.exe").status_code == 404


def test_an_entity_page_lists_each_outlets_form_with_its_sentence(client):
    grain = next(i for label, i in story_ids(client).items() if "Hnatenko" in label or "Odesa" in label)
    page = client.get(f"/stories/{grain}").text
    [link] = set(re.findall(r'<a href="(/stories/[^"]+/entities/[^"]+)">Odesa</a>', page))  # one per outlet row
    entity = client.get(link).text
    assert "<strong>Odessa</strong>" in entity and "<strong>Odesa</strong>" in entity and "Harbour Herald" in entity
    assert client.get(f"/stories/{grain}/entities/place:nowhere").status_code == 404


def test_the_blindspots_page_and_api_list_stories_covered_by_one_group(client):
    page = client.get("/blindspots")
    assert page.status_code == 200
    assert "Ashcombe" in page.text and "United Kingdom" in page.text and "Salvik" not in page.text
    by_ownership = client.get("/api/blindspots", params={"by": "ownership"}).json()
    assert [(b["group"], sorted(b["outlets"])) for b in by_ownership] == [("state-controlled", ["CGTN", "Press TV", "TASS"])]
    assert client.get("/blindspots", params={"by": "lean"}).status_code == 404
    assert client.get("/api/blindspots", params={"share": "2"}).status_code == 422


def test_a_story_page_shows_who_covered_it_with_country_and_ownership(client):
    landslide = next(i for label, i in story_ids(client).items() if "Varne Pass" in label)
    page = client.get(f"/stories/{landslide}").text
    assert 'id="who-covered"' in page and 'data-dimension="ownership"' in page
    assert "China · state-controlled" in page and "Germany · state-funded" in page
    assert "https://en.wikipedia.org/wiki/Deutsche_Welle" in page


def test_the_story_list_draws_each_storys_articles_per_outlet(client):
    page = client.get("/", params={"q": "Coldbeck"}).text
    bar = re.search(r'<svg class="coverage-bar"[^>]*>(.*?)</svg>', page, re.S).group(1)
    segments = re.findall(r'<rect class="c\d" x="([\d.]+)" y="0" width="([\d.]+)" height="14"><title>([^<]+)</title>', bar)
    assert len(segments) == 6  # the dam story's six outlets, one article each
    assert abs(sum(float(width) for _, width, _ in segments) - 160) < 1 and float(segments[-1][0]) > 0


def test_the_outlets_pages_list_the_databases_outlets_and_each_registry_entry(client):
    page = client.get("/outlets").text
    assert '<a href="/outlets/deutsche-welle">dw.com</a>' in page and "Harbour Herald" in page
    assert "not in the registry" in page
    filtered = client.get("/outlets", params={"country": "DE", "ownership": "state-funded"}).text
    assert filtered.count('<a href="/outlets/deutsche-welle">') == 2  # in this database, and in the filtered registry
    assert '<a href="/outlets/bild">' not in filtered
    outlet = client.get("/outlets/deutsche-welle").text
    assert "https://en.wikipedia.org/wiki/Deutsche_Welle" in outlet and "Varne Pass" in outlet
    assert client.get("/outlets/not-an-outlet").status_code == 404
    api = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert api["dw.com"]["registry"]["ownership"] == "state-funded" and api["dw.com"]["articles"] == 1
    assert api["Meridian Wire"]["registry"] is None and api["Meridian Wire"]["stories"] == 5


def test_the_story_list_comes_in_pages(client, monkeypatch):
    monkeypatch.setattr(story_routes, "PAGE_SIZE", 3)
    everything = [s["id"] for s in client.get("/api/stories").json()]
    pages = [client.get("/", params={"page": n}).text for n in (1, 2, 3)]
    shown = [re.findall(r'<a href="/stories/(s[0-9a-f]+)">', page) for page in pages]
    assert [len(ids) for ids in shown] == [3, 3, 2] and sum(shown, []) == everything  # each story once, newest first
    assert "page 1 of 3" in pages[0] and 'href="/?page=2" rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'href="/?page=1" rel="prev"' in pages[1] and 'href="/?page=3" rel="next"' in pages[1]
    assert 'rel="next"' not in pages[2]
    filtered = client.get("/", params={"q": "Coldbeck", "page": 1}).text
    assert filtered.count('<a href="/stories/s') == 1 and 'rel="next"' not in filtered
    assert client.get("/", params={"page": 0}).status_code == 422
    beyond = client.get("/", params={"page": 9}).text
    assert 'href="/stories/s' not in beyond and 'href="/?page=8" rel="prev"' in beyond


def test_a_big_story_page_shows_the_first_items_of_each_section_unless_asked_for_all(client, monkeypatch):
    documents = [client.get(f"/api/stories/{s['id']}").json() for s in client.get("/api/stories").json()]
    document = max(documents, key=lambda d: len(d["agreements"]))
    story = document["story"]["id"]
    assert len(document["agreements"]) > 1 and len(document["articles"]) > 2
    monkeypatch.setattr(story_routes, "SECTION_LIMIT", 1)
    monkeypatch.setattr(story_routes, "COLUMN_LIMIT", 2)
    short = client.get(f"/stories/{story}").text
    assert f"the first 1 of {len(document['agreements'])} agreements" in short
    assert f"the first 2 of {len(document['articles'])} columns" in short
    assert short.count('class="agreement"') == 1 and short.count('class="column"') == 2
    assert f'<a href="/stories/{story}?all=1">Show everything</a>' in short
    full = client.get(f"/stories/{story}", params={"all": 1}).text
    assert full.count('class="agreement"') == len(document["agreements"]) and "A big story" not in full
    assert full.count('class="column"') == len(document["articles"]) and len(full) > len(short)


# Every (method, path) the app served before web/app.py was split into routers (issue 27), listed from
# the one-closure app: the split may move routes between files but never add, drop or rename one.
ROUTES_BEFORE_THE_SPLIT = {
    ("GET", "/openapi.json"), ("HEAD", "/openapi.json"), ("GET", "/api/docs"), ("HEAD", "/api/docs"),
    ("GET", "/docs/oauth2-redirect"), ("HEAD", "/docs/oauth2-redirect"), ("MOUNT", "/static"),
    ("GET", "/assets/story.css"), ("GET", "/"), ("GET", "/stories/{story_id}"),
    ("GET", "/stories/{story_id}/report.{fmt}"), ("GET", "/stories/{story_id}/entities/{entity_id}"),
    ("GET", "/articles/{article_id}"), ("GET", "/add"), ("POST", "/add"), ("GET", "/login"), ("POST", "/login"),
    ("GET", "/blindspots"), ("GET", "/outlets"), ("GET", "/outlets/{outlet_id}"),
    ("GET", "/api/add/status"), ("GET", "/api/blindspots"), ("GET", "/api/outlets"), ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"), ("GET", "/api/articles/{article_id}"),
}  # fmt: skip


def test_the_routers_serve_exactly_the_routes_the_app_had_before_the_split(tmp_path):
    app = local_client(str(tmp_path / "routes.db")).app
    served = [
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        for method in (route.methods if route.methods is not None else ["MOUNT"])
    ]  # fmt: skip
    assert len(served) == len(set(served))  # no route twice (a router included twice would shadow itself)
    assert set(served) == ROUTES_BEFORE_THE_SPLIT
