"""`manysides ingest` and `manysides analyse`: get articles in, and process what is new."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from manysides.cli.context import AppContext, pass_app
from manysides.cli.options import date_value, db_option, json_option, max_words_option
from manysides.cli.progress import EXIT_INTERRUPTED, print_failure, progress_bar, run_steps, stderr
from manysides.ingest import ReadOptions, expand, expected_items
from manysides.jobs import IngestSummary, ingest
from manysides.pipeline import process_new
from manysides.store import Store


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--outlet", help="Outlet of every article read (overrides what the inputs say).")
@click.option(
    "--date",
    "published",
    metavar="YYYY-MM-DD",
    callback=date_value,
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
@pass_app
def ingest_command(
    app: AppContext, inputs: tuple[str, ...], outlet: str | None, published: date | None, no_analyse: bool, as_json: bool
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
    settings = app.settings
    options = ReadOptions(
        outlet=outlet, published=published, max_file_bytes=settings.max_file_bytes, max_article_words=settings.max_article_words
    )
    summary, interrupted = ingest_with_progress(inputs, app.store, options)
    if not (interrupted or no_analyse):
        interrupted = not process_with_progress(app, summary)
    _print_ingest_summary(summary, interrupted, as_json)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(1)


def ingest_with_progress(inputs: tuple[str, ...], store: Store, options: ReadOptions) -> tuple[IngestSummary, bool]:
    """Read every input into the store with a progress bar, a line per failure; (summary, interrupted)."""
    expansion = expand(inputs)
    summary = IngestSummary(failures=list(expansion.failures))
    for failure in expansion.failures:
        print_failure(failure)
    with progress_bar() as progress:  # counts articles (a JSONL line, a feed entry), not files
        shown = progress.live.is_started  # on a terminal only: elsewhere the inputs are not read twice to count
        task = progress.add_task("Ingesting", total=sum(map(expected_items, expansion.sources)) if shown else None)
        try:
            for event in ingest(expansion.sources, store, options):
                summary.count(event)
                if event.error is not None:
                    print_failure(event.error, progress.console)
                if event.kind != "done":
                    progress.advance(task)
        except KeyboardInterrupt:
            return summary, True
    return summary, False


def process_with_progress(app: AppContext, summary: IngestSummary) -> bool:
    """Analyse, place and date what is new, each step shown, analysis failures counted in `summary`;
    False if interrupted."""
    return run_steps(lambda shown: process_new(app.store, app.settings, shown), summary)


@click.command("analyse")
@max_words_option
@click.option("--retry-failed", is_flag=True, help="Try again the articles whose analysis failed before.")
@db_option
@pass_app
def analyse_command(app: AppContext, retry_failed: bool) -> None:
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
    if retry_failed:
        app.store.forget_analysis_failures()
    summary = IngestSummary()
    if not process_with_progress(app, summary):
        sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(1)


def _print_ingest_summary(summary: IngestSummary, interrupted: bool, as_json: bool) -> None:
    if as_json:
        failures = [{"location": f.location, "reason": f.reason} for f in summary.failures]
        counts = {"added": summary.added, "present": summary.present, "failed": summary.failed}
        click.echo(json.dumps(counts | {"interrupted": interrupted, "failures": failures}, indent=2))
        return
    line = f"Added {summary.added}, already present {summary.present}, failed {summary.failed}."
    stderr.print(("Interrupted: every article counted here is stored. " if interrupted else "") + line)
