"""Where an item came from, and the one place that turns parsed fields into an `Article`.

Every reader ends in `Origin.article(...)`, so the rules below hold for every format:
- outlet: `--outlet` if given, else what the item says, else the URL's domain, else the parent folder,
  else the file stem;
- date: `--date` if given, else what the item says, else unknown;
- an item without text is an error, never an empty article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from manysides.errors import InputError
from manysides.model import Article


@dataclass(frozen=True, slots=True)
class Origin:
    location: str
    outlet: str | None = None
    published: date | None = None
    folder: str | None = None
    stem: str | None = None
    url: str | None = None

    def at(self, location: str) -> Origin:
        """The same origin for one item inside it (a JSONL line, a feed entry)."""
        return replace(self, location=location)

    def error(self, reason: str) -> InputError:
        return InputError(self.location, reason)

    def article(
        self,
        text: str | None,
        *,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
        published: date | None = None,
        language: str | None = None,
        external_id: str | None = None,
    ) -> Article:
        if not text or not text.strip():
            raise self.error("empty article: no text")
        url = _clean(url) or self.url
        name = self.outlet or _clean(outlet) or domain_of(url) or self.folder or self.stem
        if not name:
            raise self.error("no outlet: name one with --outlet")
        return Article.create(
            outlet=name,
            text=text,
            title=_clean(title),
            url=url,
            published=self.published or published,
            language=_clean(language),
            source=self.location,
            external_id=_clean(external_id),
        )


def domain_of(url: str | None) -> str | None:
    """'https://www.example-news.com/a/b' → 'example-news.com'."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
