"""The comparison's word lists (compare/data/*.tsv): one row per line, tab-separated, `#` comments.

Each file's header says where its words come from and what a row means.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of compare/data/NAME, comments and blank lines left out."""
    text = (resources.files("manysides.compare") / "data" / name).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))
