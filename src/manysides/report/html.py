"""The story report as one self-contained HTML file: inline CSS, no script, no external request.

Rendered from the same document as the JSON report (report/comparison.py). Article text is untrusted:
Jinja2 autoescapes every value, the template marks nothing safe, and a Content-Security-Policy meta
tag allows no script at all, so even a page that slipped through could not run one.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from manysides.report.comparison import every_chain, render_markdown


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("manysides.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(document: dict[str, Any], fmt: str) -> str:
    """A story report document in one of its forms: "json", "md" or "html"."""
    if fmt == "html":
        return render_html(document)
    if fmt == "md":
        return render_markdown(document)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_html(document: dict[str, Any]) -> str:
    return _environment().get_template("story.html.j2").render(**story_context(document))


def story_context(document: dict[str, Any]) -> dict[str, Any]:
    """What story_body.html.j2 needs: the report document plus coverage counts, each outlet's registry
    badge, side-by-side columns, for each contradiction the anchors of its two sentences in those
    columns (also used by the web app), and every outlet's chains in one list."""
    outlets = Counter(article["outlet"] for article in document["articles"]).most_common()
    per_day: dict[str, Counter[str]] = {outlet: Counter() for outlet, _ in outlets}
    for article in document["articles"]:
        per_day[article["outlet"]][article["published"] or "undated"] += 1
    days = sorted({day for counts in per_day.values() for day in counts}, key=lambda d: (d == "undated", d))
    contradictions = [
        c | {"a_anchor": anchor(c["a"]), "b_anchor": anchor(c["b"])} for c in document["contradictions"]
    ]
    return document | {
        "outlet_counts": outlets,
        "badges": {o["outlet"]: badge(o["registry"]) for o in document["outlets"]},
        "max_count": max((count for _, count in outlets), default=1),
        "days": days,
        "per_day": per_day,
        "columns": _columns(document),
        "contradictions": contradictions,
        "chains": every_chain(document),
    }


def badge(entry: dict[str, Any] | None) -> str:
    """An outlet's registry facts in a few words, shown beside its name: 'United Kingdom · public-service'."""
    return "not in registry" if entry is None else f"{entry['country_name']} · {entry['ownership']}"


def anchor(evidence: dict[str, Any]) -> str:
    """The HTML id of an evidence sentence in the side-by-side columns."""
    return f"s-{evidence['article_id'][:12]}-{evidence['start']}"


def _columns(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One column per article with the sentences that carry a finding, in text order: an agreement's
    sentences share a colour class (f0…f7) and a "fact N" tag, unique facts and disputed sentences are marked."""
    marks: dict[tuple[str, int], dict[str, Any]] = {}

    def mark(evidence: dict[str, Any], css: str, tag: str) -> None:
        entry = marks.setdefault(
            (evidence["article_id"], evidence["start"]),
            {"text": evidence["text"], "classes": [], "tags": [], "anchor": anchor(evidence)},
        )
        if css not in entry["classes"]:
            entry["classes"].append(css)
        if tag not in entry["tags"]:
            entry["tags"].append(tag)

    for number, agreement in enumerate(document["agreements"]):
        for evidence in agreement["evidence"]:
            mark(evidence, f"f{number % 8}", f"fact {number + 1}")
    for unique in document["unique"]:
        mark(unique["evidence"], "unique", "only here")
    for contradiction in document["contradictions"]:
        for side in ("a", "b"):
            mark(contradiction[side], "contradicted", contradiction["kind"])
    columns = []
    for article in document["articles"]:
        sentences = sorted((start, entry) for (article_id, start), entry in marks.items() if article_id == article["id"])
        columns.append({
            "outlet": article["outlet"], "title": article["title"] or "",
            "sentences": [entry | {"classes": " ".join(entry["classes"])} for _, entry in sentences],
        })  # fmt: skip
    return columns
