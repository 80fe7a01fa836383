"""The options several commands share, as reusable decorators, and the parsing of date options."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from sqlalchemy.exc import DatabaseError, IntegrityError, ProgrammingError

from manysides.config import Settings, redact
from manysides.errors import StoreError
from manysides.ingest.dates import DateError, parse_date

F = TypeVar("F", bound=Callable[..., Any])


def db_option(command: F) -> F:
    """`--db`, and one line instead of a traceback when the database turns out unreadable mid-command."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (IntegrityError, ProgrammingError):
            raise  # our own bug, not a damaged file: keep the traceback
        except DatabaseError as exc:  # a damaged file passes the opening checks and fails at its first bad page
            where = redact(Settings.load(kwargs.get("db")).db_url)
            reason = str(exc.orig or exc).splitlines()[0]
            raise StoreError(f"{where}: cannot read the database: {reason}") from exc

    return click.option(
        "--db",
        metavar="URL",
        help="Database: a file path or sqlite:///FILE (default manysides.db, or $MANYSIDES_DB), "
        "or postgresql://user@host/name for a shared server.",
    )(guarded)  # type: ignore[return-value]


def all_contradictions_option(command: F) -> F:
    return click.option(
        "--all-contradictions", is_flag=True,
        help="Also list the possible contradictions, marked so: those whose two sentences may not state one fact "
        "(on real coverage most such pairs are about two different things).",
    )(command)  # fmt: skip


def max_words_option(command: F) -> F:
    return click.option(
        "--max-article-words", type=click.IntRange(min=1), metavar="N",
        help="Refuse articles longer than N words, one line each (default 50,000, or $MANYSIDES_MAX_ARTICLE_WORDS).",
    )(command)  # fmt: skip


def outlets_option(command: F) -> F:
    return click.option(
        "--outlets", "outlets_file", metavar="FILE",
        help="Your own outlet registry (YAML, see docs/OUTLETS.md), read on top of the built-in one "
        "(default $MANYSIDES_OUTLETS).",
    )(command)  # fmt: skip


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def date_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """The callback of a YYYY-MM-DD option: a bad date is a usage error naming it."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from exc
