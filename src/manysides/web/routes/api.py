"""The JSON API under /api/: the pages' data as plain JSON (OpenAPI at /api/docs)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Query

from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE
from manysides.report.comparison import without_possible
from manysides.plain import plain
from manysides.web.deps import Web
from manysides.web.routes.outlets import blindspots, outlets_in_store
from manysides.web.routes.stories import filtered

router = APIRouter(prefix="/api")


@router.get("/add/status")
def add_status(web: Web) -> dict[str, Any]:
    """The background analysis: idle, waiting, analysing, done or failed (with its reason)."""
    return asdict(web.worker.status())


@router.get("/blindspots")
def blindspots_api(
    web: Web, by: str = "country", share: float = Query(BLINDSPOT_SHARE, ge=0.5, le=1.0),
    min_outlets: int = Query(BLINDSPOT_MIN_OUTLETS, ge=1),
) -> list[dict[str, Any]]:  # fmt: skip
    return [plain(b) for b in blindspots(web, by, share, min_outlets)]


@router.get("/outlets")
def outlets_api(web: Web) -> list[dict[str, Any]]:
    """The outlet names of this database, each with its articles, stories and registry entry."""
    return outlets_in_store(web)


@router.get("/stories")
def stories_api(
    web: Web, q: str = "", outlet: str = "", since: date | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    return [plain(overview) for overview in filtered(web.db.story_overviews(outlet=outlet or None), q, since, until)]


@router.get("/stories/{story_id}")
def story_api(web: Web, story_id: str, possible: bool = False) -> dict[str, Any]:
    """The story's comparison report (docs/report-schema.json); the possible contradictions, marked so,
    only with `?possible=1`."""
    document = web.stories.document(story_id)
    return document if possible else without_possible(document)


@router.get("/articles/{article_id}")
def article_api(web: Web, article_id: str) -> dict[str, Any]:
    article = web.db.get_article(article_id)
    return plain(asdict(article)) | {"story": web.db.story_of(article.id)}
