"""The outlet pages: who covers what (blindspots), the outlets of this database and the registry's entries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from manysides.errors import NotFoundError
from manysides.jobs import outlet_resolutions, story_blindspots
from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE, Blindspot
from manysides.outlets.registry import OWNERSHIP, facts
from manysides.web.deps import Web, WebState

router = APIRouter()


@router.get("/blindspots", response_class=HTMLResponse)
def blindspots_page(
    web: Web, by: str = "country", share: float = Query(BLINDSPOT_SHARE, ge=0.5, le=1.0),
    min_outlets: int = Query(BLINDSPOT_MIN_OUTLETS, ge=1),
) -> HTMLResponse:  # fmt: skip
    """Stories covered only or mostly by one country, ownership type, language or user-defined group."""
    return web.page(
        "blindspots.html.j2", blindspots=blindspots(web, by, share, min_outlets), by=by, share=share,
        min_outlets=min_outlets, dimensions=web.registry.dimensions,
    )  # fmt: skip


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(web: Web, country: str = "", ownership: str = "") -> HTMLResponse:
    """The outlets of this database (known and unknown), then the registry, filtered by country and ownership."""
    listed = [
        o for o in web.registry.outlets
        if (not country or o.country == country) and (not ownership or o.ownership == ownership)
    ]  # fmt: skip
    return web.page(
        "outlets.html.j2", here=outlets_in_store(web), listed=listed, registry=web.registry, country=country,
        ownership=ownership, ownerships=list(OWNERSHIP),
    )  # fmt: skip


@router.get("/outlets/{outlet_id}", response_class=HTMLResponse)
def outlet_page(web: Web, outlet_id: str) -> HTMLResponse:
    """One registry entry: its facts with their sources, and the stories of this database it covered."""
    outlet = web.registry.get(outlet_id)
    if outlet is None:
        raise NotFoundError(f"outlet {outlet_id!r}: not in the outlet registry")
    resolutions = outlet_resolutions(web.db, web.registry).items()
    names = {name for name, r in resolutions if r.outlet is not None and r.outlet.id == outlet_id}
    covered = [s for s in web.db.story_overviews() if names & set(s.outlets)]
    return web.page(
        "outlet.html.j2", outlet=facts(outlet, web.registry) | {"aliases": outlet.aliases, "domains": outlet.domains},
        names=sorted(names), stories=covered,
    )  # fmt: skip


def blindspots(web: WebState, by: str, share: float, min_outlets: int) -> list[Blindspot]:
    """The stories covered only or mostly by one group of `by` (the page and /api/blindspots)."""
    if by not in web.registry.dimensions:
        raise NotFoundError(f"no grouping {by!r}: use one of {', '.join(web.registry.dimensions)}")
    return story_blindspots(web.db, web.registry, by, share, min_outlets)


def outlets_in_store(web: WebState) -> list[dict[str, Any]]:
    """Each outlet name the database holds: its articles, stories, and registry entry (None: unknown)."""
    counts = web.db.outlet_counts()
    stories: dict[str, int] = {}
    for overview in web.db.story_overviews():
        for name in overview.outlets:
            stories[name] = stories.get(name, 0) + 1
    return [
        {"outlet": name, "articles": counts[name], "stories": stories.get(name, 0), "resolved_by": r.by,
         "registry": facts(r.outlet, web.registry) if r.outlet else None}
        for name, r in sorted(outlet_resolutions(web.db, web.registry).items(), key=lambda item: item[0].casefold())
    ]  # fmt: skip
