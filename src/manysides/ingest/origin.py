"""Where an item came from, and the one place that turns parsed fields into an `Article`.

Every reader ends in `Origin.article(...)`, so the rules below hold for every format:
- outlet: `--outlet` if given, else what the item says, else the URL's domain, else the parent folder,
  else the file stem;
- date: `--date` if given, else what the item says, else unknown;
- an item without text is an error, never an empty article, and one longer than `max_words` words too;
- every string is cleaned of characters no reader sees but a database or a terminal acts on (`sanitise`):
  PostgreSQL refuses a NUL that SQLite stores, so without this the same input gave different stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from manysides.errors import InputError
from manysides.model import BIDI_CONTROLS, Article
from manysides.urls import domain_of


@dataclass(frozen=True, slots=True)
class Origin:
    location: str
    outlet: str | None = None
    published: date | None = None
    folder: str | None = None
    stem: str | None = None
    url: str | None = None
    max_words: int | None = None

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
        text = sanitise(text or "")
        if not text.strip():
            raise self.error("empty article: no text")
        if self.max_words is not None and (words := len(text.split())) > self.max_words:
            raise self.error(f"too long: {words:,} words over the limit of {self.max_words:,} (see --max-article-words)")
        url = _clean(url) or _clean(self.url)
        name = _clean(self.outlet) or _clean(outlet) or domain_of(url) or _clean(self.folder) or _clean(self.stem)
        if not name:
            raise self.error("no outlet: name one with --outlet")
        return Article.create(
            outlet=name,
            text=text,
            title=_clean(title),
            url=url,
            published=self.published or published,
            language=_language(language),
            source=sanitise(self.location),
            external_id=_clean(external_id),
        )


# C0 controls but tab, newline and carriage return (clean_text turns \r\n into \n), DEL, and the bidi
# controls (model.BIDI_CONTROLS). Vertical tab, form feed and the information separators part words, so
# they become a space; the rest go.
_SEPARATING_CONTROLS = "\x0b\x0c\x1c\x1d\x1e\x1f"
_HIDDEN = re.compile(f"[\x00-\x08\x0e-\x1b\x7f{BIDI_CONTROLS}]")
_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATING_CONTROLS, " "))


def sanitise(value: str) -> str:
    """A string as every store keeps it: no NUL or other hidden control character, no bidi override."""
    return _HIDDEN.sub("", value.translate(_SEPARATORS))


def _language(value: object) -> str | None:
    """A language code ("en", "en-GB"); anything longer than the store's 16 characters is no code, and is
    dropped rather than refused by PostgreSQL and kept by SQLite."""
    code = _clean(value)
    return code if code is not None and len(code) <= 16 else None


def _clean(value: object) -> str | None:
    """A one-line field (title, outlet, URL…): sanitised, whitespace collapsed, None when nothing is left."""
    if value is None:
        return None
    text = " ".join(sanitise(str(value)).split())
    return text or None
