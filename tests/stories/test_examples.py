"""The bundled example corpus comes out as the stories examples/corpus/expected.yaml lists, exactly.

The whole product path runs: ingest every format, analyse (spaCy and the sentence model), place in stories.
"""

from pathlib import Path

import pytest
import yaml

from manysides.ingest import ReadOptions, expand
from manysides.jobs import analyse, ingest, place_in_stories
from manysides.nlp.embeddings import default_encoder
from manysides.nlp.pipeline import default_pipeline
from manysides.store import Store

CORPUS = Path(__file__).parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def clustered(tmp_path_factory):
    """(expected stories, {(outlet, title): placement})."""
    with Store(str(tmp_path_factory.mktemp("stories") / "corpus.db")) as store:
        list(ingest(expand([str(CORPUS)]).sources, store, ReadOptions()))
        list(analyse(store, default_pipeline(), default_encoder()))
        placements = {p.article_id: p for p in place_in_stories(store)}
        by_title = {(a.outlet, a.title): placements[a.id] for a in store.articles()}
        ids = {a.id: (a.outlet, a.title) for a in store.articles()}
    expected = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["stories"]
    return expected, by_title, ids


def test_every_story_of_the_example_corpus_comes_out_exactly(clustered):
    expected, by_title, _ = clustered
    want = sorted(sorted((a["outlet"], a["title"]) for a in story["articles"]) for story in expected)
    got: dict[str, list] = {}
    for key, placement in by_title.items():
        got.setdefault(placement.story_id, []).append(key)
    assert sorted(sorted(members) for members in got.values()) == want


def test_the_wire_copy_is_linked_to_its_original(clustered):
    expected, by_title, ids = clustered
    copies = {
        (p.copy_of and ids[p.copy_of], key) for key, p in by_title.items() if p.copy_of is not None
    }
    want = {
        ((c["original"]["outlet"], c["original"]["title"]), (c["copy"]["outlet"], c["copy"]["title"]))
        for story in expected
        for c in story.get("syndication", [])
    }
    assert copies == want
