"""`manysides stories` (with rebuild, merge and split) and `manysides articles`: what the database holds."""

from __future__ import annotations

import itertools
import sys
from datetime import date

import click

from manysides.cli.context import AppContext, pass_app
from manysides.cli.options import date_value, db_option, json_option
from manysides.cli.progress import EXIT_INTERRUPTED, CleanTable, run_steps, stderr, stdout
from manysides.jobs import merge_stories, split_story
from manysides.pipeline import rebuild_stories
from manysides.plain import plain
from manysides.report.json import to_json
from manysides.report.summary import headline


@click.group("stories", invoke_without_command=True)
@click.option("--outlet", help="Only stories this outlet covered (case-insensitive).")
@click.option("--since", metavar="YYYY-MM-DD", callback=date_value, help="Only stories with an article on or after.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@db_option
@json_option
@click.pass_context
@pass_app
def stories_command(
    app: AppContext, ctx: click.Context, outlet: str | None, since: date | None, limit: int | None, as_json: bool
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
    found = app.store.story_overviews(outlet=outlet, since=since)[:limit]
    if as_json:
        click.echo(to_json(found))
        return
    table = CleanTable("story", "dates", "articles", "outlets", "label", title=f"{len(found)} stories")
    for story in found:
        dates = "?" if story.first is None else f"{story.first}" + ("" if story.last == story.first else f" … {story.last}")
        table.add_row(story.id, dates, str(story.articles), ", ".join(story.outlets), story.label)
    stdout.print(table)


@stories_command.command("rebuild")
@db_option
@pass_app
def stories_rebuild_command(app: AppContext) -> None:
    """Recluster every analysed article from scratch, keeping manual merges and splits.

    Run it after upgrading manysides (a new decision may group differently).
    """
    if not run_steps(lambda shown: rebuild_stories(app.store, shown)):
        sys.exit(EXIT_INTERRUPTED)


@stories_command.command("merge")
@click.argument("keep", metavar="STORY")
@click.argument("absorb", metavar="OTHER")
@db_option
@pass_app
def stories_merge_command(app: AppContext, keep: str, absorb: str) -> None:
    """Move every article of OTHER into STORY, for good (ids or unique prefixes).

    \b
    Example:
        manysides stories merge s1a2b3c4d5e6 s9f8e7
    """
    kept = merge_stories(app.store, keep, absorb)
    stderr.print(f"Merged into {kept}: {app.store.story_label(kept)}")


@stories_command.command("split")
@click.argument("story", metavar="STORY")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@db_option
@pass_app
def stories_split_command(app: AppContext, story: str, articles: tuple[str, ...]) -> None:
    """Move the given articles out of STORY into a new story, for good.

    \b
    Example:
        manysides stories split s1a2b3c4d5e6 9f8e7d6c5b4a 0a1b2c3d4e5f
    """
    new_id = split_story(app.store, story, articles)
    stderr.print(f"New story {new_id}: {app.store.story_label(new_id)}")


@click.command("articles")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", metavar="YYYY-MM-DD", callback=date_value, help="Only articles published on or after.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@db_option
@json_option
@pass_app
def articles_command(app: AppContext, outlet: str | None, since: date | None, limit: int | None, as_json: bool) -> None:
    """List stored articles, oldest first (undated last).

    \b
    Example:
        manysides articles --outlet "Harbour Herald" --since 2024-11-01
        manysides articles --json | jq '.[].title'
    """
    found = list(itertools.islice(app.store.articles(outlet=outlet, since=since), limit))
    if as_json:
        fields = ("id", "outlet", "title", "url", "published", "language", "source", "external_id")
        click.echo(to_json([{key: plain(getattr(a, key)) for key in fields} | {"words": a.word_count} for a in found]))
        return
    table = CleanTable("id", "date", "outlet", "words", "headline", title=f"{len(found)} articles")
    for article in found:
        table.add_row(
            article.id[:12], str(article.published or "?"), article.outlet, f"{article.word_count:,}", headline(article)
        )
    stdout.print(table)
