"""The `manysides` command: a thin skin over the library, one module per job.

Each command parses its options, makes one library call and renders the result; its settings,
registry and store come from one `context.AppContext`. Errors a user can cause (`ManysidesError`)
become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import functools
from typing import Any

import click

from manysides import __version__
from manysides.cli.ingest import analyse_command, ingest_command
from manysides.cli.outlets import outlets_command
from manysides.cli.report import blindspots_command, compare_command, report_command, show_command
from manysides.cli.serve import serve_command
from manysides.cli.stories import articles_command, stories_command
from manysides.errors import ManysidesError


class _Group(click.Group):
    """Turns library errors into click's one-line `Error: …` and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ManysidesError as exc:
            raise click.ClickException(str(exc)) from exc


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


for _command in (
    ingest_command, analyse_command, articles_command, report_command, compare_command, stories_command,
    show_command, serve_command, outlets_command, blindspots_command,
):  # fmt: skip
    cli.add_command(_command)

main = functools.partial(cli, prog_name="manysides")
