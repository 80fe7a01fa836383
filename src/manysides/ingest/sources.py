"""From what the user typed (files, folders, globs, URLs) to a stream of articles and failures.

`expand` lists the sources without reading them (so a progress bar knows the total);
`read` reads one source, picking the format by extension and, where that says nothing,
by the first bytes. Every failure is an `InputError` value in the stream, never an exception
that would stop the items after it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from manysides.config import DEFAULT_MAX_ARTICLE_WORDS, DEFAULT_MAX_FILE_BYTES
from manysides.errors import InputError
from manysides.ingest.decode import DecodeError, decode
from manysides.ingest.feed import parse_feed
from manysides.ingest.html import parse_html
from manysides.ingest.jsonl import parse_json, parse_jsonl
from manysides.ingest.origin import Origin
from manysides.ingest.text import parse_text
from manysides.ingest.url import fetch, is_url, too_large
from manysides.model import Article

Format = Literal["text", "html", "json", "jsonl", "feed"]
Item = Article | InputError

_BLOCK = 1 << 20
SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/plain": "text",
}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: `outlet` and `published` override what the inputs say (`outlets` names one source's
    outlet: `manysides compare a.txt=RT`); an article of more than `max_article_words` words is refused;
    `allow_private_urls` False (the web app) fetches from public addresses only (ingest/url.py); with
    `outlet_by_folder` False a file that names no outlet is its own outlet, named after the file, not its
    folder's (`compare`: two saved articles side by side in one folder are two outlets)."""

    outlet: str | None = None
    published: date | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    timeout: float = 20.0
    max_article_words: int = DEFAULT_MAX_ARTICLE_WORDS
    allow_private_urls: bool = True
    outlets: Mapping[str, str] = field(default_factory=dict)
    outlet_by_folder: bool = True


@dataclass(slots=True)
class Expansion:
    sources: list[str] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)


def expand(inputs: Sequence[str]) -> Expansion:
    """Files as given, folders walked recursively (known extensions, no hidden files), globs, URLs."""
    found = Expansion()
    for value in inputs:
        if is_url(value):
            found.sources.append(value)
        elif os.path.isdir(value):
            found.sources.extend(_walk(value))
        elif os.path.isfile(value):
            found.sources.append(value)
        elif glob.has_magic(value):
            matches = sorted(glob.glob(value, recursive=True))
            if not matches:
                found.failures.append(InputError(value, "no files match this pattern"))
            for match in matches:
                found.sources.extend(_walk(match) if os.path.isdir(match) else [match])
        else:
            found.failures.append(InputError(value, "no such file or directory"))
    return found


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _suffix(name) in SUFFIXES:
                yield os.path.join(root, name)


def read(source: str, options: ReadOptions) -> Iterator[Item]:
    """Every article of one source, with a failure in place of each bad item."""
    try:
        if is_url(source):
            yield from _read_url(source, options)
        else:
            yield from _read_file(source, options)
    except InputError as exc:
        yield exc


def _read_file(path: str, options: ReadOptions) -> Iterator[Item]:
    # os.path, not pathlib: pathlib interns every path part, which would grow memory with the corpus.
    origin = Origin(
        location=path,
        outlet=options.outlets.get(path, options.outlet),
        published=options.published,
        folder=(os.path.basename(os.path.dirname(path)) or None) if options.outlet_by_folder else None,
        stem=os.path.splitext(os.path.basename(path))[0],
        max_words=options.max_article_words,
    )
    suffix_format = SUFFIXES.get(_suffix(path))
    try:
        if suffix_format == "jsonl":
            with open(path, "rb") as lines:
                yield from parse_jsonl(lines, origin, options.max_file_bytes)
            return
        size = os.path.getsize(path)
        if size > options.max_file_bytes:
            raise origin.error(too_large(size, options.max_file_bytes))
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise origin.error(f"cannot read: {exc.strerror or exc}") from exc
    yield from _parse(data, suffix_format, origin, options)


def expected_items(source: str) -> int:
    """About how many articles a source holds, for a progress bar counting articles: a JSONL file's lines,
    a feed's entries, else one (a URL is not fetched twice to count; a JSON array counts one). Read in
    blocks: a large file costs one more pass of reading, never its size in memory."""
    if is_url(source):
        return 1
    try:
        with open(source, "rb") as file:
            block = file.read(_BLOCK)
            fmt = SUFFIXES.get(_suffix(source)) or sniff(block)
            if fmt not in ("jsonl", "feed"):
                return 1
            count, tail, last = 0, b"", b"\n"
            while block:
                if fmt == "jsonl":
                    count += block.count(b"\n")
                else:  # a tag cut in two by the block boundary is counted once, in the joined text
                    count += _entries(tail + block) - _entries(tail)
                    tail = block[-8:]
                last, block = block, file.read(_BLOCK)
    except OSError:
        return 1  # reading it will report why
    return max(count + (fmt == "jsonl" and not last.endswith(b"\n")), 1)


def _entries(data: bytes) -> int:
    return data.count(b"<item") + data.count(b"<entry")


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    fetched = fetch(url, options.max_file_bytes, options.timeout, allow_private=options.allow_private_urls)
    origin = Origin(
        location=url, outlet=options.outlets.get(url, options.outlet), published=options.published, url=fetched.url, max_words=options.max_article_words
    )
    yield from _parse(fetched.content, _CONTENT_TYPES.get(fetched.content_type), origin, options)


def _parse(data: bytes, known: Format | None, origin: Origin, options: ReadOptions) -> Iterator[Item]:
    if not data.strip():
        raise origin.error("empty file")
    fmt = known or sniff(data)
    try:
        content = decode(data)
    except DecodeError as exc:
        raise origin.error(str(exc)) from exc
    if fmt == "feed":  # feedparser reads the bytes itself: it honours the encoding the XML declares
        yield from parse_feed(data, origin)
    elif fmt == "html":
        yield parse_html(content, origin)
    elif fmt == "json":
        yield from parse_json(content, origin)
    elif fmt == "jsonl":
        yield from parse_jsonl(data.splitlines(), origin, options.max_file_bytes)
    else:
        yield parse_text(content, origin)


def sniff(data: bytes) -> Format:
    """The format of content whose name or content type did not tell."""
    head = data[:2048].decode("ascii", "ignore").replace("\x00", "").lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("{", "[")):
        first, _, rest = head.partition("\n")
        return "jsonl" if first.rstrip().endswith("}") and rest.lstrip().startswith("{") else "json"
    if head.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        head.startswith("<?xml") and any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
    ):
        return "feed"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    return "text"
