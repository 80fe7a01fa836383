"""The web app: server-rendered pages over the store, a JSON API that mirrors them, nothing from a CDN.

`create_app(db_url)` builds the FastAPI application; `manysides serve` runs it with uvicorn on
127.0.0.1. Pages are Jinja2 templates with autoescape on and nothing marked safe; the story page is
the HTML report's body (report/templates/story_body.html.j2) inside the site layout, so the report
and the page never drift apart. Every response carries a Content-Security-Policy that allows scripts
only from this server's /static/, so article text can never run a script even if it slipped past
the escaping.
"""

from __future__ import annotations

import tempfile
import threading
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from manysides import __version__
from manysides.errors import NotFoundError
from manysides.ingest import ReadOptions
from manysides.jobs import compare_story_in, entity_mentions, ingest, ingest_all, outlet_resolutions, story_blindspots
from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE
from manysides.outlets.registry import OWNERSHIP, Registry, default_registry, facts
from manysides.model import StoryOverview
from manysides.report.comparison import comparison_document
from manysides.report.html import render, story_context
from manysides.report.json import plain
from manysides.store import Store

COVERAGE_BAR_WIDTH = 160  # pixels: the story list's bar of articles per outlet
DOCUMENT_CACHE = 64  # stories whose comparison is kept in memory
LIST_LIMIT = 100  # stories on the list page (newest first; the search narrows them)
REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}
UPLOAD_LIMIT = 10_000_000  # bytes per uploaded file
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_url: str, registry: Registry | None = None) -> FastAPI:
    """The app over one database; outlets are looked up in `registry` (default: the built-in one)."""
    registry = registry or default_registry()
    db = Store(db_url)  # one store (and connection pool) for the app's life: opening one costs ≈ 2 ms

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="manysides", version=__version__, docs_url="/api/docs", redoc_url=None, lifespan=lifespan)
    templates = Environment(
        loader=ChoiceLoader([PackageLoader("manysides.web", "templates"), PackageLoader("manysides.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app.mount("/static", StaticFiles(directory=str(resources.files("manysides.web") / "static")), name="static")

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    documents: OrderedDict[tuple[str, ...], dict[str, Any]] = OrderedDict()
    cache_lock = threading.Lock()

    def story_document(story_id: str) -> dict[str, Any]:
        """The story's report document, computed once per set of member articles (a warm page does not
        recompute the comparison; a new article, merge or split changes the key)."""
        story_id = db.resolve_story(story_id)
        key = (story_id, db.story_label(story_id), *sorted(a.id for a, _ in db.story_members(story_id)))
        with cache_lock:  # sync routes run in a thread pool
            if key in documents:
                documents.move_to_end(key)
                return documents[key]
        document = comparison_document(*compare_story_in(db, story_id), registry)
        with cache_lock:
            documents[key] = document
            while len(documents) > DOCUMENT_CACHE:
                documents.popitem(last=False)
        return document

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return page("error.html.j2", 404, title="Not found", message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return page("error.html.j2", 422, title="Invalid request", message=problems)

    @app.exception_handler(404)
    async def no_route(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return page("error.html.j2", 404, title="Not found", message=f"There is no page at {request.url.path}.")

    report_css = (resources.files("manysides.report") / "templates" / "story.css").read_text(encoding="utf-8")

    @app.get("/assets/story.css", include_in_schema=False)
    def story_css() -> Response:
        """The HTML report's stylesheet, shared by the story page."""
        return Response(report_css, media_type="text/css")

    @app.get("/", response_class=HTMLResponse)
    def stories_page(q: str = "", outlet: str = "", since: date | None = None, until: date | None = None) -> HTMLResponse:
        everything = db.story_overviews()
        found = _filtered(db.story_overviews(outlet=outlet or None), q, since, until)
        shown = found[:LIST_LIMIT]
        outlets = sorted({name for overview in everything for name in overview.outlets}, key=str.casefold)
        colours = {name: index % 8 for index, name in enumerate(outlets)}  # one colour per outlet on every bar
        counts = {s.id: _counts(story_document(s.id), colours) for s in shown}
        return page(
            "stories.html.j2", stories=shown, total=len(found), counts=counts, bar_width=COVERAGE_BAR_WIDTH, q=q, outlet=outlet, outlets=outlets,
            since=since or "", until=until or "",
        )  # fmt: skip

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> HTMLResponse:
        return page("story.html.j2", web=True, **story_context(story_document(story_id)))

    @app.get("/stories/{story_id}/report.{fmt}", include_in_schema=False)
    def story_report(story_id: str, fmt: str) -> Response:
        """The story's report as a file to keep: md, html or json (the export buttons)."""
        if fmt not in REPORT_TYPES:
            raise NotFoundError(f"no {fmt!r} report: md, html or json")
        document = story_document(story_id)
        body = render(document, fmt)
        headers = {"Content-Disposition": f'attachment; filename="{document["story"]["id"]}.{fmt}"'}
        return Response(body, media_type=REPORT_TYPES[fmt], headers=headers)

    @app.get("/stories/{story_id}/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(story_id: str, entity_id: str) -> HTMLResponse:
        story_id = db.resolve_story(story_id)
        mentions = entity_mentions(db, story_id, entity_id)
        label = db.story_label(story_id)
        if not mentions:
            raise NotFoundError(f"entity {entity_id!r}: not named in story {story_id}")
        return page("entity.html.j2", story_id=story_id, label=label, entity_id=entity_id, mentions=mentions)

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        article = db.get_article(article_id)
        story = db.story_of(article.id)
        return page("article.html.j2", article=article, paragraphs=article.text.split("\n\n"), story=story)

    @app.get("/add", response_class=HTMLResponse)
    def add_page() -> HTMLResponse:
        return page("add.html.j2", results=None, limit_mb=UPLOAD_LIMIT // 1_000_000)

    @app.post("/add", response_class=HTMLResponse)
    async def add_coverage(
        files: list[UploadFile] = File(default=[]), url: str = Form(default=""), outlet: str = Form(default="")
    ) -> HTMLResponse:
        """Ingest uploaded files and/or a URL with the CLI's rules, analyse, place in stories, report per input."""
        with tempfile.TemporaryDirectory() as tmp:
            sources: dict[str, str] = {}  # source path or URL → the name the user knows
            refused: list[tuple[str, str]] = []
            for upload in files:
                if not upload.filename:
                    continue
                name = Path(upload.filename).name or "upload"
                target = Path(tmp) / f"{len(sources)}-{name}"
                if not await _save_limited(upload, target):
                    refused.append((name, f"too large: over the limit of {UPLOAD_LIMIT:,} bytes"))
                    continue
                sources[str(target)] = name
            if url.strip():
                sources[url.strip()] = url.strip()
            results = {name: {"name": name, "added": 0, "present": 0, "failures": []} for name in sources.values()}
            for name, reason in refused:
                results[name] = {"name": name, "added": 0, "present": 0, "failures": [reason]}
            options = ReadOptions(outlet=outlet.strip() or None, max_file_bytes=UPLOAD_LIMIT)
            for event in ingest(list(sources), db, options):
                result = results[sources[event.source]]
                if event.kind in ("added", "present"):
                    result[event.kind] += 1
                elif event.error is not None:
                    where = event.error.location.replace(event.source, sources[event.source])
                    result["failures"].append(f"{where}: {event.error.reason}")
            ingest_all([], db)  # analyse and place what was added
        return page("add.html.j2", results=list(results.values()), limit_mb=UPLOAD_LIMIT // 1_000_000)

    @app.get("/blindspots", response_class=HTMLResponse)
    def blindspots_page(
        by: str = "country", share: float = Query(BLINDSPOT_SHARE, ge=0.5, le=1.0),
        min_outlets: int = Query(BLINDSPOT_MIN_OUTLETS, ge=1),
    ) -> HTMLResponse:  # fmt: skip
        """Stories covered only or mostly by one country, ownership type, language or user-defined group."""
        found = story_blindspots(db, registry, _grouping(registry, by), share, min_outlets)
        return page(
            "blindspots.html.j2", blindspots=found, by=by, share=share, min_outlets=min_outlets,
            dimensions=registry.dimensions,
        )  # fmt: skip

    @app.get("/api/blindspots")
    def blindspots_api(
        by: str = "country", share: float = Query(BLINDSPOT_SHARE, ge=0.5, le=1.0),
        min_outlets: int = Query(BLINDSPOT_MIN_OUTLETS, ge=1),
    ) -> list[dict[str, Any]]:  # fmt: skip
        return [plain(b) for b in story_blindspots(db, registry, _grouping(registry, by), share, min_outlets)]

    def outlets_in_store() -> list[dict[str, Any]]:
        """Each outlet name the database holds: its articles, stories, and registry entry (None: unknown)."""
        counts = db.outlet_counts()
        stories: dict[str, int] = {}
        for overview in db.story_overviews():
            for name in overview.outlets:
                stories[name] = stories.get(name, 0) + 1
        return [
            {"outlet": name, "articles": counts[name], "stories": stories.get(name, 0), "resolved_by": r.by,
             "registry": facts(r.outlet, registry) if r.outlet else None}
            for name, r in sorted(outlet_resolutions(db, registry).items(), key=lambda item: item[0].casefold())
        ]  # fmt: skip

    @app.get("/outlets", response_class=HTMLResponse)
    def outlets_page(country: str = "", ownership: str = "") -> HTMLResponse:
        """The outlets of this database (known and unknown), then the registry, filtered by country and ownership."""
        listed = [
            o for o in registry.outlets
            if (not country or o.country == country) and (not ownership or o.ownership == ownership)
        ]  # fmt: skip
        return page(
            "outlets.html.j2", here=outlets_in_store(), listed=listed, registry=registry, country=country,
            ownership=ownership, ownerships=list(OWNERSHIP),
        )  # fmt: skip

    @app.get("/outlets/{outlet_id}", response_class=HTMLResponse)
    def outlet_page(outlet_id: str) -> HTMLResponse:
        """One registry entry: its facts with their sources, and the stories of this database it covered."""
        outlet = registry.get(outlet_id)
        if outlet is None:
            raise NotFoundError(f"outlet {outlet_id!r}: not in the outlet registry")
        names = {name for name, r in outlet_resolutions(db, registry).items() if r.outlet is not None and r.outlet.id == outlet_id}
        covered = [s for s in db.story_overviews() if names & set(s.outlets)]
        return page("outlet.html.j2", outlet=facts(outlet, registry) | {"aliases": outlet.aliases, "domains": outlet.domains},
                    names=sorted(names), stories=covered)

    @app.get("/api/outlets")
    def outlets_api() -> list[dict[str, Any]]:
        """The outlet names of this database, each with its articles, stories and registry entry."""
        return outlets_in_store()

    @app.get("/api/stories")
    def stories_api(
        q: str = "", outlet: str = "", since: date | None = None, until: date | None = None
    ) -> list[dict[str, Any]]:
        return [plain(overview) for overview in _filtered(db.story_overviews(outlet=outlet or None), q, since, until)]

    @app.get("/api/stories/{story_id}")
    def story_api(story_id: str) -> dict[str, Any]:
        """The story's comparison report (docs/report-schema.json)."""
        return story_document(story_id)

    @app.get("/api/articles/{article_id}")
    def article_api(article_id: str) -> dict[str, Any]:
        article = db.get_article(article_id)
        return plain(asdict(article)) | {"story": db.story_of(article.id)}

    return app


def _grouping(registry: Registry, by: str) -> str:
    if by not in registry.dimensions:
        raise NotFoundError(f"no grouping {by!r}: use one of {', '.join(registry.dimensions)}")
    return by


async def _save_limited(upload: UploadFile, target: Path) -> bool:
    """Copy an upload to disk in chunks; False (and nothing kept) once it passes UPLOAD_LIMIT."""
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(1 << 16):
            size += len(chunk)
            if size > UPLOAD_LIMIT:
                break
            out.write(chunk)
    if size > UPLOAD_LIMIT:
        target.unlink()
        return False
    return True


def _filtered(
    overviews: list[StoryOverview], query: str, since: date | None = None, until: date | None = None
) -> list[StoryOverview]:
    """Stories whose label or outlets contain every word of the query (case-insensitive) and whose dates
    meet the range (undated stories only when no range is given)."""
    words = query.casefold().split()

    def in_range(o: StoryOverview) -> bool:
        if since is None and until is None:
            return True
        return o.first is not None and (since is None or o.last >= since) and (until is None or o.first <= until)

    return [
        o for o in overviews if in_range(o) and all(w in f"{o.label} {' '.join(o.outlets)}".casefold() for w in words)
    ]


def _counts(document: dict[str, Any], colours: dict[str, int]) -> dict[str, Any]:
    """What the story list shows of a story's report: its agreement and contradiction counts, and the
    segments of its coverage bar (outlet, articles, x and width out of COVERAGE_BAR_WIDTH)."""
    per_outlet = Counter(article["outlet"] for article in document["articles"]).most_common()
    total = sum(count for _, count in per_outlet) or 1
    segments, x = [], 0.0
    for outlet, count in per_outlet:
        width = COVERAGE_BAR_WIDTH * count / total
        segments.append({"outlet": outlet, "articles": count, "x": round(x, 1), "width": round(width, 1), "colour": colours.get(outlet, 7)})
        x += width
    return {"agreements": len(document["agreements"]), "contradictions": len(document["contradictions"]), "segments": segments}
