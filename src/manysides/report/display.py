"""Text as the web app and the CLI's tables show it: without the invisible characters that reorder it.

Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks
(U+200E, U+200F, U+061C) make a page or a terminal show text in another order than it is stored
("Trojan Source"): an outlet named "\u202eYADILOH" reads as a different name. Ingest strips them from
new articles, but databases written before that still hold them, so what is shown is cleaned again here.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from manysides.model import BIDI_CONTROLS

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def neutralise(value: str) -> str:
    """`value` without bidi control characters."""
    return _BIDI.sub("", value)


def shown(value: Any) -> Any:
    """A Jinja `finalize` hook: every string a template prints goes through `neutralise` (markup that
    Jinja already escaped, such as a `join`'s result, stays markup, or it would be escaped twice)."""
    if isinstance(value, Markup):
        return Markup(neutralise(str(value)))
    return neutralise(value) if isinstance(value, str) else value
