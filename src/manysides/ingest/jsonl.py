"""JSON (one object or a list of objects) and JSON Lines (one object per line, streamed).

Fields: `text` (or `html`), `outlet`, `url`, `title`, `published` (or `date`), `language`, and
`id`, which is kept as the external id. Unknown fields are ignored. Exports of news APIs and scrapers
name them differently, so each field also takes its common other names (`ALIASES`: NewsAPI's
`content`, `publishedAt` and `source: {"name": …}`, a scraper's `body`, `headline`, `link`), and a
file holding one object with the list under `articles`, `items`, `results`, `data`, `entries` or
`documents` is read as that list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from manysides.errors import InputError
from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.decode import DecodeError, decode
from manysides.ingest.html import fragment_text
from manysides.ingest.origin import Origin
from manysides.model import Article

Item = Article | InputError
# Each field's names, ours first: what news APIs and scrapers call it.
ALIASES = {
    "text": ("text", "content", "body", "article_text"),
    "html": ("html", "content_html", "body_html"),
    "outlet": ("outlet", "source", "publisher", "source_name", "site_name"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publishedAt", "published_at", "pubDate", "datePublished"),
    "language": ("language", "lang"),
    "id": ("id", "guid"),
}
_TRUNCATION = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")
LIST_KEYS = ("articles", "items", "results", "data", "entries", "documents")


def parse_json(content: str, origin: Origin) -> Iterator[Item]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield origin.at(f"{origin.location}:{exc.lineno}").error(f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(data, dict) and not _has(data, "text") and not _has(data, "html"):
        key = next((key for key in LIST_KEYS if isinstance(data.get(key), list)), None)
        if key is not None:
            data = data[key]  # {"status": "ok", "articles": [...]}: an API's answer, saved as it came
    if isinstance(data, dict):
        yield _safe_record(data, origin)
    elif isinstance(data, list):
        if not data:
            yield origin.error("no articles: the list is empty")
        for number, record in enumerate(data, 1):
            yield _safe_record(record, origin.at(f"{origin.location}[{number}]"))
    else:
        yield origin.error(f"expected a JSON object or a list of objects, found {type(data).__name__}")


def parse_jsonl(lines: Iterable[bytes], origin: Origin, max_line_bytes: int) -> Iterator[Item]:
    """One item per line; a bad line is reported with its number and the rest still read."""
    for number, raw in enumerate(lines, 1):
        line_origin = origin.at(f"{origin.location}:{number}")
        if len(raw) > max_line_bytes:
            yield line_origin.error(f"line too large: {len(raw):,} bytes over the limit of {max_line_bytes:,}")
            continue
        try:
            line = decode(raw).strip().lstrip("\ufeff")
        except DecodeError as exc:
            yield line_origin.error(str(exc))
            continue
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_origin.error(f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _safe_record(record, line_origin)


def _safe_record(record: Any, origin: Origin) -> Item:
    try:
        return parse_record(record, origin)
    except InputError as exc:
        return exc


def parse_record(record: Any, origin: Origin) -> Article:
    if not isinstance(record, dict):
        raise origin.error(f"expected a JSON object, found {type(record).__name__}")
    if not _has(record, "text") and not _has(record, "html"):
        looked_for = ", ".join(ALIASES["text"] + ALIASES["html"])
        raise origin.error(f"no text field: none of {looked_for} (the object has: {', '.join(map(str, record)) or 'nothing'})")
    text = _string(record, "text", origin)
    if not text and (html := _string(record, "html", origin)):
        text = fragment_text(html)
    text = _TRUNCATION.sub("", text or "")  # NewsAPI's free tier cuts "content": "… [+2345 chars]"
    published = _field(record, "published")
    try:
        day = parse_date(str(published)) if published else None
    except DateError as exc:
        raise origin.error(str(exc)) from exc
    outlet = _field(record, "outlet")
    if isinstance(outlet, dict):
        outlet = outlet.get("name")  # NewsAPI: "source": {"id": "bbc-news", "name": "BBC News"}
    return origin.article(
        text,
        outlet=outlet,
        url=_field(record, "url"),
        title=_field(record, "title"),
        published=day,
        language=_field(record, "language"),
        external_id=_field(record, "id"),
    )


def _has(record: dict[str, Any], field: str) -> bool:
    return any(name in record for name in ALIASES[field])


def _field(record: dict[str, Any], field: str) -> Any:
    """The value of the first of the field's names that the record gives (not null, not empty)."""
    return next((record[name] for name in ALIASES[field] if record.get(name) not in (None, "")), None)


def _string(record: dict[str, Any], field: str, origin: Origin) -> str | None:
    value = _field(record, field)
    if value is not None and not isinstance(value, str):
        name = next(name for name in ALIASES[field] if record.get(name) is value)
        raise origin.error(f"field {name!r} must be a string, found {type(value).__name__}")
    return value
