"""The `manysides` command: a thin skin over the library.

Each command parses its options, makes one library call and renders the result. Errors a
user can cause (`ManysidesError`) become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.exc import DatabaseError, IntegrityError, ProgrammingError

from manysides import __version__
from manysides.config import Settings, redact
from manysides.errors import InputError, ManysidesError, StoreError
from manysides.ingest import ReadOptions, expand
from manysides.ingest.dates import DateError, parse_date
from manysides.ingest.origin import domain_of
from manysides.model import Article, Placement
from manysides.jobs import (
    IngestSummary,
    analyse,
    compare_articles,
    compare_story_in,
    date_from_stories,
    ingest,
    label_of,
    merge_stories,
    outlet_resolutions,
    place_in_stories,
    split_story,
    story_blindspots,
)
from manysides.nlp.embeddings import default_encoder
from manysides.nlp.pipeline import PIPELINE_VERSION, default_pipeline
from manysides.outlets.coverage import BLINDSPOT_MIN_OUTLETS, BLINDSPOT_SHARE
from manysides.outlets.registry import FACTS, KINDS, OWNERSHIP, Registry, RegistryError, facts, load_registry
from manysides.report.json import plain, to_json
from manysides.report.comparison import chain_text, comparison_document, every_chain
from manysides.report.html import render
from manysides.report.markdown import render_summary
from manysides.report.summary import headline, summarise
from manysides.store import Store
from manysides.report.display import neutralise

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERRUPTED = 130

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True, highlight=False)


class _Group(click.Group):
    """Turns library errors into click's one-line `Error: …` and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ManysidesError as exc:
            raise click.ClickException(str(exc)) from exc


class _Table(Table):
    """A rich table whose text cells and title lose their bidi control characters (report/display.py):
    a stored outlet name must not reorder the terminal's line."""

    def __init__(self, *headers: str, title: str | None = None, **options: Any) -> None:
        super().__init__(*headers, title=None if title is None else neutralise(title), **options)

    def add_row(self, *cells: RenderableType | None, **options: Any) -> None:
        super().add_row(*(neutralise(c) if isinstance(c, str) else c for c in cells), **options)


