"""The bundled example corpus comes out as the stories examples/corpus/expected.yaml lists, exactly.

The whole product path runs (the `example_db` fixture): ingest every format, analyse (spaCy and the
sentence model), place in stories.
"""

import pytest
import yaml

from manysides.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def clustered(example_db):
    """(expected stories, {(outlet, title): placement}, {article id: (outlet, title)})."""
    with Store(example_db) as store:
        articles = list(store.articles())
        by_title, ids = {}, {}
        for overview in store.story_overviews():
            for article, placement in store.story_members(overview.id):
                by_title[(article.outlet, article.title)] = placement
        ids = {a.id: (a.outlet, a.title) for a in articles}
    assert len(by_title) == len(articles)
    expected = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))["stories"]
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
    copies = {(ids[p.copy_of], key) for key, p in by_title.items() if p.copy_of is not None}
    want = {
        ((c["original"]["outlet"], c["original"]["title"]), (c["copy"]["outlet"], c["copy"]["title"]))
        for story in expected
        for c in story.get("syndication", [])
    }
    assert copies == want
