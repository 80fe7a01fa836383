"""JSON (one object or a list of objects) and JSON Lines (one object per line, streamed).

Fields: `text` (or `html`), `outlet`, `url`, `title`, `published` (or `date`), `language`, and
`id`, which is kept as the external id. Unknown fields are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from manysides.errors import InputError
from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.decode import DecodeError, decode
from manysides.ingest.html import fragment_text
from manysides.ingest.origin import Origin
from manysides.model import Article

Item = Article | InputError


def parse_json(content: str, origin: Origin) -> Iterator[Item]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield origin.at(f"{origin.location}:{exc.lineno}").error(f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(data, dict):
        yield _safe_record(data, origin)
    elif isinstance(data, list):
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
    text = _string(record, "text", origin)
    if not text and (html := _string(record, "html", origin)):
        text = fragment_text(html)
    published = record.get("published") or record.get("date")
    try:
        day = parse_date(str(published)) if published else None
    except DateError as exc:
        raise origin.error(str(exc)) from exc
    return origin.article(
        text,
        outlet=record.get("outlet"),
        url=record.get("url"),
        title=record.get("title"),
        published=day,
        language=record.get("language"),
        external_id=record.get("id"),
    )


def _string(record: dict[str, Any], key: str, origin: Origin) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise origin.error(f"field {key!r} must be a string, found {type(value).__name__}")
    return value
