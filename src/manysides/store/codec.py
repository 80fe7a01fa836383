"""Analyses to JSON and back: stored as one document per article, read back as the same dataclasses."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any

from manysides.model import Analysis
from manysides.plain import plain


def encode(analysis: Analysis) -> str:
    return json.dumps(plain(analysis), ensure_ascii=False, separators=(",", ":"))


def decode(payload: str) -> Analysis:
    return _build(Analysis, json.loads(payload))


def _build(kind: Any, value: Any) -> Any:
    """Rebuild a value of the annotated type `kind` from its plain JSON form."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _build(hints[name], item) for name, item in value.items()})
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in value)
        return tuple(_build(arg, item) for arg, item in zip(args, value, strict=True))
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _build(options[0], value)
    if kind is date:
        return date.fromisoformat(value)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
