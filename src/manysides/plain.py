"""Records as the plain values JSON knows: dicts, lists, strings, numbers, None.

Shared by every stage that writes a record out: the store keeps analyses as JSON documents, the CLI
and the web app print records with `--json`, the report renders them. It lives beside model.py, not in
report/, so that the store (an earlier stage) need not import a renderer to save an analysis.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dates as the dicts, lists and strings JSON knows."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
