"""The story report as one self-contained HTML file: inline CSS, no script, no external request.

Rendered from the same document as the JSON report (report/comparison.py). Article text is untrusted:
Jinja2 autoescapes every value, the template marks nothing safe, and a Content-Security-Policy meta
tag allows no script at all, so even a page that slipped through could not run one.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("manysides.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(document: dict[str, Any]) -> str:
    outlets = Counter(article["outlet"] for article in document["articles"]).most_common()
    return _environment().get_template("story.html.j2").render(
        **document, outlets=outlets, max_count=max((count for _, count in outlets), default=1)
    )
