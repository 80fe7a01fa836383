"""Two ingests at once on one database give the stories one after the other gives, and analyse nothing twice.

Each ingest is a real OS process (multiprocessing, spawn) running the steps of `jobs.ingest_all` — read,
store, analyse with the real models, place in stories — on the same inputs, started together; on a real SQLite file and on
the real PostgreSQL server (`db_url`). The serial result is the same inputs ingested by one process.
"""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select

from manysides.ingest import ReadOptions, expand
from manysides.jobs import ingest
from manysides.nlp.embeddings import default_encoder
from manysides.nlp.pipeline import default_pipeline
from manysides.pipeline import analyse, date_from_stories, place_in_stories
from manysides.store import Store
from manysides.store.schema import stories, story_members
from tests.conftest import EXAMPLES

# Three stories of three outlets each, and a wire that tells them and two more: 14 articles, 5 stories.
INPUTS = [str(EXAMPLES / name) for name in ("brenlow-dam", "zipto-fine", "sao-teodoro-quake", "meridian-wire.jsonl")]


def _ingest(url: str, start: multiprocessing.synchronize.Barrier | None) -> list[str]:
    """One ingest process, as `jobs.ingest_all` runs it but analysing two articles per claim, so that two
    processes take turns: the ids of the articles it analysed itself."""
    pipeline, encoder = default_pipeline(), default_encoder()
    pipeline.nlp, encoder.encode(["warm-up"])  # the models load before the start, so that both really run at once
    if start is not None:
        start.wait(120)
    with Store(url) as store:
        assert all(event.error is None for event in ingest(expand(INPUTS).sources, store, ReadOptions()))
        events = list(analyse(store, pipeline, encoder, batch_size=2))
        assert all(event.error is None for event in events)
        for _ in place_in_stories(store):
            pass
        for _ in date_from_stories(store, pipeline):
            pass
    return [event.article_id for event in events]


def story_sets(url: str) -> set[frozenset[str]]:
    with Store(url) as store:
        placed = [(article.id, placement.story_id) for article, placement, _, _ in store.placed_articles()]
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(stories)).scalar_one() == len({s for _, s in placed})
            assert conn.execute(select(func.count()).select_from(story_members)).scalar_one() == store.count_articles()
    grouped: dict[str, set[str]] = {}
    for article_id, story_id in placed:
        grouped.setdefault(story_id, set()).add(article_id)
    return {frozenset(members) for members in grouped.values()}


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[frozenset[str]], int]:
    """The stories of one ingest alone (an SQLite file; the stories do not depend on the store)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        analysed = pool.apply(_ingest, (url, None))
    return story_sets(url), len(analysed)


def test_two_ingests_at_once_give_the_serial_stories_and_analyse_each_article_once(db_url, serial):
    serial_stories, articles = serial
    context = multiprocessing.get_context("spawn")
    start = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        first, second = pool.starmap(_ingest, [(db_url, start), (db_url, start)])
    assert sorted(first + second) == sorted(set(first + second))  # no article analysed by both
    assert len(first + second) == articles == 14
    assert story_sets(db_url) == serial_stories
    assert len(serial_stories) == 5
