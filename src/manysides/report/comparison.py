"""A story's Comparison as the documented JSON report (docs/report-schema.json) and as Markdown.

`comparison_document` is the one place that decides the report's shape: the JSON file is this dict,
and the Markdown report renders this dict, so the two never disagree. Every finding carries its
evidence: article id, outlet, character offsets into the stored article text, and the exact text.
"""

from __future__ import annotations

from typing import Any

from manysides.model import Article, Claim, Comparison, Evidence, Span
from manysides.report.markdown import escape

SCHEMA_VERSION = 1


def comparison_document(comparison: Comparison, label: str = "") -> dict[str, Any]:
    articles = {article.id: article for article in comparison.articles}

    def span(evidence: Span) -> dict[str, Any]:
        article = articles[evidence.article_id]
        return {
            "article_id": article.id, "outlet": article.outlet, "start": evidence.start, "end": evidence.end,
            "text": article.text[evidence.start : evidence.end],
        }

    def claim(found: Claim) -> dict[str, Any]:
        return span(found.evidence) | {
            "claim": {
                "subject": found.subject, "predicate": found.predicate, "object": found.object,
                "polarity": found.polarity, "modality": found.modality, "attribution": found.attribution,
                "numbers": [{"value": n.value, "unit": n.unit, "text": n.text} for n in found.numbers],
                "dates": list(found.dates),
            }
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "story": {"id": comparison.story_id, "label": label},
        "articles": [_article(article) for article in comparison.articles],
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "forms": e.forms} for e in comparison.entities],
        "quotes": [
            {
                "article_id": q.evidence.article_id, "outlet": articles[q.evidence.article_id].outlet,
                "speaker": q.speaker, "anonymous": q.anonymous, "cue": q.cue, "channel": q.channel,
                "direct": q.direct, "evidence": span(q.evidence),
            }
            for q in comparison.quotes
        ],
        "agreements": [
            {"summary": a.summary, "outlets": sorted({e.outlet for e in a.evidence}), "evidence": [_evidence(e) for e in a.evidence]}
            for a in comparison.agreements
        ],
        "unique": [
            {"article_id": u.evidence.article_id, "outlet": u.evidence.outlet, "summary": u.summary,
             "evidence": _evidence(u.evidence), "missing_from": list(u.missing_from)}
            for u in comparison.unique
        ],
        "contradictions": [
            {"kind": c.kind, "explanation": c.explanation, "a": claim(c.first), "b": claim(c.second)}
            for c in comparison.contradictions
        ],
        "framing": [
            {"concept": e.name, "entity_id": e.id, "forms": e.forms}
            for e in comparison.entities
            if len({form for forms in e.forms.values() for form in forms}) > 1
        ],
        "hedging": comparison.hedging,
        "timeline": [
            {"date": t.date, "granularity": t.granularity, "summary": t.summary, "evidence": [_evidence(e) for e in t.events]}
            for t in comparison.timeline
        ],
    }  # fmt: skip


def render_markdown(document: dict[str, Any]) -> str:
    """The report for reading: coverage, agreements, contradictions, unique facts, wording, timeline."""
    story = document["story"]
    lines = [f"# Story {escape(story['label'] or story['id'])}", "", f"`{story['id']}` · {len(document['articles'])} articles", ""]
    lines += ["## Coverage", "", "| date | outlet | headline |", "|---|---|---|"]
    lines += [f"| {a['published'] or 'unknown'} | {escape(a['outlet'])} | {escape(a['title'] or '')} |" for a in document["articles"]]
    lines += ["", f"## Contradictions ({len(document['contradictions'])})", ""]
    for c in document["contradictions"]:
        lines += [f"- **{c['kind']}**: {escape(c['explanation'])}", f"  - {_quote(c['a'])}", f"  - {_quote(c['b'])}"]
    lines += ["", f"## Agreements ({len(document['agreements'])})", ""]
    for a in document["agreements"]:
        lines += [f"- reported by {escape(', '.join(a['outlets']))}"] + [f"  - {_quote(e)}" for e in a["evidence"]]
    lines += ["", f"## Reported by one source only ({len(document['unique'])})", ""]
    for u in document["unique"]:
        lines += [f"- {_quote(u['evidence'])} — not in {escape(', '.join(u['missing_from']))}"]
    lines += ["", "## Wording", "", "| thing | outlet | forms |", "|---|---|---|"]
    for concept in document["framing"]:
        for outlet, forms in concept["forms"].items():
            shown = ", ".join(f"{escape(form)} ×{count}" for form, count in forms.items())
            lines.append(f"| {escape(concept['concept'])} | {escape(outlet)} | {shown} |")
    lines += ["", "| outlet | hedged or alleged claims |", "|---|---:|"]
    lines += [f"| {escape(outlet)} | {share:.0%} |" for outlet, share in document["hedging"].items()]
    lines += ["", "## Timeline", ""]
    for entry in document["timeline"]:
        lines += [f"- **{entry['date']}**"] + [f"  - {_quote(e)}" for e in entry["evidence"]]
    return "\n".join(lines) + "\n"


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "outlet": article.outlet, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
    }  # fmt: skip


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {"article_id": evidence.article_id, "outlet": evidence.outlet, "start": evidence.start, "end": evidence.end, "text": evidence.text}


def _quote(evidence: dict[str, Any]) -> str:
    return f"{escape(evidence['outlet'])}: “{escape(evidence['text'])}”"
