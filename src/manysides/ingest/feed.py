"""RSS and Atom feeds (feedparser): one article per entry.

The outlet is the feed's title unless `--outlet` names it; an entry's date keeps the calendar
day of its own timezone (feedparser's parsed times are UTC, so we read the raw string).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from manysides.errors import InputError
from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.html import fragment_text
from manysides.ingest.origin import Origin
from manysides.model import Article

Item = Article | InputError


def parse_feed(data: bytes, origin: Origin) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a valid RSS/Atom feed ({_first_line(problem)})" if problem else "feed has no entries"
        yield origin.error(reason)
        return
    channel = parsed.feed
    for number, entry in enumerate(parsed.entries, 1):
        entry_origin = origin.at(f"{origin.location}[{number}]")
        try:
            yield _entry_article(entry, channel, entry_origin)
        except InputError as exc:
            yield exc


def _entry_article(entry: Any, channel: Any, origin: Origin) -> Article:
    raw_date = entry.get("published") or entry.get("updated")
    try:
        published = parse_date(raw_date) if raw_date else None
    except DateError as exc:
        raise origin.error(str(exc)) from exc
    return origin.article(
        _entry_text(entry),
        outlet=channel.get("title"),
        url=entry.get("link") or channel.get("link"),
        title=entry.get("title"),
        published=published,
        language=entry.get("language") or channel.get("language"),
        external_id=entry.get("id"),
    )


def _entry_text(entry: Any) -> str:
    """The fullest body the entry has: content (Atom, content:encoded) before summary/description."""
    for part in (*entry.get("content", ()), entry.get("summary_detail")):
        if part and part.get("value", "").strip():
            value = part["value"]
            return value if part.get("type") == "text/plain" else fragment_text(value)
    return ""


def _first_line(problem: object) -> str:
    return str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
