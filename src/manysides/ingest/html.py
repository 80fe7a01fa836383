"""HTML: whole pages (main text by trafilatura) and fragments (feed entries, JSON `html` fields)."""

from __future__ import annotations

import re
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.origin import Origin
from manysides.model import Article

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tr ul".split()
)
_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


def parse_html(content: str, origin: Origin) -> Article:
    """A full page: main text without navigation, ads or comments; title, date, site name, URL."""
    document = trafilatura.bare_extraction(
        content,
        url=origin.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    meta = document.as_dict() if document is not None else {}
    text = _paragraphs(meta.get("text"), meta.get("title")) or _main_element_text(content)
    if not text:
        raise origin.error("no article text found in the HTML page")
    return origin.article(
        text,
        outlet=meta.get("sitename"),
        url=meta.get("url"),
        title=meta.get("title"),
        published=_page_date(meta.get("date")),
        language=_page_language(content),
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment with paragraphs kept as blank-line breaks; scripts and styles dropped."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    parts: list[str] = []
    _collect(root, parts)
    paragraphs = (" ".join(chunk.split()) for chunk in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _collect(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP:
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n\n")
    if element.text and tag:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n\n")


def _paragraphs(text: str | None, title: str | None) -> str:
    """trafilatura gives one paragraph per line and often repeats the headline as the first one."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def _main_element_text(content: str) -> str:
    """Fallback for pages too short for trafilatura: the <article> or <main> element, if any."""
    try:
        page = lxml.html.document_fromstring(content)
    except (etree.ParserError, ValueError):
        return ""
    for element in page.xpath("//article | //main"):
        return fragment_text(lxml.html.tostring(element, encoding="unicode"))
    return ""


def _page_date(value: str | None) -> date | None:
    """trafilatura's date (htmldate) is a best guess, so a malformed one means 'unknown', not an error."""
    if not value:
        return None
    try:
        return parse_date(value)
    except DateError:
        return None


def _page_language(content: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z]{2})?)", content[:4096], re.IGNORECASE)
    return match.group(1).lower() if match else None
