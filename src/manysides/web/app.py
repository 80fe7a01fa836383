"""The web app: server-rendered pages over the store, a JSON API that mirrors them, nothing from a CDN.

`create_app(db_url, registry, settings)` builds the FastAPI application; `manysides serve` runs it with
uvicorn on 127.0.0.1. Pages are Jinja2 templates with autoescape on and nothing marked safe, and every
string they print loses its bidi control characters (display.py); the story page is the HTML report's
body (report/templates/story_body.html.j2) inside the site layout, so the report and the page never
drift apart. Every response, errors included, carries a Content-Security-Policy that allows scripts only
from this server's /static/, so article text can never run a script even if it slipped past the
escaping. Hosts, cross-site forms and write access are guarded by security.py; analysis of what the Add
page stores runs in worker.py's thread, never in a request.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.exc import SQLAlchemyError

from manysides import __version__
from manysides.errors import InputError, NotFoundError, StoreError
from manysides.ingest import ReadOptions
from manysides.ingest.url import check_public_url, is_url
from manysides.jobs import entity_mentions, ingest, outlet_resolutions, story_blindspots
from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE
from manysides.outlets.registry import OWNERSHIP, Registry, default_registry, facts
from manysides.model import StoryOverview
from manysides.report.comparison import without_possible
from manysides.report.html import render, story_context
from manysides.report.json import plain
from manysides.store import Store
from manysides.report.display import shown
from manysides.web.documents import StoryDocuments
from manysides.web.security import AUTH_COOKIE, CSRF_COOKIE, Guard, WebSettings, new_cookie
from manysides.web.worker import AnalysisWorker

COVERAGE_BAR_WIDTH = 160  # pixels: the story list's bar of articles per outlet
PAGE_SIZE = 50  # stories per page of the list (newest first; the search narrows them)
SECTION_LIMIT = 20  # items per section of a story page unless the reader asks for all (an agreement quotes every outlet)
COLUMN_LIMIT = 8  # side-by-side columns of a story page unless the reader asks for all
REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}
UPLOAD_LIMIT = 10_000_000  # bytes per uploaded file
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # not no-referrer: under it a browser sends `Origin: null` with its own forms
    "X-Frame-Options": "DENY",
}


def create_app(db_url: str, registry: Registry | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The app over one database; outlets are looked up in `registry` (default: the built-in one);
    `settings` says which hosts it answers to, whether writes need a token and what URLs it may fetch."""
    registry = registry or default_registry()
    settings = settings or WebSettings()
    db = Store(db_url)  # one store (and connection pool) for the app's life: opening one costs ≈ 2 ms
    guard = Guard(settings)
    worker = AnalysisWorker(db)
    stories = StoryDocuments(db, registry)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        worker.stop()
        stories.close()
        db.close()

    app = FastAPI(title="manysides", version=__version__, docs_url="/api/docs", redoc_url=None, lifespan=lifespan)
    templates = Environment(
        loader=ChoiceLoader([PackageLoader("manysides.web", "templates"), PackageLoader("manysides.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )
    templates.tests["web_link"] = lambda value: isinstance(value, str) and is_url(value)  # never javascript: or data:
    app.mount("/static", StaticFiles(directory=str(resources.files("manysides.web") / "static")), name="static")

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    def error(request: Request, status: int, title: str, message: str, detail: Any = None) -> Response:
        """Every error's one shape: a plain page, or {"detail": …} under /api/; with the security headers
        even when the error skipped the middleware (a 500)."""
        if request.url.path.startswith("/api/"):
            response: Response = JSONResponse({"detail": message if detail is None else detail}, status_code=status)
        else:
            response = page("error.html.j2", status, title=title, message=message)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.middleware("http")
    async def guarded(request: Request, call_next: Any) -> Response:
        """Unknown hosts and cross-site writes are refused; every browser gets its CSRF cookie; every
        response its security headers."""
        refused = guard.refusal(request)
        if refused is not None:
            return error(request, refused[0], "Refused", refused[1])
        cookie = request.cookies.get(CSRF_COOKIE)
        request.state.csrf_cookie = cookie or new_cookie()
        response: Response = await call_next(request)
        if cookie is None:
            response.set_cookie(CSRF_COOKIE, request.state.csrf_cookie, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return error(request, 404, "Not found", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return error(request, 422, "Invalid request", problems, detail=jsonable_encoder(exc.errors()))

    @app.exception_handler(404)
    async def no_route(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return error(request, 404, "Not found", "Not Found")
        return error(request, 404, "Not found", f"There is no page at {request.url.path}.")

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> Response:
        """Anything unexpected: a plain 500 (the traceback goes to the server's log, not to the reader)."""
        unreadable = isinstance(exc, SQLAlchemyError | StoreError)
        message = "The database could not be read." if unreadable else "The server could not answer this request."
        return error(request, 500, "Server error", message + " The server's log has the details.")

    report_css = (resources.files("manysides.report") / "templates" / "story.css").read_text(encoding="utf-8")

    @app.get("/assets/story.css", include_in_schema=False)
    def story_css() -> Response:
        """The HTML report's stylesheet, shared by the story page."""
        return Response(report_css, media_type="text/css")

    @app.get("/", response_class=HTMLResponse)
    def stories_page(
        q: str = "", outlet: str = "", since: date | None = None, until: date | None = None,
        number: int = Query(1, ge=1, alias="page"),
    ) -> HTMLResponse:  # fmt: skip
        """One page of the stories, newest first, with the counts known so far (documents.py)."""
        found = _filtered(db.story_overviews(outlet=outlet or None), q, since, until)
        pages = max(1, -(-len(found) // PAGE_SIZE))
        listed = found[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        outlets = sorted(db.outlet_counts(), key=str.casefold)
        colours = {name: index % 8 for index, name in enumerate(outlets)}  # one colour per outlet on every bar
        filters = {"q": q, "outlet": outlet, "since": since or "", "until": until or ""}
        links = {n: "/?" + urlencode({k: v for k, v in filters.items() if v} | {"page": n}) for n in (number - 1, number + 1)}
        return page(
            "stories.html.j2", stories=listed, total=len(found), rows={s.id: _row(stories.row(s.id), colours) for s in listed},
            bar_width=COVERAGE_BAR_WIDTH, outlets=outlets,
            number=number, pages=pages, previous=links[number - 1] if number > 1 else None,
            next=links[number + 1] if number < pages else None, **filters,
        )  # fmt: skip

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str, everything: bool = Query(False, alias="all"), possible: bool = False) -> HTMLResponse:
        """A story side by side; a big one shows the first items of each section unless `?all=1`; the
        possible contradictions (marked so) only with `?possible=1`."""
        document = stories.document(story_id)
        context = story_context(document if possible else without_possible(document))
        trimmed = [] if everything else _trimmed(context)
        shortened = {key: context[key][:limit] for key, limit, _ in trimmed}
        return page("story.html.j2", web=True, trimmed=trimmed, **(context | shortened))

    @app.get("/stories/{story_id}/report.{fmt}", include_in_schema=False)
    def story_report(story_id: str, fmt: str) -> Response:
        """The story's report as a file to keep: md, html or json (the export buttons)."""
        if fmt not in REPORT_TYPES:
            raise NotFoundError(f"no {fmt!r} report: md, html or json")
        document = without_possible(stories.document(story_id))
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

    def add_view(request: Request, results: list[dict[str, Any]] | None, status: int = 200) -> HTMLResponse:
        return page(
            "add.html.j2", status, results=results, limit_mb=UPLOAD_LIMIT // 1_000_000, work=worker.status(),
            csrf_token=guard.csrf_token(request.state.csrf_cookie), may_write=guard.may_write(request),
        )  # fmt: skip

    def write_refusal(request: Request, csrf_token: str, signing_in: bool = False) -> Response | None:
        """Why a form post may not write: no token (when one is required), or no valid CSRF token."""
        if not signing_in and not guard.may_write(request):
            return error(request, 401, "Sign in first", "Adding coverage to this server needs its token: sign in at /login.")
        if not guard.bearer(request) and not guard.csrf_valid(request.cookies.get(CSRF_COOKIE), csrf_token):
            return error(request, 403, "Refused", "The form is out of date or came from another site: reload the page and try again.")
        return None

    @app.get("/add", response_class=HTMLResponse)
    def add_page(request: Request) -> HTMLResponse:
        return add_view(request, None)

    @app.post("/add", response_class=HTMLResponse)
    async def add_coverage(
        request: Request, files: list[UploadFile] = File(default=[]), url: str = Form(default=""),
        outlet: str = Form(default=""), csrf_token: str = Form(default=""),
    ) -> Response:  # fmt: skip
        """Store uploaded files and/or a URL with the CLI's rules and report per input; the worker then
        analyses them and places them in stories."""
        if (refused := write_refusal(request, csrf_token)) is not None:
            return refused
        with tempfile.TemporaryDirectory() as tmp:
            uploads, results = await _saved_uploads(files, Path(tmp))
            options = ReadOptions(
                outlet=outlet.strip() or None, max_file_bytes=UPLOAD_LIMIT, allow_private_urls=settings.allow_private_urls
            )
            stored = _Inputs(uploads, url.strip(), options)
            results |= await run_in_threadpool(stored.into, db)
        if any(result["added"] for result in results.values()):
            worker.submit()
        return add_view(request, list(results.values()))

    @app.get("/api/add/status")
    def add_status() -> dict[str, Any]:
        """The background analysis: idle, waiting, analysing, done or failed (with its reason)."""
        return asdict(worker.status())

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return page("login.html.j2", csrf_token=guard.csrf_token(request.state.csrf_cookie), needed=bool(settings.token), wrong=False)

    @app.post("/login", response_class=HTMLResponse)
    def login(request: Request, token: str = Form(default=""), csrf_token: str = Form(default="")) -> Response:
        """Check the server's token once; a cookie then lets this browser add coverage."""
        if (refused := write_refusal(request, csrf_token, signing_in=True)) is not None:
            return refused
        if not guard.token_matches(token):
            return page("login.html.j2", 401, csrf_token=csrf_token, needed=bool(settings.token), wrong=True)
        response = RedirectResponse("/add", status_code=303)
        response.set_cookie(AUTH_COOKIE, guard.auth_cookie(), httponly=True, samesite="strict")
        return response

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
    def story_api(story_id: str, possible: bool = False) -> dict[str, Any]:
        """The story's comparison report (docs/report-schema.json); the possible contradictions, marked so,
        only with `?possible=1`."""
        document = stories.document(story_id)
        return document if possible else without_possible(document)

    @app.get("/api/articles/{article_id}")
    def article_api(article_id: str) -> dict[str, Any]:
        article = db.get_article(article_id)
        return plain(asdict(article)) | {"story": db.story_of(article.id)}

    return app


def _grouping(registry: Registry, by: str) -> str:
    if by not in registry.dimensions:
        raise NotFoundError(f"no grouping {by!r}: use one of {', '.join(registry.dimensions)}")
    return by


async def _saved_uploads(files: list[UploadFile], folder: Path) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Each upload saved under its own name (never a path) in `folder`: {saved path: the user's name},
    and a result row for each, already failed for those over UPLOAD_LIMIT."""
    uploads: dict[str, str] = {}
    results: dict[str, dict[str, Any]] = {}
    for upload in files:
        if not upload.filename:
            continue
        name = Path(upload.filename).name or "upload"
        results[name] = _result(name)
        target = folder / f"{len(uploads)}-{name}"
        if await _save_limited(upload, target):
            uploads[str(target)] = name
        else:
            results[name]["failures"].append(f"too large: over the limit of {UPLOAD_LIMIT:,} bytes")
    return uploads, results


def _result(name: str) -> dict[str, Any]:
    return {"name": name, "added": 0, "present": 0, "failures": []}


@dataclass(frozen=True, slots=True)
class _Inputs:
    """What one Add form gave: saved uploads ({path: the user's name}) and a URL, stored with `into`."""

    uploads: dict[str, str]
    url: str
    options: ReadOptions

    def into(self, store: Store) -> dict[str, dict[str, Any]]:
        """Read and store every input (blocking: run it off the event loop); a result row per input.

        Only http(s) URLs are read, never a path or a file: URL, and only public addresses unless the
        server allows private ones; the check is repeated on every connection (ingest/url.py)."""
        sources = dict(self.uploads)
        results = {name: _result(name) for name in sources.values()}
        if self.url:
            results[self.url] = _result(self.url)
            if (refusal := self._url_refusal()) is not None:
                results[self.url]["failures"].append(refusal)
            else:
                sources[self.url] = self.url
        for event in ingest(list(sources), store, self.options):
            result = results[sources[event.source]]
            if event.kind in ("added", "present"):
                result[event.kind] += 1
            elif event.error is not None:
                where = event.error.location.replace(event.source, sources[event.source])
                result["failures"].append(f"{where}: {event.error.reason}")
        return results

    def _url_refusal(self) -> str | None:
        if not is_url(self.url):
            return "only http(s) URLs can be added from the web"
        if self.options.allow_private_urls:
            return None
        try:
            check_public_url(self.url)
        except InputError as exc:
            return exc.reason
        return None


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
