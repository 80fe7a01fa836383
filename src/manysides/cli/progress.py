"""What the CLI shows while it works: the consoles, tables, progress bars, one line per failure, and
`pipeline.process_new`'s steps with a bar each and a line saying what each did."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)  # fmt: skip
from rich.text import Text
from rich.table import Table

from manysides.errors import InputError
from manysides.jobs import IngestSummary
from manysides.model import Placement
from manysides.pipeline import AnalysisEvent, PipelineProgress, PipelineResult, Step
from manysides.report.display import neutralise

EXIT_INTERRUPTED = 130

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True, highlight=False)


class CleanTable(Table):
    """A rich table whose text cells and title lose their bidi control characters (report/display.py):
    a stored outlet name must not reorder the terminal's line."""

    def __init__(self, *headers: str, title: str | None = None, **options: Any) -> None:
        super().__init__(*headers, title=None if title is None else neutralise(title), **options)

    def add_row(self, *cells: RenderableType | None, **options: Any) -> None:
        super().add_row(*(neutralise(c) if isinstance(c, str) else c for c in cells), **options)


def progress_bar() -> Progress:
    """A transient bar on stderr, shown only on a terminal: articles done of all, their rate, time spent
    and time left."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


class RateColumn(ProgressColumn):
    """Items a second, once rich has measured it ("12.4/s")."""

    def render(self, task: Task) -> Text:
        return Text("" if task.speed is None else f"{task.speed:.1f}/s", style="progress.data.speed")


def print_failure(error: InputError, console: Console = stderr) -> None:
    console.print(neutralise(f"{error.location}: {error.reason}"), markup=False, highlight=False)


def run_steps(job: Callable[[PipelineProgress], PipelineResult], summary: IngestSummary | None = None) -> bool:
    """Run `process_new` or `rebuild_stories` (given as `job`) with a bar per step, analysis failures
    counted in `summary`; False if interrupted (what was done is stored, and said)."""
    shown = StepsShown(summary or IngestSummary())
    try:
        job(shown)
    except KeyboardInterrupt:
        shown.interrupted()
        return False
    return True


_LABELS: dict[Step, str] = {"analyse": "Analysing", "place": "Placing in stories", "date": "Dating from stories"}


class StepsShown:
    """A `PipelineProgress` on the terminal: a bar per step, a line per article whose analysis failed
    (counted in `summary`), and a line saying what each step did, or how far it got when interrupted."""

    def __init__(self, summary: IngestSummary) -> None:
        self.summary = summary
        self.step: Step | None = None
        self.total: int | None = None
        self.count = self.failed = 0
        self.bar = progress_bar()
        self.task: TaskID | None = None

    def start(self, step: Step, total: int | None) -> None:
        self.step, self.total, self.count, self.failed = step, total, 0, 0
        if total != 0:
            self.bar = progress_bar()
            self.bar.start()
            self.task = self.bar.add_task(_LABELS[step], total=total)

    def advance(self, step: Step, item: AnalysisEvent | Placement | str) -> None:
        if isinstance(item, AnalysisEvent) and item.error is not None:
            self.failed += 1
            self.summary.count_analysis(item)
            print_failure(item.error, self.bar.console)
        else:
            self.count += 1
        if self.task is not None:
            self.bar.advance(self.task)

    def done(self, step: Step, items: tuple[AnalysisEvent | Placement | str, ...]) -> None:
        self._end_bar()
        self.step = None  # an interruption now falls between two steps: nothing of this one to say
        if step == "analyse" and self.total:
            retry = f"; {self.failed} failed (skipped until `manysides analyse --retry-failed`)." if self.failed else "."
            stderr.print(f"Analysed {self.count} articles" + retry)
        elif step == "place" and items:
            started = sum(isinstance(p, Placement) and p.probability is None and p.copy_of is None for p in items)
            stderr.print(f"Placed {len(items)} articles in stories ({started} new stories).")
        elif step == "date" and items:
            stderr.print(f"Dated {len(items)} undated articles by their stories (marked inferred) and analysed them again.")

    def interrupted(self) -> None:
        self._end_bar()
        if self.step == "analyse":
            stderr.print(f"Interrupted: {self.count} of {self.total} articles analysed and stored.")
        elif self.step == "place":
            stderr.print(f"Interrupted: {self.count} articles placed in stories and stored.")
        elif self.step == "date":
            stderr.print(f"Interrupted: {self.count} undated articles dated by their stories and stored.")

    def _end_bar(self) -> None:
        if self.task is not None:
            self.bar.stop()
            self.task = None
