"""JSON renderings: dataclasses to plain JSON, dates as ISO strings."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any


def to_json(record: Any, indent: int | None = 2) -> str:
    return json.dumps(plain(record), indent=indent, ensure_ascii=False)


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
