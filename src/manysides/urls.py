"""URL helpers every stage may use: the reader that names an article's outlet from its URL, the store
that lists each outlet's hosts, and the outlet registry's resolution all need the same host of a URL."""

from __future__ import annotations

from urllib.parse import urlsplit


def domain_of(url: str | None) -> str | None:
    """'https://www.example-news.com/a/b' → 'example-news.com'."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
