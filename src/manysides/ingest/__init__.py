"""Reading articles from files, folders, globs and URLs: parsing and validation only, no DB, no NLP."""

from manysides.ingest.sources import Expansion, ReadOptions, expand, expected_items, read

__all__ = ["Expansion", "ReadOptions", "expand", "expected_items", "read"]
