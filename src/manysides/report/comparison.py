"""A story's Comparison as the documented JSON report (docs/report-schema.json) and as Markdown.

`story_document` is the one place that decides the report's shape: the JSON file is this dict, and the
Markdown report renders this dict, so the two never disagree. Every finding carries its evidence:
article id, outlet, character offsets into the stored article text, and the exact text. Nothing is
computed here that a reader could not see in the records: what the outlets are, coverage, blindspots and
spreads come from outlets/story.py, the findings from compare/.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from manysides.model import Agreement, Article, Claim, Comparison, Contradiction, Evidence, Span
from manysides.outlets.story import StoryOutlet, StoryOutlets
from manysides.report.markdown import escape

SCHEMA_VERSION = 3


def story_document(
    comparison: Comparison, label: str, outlets: StoryOutlets, all_contradictions: bool = False
) -> dict[str, Any]:
    """The report of one comparison and its outlets (`story_outlets` of the same comparison). The
    possible contradictions (too unsure to show) are counted, and listed, marked possible, only with
    `all_contradictions`."""
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
        "outlets": [_outlet(outlet) for outlet in outlets.outlets],
        "coverage": {
            dimension: [asdict(group) | {"outlets": list(group.outlets)} for group in groups]
            for dimension, groups in outlets.coverage.items()
        },
        "blindspots": [
            {"by": b.dimension, "group": b.group, "label": b.group_label, "share": b.share, "outlets": list(b.outlets)}
            for b in outlets.blindspots
        ],
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
            {"summary": a.summary, "outlets": sorted({e.outlet for e in a.evidence}),
             "spread": spread,
             "evidence": [_evidence(e) for e in a.evidence], "disputed": disputed_in(a, comparison.contradictions)}
            for a, spread in zip(comparison.agreements, outlets.spreads, strict=True)
        ],
        "unique": [
            {"article_id": u.evidence.article_id, "outlet": u.evidence.outlet, "summary": u.summary,
             "evidence": _evidence(u.evidence), "missing_from": list(u.missing_from), "details": list(u.details)}
            for u in comparison.unique
        ],
        "contradictions": [
            {"kind": c.kind, "explanation": c.explanation, "confidence": c.confidence, "possible": possible,
             "a": claim(c.first), "b": claim(c.second)}
            for possible, listed in ((False, comparison.contradictions), (True, comparison.possible if all_contradictions else ()))
            for c in listed
        ],
        "possible_contradictions": len(comparison.possible),
        "framing": [
            {"concept": e.name, "entity_id": e.id, "forms": e.forms}
            for e in comparison.entities
            if len({form for forms in e.forms.values() for form in forms}) > 1
        ] + [{"concept": w.concept, "entity_id": None, "forms": w.forms} for w in comparison.word_choices],
        "loaded_terms": [
            {"outlet": t.outlet, "term": t.term, "category": t.category, "neutral": t.neutral, "count": t.count,
             "evidence": [_evidence(e) for e in t.evidence]}
            for t in comparison.loaded_terms
        ],
        "distinctive": [{"outlet": w.outlet, "word": w.word, "count": w.count, "z": w.z} for w in comparison.distinctive],
        "sourcing": _sourcing(comparison),
        "hedging": comparison.hedging,
        "timeline": [
            {"date": t.date, "granularity": t.granularity, "summary": t.summary, "evidence": [_evidence(e) for e in t.events],
             "disputed": any(c.kind == "date" and (_within(t.events, c.first) or _within(t.events, c.second))
                             for c in comparison.contradictions)}
            for t in comparison.timeline
        ],
    }  # fmt: skip


def without_possible(document: dict[str, Any]) -> dict[str, Any]:
    """A report document listing only the contradictions shown by default (one made with all of them)."""
    return document | {"contradictions": [c for c in document["contradictions"] if not c["possible"]]}


def render_markdown(document: dict[str, Any]) -> str:
    """The report for reading: coverage, agreements, contradictions, unique facts, wording, timeline."""
    story = document["story"]
    lines = [f"# {escape(story['label'] or 'Story ' + story['id'])}", "", f"`{story['id']}` · {len(document['articles'])} articles", ""]
    lines += ["## Coverage", "", "| date | outlet | headline |", "|---|---|---|"]
    lines += [f"| {a['published'] or 'unknown'} | {escape(a['outlet'])} | {escape(a['title'] or '')} |" for a in document["articles"]]
    lines += ["", "## Who published", "", "| outlet | country | ownership | kind | owner | source |", "|---|---|---|---|---|---|"]
    for outlet in document["outlets"]:
        entry = outlet["registry"]
        if entry is None:
            lines.append(f"| {escape(outlet['outlet'])} | not in the registry | | | | |")
        else:
            lines.append(
                f"| {escape(outlet['outlet'])} | {escape(entry['country_name'])} | {entry['ownership']} | {entry['kind']} "
                f"| {escape(entry['owner'])} | {escape(entry['sources']['ownership']['source'])} |"
            )
    lines.append("")
    for b in document["blindspots"]:
        lines.append(f"- **blindspot**: {b['share']:.0%} of the known outlets are of one {b['by']}: {escape(b['label'])}")
    for dimension, groups in document["coverage"].items():
        shown = "; ".join(f"{escape(g['label'])}: {len(g['outlets'])} ({escape(', '.join(g['outlets']))})" for g in groups)
        lines.append(f"- **by {dimension}**: {shown}")
    lines += ["", f"## Contradictions ({len(document['contradictions'])})", ""]
    for c in document["contradictions"]:
        possible = f" (possible, confidence {c['confidence']:.2f})" if c["possible"] else ""
        lines += [f"- **{c['kind']}**{possible}: {escape(c['explanation'])}", f"  - {_quote(c['a'])}", f"  - {_quote(c['b'])}"]
    if (hidden := document["possible_contradictions"]) and not any(c["possible"] for c in document["contradictions"]):
        lines += [f"_{hidden} possible contradictions not shown: the two sentences may not state one fact (`--all-contradictions` lists them)._"]
    lines += ["", f"## Agreements ({len(document['agreements'])})", ""]
    for a in document["agreements"]:
        disputed = f" · **disputed**: {', '.join(a['disputed'])} (see Contradictions)" if a["disputed"] else ""
        lines += [f"- reported by {escape(', '.join(a['outlets']))} — {escape(a['spread'])}{disputed}"]
        lines += [f"  - {_quote(e)}" for e in a["evidence"]]
    lines += ["", f"## Reported by one source only ({len(document['unique'])})", ""]
    for u in document["unique"]:
        only = f" — only here: {escape(', '.join(u['details']))}" if u["details"] else ""
        lines += [f"- {_quote(u['evidence'])}{only} — not in {escape(', '.join(u['missing_from']))}"]
    lines += ["", "## Wording", "", "| thing | outlet | forms |", "|---|---|---|"]
    for concept in document["framing"]:
        for outlet, forms in concept["forms"].items():
            shown = ", ".join(f"{escape(form)} ×{count}" for form, count in forms.items())
            lines.append(f"| {escape(concept['concept'])} | {escape(outlet)} | {shown} |")
    lines += ["", "| outlet | hedged or alleged claims | quotes | anonymous | channels cited |", "|---|---:|---:|---:|---|"]
    for outlet, profile in document["sourcing"].items():
        channels = ", ".join(f"{escape(c)} ×{n}" for c, n in profile["channels"].items())
        share = document["hedging"].get(outlet)
        lines.append(
            f"| {escape(outlet)} | {'' if share is None else f'{share:.0%}'} | {profile['quotes']} | {profile['anonymous']} | {channels} |"
        )
    chains = every_chain(document)
    if chains:
        lines += ["", "Reported through other news organisations:", ""]
        lines += [f"- {escape(chain_text(outlet, c))}: “{escape(c['evidence']['text'])}”" for outlet, c in chains]
    if document["loaded_terms"]:
        lines += ["", "Loaded terms (with a more neutral wording):", ""]
        lines += [
            f"- {escape(t['outlet'])}: “{escape(t['term'])}” ×{t['count']} ({t['category']}; neutral: {escape(t['neutral'])}) — {_quote(t['evidence'][0])}"
            for t in document["loaded_terms"]
        ]
    if document["distinctive"]:
        by_outlet: dict[str, list[str]] = defaultdict(list)
        for w in document["distinctive"]:
            by_outlet[w["outlet"]].append(f"{escape(w['word'])} ({w['count']})")
        lines += ["", "Words that set each outlet apart (log-odds, z ≥ 1.645):", ""]
        lines += [f"- {escape(outlet)}: {', '.join(words)}" for outlet, words in by_outlet.items()]
    lines += ["", "## Timeline", ""]
    for entry in document["timeline"]:
        period = "" if entry["granularity"] == "day" else f" ({entry['granularity']})"
        disputed = " · **disputed date** (see Contradictions)" if entry["disputed"] else ""
        lines += [f"- **{entry['date']}**{period}{disputed}"] + [f"  - {_quote(e)}" for e in entry["evidence"]]
    return "\n".join(lines) + "\n"


def every_chain(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(outlet, chain) for each chain of each outlet of a report document, outlets in the report's order."""
    return [(outlet, chain) for outlet, profile in document["sourcing"].items() for chain in profile["chains"]]


