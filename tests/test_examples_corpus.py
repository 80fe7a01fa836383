"""The bundled example corpus ingests cleanly and its hand-written expectations hold against its text.

examples/corpus/expected.yaml is what later stages are scored against; these tests keep it honest:
every article it names exists, every quote is verbatim, every story has a contradiction, and every
resolved weekday date is the right weekday within the week before the article.
"""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from manysides.ingest import ReadOptions, expand
from manysides.jobs import IngestSummary, ingest
from manysides.model import Article
from manysides.store import Store

CORPUS = Path(__file__).parents[1] / "examples" / "corpus"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[tuple[str, str], Article]:
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with Store(str(db)) as store:
        summary = IngestSummary()
        for event in ingest(expand([str(CORPUS)]).sources, store, ReadOptions()):
            summary.count(event)
        assert summary.failures == []
        return {(a.outlet, a.title): a for a in store.articles()}


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def references(story: dict):
    """Every {outlet, quote} evidence reference anywhere in a story."""
    for key in ("unique_facts", "hedges", "boilerplate", "loaded_terms"):
        yield from story.get(key, [])
    for fact in story.get("shared_facts", []):
        yield from fact["evidence"]
    for contradiction in story["contradictions"]:
        yield contradiction["a"]
        yield contradiction["b"]


def story_articles(story: dict, corpus) -> list[Article]:
    return [corpus[(ref["outlet"], ref["title"])] for ref in story["articles"]]


def test_the_corpus_is_big_and_varied_enough(corpus, expected):
    stories = expected["stories"]
    assert len(corpus) >= 25 and len(stories) >= 5
    assert all(3 <= len({ref["outlet"] for ref in s["articles"]}) <= 6 for s in stories)
    suffixes = {Path(a.source.split("[")[0].split(":")[0]).suffix for a in corpus.values()}
    assert suffixes >= {".txt", ".html", ".json", ".jsonl", ".rss", ".atom"}


def test_stories_partition_the_corpus(corpus, expected):
    members = [(ref["outlet"], ref["title"]) for s in expected["stories"] for ref in s["articles"]]
    assert sorted(members) == sorted(corpus)


def test_every_evidence_quote_is_verbatim_in_its_story(corpus, expected):
    for story in expected["stories"]:
        texts = {a.outlet: a.text for a in story_articles(story, corpus)}
        for ref in references(story):
            assert ref["quote"] in texts[ref["outlet"]], (story["id"], ref)


def test_every_story_has_a_contradiction_and_the_kinds_are_covered(expected):
    kinds = {c["kind"] for s in expected["stories"] for c in s["contradictions"]}
    assert all(s["contradictions"] for s in expected["stories"])
    assert kinds >= {"number", "date", "denial", "negation", "attribution"}


def test_shared_quotes_appear_in_every_outlet_named(corpus, expected):
    for story in expected["stories"]:
        texts = {a.outlet: a.text for a in story_articles(story, corpus)}
        for quote in story["quotes"]:
            assert len(quote["outlets"]) >= 2
            for outlet in quote["outlets"]:
                assert quote["text"] in texts[outlet], (outlet, quote["text"])


def test_entity_variants_are_spelled_so_in_the_story(corpus, expected):
    variant_families = 0
    for story in expected["stories"]:
        text = "\n".join(a.text for a in story_articles(story, corpus))
        for entity in story["entities"]:
            for variant in entity["variants"]:
                assert re.search(rf"\b{re.escape(variant)}\b", text), (story["id"], variant)
            variant_families += len(entity["variants"]) > 1
    assert variant_families >= 8


def test_the_wire_reprint_is_almost_verbatim(corpus, expected):
    [pair] = expected["stories"][0]["syndication"]
    copy = corpus[(pair["copy"]["outlet"], pair["copy"]["title"])].text.split()
    original = corpus[(pair["original"]["outlet"], pair["original"]["title"])].text.split()
    shingles = lambda words: {tuple(words[i : i + 5]) for i in range(len(words) - 4)}  # noqa: E731
    overlap = len(shingles(copy) & shingles(original)) / len(shingles(copy))
    assert overlap > 0.7


def test_resolved_dates_appear_and_weekdays_resolve_into_the_week_before(corpus, expected):
    for story in expected["stories"]:
        by_outlet = {a.outlet: a for a in story_articles(story, corpus)}
        for item in story["dates"]:
            article, value = by_outlet[item["outlet"]], item["value"]
            assert item["text"] in article.text, item
            assert isinstance(value, date) and article.published is not None
            word = item["text"].split()[-1].lower()
            if word in WEEKDAYS:
                assert value.weekday() == WEEKDAYS.index(word), item
                assert timedelta(0) <= article.published - value < timedelta(days=7), item
            elif word == "yesterday":
                assert value == article.published - timedelta(days=1)
            elif word in ("today", "morning"):
                assert value == article.published
