"""Markdown renderings of reports; article text is escaped so it cannot break the table layout."""

from __future__ import annotations

from manysides.report.summary import CorpusSummary


def render_summary(summary: CorpusSummary) -> str:
    span = f"{summary.first} to {summary.last}" if summary.first else "no dates known"
    lines = [
        "# Coverage summary",
        "",
        f"{summary.article_count} articles from {len(summary.outlets)} outlets, {span}"
        + (f" ({summary.undated} undated)." if summary.undated else "."),
        "",
        "| outlet | articles | words |",
        "|---|---:|---:|",
        *(f"| {escape(o.outlet)} | {len(o.articles)} | {o.words:,} |" for o in summary.outlets),
    ]
    for outlet in summary.outlets:
        lines += ["", f"## {escape(outlet.outlet)}", "", "| date | headline | words | id |", "|---|---|---:|---|"]
        lines += [
            f"| {line.published or 'unknown'} | {escape(line.headline)} | {line.words:,} | `{line.id[:12]}` |"
            for line in outlet.articles
        ]
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Neutralise Markdown and HTML syntax in untrusted text (titles, outlet names)."""
    out = text.replace("\\", "\\\\")
    for char in "|*_`[]<>#":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())
