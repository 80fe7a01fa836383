"""Every error's one shape: a plain page, or `{"detail": …}` under /api/, always with the security headers.

`install(app)` registers the handlers: not found (ours, or no such route), an invalid request, a
refused form (deps.Refused), and anything unexpected (a plain 500; the traceback goes to the server's
log, not to the reader). The middleware's refusals (unknown host, cross-site write) use `error` too.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from manysides.errors import NotFoundError, StoreError
from manysides.web.deps import Refused, web_state
from manysides.web.security import SECURITY_HEADERS


def error(request: Request, status: int, title: str, message: str, detail: Any = None) -> Response:
    """The error response: a page titled `title` saying `message`, or `{"detail": detail or message}`
    under /api/; with the security headers even when the error skipped the middleware (a 500)."""
    if request.url.path.startswith("/api/"):
        response: Response = JSONResponse({"detail": message if detail is None else detail}, status_code=status)
    else:
        response = web_state(request).page("error.html.j2", status, title=title, message=message)
    response.headers.update(SECURITY_HEADERS)
    return response


def install(app: FastAPI) -> None:
    """Register the app's exception handlers."""
    app.exception_handler(NotFoundError)(_not_found)
    app.exception_handler(RequestValidationError)(_invalid)
    app.exception_handler(Refused)(_refused)
    app.exception_handler(404)(_no_route)  # no such route
    app.exception_handler(Exception)(_failed)


async def _not_found(request: Request, exc: NotFoundError) -> Response:
    return error(request, 404, "Not found", str(exc))


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
    return error(request, 422, "Invalid request", problems, detail=jsonable_encoder(exc.errors()))


async def _refused(request: Request, exc: Refused) -> Response:
    return error(request, exc.status, exc.title, exc.message)


async def _no_route(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return error(request, 404, "Not found", "Not Found")
    return error(request, 404, "Not found", f"There is no page at {request.url.path}.")


async def _failed(request: Request, exc: Exception) -> Response:
    """Anything unexpected: a plain 500 that says whether the database could not be read."""
    unreadable = isinstance(exc, SQLAlchemyError | StoreError)
    message = "The database could not be read." if unreadable else "The server could not answer this request."
    return error(request, 500, "Server error", message + " The server's log has the details.")
