"""`pipeline.process_new`: analyse, place, date — in that order, each step ending before the next begins;
a second run finds nothing to do; `stop` ends a run between two articles. Real models, a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from manysides.config import Settings
from manysides.ingest import ReadOptions
from manysides.jobs import ingest
from manysides.nlp.pipeline import PIPELINE_VERSION
from manysides.pipeline import PipelineResult, Step, process_new
from manysides.store import Store

HERALD = (
    "outlet: Harbour Herald\ndate: 2024-11-11\ntitle: Ferry Maren Star aground near Kessel Point\n\n"
    "The ferry Maren Star ran aground on a sandbank near Kessel Point on Thursday evening. "
    "Coastguard commander Ilse Varga said all 40 passengers had been taken off safely by lifeboat crews.\n"
)
RADIO = (  # names no date at all: it can only take its story's
    "outlet: Island Radio\ntitle: Maren Star passengers rescued at Kessel Point\n\n"
    "All 40 passengers of the ferry Maren Star were rescued after it ran aground near Kessel Point on Thursday. "
    "Coastguard commander Ilse Varga praised the lifeboat crews who took them off the sandbank.\n"
)


class Recorder:
    """A PipelineProgress that writes down what it hears."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, Step, object]] = []

    def start(self, step: Step, total: int | None) -> None:
        self.heard.append(("start", step, total))

    def advance(self, step: Step, item: object) -> None:
        self.heard.append(("advance", step, item))

    def done(self, step: Step, items: tuple[object, ...]) -> None:
        self.heard.append(("done", step, len(items)))


@pytest.fixture
def store(tmp_path: Path):
    """The two articles stored, nothing analysed yet."""
    (tmp_path / "herald.txt").write_text(HERALD, encoding="utf-8")
    (tmp_path / "radio.txt").write_text(RADIO, encoding="utf-8")
    with Store(str(tmp_path / "m.db")) as opened:
        sources = [str(tmp_path / "herald.txt"), str(tmp_path / "radio.txt")]
        assert [e.kind for e in ingest(sources, opened, ReadOptions())] == ["added", "done", "added", "done"]
        yield opened


def ids(store: Store) -> tuple[str, str]:
    [herald] = store.articles(outlet="Harbour Herald")
    [radio] = store.articles(outlet="Island Radio")
    return herald.id, radio.id


def test_the_steps_run_in_order_and_a_second_run_does_nothing(store):
    herald, radio = ids(store)
    recorder = Recorder()
    first = process_new(store, Settings(store.url), recorder)
    assert [(what, step) for what, step, _ in recorder.heard if what != "advance"] == [
        ("start", "analyse"), ("done", "analyse"), ("start", "place"), ("done", "place"), ("start", "date"), ("done", "date"),
    ]  # fmt: skip
    assert [step for what, step, _ in recorder.heard if what == "advance"] == ["analyse"] * 2 + ["place"] * 2 + ["date"]
    assert first.steps == ("analyse", "place", "date") and not first.stopped
    assert (set(first.analysed), first.failures) == ({herald, radio}, ())
    assert [p.article_id for p in first.placed] == [herald, radio]
    assert first.dated == (radio,)
    [dated] = store.articles(outlet="Island Radio")
    assert (dated.published, dated.published_inferred) == (date(2024, 11, 11), True)  # the Herald's date
    assert store.story_of(radio) == store.story_of(herald)
    times = {t.text: t.value for t in store.get_analysis(radio).times}
    assert times["Thursday"] == "2024-11-07"  # analysed again once dated

    again = Recorder()
    second = process_new(store, Settings(store.url), again)
    assert second == PipelineResult(steps=("analyse", "place", "date"), analysed=(), failures=(), placed=(), dated=())
    assert [entry for entry in again.heard if entry[0] == "advance"] == []
    assert ("start", "analyse", 0) in again.heard
    assert store.story_of(radio) == store.story_of(herald)


def test_stop_ends_the_run_between_two_articles_and_starts_no_later_step(store):
    herald, radio = ids(store)
    assert process_new(store, Settings(store.url), stop=lambda: True) == PipelineResult(
        steps=(), analysed=(), failures=(), placed=(), dated=(), stopped=True
    )
    assert store.count_to_analyse(PIPELINE_VERSION) == 2  # asked before the first step: nothing done
    recorder = Recorder()
    stopped = process_new(store, Settings(store.url), recorder, stop=lambda: len(recorder.heard) > 1)
    assert (stopped.stopped, stopped.steps, len(stopped.analysed), stopped.placed) == (True, (), 1, ())
    assert store.count_to_analyse(PIPELINE_VERSION) == 1  # the other one waits for the next run, unclaimed
    assert store.story_of(herald) is None and store.story_of(radio) is None
    rest = process_new(store, Settings(store.url))
    assert (len(rest.analysed), len(rest.placed), rest.dated) == (1, 2, (radio,))
