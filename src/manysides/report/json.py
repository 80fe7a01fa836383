"""JSON renderings: records as indented JSON text, dates as ISO strings (the conversion is manysides.plain)."""

from __future__ import annotations

import json
from typing import Any

from manysides.plain import plain


def to_json(record: Any, indent: int | None = 2) -> str:
    return json.dumps(plain(record), indent=indent, ensure_ascii=False)
