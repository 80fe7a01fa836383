"""`manysides report`, `compare`, `show` and `blindspots`: what the stored coverage says, story by story."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from manysides.cli.context import AppContext, pass_app
from manysides.cli.ingest import ingest_with_progress, process_with_progress
from manysides.cli.options import all_contradictions_option, db_option, json_option, outlets_option
from manysides.cli.progress import EXIT_INTERRUPTED, CleanTable, stderr, stdout
from manysides.ingest import ReadOptions
from manysides.jobs import compare_articles, compare_story_in, label_of, report_document, story_blindspots
from manysides.model import Article, Placement
from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE
from manysides.report.comparison import chain_text, every_chain
from manysides.report.display import neutralise
from manysides.report.html import render
from manysides.plain import plain
from manysides.report.json import to_json
from manysides.report.markdown import render_summary
from manysides.report.summary import headline, summarise


@click.command("report")
@click.argument("story", required=False, metavar="[STORY]")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True,
    help="html: one self-contained file (story reports only).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@all_contradictions_option
@db_option
@outlets_option
@pass_app
def report_command(app: AppContext, story: str | None, fmt: str, out: Path | None, all_contradictions: bool) -> None:
    """Write the comparison report of one STORY, or without STORY a coverage summary of the database.

    The story report lists, each with the exact source sentences: contradictions, facts several
    outlets agree on, facts only one outlet reports, quotes, each outlet's wording and hedging, and
    the timeline. The JSON form follows docs/report-schema.json.

    \b
    Example:
        manysides report s1a2b3c4d5e6 --format html --out story.html
        manysides report --format md --out coverage.md
    """
    if story is None and fmt == "html":
        raise click.UsageError("--format html needs a STORY (the coverage summary is md or json)")
    registry = app.registry
    if story is None:
        summary = summarise(app.store.articles())
        rendered = render_summary(summary) if fmt == "md" else to_json(summary) + "\n"
        what = f"{summary.article_count} articles, {len(summary.outlets)} outlets"
    else:
        comparison, label = compare_story_in(app.store, story, registry)
        rendered = render(report_document(comparison, label, registry, all_contradictions), fmt)
        what = f"{len(comparison.articles)} articles, {len(comparison.contradictions)} contradictions"
    _write(rendered, out, what)


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report here.")
@click.option("--md", "md_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the Markdown report here.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML report here.")
@click.option("--outlet", help="Outlet of every article read (overrides what the inputs say).")
@click.option("--db", metavar="URL", help="Keep the articles in this database (default: a temporary one).")
@all_contradictions_option
@outlets_option
def compare_command(
    inputs: tuple[str, ...],
    json_out: Path | None,
    md_out: Path | None,
    html_out: Path | None,
    outlet: str | None,
    db: str | None,
    all_contradictions: bool,
    outlets_file: str | None,
) -> None:
    """Compare the articles of the given files as one story.

    Reads the inputs as `manysides ingest` does (each bad item is one line on stderr), analyses
    them, and prints a summary: coverage, contradictions, what the outlets agree on. --json, --md
    and --html write the full reports (the HTML one is a single file that opens anywhere offline).

    Each article's outlet is what it says (an `outlet:` header line, its metadata or URL), else
    --outlet, else the name given as FILE=OUTLET, else the file's own name: two saved articles in
    one folder are two outlets.

    \b
    Example:
        manysides compare examples/corpus/brenlow-dam/ --html dam.html --json dam.json
        manysides compare rt.txt=RT rferl.txt="RFE/RL"
    """
    paths, named = _named_outlets(inputs)
    with tempfile.TemporaryDirectory() as tmp, AppContext(db or str(Path(tmp) / "compare.db"), outlets_file) as app:
        registry = app.registry  # a bad file fails before any work
        options = ReadOptions(
            outlet=outlet, max_file_bytes=app.settings.max_file_bytes, max_article_words=app.settings.max_article_words,
            outlets=named, outlet_by_folder=False,
        )  # fmt: skip
        summary, interrupted = ingest_with_progress(paths, app.store, options)
        if interrupted or not process_with_progress(app, summary):
            sys.exit(EXIT_INTERRUPTED)
        if not summary.article_ids:
            raise click.ClickException("no article could be read from the inputs")
        comparison = compare_articles(app.store, summary.article_ids, "compared", registry)
        _say_outlets_of_files(comparison.articles, outlet, named)
        document = report_document(comparison, label_of(app.store, summary.article_ids), registry, all_contradictions)
    for out, fmt in ((json_out, "json"), (md_out, "md"), (html_out, "html")):
        if out is not None:
            _write(render(document, fmt), out, f"{fmt} report")
    print_comparison(document)
    if summary.failures:
        sys.exit(1)


def _named_outlets(inputs: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str]]:
    """`rt.txt=RT` → the path rt.txt, whose outlet is RT; an input whose part before its last `=` is no
    existing file is read as it is (a URL's query holds `=` too)."""
    paths, named = [], {}
    for given in inputs:
        path, equals, outlet = given.rpartition("=")
        if equals and outlet.strip() and Path(path).is_file():
            named[path] = outlet.strip()
            given = path
        paths.append(given)
    return tuple(paths), named


def _say_outlets_of_files(articles: Iterable[Article], outlet: str | None, named: dict[str, str]) -> None:
    """One line when files named no outlet and were each named after their file, so a user who meant
    them as one outlet, or wants the real names, knows how to say so."""
    unnamed = sorted({
        Path(a.source).name for a in articles
        if outlet is None and a.source not in named and a.outlet == Path(a.source).stem
    })  # fmt: skip
    if unnamed:
        stderr.print(
            f"{', '.join(unnamed)}: no outlet named, so each file is its own outlet, named after the file; name outlets "
            "with an `outlet:` header line, --outlet NAME, or FILE=OUTLET (manysides compare rt.txt=RT).",
            markup=False, highlight=False,
        )  # fmt: skip


@click.command("show")
@click.argument("story", metavar="STORY")
@all_contradictions_option
@db_option
@outlets_option
@json_option
@pass_app
def show_command(app: AppContext, story: str, all_contradictions: bool, as_json: bool) -> None:
    """Show one story: its articles by date (wire copies marked), then what they agree on and dispute.

    The full comparison, with every sentence, is `manysides report STORY`.

    \b
    Example:
        manysides show s1a2b3c4d5e6
    """
    registry = app.registry
    story_id = app.store.resolve_story(story)
    label, members = app.store.story_label(story_id), app.store.story_members(story_id)
    if as_json:
        rows = [
            {"id": a.id, "outlet": a.outlet, "title": a.title, "published": plain(a.published),
             "probability": p.probability, "pinned": p.pinned, "copy_of": p.copy_of}
            for a, p in members
        ]  # fmt: skip
        click.echo(to_json({"id": story_id, "label": label, "articles": rows}))
        return
    document = report_document(*compare_story_in(app.store, story_id, registry), registry, all_contradictions)
    table = CleanTable("article", "date", "outlet", "headline", "how it joined", title=f"{story_id}: {label}")
    for article, placement in members:
        table.add_row(article.id[:12], str(article.published or "?"), article.outlet, headline(article), _how(placement))
    stdout.print(table)
    print_comparison(document)


@click.command("blindspots")
@click.option(
    "--by", "dimension", default="country", show_default=True, metavar="GROUPING",
    help="country, ownership, language, kind, or a grouping from your --outlets file.",
)
@click.option(
    "--share", type=click.FloatRange(0.5, 1.0), default=BLINDSPOT_SHARE, show_default=True,
    help="A story is a blindspot when one group has at least this share of its known outlets.",
)
@click.option(
    "--min-outlets", type=click.IntRange(min=1), default=BLINDSPOT_MIN_OUTLETS, show_default=True,
    help="Only stories with at least this many outlets the registry knows.",
)
@db_option
@outlets_option
@json_option
@pass_app
def blindspots_command(app: AppContext, dimension: str, share: float, min_outlets: int, as_json: bool) -> None:
    """List stories covered only, or mostly, by one group of outlets: one country, one ownership type,
    one language, or one group of your own (say your left/right list).

    Outlets the registry does not know are shown but never counted.

    \b
    Example:
        manysides blindspots --by ownership
        manysides blindspots --by lean --outlets my-outlets.yaml --share 0.75
    """
    registry = app.registry  # a bad outlets file fails before the database is opened
    found = story_blindspots(app.store, registry, dimension, share, min_outlets)
    if as_json:
        click.echo(to_json(found))
        return
    table = CleanTable("story", "covered by", "share", "its outlets", "others", "label", title=f"{len(found)} blindspots by {dimension}")
    for b in found:
        table.add_row(
            b.story_id, escape(b.group_label), f"{b.share:.0%}", escape(", ".join(b.outlets)),
            escape(", ".join(b.others) or "—"), escape(b.label),
        )  # fmt: skip
    stdout.print(table)


def print_comparison(document: dict[str, Any]) -> None:
    """The terminal summary of a comparison document: outlets, blindspots, contradictions, agreements,
    facts one outlet reports, quotes, chains of reporting."""
    outlets = [_who(o) for o in document["outlets"]]
    stdout.print(
        f"[bold]{len(document['articles'])} articles[/bold] from {len(outlets)} outlets: {escape(neutralise(', '.join(outlets)))}",
        highlight=False,
    )
    for b in document["blindspots"]:
        stdout.print(f"[yellow]Blindspot[/yellow]: {b['share']:.0%} of the known outlets are of one {b['by']}: {escape(b['label'])}")
    table = CleanTable("kind", "explanation", title=f"{len(document['contradictions'])} contradictions", title_justify="left")
    for c in document["contradictions"]:
        table.add_row(c["kind"] + (" (possible)" if c["possible"] else ""), escape(c["explanation"]))
    stdout.print(table)
    if (hidden := document["possible_contradictions"]) and not any(c["possible"] for c in document["contradictions"]):
        stdout.print(f"[dim]{hidden} possible contradictions not shown: their sentences may not state one fact (--all-contradictions lists them).[/dim]")
    agreements = CleanTable("outlets", "fact (the wording closest to all others)", title=f"{len(document['agreements'])} agreements", title_justify="left")
    for a in document["agreements"][:10]:
        disputed = f" [yellow](disputed: {', '.join(a['disputed'])})[/yellow]" if a["disputed"] else ""
        agreements.add_row(str(len(a["outlets"])), escape(a["summary"]) + disputed)
    stdout.print(agreements)
    unique = CleanTable("outlet", "fact", title=f"{len(document['unique'])} facts reported by one outlet only", title_justify="left")
    for u in document["unique"][:10]:
        only = f" [dim](only here: {escape(', '.join(u['details']))})[/dim]" if u["details"] else ""
        unique.add_row(escape(u["outlet"]), escape(u["summary"]) + only)
    stdout.print(unique)
    stdout.print(f"{len(document['quotes'])} quotes; the full lists are in the --json, --md and --html reports.")
    for outlet, chain in every_chain(document):
        stdout.print(f"Reported through another outlet: {escape(neutralise(chain_text(outlet, chain)))}", highlight=False)


def _who(outlet: dict[str, Any]) -> str:
    """'Reuters (United Kingdom, private)'; 'Harbour Herald (not in the registry)'."""
    entry = outlet["registry"]
    if entry is None:
        return f"{outlet['outlet']} (not in the registry)"
    return f"{outlet['outlet']} ({entry['country_name']}, {entry['ownership']})"


def _how(placement: Placement) -> str:
    if placement.copy_of:
        return f"copy of {placement.copy_of[:12]}"
    if placement.pinned:
        return "placed by hand"
    if placement.probability is None:
        return "started the story"
    return f"joined (p = {placement.probability:.2f})"


def _write(rendered: str, out: Path | None, what: str) -> None:
    if out is None:
        click.echo(rendered, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rendered, encoding="utf-8")
    stderr.print(f"Wrote {out} ({what}).")
