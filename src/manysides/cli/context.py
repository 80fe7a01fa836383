"""One context object per command: the settings, outlet registry and store it works with.

Each is made on first use and only once, from the command's own --db, --outlets, --max-file-size and
--max-article-words, so a command that never needs the registry never reads it, and a bad value fails
where it is first needed, as one line. The store is closed when the command returns or exits.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import cached_property
from types import TracebackType
from typing import Any, TypeVar

from manysides.config import Settings
from manysides.outlets.registry import Registry, load_registry
from manysides.store import Store

F = TypeVar("F", bound=Callable[..., Any])

# a command's option (its parameter name) → the AppContext argument it gives
_OPTIONS = {"db": "db", "outlets_file": "outlets", "max_file_size": "max_file_size", "max_article_words": "max_article_words"}


class AppContext:
    """Settings (command-line values over the environment), the outlet registry and the store of one command."""

    def __init__(
        self, db: str | None = None, outlets: str | None = None, max_file_size: str | None = None,
        max_article_words: int | None = None,
    ) -> None:  # fmt: skip
        self._given = (db, max_file_size, outlets, max_article_words)

    @cached_property
    def settings(self) -> Settings:
        db, max_file_size, outlets, max_article_words = self._given
        return Settings.load(db, max_file_size, outlets=outlets, max_article_words=max_article_words)

    @cached_property
    def registry(self) -> Registry:
        return load_registry(self.settings.outlets_file)

    @cached_property
    def store(self) -> Store:
        return Store(self.settings.db_url)

    def close(self) -> None:
        """Close the store, if it was opened."""
        if (store := self.__dict__.pop("store", None)) is not None:
            store.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def pass_app(command: F) -> F:
    """Give the command, as its first argument, the AppContext made of its context options (which it then
    does not receive one by one), closed when the command ends."""

    @functools.wraps(command)
    def with_app(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(option) for option, name in _OPTIONS.items() if option in kwargs}
        with AppContext(**given) as app:
            return command(app, *args, **kwargs)

    return with_app  # type: ignore[return-value]
