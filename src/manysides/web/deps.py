"""What the routes share: one `WebState` per app, reached through `request.app.state`, never a module global.

`create_app` opens the state (store, registry, settings, guard, worker, story cache, templates) and the
app's lifespan closes it; a route asks for it with a `Web` parameter (a FastAPI dependency), so two apps
in one process (tests make one per configuration) never share a store. The CSRF and write checks that
the Add and sign-in forms run before they write live here too: they raise `Refused`, which errors.py
turns into the one error shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from manysides.ingest.url import is_url
from manysides.outlets.registry import Registry
from manysides.report.display import shown
from manysides.store import Store
from manysides.web.documents import StoryDocuments
from manysides.web.security import CSRF_COOKIE, Guard, WebSettings
from manysides.web.worker import AnalysisWorker


@dataclass(frozen=True, slots=True)
class WebState:
    """One app's store (and connection pool, for the app's life: opening one costs ≈ 2 ms), its outlet
    registry and settings, the guard of its forms, its analysis worker, its story cache and templates."""

    db: Store
    registry: Registry
    settings: WebSettings
    guard: Guard
    worker: AnalysisWorker
    stories: StoryDocuments
    templates: Environment

    @classmethod
    def open(cls, db_url: str, registry: Registry, settings: WebSettings) -> WebState:
        db = Store(db_url)
        return cls(db, registry, settings, Guard(settings), AnalysisWorker(db), StoryDocuments(db, registry), _templates())

    def close(self) -> None:
        """Stop the worker between two articles, then the story cache's thread, then the store."""
        self.worker.stop()
        self.stories.close()
        self.db.close()

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.templates.get_template(name).render(**context), status_code=status)


def web_state(request: Request) -> WebState:
    """The state of the app serving `request` (for handlers, middleware and helpers that have the request)."""
    state: WebState = request.app.state.web
    return state


async def _web(request: Request) -> WebState:
    """`web_state` as a dependency: async, so FastAPI calls it on the event loop instead of a worker thread."""
    return web_state(request)


Web = Annotated[WebState, Depends(_web)]


class Refused(Exception):
    """A request the app will not serve, shown with `status`, `title` and `message` (errors.py)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def form_token(request: Request) -> str:
    """The token a form of this page must send back: signed from the browser's CSRF cookie (set by the
    middleware on its first visit)."""
    return web_state(request).guard.csrf_token(request.state.csrf_cookie)


def check_write(request: Request, csrf_token: str, signing_in: bool = False) -> None:
    """Refuse a form post that may not write: no token (when one is required; not asked when signing in),
    or no valid CSRF token (a bearer token is a script's, which needs none)."""
    guard = web_state(request).guard
    if not signing_in and not guard.may_write(request):
        raise Refused(401, "Sign in first", "Adding coverage to this server needs its token: sign in at /login.")
    if not guard.bearer(request) and not guard.csrf_valid(request.cookies.get(CSRF_COOKIE), csrf_token):
        raise Refused(403, "Refused", "The form is out of date or came from another site: reload the page and try again.")


def _templates() -> Environment:
    """The site's templates, then the report's (the story page is the HTML report's body); autoescape on,
    nothing marked safe, every printed string without bidi controls (report/display.py)."""
    templates = Environment(
        loader=ChoiceLoader([PackageLoader("manysides.web", "templates"), PackageLoader("manysides.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )
    templates.tests["web_link"] = lambda value: isinstance(value, str) and is_url(value)  # never javascript: or data:
    return templates