def chain_text(outlet: str, chain: dict[str, Any]) -> str:
    """ "Civic Courier → the Northern Ledger ← two officials familiar with the call (anonymous)", unescaped."""
    cited = f" ← {chain['source']}{' (anonymous)' if chain['anonymous'] else ''}" if chain["source"] else ""
    return f"{outlet} → {chain['via']}{cited}"


def _sourcing(comparison: Comparison) -> dict[str, dict[str, Any]]:
    """Outlet → whom it quotes: quotes, named and anonymous speakers, the channels it cites ("told Reuters"),
    and the chains it reports through other news organisations (outlet → the Post → "sources close to…")."""
    articles = {article.id: article.outlet for article in comparison.articles}
    profile: dict[str, dict[str, Any]] = {}
    for outlet in sorted(set(articles.values()), key=str.casefold):
        quotes = [q for q in comparison.quotes if articles[q.evidence.article_id] == outlet]
        anonymous = sum(q.anonymous for q in quotes)
        channels: dict[str, int] = {}
        for q in quotes:
            if q.channel:
                channels[q.channel] = channels.get(q.channel, 0) + 1
        profile[outlet] = {
            "quotes": len(quotes), "named": len(quotes) - anonymous, "anonymous": anonymous,
            "anonymous_share": round(anonymous / len(quotes), 3) if quotes else 0.0,
            "speakers": sorted({q.speaker for q in quotes if q.speaker}), "channels": channels,
            "chains": [
                {"via": c.via, "source": c.source, "anonymous": c.anonymous, "evidence": _evidence(c.evidence)}
                for c in comparison.chains if c.evidence.outlet == outlet
            ],
        }  # fmt: skip
    return profile


