"""The Add page: store uploaded files and a URL with the CLI's rules, then wake the analysis worker.

The request only stores (fast, off the event loop); analysing, placing in stories and dating what it
stored runs in worker.py's thread, never in a request. Only http(s) URLs are read, never a path or a
file: URL, and only public addresses unless the server allows private ones.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from manysides.errors import InputError
from manysides.ingest import ReadOptions
from manysides.ingest.url import check_public_url, is_url
from manysides.jobs import ingest
from manysides.store import Store
from manysides.web.deps import Web, WebState, check_write, form_token

UPLOAD_LIMIT = 10_000_000  # bytes per uploaded file

router = APIRouter()


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request, web: Web) -> HTMLResponse:
    return _add_view(request, web, None)


@router.post("/add", response_class=HTMLResponse)
async def add_coverage(
    request: Request, web: Web, files: list[UploadFile] = File(default=[]), url: str = Form(default=""),
    outlet: str = Form(default=""), csrf_token: str = Form(default=""),
) -> Response:  # fmt: skip
    """Store uploaded files and/or a URL with the CLI's rules and report per input; the worker then
    analyses them and places them in stories."""
    check_write(request, csrf_token)
    with tempfile.TemporaryDirectory() as tmp:
        uploads, results = await _saved_uploads(files, Path(tmp))
        options = ReadOptions(
            outlet=outlet.strip() or None, max_file_bytes=UPLOAD_LIMIT, allow_private_urls=web.settings.allow_private_urls
        )
        stored = _Inputs(uploads, url.strip(), options)
        results |= await run_in_threadpool(stored.into, web.db)
    if any(result["added"] for result in results.values()):
        web.worker.submit()  # the rest of the pipeline: analyse, place in stories, date (worker.py)
    return _add_view(request, web, list(results.values()))


def _add_view(request: Request, web: WebState, results: list[dict[str, Any]] | None) -> HTMLResponse:
    return web.page(
        "add.html.j2", results=results, limit_mb=UPLOAD_LIMIT // 1_000_000, work=web.worker.status(),
        csrf_token=form_token(request), may_write=web.guard.may_write(request),
    )  # fmt: skip


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
