"""The web app: server-rendered pages over the store, a JSON API that mirrors them, nothing from a CDN.

`create_app(db_url, registry, settings)` builds the FastAPI application: it opens the app's shared
state (deps.py), installs the guard middleware and the error handlers (errors.py) and includes one
router per part of the site (routes/: stories, outlets, add, auth, api). `manysides serve` runs it with
uvicorn on 127.0.0.1. Pages are Jinja2 templates with autoescape on and nothing marked safe, and every
string they print loses its bidi control characters (report/display.py); the story page is the HTML
report's body (report/templates/story_body.html.j2) inside the site layout, so the report and the page
never drift apart. Hosts, cross-site forms, write access and the security headers every response
carries are security.py's; analysis of what the Add page stores runs in worker.py's thread, never in a
request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from manysides import __version__
from manysides.outlets.registry import Registry, default_registry
from manysides.web import errors
from manysides.web.deps import WebState, web_state
from manysides.web.routes import add, api, auth, outlets, stories
from manysides.web.security import CSRF_COOKIE, SECURITY_HEADERS, WebSettings, new_cookie


def create_app(db_url: str, registry: Registry | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The app over one database; outlets are looked up in `registry` (default: the built-in one);
    `settings` says which hosts it answers to, whether writes need a token and what URLs it may fetch.

    The state is opened here, not at the lifespan's start, so that an app whose lifespan never runs (a
    TestClient used without `with`) still serves; the lifespan's end closes it."""
    state = WebState.open(db_url, registry or default_registry(), settings or WebSettings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(title="manysides", version=__version__, docs_url="/api/docs", redoc_url=None, lifespan=lifespan)
    app.state.web = state
    app.mount("/static", StaticFiles(directory=str(resources.files("manysides.web") / "static")), name="static")
    app.middleware("http")(_guarded)
    errors.install(app)
    for part in (stories, add, auth, outlets, api):
        app.include_router(part.router)
    return app


async def _guarded(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Unknown hosts and cross-site writes are refused; every browser gets its CSRF cookie; every
    response its security headers."""
    refused = web_state(request).guard.refusal(request)
    if refused is not None:
        return errors.error(request, refused[0], "Refused", refused[1])
    cookie = request.cookies.get(CSRF_COOKIE)
    request.state.csrf_cookie = cookie or new_cookie()
    response = await call_next(request)
    if cookie is None:
        response.set_cookie(CSRF_COOKIE, request.state.csrf_cookie, httponly=True, samesite="strict")
    response.headers.update(SECURITY_HEADERS)
    return response