def db_option(command: F) -> F:
    """`--db`, and one line instead of a traceback when the database turns out unreadable mid-command."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (IntegrityError, ProgrammingError):
            raise  # our own bug, not a damaged file: keep the traceback
        except DatabaseError as exc:  # a damaged file passes the opening checks and fails at its first bad page
            where = redact(Settings.load(kwargs.get("db")).db_url)
            reason = str(exc.orig or exc).splitlines()[0]
            raise StoreError(f"{where}: cannot read the database: {reason}") from exc

    return click.option(
        "--db",
        metavar="URL",
        help="Database: a file path or sqlite:///FILE (default manysides.db, or $MANYSIDES_DB), "
        "or postgresql://user@host/name for a shared server.",
    )(guarded)  # type: ignore[return-value]


def all_contradictions_option(command: F) -> F:
    return click.option(
        "--all-contradictions", is_flag=True,
        help="Also list the possible contradictions, marked so: those whose two sentences may not state one fact "
        "(on real coverage most such pairs are about two different things).",
    )(command)  # fmt: skip


def max_words_option(command: F) -> F:
    return click.option(
        "--max-article-words", type=click.IntRange(min=1), metavar="N",
        help="Refuse articles longer than N words, one line each (default 50,000, or $MANYSIDES_MAX_ARTICLE_WORDS).",
    )(command)  # fmt: skip


def outlets_option(command: F) -> F:
    return click.option(
        "--outlets", "outlets_file", metavar="FILE",
        help="Your own outlet registry (YAML, see docs/OUTLETS.md), read on top of the built-in one "
        "(default $MANYSIDES_OUTLETS).",
    )(command)  # fmt: skip


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def _date_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="manysides")
def cli() -> None:
    """Compare how different news outlets cover the same story.

    Feed it articles (text, HTML, JSON/JSONL, RSS/Atom, URLs); it stores them and, story by
    story, shows what outlets agree on, what only one reports, where they contradict each
    other, whom they quote and which words they choose.

    \b
    Example:
        manysides ingest examples/corpus/
        manysides articles --outlet "Harbour Herald"
    """


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--outlet", help="Outlet of every article read (overrides what the inputs say).")
@click.option(
    "--date",
    "published",
    metavar="YYYY-MM-DD",
    callback=_date_value,
    help="Publication date of every article read (overrides what the inputs say).",
)
@click.option(
    "--max-file-size",
    metavar="SIZE",
    help="Refuse files (and JSONL lines, and downloads) larger than this, e.g. 20MB (default) or 512KiB.",
)
@max_words_option
@click.option("--no-analyse", is_flag=True, help="Only store the articles; analyse them later with `manysides analyse`.")
@db_option
@json_option
def ingest_command(
    inputs: tuple[str, ...],
    outlet: str | None,
    published: date | None,
    max_file_size: str | None,
    max_article_words: int | None,
    no_analyse: bool,
    db: str | None,
    as_json: bool,
) -> None:
    """Read articles from files, folders, globs and URLs into the database.

    Formats: plain text (optional header lines `date 2024-11-11`, `outlet: …`, `title: …`,
    `url: …`), HTML pages, JSON (object or list), JSONL, RSS/Atom feeds, and http(s) URLs of
    any of these. Folders are read recursively. Re-ingesting the same input adds nothing.

    Each bad item prints one line `PATH[:LINE]: reason`; the good items are stored anyway,
    and the command exits with status 1 if anything failed. New articles are then analysed
    (sentences, entities, dates) unless --no-analyse is given.

    \b
    Example:
        manysides ingest examples/corpus/ 'feeds/*.xml' https://example.org/rss
        manysides ingest story.txt --outlet "Harbour Herald" --date 2024-11-11
    """
    settings = Settings.load(db, max_file_size, max_article_words=max_article_words)
    options = ReadOptions(
        outlet=outlet, published=published, max_file_bytes=settings.max_file_bytes, max_article_words=settings.max_article_words
    )
    with Store(settings.db_url) as store:
        summary, interrupted = _ingest_with_progress(inputs, store, options)
        if not (interrupted or no_analyse):
            interrupted = not (_run_analysis(store, settings.max_article_words, summary) and _run_story_placement(store))
    _print_ingest_summary(summary, interrupted, as_json)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(1)


def _ingest_with_progress(inputs: tuple[str, ...], store: Store, options: ReadOptions) -> tuple[IngestSummary, bool]:
    """Read every input into the store with a progress bar, a line per failure; (summary, interrupted)."""
    expansion = expand(inputs)
    summary = IngestSummary(failures=list(expansion.failures))
    for failure in expansion.failures:
        _print_failure(failure)
    with _progress() as progress:
        task = progress.add_task("Ingesting", total=len(expansion.sources))
        try:
            for event in ingest(expansion.sources, store, options):
                summary.count(event)
                if event.error is not None:
                    _print_failure(event.error, progress.console)
                if event.kind == "done":
                    progress.advance(task)
        except KeyboardInterrupt:
            return summary, True
    return summary, False


@cli.command("analyse")
@max_words_option
@click.option("--retry-failed", is_flag=True, help="Try again the articles whose analysis failed before.")
@db_option
def analyse_command(max_article_words: int | None, retry_failed: bool, db: str | None) -> None:
    """Analyse stored articles that have no analysis yet, then place them in stories.

    `manysides ingest` does this for new articles unless given --no-analyse; run it after an
    ingest with --no-analyse, or after upgrading manysides (a newer analysis redoes old ones).
    An article whose analysis fails (or that is longer than --max-article-words) prints one
    line, is skipped by later runs until --retry-failed, and never stops the others; the command
    then exits with status 1. Several `analyse` or `ingest` runs on one database share the work.

    \b
    Example:
        manysides ingest feeds/ --no-analyse && manysides analyse
        manysides analyse --retry-failed --max-article-words 100000
    """
    settings = Settings.load(db, max_article_words=max_article_words)
    with Store(settings.db_url) as store:
        if retry_failed:
            store.forget_analysis_failures()
        summary = IngestSummary()
        if not (_run_analysis(store, settings.max_article_words, summary) and _run_story_placement(store)):
            sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(1)


def _run_analysis(store: Store, max_words: int, summary: IngestSummary) -> bool:
    """Analyse what is pending with a progress bar, a line per failed article (counted in `summary`);
    False if interrupted (what was done is stored)."""
    pending = store.count_to_analyse(PIPELINE_VERSION)
    if not pending:
        return True
    done = failed = 0
    with _progress() as progress:
        task = progress.add_task("Analysing", total=pending)
        try:
            for event in analyse(store, default_pipeline(), default_encoder(), max_words=max_words):
                summary.count_analysis(event)
                if event.error is not None:
                    failed += 1
                    _print_failure(event.error, progress.console)
                else:
                    done += 1
                progress.advance(task)
        except KeyboardInterrupt:
            stderr.print(f"Interrupted: {done} of {pending} articles analysed and stored.")
            return False
    stderr.print(f"Analysed {done} articles" + (f"; {failed} failed (skipped until `manysides analyse --retry-failed`)." if failed else "."))
    return True


def _run_story_placement(store: Store, rebuild: bool = False) -> bool:
    """Place analysed articles in stories; False if interrupted (each placement is stored as it is made)."""
    placed = started = 0
    with _progress() as progress:
        task = progress.add_task("Placing in stories", total=None)
        try:
            for placement in place_in_stories(store, rebuild=rebuild):
                placed += 1
                started += placement.probability is None and placement.copy_of is None
                progress.advance(task)
        except KeyboardInterrupt:
            stderr.print(f"Interrupted: {placed} articles placed in stories and stored.")
            return False
    if placed:
        stderr.print(f"Placed {placed} articles in stories ({started} new stories).")
        dated = sum(1 for _ in date_from_stories(store, default_pipeline()))
        if dated:
            stderr.print(f"Dated {dated} undated articles by their stories (marked inferred) and analysed them again.")
    return True


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def _print_failure(error: InputError, console: Console = stderr) -> None:
    console.print(neutralise(f"{error.location}: {error.reason}"), markup=False, highlight=False)


def _print_ingest_summary(summary: IngestSummary, interrupted: bool, as_json: bool) -> None:
    if as_json:
        failures = [{"location": f.location, "reason": f.reason} for f in summary.failures]
        counts = {"added": summary.added, "present": summary.present, "failed": summary.failed}
        click.echo(json.dumps(counts | {"interrupted": interrupted, "failures": failures}, indent=2))
        return
    line = f"Added {summary.added}, already present {summary.present}, failed {summary.failed}."
    stderr.print(("Interrupted: every article counted here is stored. " if interrupted else "") + line)


@cli.command("articles")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", metavar="YYYY-MM-DD", callback=_date_value, help="Only articles published on or after.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@db_option
@json_option
def articles_command(
    outlet: str | None, since: date | None, limit: int | None, db: str | None, as_json: bool
) -> None:
    """List stored articles, oldest first (undated last).

    \b
    Example:
        manysides articles --outlet "Harbour Herald" --since 2024-11-01
        manysides articles --json | jq '.[].title'
    """
    with Store(Settings.load(db).db_url) as store:
        found = list(itertools.islice(store.articles(outlet=outlet, since=since), limit))
    if as_json:
        fields = ("id", "outlet", "title", "url", "published", "language", "source", "external_id")
        click.echo(to_json([{key: plain(getattr(a, key)) for key in fields} | {"words": a.word_count} for a in found]))
        return
    table = _Table("id", "date", "outlet", "words", "headline", title=f"{len(found)} articles")
    for article in found:
        table.add_row(
            article.id[:12], str(article.published or "?"), article.outlet, f"{article.word_count:,}", headline(article)
        )
    stdout.print(table)


@cli.command("report")
@click.argument("story", required=False, metavar="[STORY]")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True,
    help="html: one self-contained file (story reports only).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@all_contradictions_option
@db_option
@outlets_option
def report_command(
    story: str | None, fmt: str, out: Path | None, all_contradictions: bool, db: str | None, outlets_file: str | None
) -> None:
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
    settings = Settings.load(db, outlets=outlets_file)
    registry = load_registry(settings.outlets_file)
    with Store(settings.db_url) as store:
        if story is None:
            summary = summarise(store.articles())
            rendered = render_summary(summary) if fmt == "md" else to_json(summary) + "\n"
            what = f"{summary.article_count} articles, {len(summary.outlets)} outlets"
        else:
            comparison, label = compare_story_in(store, story)
            rendered = render(comparison_document(comparison, label, registry, all_contradictions), fmt)
            what = f"{len(comparison.articles)} articles, {len(comparison.contradictions)} contradictions"
    _write(rendered, out, what)


@cli.command("compare")
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
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(db or str(Path(tmp) / "compare.db"), outlets=outlets_file)
        registry = load_registry(settings.outlets_file)  # a bad file fails before any work
        with Store(settings.db_url) as store:
            options = ReadOptions(
                outlet=outlet, max_file_bytes=settings.max_file_bytes, max_article_words=settings.max_article_words,
                outlets=named, outlet_by_folder=False,
            )  # fmt: skip
            summary, interrupted = _ingest_with_progress(paths, store, options)
            if interrupted or not (_run_analysis(store, settings.max_article_words, summary) and _run_story_placement(store)):
                sys.exit(EXIT_INTERRUPTED)
            if not summary.article_ids:
                raise click.ClickException("no article could be read from the inputs")
            comparison = compare_articles(store, summary.article_ids, "compared")
            _say_outlets_of_files(comparison.articles, outlet, named)
            document = comparison_document(comparison, label_of(store, summary.article_ids), registry, all_contradictions)
    for out, fmt in ((json_out, "json"), (md_out, "md"), (html_out, "html")):
        if out is not None:
            _write(render(document, fmt), out, f"{fmt} report")
    _print_comparison(document)
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


def _print_comparison(document: dict[str, Any]) -> None:
    outlets = [_who(o) for o in document["outlets"]]
    stdout.print(
        f"[bold]{len(document['articles'])} articles[/bold] from {len(outlets)} outlets: {escape(neutralise(', '.join(outlets)))}",
        highlight=False,
    )
    for b in document["blindspots"]:
        stdout.print(f"[yellow]Blindspot[/yellow]: {b['share']:.0%} of the known outlets are of one {b['by']}: {escape(b['label'])}")
    table = _Table("kind", "explanation", title=f"{len(document['contradictions'])} contradictions", title_justify="left")
    for c in document["contradictions"]:
        table.add_row(c["kind"] + (" (possible)" if c["possible"] else ""), escape(c["explanation"]))
    stdout.print(table)
    if (hidden := document["possible_contradictions"]) and not any(c["possible"] for c in document["contradictions"]):
        stdout.print(f"[dim]{hidden} possible contradictions not shown: their sentences may not state one fact (--all-contradictions lists them).[/dim]")
    agreements = _Table("outlets", "fact (the wording closest to all others)", title=f"{len(document['agreements'])} agreements", title_justify="left")
    for a in document["agreements"][:10]:
        disputed = f" [yellow](disputed: {', '.join(a['disputed'])})[/yellow]" if a["disputed"] else ""
        agreements.add_row(str(len(a["outlets"])), escape(a["summary"]) + disputed)
    stdout.print(agreements)
    unique = _Table("outlet", "fact", title=f"{len(document['unique'])} facts reported by one outlet only", title_justify="left")
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


def _write(rendered: str, out: Path | None, what: str) -> None:
    if out is None:
        click.echo(rendered, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rendered, encoding="utf-8")
    stderr.print(f"Wrote {out} ({what}).")


@cli.group("stories", invoke_without_command=True)
@click.option("--outlet", help="Only stories this outlet covered (case-insensitive).")
@click.option("--since", metavar="YYYY-MM-DD", callback=_date_value, help="Only stories with an article on or after.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@db_option
@json_option
@click.pass_context
def stories_command(
    ctx: click.Context, outlet: str | None, since: date | None, limit: int | None, db: str | None, as_json: bool
) -> None:
    """List stories, newest first: the articles of many outlets that tell one event.

    Every analysed article is placed in a story as it is ingested: it joins the most similar
    story (shared names, places, dates and words, similar sentences, close publication dates)
    or starts a new one. Wire copies join their original's story and are marked as copies.
    Correct mistakes with `stories merge` and `stories split`; reclustering keeps those.

    \b
    Example:
        manysides stories --since 2024-11-01
        manysides show s1a2b3c4d5e6
        manysides stories merge s1a2b3c4d5e6 s9f8e7d6c5b4
    """
    if ctx.invoked_subcommand is not None:
        return
    with Store(Settings.load(db).db_url) as store:
        found = store.story_overviews(outlet=outlet, since=since)[:limit]
    if as_json:
        click.echo(to_json(found))
        return
    table = _Table("story", "dates", "articles", "outlets", "label", title=f"{len(found)} stories")
    for story in found:
        dates = "?" if story.first is None else f"{story.first}" + ("" if story.last == story.first else f" … {story.last}")
        table.add_row(story.id, dates, str(story.articles), ", ".join(story.outlets), story.label)
    stdout.print(table)


@stories_command.command("rebuild")
@db_option
def stories_rebuild_command(db: str | None) -> None:
    """Recluster every analysed article from scratch, keeping manual merges and splits.

    Run it after upgrading manysides (a new decision may group differently).
    """
    with Store(Settings.load(db).db_url) as store:
        if not _run_story_placement(store, rebuild=True):
            sys.exit(EXIT_INTERRUPTED)


@stories_command.command("merge")
@click.argument("keep", metavar="STORY")
@click.argument("absorb", metavar="OTHER")
@db_option
def stories_merge_command(keep: str, absorb: str, db: str | None) -> None:
    """Move every article of OTHER into STORY, for good (ids or unique prefixes).

    \b
    Example:
        manysides stories merge s1a2b3c4d5e6 s9f8e7
    """
    with Store(Settings.load(db).db_url) as store:
        kept = merge_stories(store, keep, absorb)
        stderr.print(f"Merged into {kept}: {store.story_label(kept)}")


@stories_command.command("split")
@click.argument("story", metavar="STORY")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@db_option
def stories_split_command(story: str, articles: tuple[str, ...], db: str | None) -> None:
    """Move the given articles out of STORY into a new story, for good.

    \b
    Example:
        manysides stories split s1a2b3c4d5e6 9f8e7d6c5b4a 0a1b2c3d4e5f
    """
    with Store(Settings.load(db).db_url) as store:
        new_id = split_story(store, story, articles)
        stderr.print(f"New story {new_id}: {store.story_label(new_id)}")


@cli.command("show")
@click.argument("story", metavar="STORY")
@all_contradictions_option
@db_option
@outlets_option
@json_option
def show_command(story: str, all_contradictions: bool, db: str | None, outlets_file: str | None, as_json: bool) -> None:
    """Show one story: its articles by date (wire copies marked), then what they agree on and dispute.

    The full comparison, with every sentence, is `manysides report STORY`.

    \b
    Example:
        manysides show s1a2b3c4d5e6
    """
    settings = Settings.load(db, outlets=outlets_file)
    registry = load_registry(settings.outlets_file)
    with Store(settings.db_url) as store:
        story_id = store.resolve_story(story)
        label, members = store.story_label(story_id), store.story_members(story_id)
        document = None if as_json else comparison_document(*compare_story_in(store, story_id), registry, all_contradictions)
    if as_json:
        rows = [
            {"id": a.id, "outlet": a.outlet, "title": a.title, "published": plain(a.published),
             "probability": p.probability, "pinned": p.pinned, "copy_of": p.copy_of}
            for a, p in members
        ]
        click.echo(to_json({"id": story_id, "label": label, "articles": rows}))
        return
    table = _Table("article", "date", "outlet", "headline", "how it joined", title=f"{story_id}: {label}")
    for article, placement in members:
        table.add_row(article.id[:12], str(article.published or "?"), article.outlet, headline(article), _how(placement))
    stdout.print(table)
    assert document is not None
    _print_comparison(document)


@cli.command("serve")
@db_option
@outlets_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
    help="A host name users reach the server by (repeatable); requests for any other host are refused. "
    "localhost, 127.0.0.1 and --host are always allowed.",
)  # fmt: skip
@click.option("--no-auth", is_flag=True, help="Beyond loopback, let anyone who reaches the server add coverage (no token).")
@click.option(
    "--allow-private-urls", is_flag=True,
    help="Let the Add page fetch URLs on private and loopback addresses (an intranet newsroom); never files.",
)  # fmt: skip
def serve_command(
    db: str | None, outlets_file: str | None, host: str, port: int, allowed_hosts: tuple[str, ...], no_auth: bool,
    allow_private_urls: bool,
) -> None:  # fmt: skip
    """Serve the web app: stories, each story side by side with its findings, articles, a JSON API.

    Binds to 127.0.0.1 unless told otherwise; the API is documented at /api/docs. On any other
    address, adding coverage needs the token in $MANYSIDES_TOKEN (the server refuses to start
    without it unless given --no-auth): as `Authorization: Bearer TOKEN` or through /login.
    The Add page fetches only public http(s) URLs unless given --allow-private-urls.

    \b
    Example:
        manysides serve --db team.db --port 8080
        MANYSIDES_TOKEN=… manysides serve --host 0.0.0.0 --allowed-host news.example.org
    """
    import uvicorn  # imported here: the other commands never need a server

    from manysides.web.app import create_app
    from manysides.web.security import is_loopback, serve_settings

    settings = Settings.load(db, outlets=outlets_file)
    registry = load_registry(settings.outlets_file)
    web = serve_settings(host, allowed_hosts, os.environ.get("MANYSIDES_TOKEN"), no_auth, allow_private_urls)
    Store(settings.db_url).close()  # a bad URL or outlets file fails here, as one line, not inside the server
    if not is_loopback(host):
        stderr.print(
            f"Warning: serving on {host}, reachable from other machines"
            + (" — and anyone who reaches it may add coverage (--no-auth)." if no_auth else "; adding coverage needs the token."),
            highlight=False,
        )  # fmt: skip
    stderr.print(f"Serving {redact(settings.db_url)} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    uvicorn.run(create_app(settings.db_url, registry, web), host=host, port=port, log_level="warning")


@cli.group("outlets", invoke_without_command=True)
@click.option("--country", help="Only outlets based in this country (ISO code such as GB, or its name).")
@click.option("--type", "ownership", type=click.Choice(list(OWNERSHIP)), help="Only outlets of this ownership type.")
@click.option("--kind", type=click.Choice(list(KINDS)), help="Only wire agencies, newspapers, broadcasters, …")
@click.option("--language", help="Only outlets publishing in this language (ISO code such as de).")
@outlets_option
@json_option
@click.pass_context
def outlets_command(
    ctx: click.Context, country: str | None, ownership: str | None, kind: str | None, language: str | None,
    outlets_file: str | None, as_json: bool,
) -> None:  # fmt: skip
    """List the outlet registry: where each outlet is based, who owns or funds it, its languages.

    Every fact has a source a reader can check (`outlets show NAME` prints them). The built-in
    registry covers wire agencies, newspapers and broadcasters of many countries; add or correct
    outlets, and define your own groupings, in a file given with --outlets (docs/OUTLETS.md).

    \b
    Example:
        manysides outlets --country DE --type public-service
        manysides outlets show "Deutsche Welle"
        manysides outlets unknown --db team.db
    """
    if ctx.invoked_subcommand is not None:
        return
    registry = load_registry(Settings.load(outlets=outlets_file).outlets_file)
    wanted_country = _country_code(registry, country) if country else None
    found = [
        o for o in registry.outlets
        if (wanted_country is None or o.country == wanted_country) and (ownership is None or o.ownership == ownership)
        and (kind is None or o.kind == kind) and (language is None or language.casefold() in o.languages)
    ]  # fmt: skip
    if as_json:
        click.echo(to_json([facts(o, registry) | {'aliases': list(o.aliases), 'domains': list(o.domains)} for o in found]))
        return
    table = _Table("outlet", "country", "ownership", "kind", "languages", "owner", title=f"{len(found)} outlets")
    for o in sorted(found, key=lambda o: (o.country, o.name.casefold())):
        table.add_row(o.name, registry.label("country", o.country), o.ownership, o.kind, ", ".join(o.languages), o.owner)
    stdout.print(table)


@outlets_command.command("show")
@click.argument("name", metavar="NAME")
@outlets_option
@json_option
def outlets_show_command(name: str, outlets_file: str | None, as_json: bool) -> None:
    """Show one outlet, found by its name, an alias, a domain or a URL, with the source of every fact.

    \b
    Example:
        manysides outlets show WaPo
        manysides outlets show https://www.dw.com/en/some-article
    """
    registry = load_registry(Settings.load(outlets=outlets_file).outlets_file)
    host = domain_of(name) if "://" in name else None
    resolved = registry.resolve(name, [host] if host else [])
    if resolved.outlet is None:
        raise click.ClickException(f"{name!r} is not in the outlet registry (add it with --outlets FILE, see docs/OUTLETS.md)")
    outlet = resolved.outlet
    if as_json:
        click.echo(to_json(facts(outlet, registry) | {'aliases': list(outlet.aliases), 'domains': list(outlet.domains), "resolved_by": resolved.by, "score": resolved.score}))
        return
    how = "" if resolved.by == "name" else f" (found by {resolved.by}" + (f", similarity {resolved.score})" if resolved.score else ")")
    stdout.print(f"[bold]{escape(outlet.name)}[/bold]{escape(how)}", highlight=False)
    table = _Table("fact", "value", "source", "checked", show_header=True)
    values = {
        "kind": outlet.kind, "country": f"{registry.label('country', outlet.country)} ({outlet.country})",
        "languages": ", ".join(registry.label("language", code) for code in outlet.languages),
        "ownership": outlet.ownership, "owner": outlet.owner,
    }  # fmt: skip
    for fact in FACTS:
        table.add_row(fact, escape(values[fact]), escape(outlet.sources[fact].reference), str(outlet.sources[fact].checked))
    stdout.print(table)
    stdout.print(f"aliases: {escape(', '.join(outlet.aliases) or '—')}\ndomains: {', '.join(outlet.domains)}", highlight=False)


@outlets_command.command("unknown")
@db_option
@outlets_option
@json_option
def outlets_unknown_command(db: str | None, outlets_file: str | None, as_json: bool) -> None:
    """List the outlets in the database that the registry does not know, and how each known one was found.

    Unknown outlets are never guessed: they count as "unknown" in coverage and blindspots until you
    add them to your --outlets file.
    """
    settings = Settings.load(db, outlets=outlets_file)
    registry = load_registry(settings.outlets_file)
    with Store(settings.db_url) as store:
        resolutions = outlet_resolutions(store, registry)
        counts = store.outlet_counts()
    unknown = sorted((name for name, r in resolutions.items() if r.outlet is None), key=str.casefold)
    fuzzy = {name: r for name, r in resolutions.items() if r.by == "fuzzy"}
    if as_json:
        click.echo(to_json({
            "unknown": [{"outlet": name, "articles": counts[name]} for name in unknown],
            "resolved": [{"outlet": name, "registry": r.outlet.name, "by": r.by, "score": r.score}
                         for name, r in sorted(resolutions.items()) if r.outlet is not None],
        }))  # fmt: skip
        return
    table = _Table("outlet", "articles", title=f"{len(unknown)} of {len(resolutions)} outlets are not in the registry")
    for name in unknown:
        table.add_row(escape(name), str(counts[name]))
    stdout.print(table)
    for name, r in sorted(fuzzy.items()):
        assert r.outlet is not None
        stderr.print(f"{escape(neutralise(name))!r} was taken for {escape(r.outlet.name)!r} (similarity {r.score}); add it as an alias if right.")


@outlets_command.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def outlets_check_command(file: Path) -> None:
    """Check an outlets FILE (with the built-in registry under it) and say what it adds or replaces.

    \b
    Example:
        manysides outlets check my-outlets.yaml
    """
    built_in = load_registry()
    registry = load_registry(file)
    names = {o.id for o in built_in.outlets}
    changed = [o for o in registry.outlets if o.id not in names or o != built_in.get(o.id)]
    added = sum(o.id not in names for o in changed)
    groupings = ", ".join(f"{name} ({len(groups)} groups)" for name, groups in registry.groups.items()) or "none"
    stdout.print(f"{file}: valid — {added} outlets added, {len(changed) - added} replaced; groupings: {groupings}", highlight=False)


@cli.command("blindspots")
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
def blindspots_command(
    dimension: str, share: float, min_outlets: int, db: str | None, outlets_file: str | None, as_json: bool
) -> None:
    """List stories covered only, or mostly, by one group of outlets: one country, one ownership type,
    one language, or one group of your own (say your left/right list).

    Outlets the registry does not know are shown but never counted.

    \b
    Example:
        manysides blindspots --by ownership
        manysides blindspots --by lean --outlets my-outlets.yaml --share 0.75
    """
    settings = Settings.load(db, outlets=outlets_file)
    registry = load_registry(settings.outlets_file)
    with Store(settings.db_url) as store:
        found = story_blindspots(store, registry, dimension, share, min_outlets)
    if as_json:
        click.echo(to_json(found))
        return
    table = _Table("story", "covered by", "share", "its outlets", "others", "label", title=f"{len(found)} blindspots by {dimension}")
    for b in found:
        table.add_row(
            b.story_id, escape(b.group_label), f"{b.share:.0%}", escape(", ".join(b.outlets)),
            escape(", ".join(b.others) or "—"), escape(b.label),
        )  # fmt: skip
    stdout.print(table)


def _country_code(registry: Registry, given: str) -> str:
    """'GB', 'gb' or 'United Kingdom' → 'GB'."""
    for code, name in registry.countries.items():
        if given.casefold() in (code.casefold(), name.casefold()):
            return code
    raise RegistryError("--country", f"{given!r} is not a country of the registry (use an ISO code such as GB)")


def _how(placement: Placement) -> str:
    if placement.copy_of:
        return f"copy of {placement.copy_of[:12]}"
    if placement.pinned:
        return "placed by hand"
    if placement.probability is None:
        return "started the story"
    return f"joined (p = {placement.probability:.2f})"


main = functools.partial(cli, prog_name="manysides")
