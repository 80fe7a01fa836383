"""Settings, read once at the edge (CLI, web app) and passed down as a typed object."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from manysides.errors import ConfigError

DEFAULT_DB_FILE = "manysides.db"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Longer than any news article (a long read is ~10,000 words): past this an input is a dump, a book or
# garbage, and the analysis of one such text can run for hours while every later ingest waits for it.
DEFAULT_MAX_ARTICLE_WORDS = 50_000

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3}
_BINARY_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    outlets_file: Path | None = None  # the user's outlet registry file, read on top of the built-in one
    max_article_words: int = DEFAULT_MAX_ARTICLE_WORDS

    @classmethod
    def load(
        cls,
        db: str | None = None,
        max_file_size: str | None = None,
        outlets: str | None = None,
        max_article_words: int | None = None,
    ) -> Settings:
        """Command-line values win over the environment (MANYSIDES_DB, MANYSIDES_MAX_FILE_SIZE, MANYSIDES_OUTLETS,
        MANYSIDES_MAX_ARTICLE_WORDS)."""
        size = max_file_size or os.environ.get("MANYSIDES_MAX_FILE_SIZE")
        outlets_file = outlets or os.environ.get("MANYSIDES_OUTLETS")
        words = os.environ.get("MANYSIDES_MAX_ARTICLE_WORDS")
        return cls(
            db_url=database_url(db or os.environ.get("MANYSIDES_DB")),
            max_file_bytes=parse_size(size) if size else DEFAULT_MAX_FILE_BYTES,
            outlets_file=Path(outlets_file) if outlets_file else None,
            max_article_words=max_article_words or (parse_count(words) if words else DEFAULT_MAX_ARTICLE_WORDS),
        )


def database_url(value: str | None) -> str:
    """Turn what a user types into an SQLAlchemy URL.

    A bare path means an SQLite file; `postgresql://` and `postgres://` use psycopg 3.
    """
    if not value:
        return f"sqlite:///{DEFAULT_DB_FILE}"
    if "://" not in value:
        return f"sqlite:///{Path(value)}"
    scheme, rest = value.split("://", 1)
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite":
        return value
    raise ConfigError(f"database URL {redact(value)!r}: unsupported scheme {scheme!r} (use a file path, sqlite:/// or postgresql://)")


def redact(url: str) -> str:
    """The URL with its password hidden, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def parse_size(text: str) -> int:
    """'20MB' → 20,000,000; '512KiB' → 524,288; '1000' → 1000."""
    match = _SIZE.match(text)
    if not match:
        raise ConfigError(f"size {text!r}: expected a number with an optional unit, e.g. 20MB or 512KiB")
    number, unit = float(match.group(1)), (match.group(2) or "").lower()
    factor = _BINARY_UNITS[unit[0]] if "i" in unit else _UNITS[unit[:1]]
    return int(number * factor)


def parse_count(text: str) -> int:
    """'50000' or '50,000' → 50,000: a positive whole number (a word limit)."""
    digits = text.strip().replace(",", "").replace("_", "")
    if not digits.isdigit() or int(digits) <= 0:
        raise ConfigError(f"word limit {text!r}: expected a positive whole number, e.g. 50000")
    return int(digits)
