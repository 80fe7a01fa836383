"""Plain-text articles, with optional header lines at the top.

    date 2024-11-11
    outlet: The Daily Planet
    title: Bridge closes after barge strike

    Body…

`key: value` lines are always headers. `key value` lines without a colon are headers when
the value is unmistakable (a date, a URL, a language code) or when the header block ends in a
blank line; otherwise a first line such as "Title IX rules changed…" stays body text.
A first line `date 2024-11-11 Body starts here…` is a date followed by the body.
"""

from __future__ import annotations

import re
from datetime import date

from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.origin import Origin
from manysides.model import Article

_KEYS = {
    "date": "published",
    "published": "published",
    "outlet": "outlet",
    "title": "title",
    "url": "url",
    "language": "language",
    "lang": "language",
    "id": "external_id",
}
_HEADER = re.compile(r"^(?P<key>[A-Za-z]+)(?P<colon>\s*:)?\s*(?P<value>.*)$")
_ISO_DATE_THEN_BODY = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\s+(?P<body>\S.*))?$")
_UNMISTAKABLE = {
    "url": re.compile(r"^https?://\S+$"),
    "language": re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2})?$"),
}


def parse_text(content: str, origin: Origin) -> Article:
    lines = content.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    fields, body_start = _header_block(lines)
    body = "\n".join(lines[body_start:])
    return origin.article(
        body,
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        title=fields.get("title"),
        published=_date(fields.get("published"), origin),
        language=fields.get("language"),
        external_id=fields.get("external_id"),
    )


def _header_block(lines: list[str]) -> tuple[dict[str, str], int]:
    """The header fields and the index of the first body line; may rewrite a `date … body` line.

    Headers always start at line 0, so the index of the first body line is also the number
    of header lines kept.
    """
    headers: list[tuple[str, str, bool]] = []
    for index, line in enumerate(lines):
        if not line.strip():  # a blank line confirms every header above it
            return {key: value for key, value, _ in headers}, index + 1
        header = _read_header(line.strip())
        if header is None:
            break
        key, value, certain, rest = header
        headers.append((key, value, certain))
        if rest is not None:
            lines[index] = rest
            return {key: value for key, value, _ in headers}, index
    doubtful = [n for n, (_, _, certain) in enumerate(headers) if not certain]
    kept = headers[: doubtful[0]] if doubtful else headers
    return {key: value for key, value, _ in kept}, len(kept)


def _read_header(line: str) -> tuple[str, str, bool, str | None] | None:
    """(field, value, certain, rest of the line that is body) or None when the line is body."""
    match = _HEADER.match(line)
    if not match or match["key"].lower() not in _KEYS or not match["value"].strip():
        return None
    key, value = _KEYS[match["key"].lower()], match["value"].strip()
    if match["colon"]:
        return key, value, True, None
    if key == "published":
        dated = _ISO_DATE_THEN_BODY.match(value)
        return (key, dated["date"], True, dated["body"]) if dated else None
    pattern = _UNMISTAKABLE.get(key)
    return key, value, bool(pattern and pattern.match(value)), None


def _date(value: str | None, origin: Origin) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        raise origin.error(str(exc)) from exc
