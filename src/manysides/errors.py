"""Errors a user can cause. The library raises these; only the CLI and the web app print them.

Each message names the input and the reason in one line, so it can be shown as is.
"""

from __future__ import annotations


class ManysidesError(Exception):
    """Base of every error caused by input, configuration or environment (not by a bug)."""


class ConfigError(ManysidesError):
    """A setting (database URL, size limit, …) has a value we cannot use."""


class StoreError(ManysidesError):
    """The database cannot be opened, upgraded or written."""


class NotFoundError(ManysidesError):
    """An id asked for is not in the store."""


class InputError(ManysidesError):
    """One input item (a file, a line of a file, a feed entry, a URL) cannot be read.

    `location` is `PATH`, `PATH:LINE`, `PATH[INDEX]` or a URL; `reason` says what is wrong.
    """

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
