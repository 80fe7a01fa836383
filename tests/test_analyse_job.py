"""`pipeline.analyse`: one article that cannot be analysed is stored as failed and stops nobody; a run skips it
until retried; claims of dead or stuck processes are taken over. Real models, a real SQLite file."""

import subprocess
import sys
from datetime import timedelta

import pytest

from manysides.model import Article
from manysides.nlp.embeddings import default_encoder
from manysides.nlp.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
from manysides.pipeline import MAX_ATTEMPTS, _claimant, analyse
from manysides.store import Store

TEXTS = [
    "The Brenlow dam spillway cracked on Tuesday and two villages were evacuated.",
    "Gorvald council said the harbour inquiry would open in March.",
    "Zipto was fined 2.1 million euros by the Halden district court.",
]


class BuggyPipeline(Pipeline):
    """The real pipeline with a bug injected: it raises on any article that names Gorvald."""

    def analyse(self, articles):
        articles = list(articles)
        for article, analysis in zip(articles, super().analyse(articles), strict=True):
            if "Gorvald" in article.text:
                raise ValueError("span [12, 9) ends before it starts")
            yield analysis


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "m.db")) as store:
        for n, body in enumerate(TEXTS):
            store.add_article(Article.create(outlet="Bay Times", text=body, source=f"in/{n}.txt"))
        yield store


def outcomes(events):
    return sorted((event.error is None, str(event.error) if event.error else "") for event in events)


def test_an_article_the_pipeline_raises_on_is_failed_and_the_others_are_analysed(store):
    events = list(analyse(store, BuggyPipeline(), default_encoder()))
    reason = "analysis failed: ValueError: span [12, 9) ends before it starts"
    assert outcomes(events) == [(False, f"in/1.txt: {reason}"), (True, ""), (True, "")]
    [(failed_id, stored_reason)] = store.analysis_failures(PIPELINE_VERSION)
    assert store.get_analysis(failed_id) is None and stored_reason == reason
    assert store.count_to_analyse(PIPELINE_VERSION) == 0
    assert list(analyse(store, default_pipeline(), default_encoder())) == []  # skipped by later runs
    assert store.forget_analysis_failures() == 1  # until the user asks for a retry
    [retried] = analyse(store, default_pipeline(), default_encoder())
    assert (retried.article_id, retried.error) == (failed_id, None)


def test_an_article_over_the_word_limit_is_failed_without_being_analysed(store):
    events = list(analyse(store, default_pipeline(), default_encoder(), max_words=11))
    too_long = "too long to analyse: 12 words over the limit of 11 (see --max-article-words)"
    assert outcomes(events) == [(False, f"in/0.txt: {too_long}"), (True, ""), (True, "")]


def test_an_article_whose_claims_keep_going_stale_is_failed_and_the_rest_analysed(store):
    first = store.claim_to_analyse(PIPELINE_VERSION, "stuck", 1, timedelta(minutes=5))[0].article
    for _ in range(MAX_ATTEMPTS - 1):  # taken over again and again, never finished
        store.claim_to_analyse(PIPELINE_VERSION, "stuck", 1, timedelta(0))
    events = list(analyse(store, default_pipeline(), default_encoder(), stale_after=timedelta(0)))
    never = f"analysis never finished in {MAX_ATTEMPTS} attempts (its process was stopped or stuck each time)"
    assert outcomes(events) == [(False, f"{first.source}: {never}"), (True, ""), (True, "")]


def test_the_claims_of_a_process_killed_on_this_machine_are_taken_at_once(store):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    claimed = store.claim_to_analyse(PIPELINE_VERSION, _claimant("deadbeef", int(gone.stdout)), 3, timedelta(minutes=5))
    assert len(claimed) == 3
    assert store.claim_to_analyse(PIPELINE_VERSION, "other", 3, timedelta(minutes=5)) == []  # fresh claims
    events = list(analyse(store, default_pipeline(), default_encoder()))  # claims expire after 15 minutes
    assert outcomes(events) == [(True, "")] * 3