def _outlet(outlet: StoryOutlet) -> dict[str, Any]:
    """An outlet as the articles name it, and who it is according to the registry (None: unknown)."""
    found = outlet.resolution
    return {"outlet": found.given, "resolved_by": found.by, "score": found.score, "registry": outlet.facts}


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "outlet": article.outlet, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
    }  # fmt: skip


def disputed_in(agreement: Agreement, contradictions: Sequence[Contradiction]) -> list[str]:
    """The kinds of the contradictions between the agreement's own sentences: the outlets report one
    event but not the same figures ("1,200 residents" / "1,500 people" were evacuated) — an agreement
    a reader must not take for a confirmation of every detail in it."""
    evidence = agreement.evidence
    return sorted({c.kind for c in contradictions if _within(evidence, c.first) and _within(evidence, c.second)})


def _within(evidence: Sequence[Evidence], claim: Claim) -> bool:
    """Whether the claim is said in one of these sentences."""
    return any(e.article_id == claim.evidence.article_id and e.start <= claim.evidence.start < e.end for e in evidence)


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {"article_id": evidence.article_id, "outlet": evidence.outlet, "start": evidence.start, "end": evidence.end, "text": evidence.text}


def _quote(evidence: dict[str, Any]) -> str:
    return f"{escape(evidence['outlet'])}: “{escape(evidence['text'])}”"
