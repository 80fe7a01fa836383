"""The reading pages: the story list, a story side by side (and its exports), an entity, an article."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from manysides.errors import NotFoundError
from manysides.jobs import entity_mentions
from manysides.model import StoryOverview
from manysides.report.comparison import without_possible
from manysides.report.html import render, story_context
from manysides.web.deps import Web

COVERAGE_BAR_WIDTH = 160  # pixels: the story list's bar of articles per outlet
PAGE_SIZE = 50  # stories per page of the list (newest first; the search narrows them)
SECTION_LIMIT = 20  # items per section of a story page unless the reader asks for all (an agreement quotes every outlet)
COLUMN_LIMIT = 8  # side-by-side columns of a story page unless the reader asks for all
REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}

router = APIRouter()


@router.get("/assets/story.css", include_in_schema=False)
def story_css() -> Response:
    """The HTML report's stylesheet, shared by the story page."""
    return Response(_report_css(), media_type="text/css")


@router.get("/", response_class=HTMLResponse)
def stories_page(
    web: Web, q: str = "", outlet: str = "", since: date | None = None, until: date | None = None,
    number: int = Query(1, ge=1, alias="page"),
) -> HTMLResponse:  # fmt: skip
    """One page of the stories, newest first, with the counts known so far (documents.py)."""
    found = filtered(web.db.story_overviews(outlet=outlet or None), q, since, until)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    listed = found[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    outlets = sorted(web.db.outlet_counts(), key=str.casefold)
    colours = {name: index % 8 for index, name in enumerate(outlets)}  # one colour per outlet on every bar
    filters = {"q": q, "outlet": outlet, "since": since or "", "until": until or ""}
    links = {n: "/?" + urlencode({k: v for k, v in filters.items() if v} | {"page": n}) for n in (number - 1, number + 1)}
    return web.page(
        "stories.html.j2", stories=listed, total=len(found),
        rows={s.id: _row(web.stories.row(s.id), colours) for s in listed}, bar_width=COVERAGE_BAR_WIDTH,
        outlets=outlets, number=number, pages=pages, previous=links[number - 1] if number > 1 else None,
        next=links[number + 1] if number < pages else None, **filters,
    )  # fmt: skip


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(web: Web, story_id: str, everything: bool = Query(False, alias="all"), possible: bool = False) -> HTMLResponse:
    """A story side by side; a big one shows the first items of each section unless `?all=1`; the
    possible contradictions (marked so) only with `?possible=1`."""
    document = web.stories.document(story_id)
    context = story_context(document if possible else without_possible(document))
    trimmed = [] if everything else _trimmed(context)
    shortened = {key: context[key][:limit] for key, limit, _ in trimmed}
    return web.page("story.html.j2", web=True, trimmed=trimmed, **(context | shortened))


@router.get("/stories/{story_id}/report.{fmt}", include_in_schema=False)
def story_report(web: Web, story_id: str, fmt: str) -> Response:
    """The story's report as a file to keep: md, html or json (the export buttons)."""
    if fmt not in REPORT_TYPES:
        raise NotFoundError(f"no {fmt!r} report: md, html or json")
    document = without_possible(web.stories.document(story_id))
    body = render(document, fmt)
    headers = {"Content-Disposition": f'attachment; filename="{document["story"]["id"]}.{fmt}"'}
    return Response(body, media_type=REPORT_TYPES[fmt], headers=headers)


@router.get("/stories/{story_id}/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(web: Web, story_id: str, entity_id: str) -> HTMLResponse:
    story_id = web.db.resolve_story(story_id)
    mentions = entity_mentions(web.db, story_id, entity_id)
    label = web.db.story_label(story_id)
    if not mentions:
        raise NotFoundError(f"entity {entity_id!r}: not named in story {story_id}")
    return web.page("entity.html.j2", story_id=story_id, label=label, entity_id=entity_id, mentions=mentions)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(web: Web, article_id: str) -> HTMLResponse:
    article = web.db.get_article(article_id)
    story = web.db.story_of(article.id)
    return web.page("article.html.j2", article=article, paragraphs=article.text.split("\n\n"), story=story)


def filtered(
    overviews: list[StoryOverview], query: str, since: date | None = None, until: date | None = None
) -> list[StoryOverview]:
    """Stories whose label or outlets contain every word of the query (case-insensitive) and whose dates
    meet the range (undated stories only when no range is given); the list page and /api/stories."""
    words = query.casefold().split()

    def in_range(o: StoryOverview) -> bool:
        if since is None and until is None:
            return True
        return o.first is not None and (since is None or o.last >= since) and (until is None or o.first <= until)

    return [
        o for o in overviews if in_range(o) and all(w in f"{o.label} {' '.join(o.outlets)}".casefold() for w in words)
    ]


@cache
def _report_css() -> str:
    return (resources.files("manysides.report") / "templates" / "story.css").read_text(encoding="utf-8")


def _row(row: dict[str, Any], colours: dict[str, int]) -> dict[str, Any]:
    """A story's line of the list: its counts (None: not known yet) and the segments of its coverage bar
    (outlet, articles, x and width out of COVERAGE_BAR_WIDTH, colour)."""
    total = sum(count for _, count in row["outlets"]) or 1
    segments, x = [], 0.0
    for outlet, count in row["outlets"]:
        width = COVERAGE_BAR_WIDTH * count / total
        segments.append({"outlet": outlet, "articles": count, "x": round(x, 1), "width": round(width, 1), "colour": colours.get(outlet, 7)})
        x += width
    return {"found": row["found"], "segments": segments}


def _trimmed(context: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The sections of a story page too long to show whole: (section, items shown, items in all).
    A 10,000-article database's big stories made pages of a megabyte that no reader scrolls through."""
    limits = {key: SECTION_LIMIT for key in ("contradictions", "agreements", "unique", "quotes", "loaded_terms", "timeline")}
    limits["columns"] = COLUMN_LIMIT
    return [(key, limit, len(context[key])) for key, limit in limits.items() if len(context[key]) > limit]
