"""Every word list of the analysis, read one way: `<stage>/data/NAME.tsv` files, one row per line,
tab-separated, `#` comments; each file's header says where its words come from and what a row means.

A list lives in the data folder of the stage that uses it (nlp/data, compare/data, stories/data), never in
a Python literal and never twice; a list two stages use lives with the earlier one.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def rows(stage: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of manysides/STAGE/data/NAME, comments and blank lines left out."""
    text = (resources.files(f"manysides.{stage}") / "data" / name).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def words(stage: str, name: str) -> frozenset[str]:
    """The words of a one-column list (every word of every row, for lists written several to a line)."""
    return frozenset(word for row in rows(stage, name) for cell in row for word in cell.split())
