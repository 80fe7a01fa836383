"""The comparison of each example story against what examples/corpus/expected.yaml says it must find."""

import pytest
import yaml

from manysides.jobs import compare_story_in, report_document
from manysides.outlets.registry import default_registry
from manysides.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def reports(example_db):
    """(expected story, its JSON report document, {article id: article}) for each example story."""
    expected = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))["stories"]
    found = []
    with Store(example_db) as store:
        titles = {(a.outlet, a.title): a for a in store.articles()}
        for story in expected:
            first = titles[(story["articles"][0]["outlet"], story["articles"][0]["title"])]
            story_id = next(o.id for o in store.story_overviews() if first.id in {a.id for a, _ in store.story_members(o.id)})
            comparison, label = compare_story_in(store, story_id, default_registry())
            found.append((story, report_document(comparison, label, default_registry()), {a.id: a for a in comparison.articles}))
    return found


def sentence_sides(story: dict) -> set[tuple[str, str, str]]:
    """(kind, outlet, quote) of every listed contradiction side."""
    return {(c["kind"], c[side]["outlet"], c[side]["quote"]) for c in story["contradictions"] for side in ("a", "b")}


def test_every_contradiction_found_is_one_the_labels_list(reports):
    found_any = 0
    for story, document, _ in reports:
        sides = sentence_sides(story)
        for c in document["contradictions"]:
            found_any += 1
            supported = any(
                kind == c["kind"] and outlet == c[side]["outlet"] and quote in c[side]["text"]
                for kind, outlet, quote in sides
                for side in ("a", "b")
            )
            assert supported, (story["id"], c["kind"], c["explanation"])
    assert found_any >= 8


@pytest.mark.parametrize(
    ("story_id", "kind", "words"),
    [
        ("brenlow-dam", "number", ("1,200", "1,500")),
        ("reyna-brandt-call", "denial", ("threatened",)),
        ("zipto-fine", "attribution", ("Zipto",)),
        ("odesa-grain", "number", ("five", "three")),
        ("reyna-brandt-call", "date", ("Wednesday",)),
    ],
)
def test_planted_contradictions_are_found(reports, story_id, kind, words):
    [(_, document, _)] = [r for r in reports if r[0]["id"] == story_id]
    texts = [c["a"]["text"] + " " + c["b"]["text"] for c in document["contradictions"] if c["kind"] == kind]
    assert any(all(word in text for word in words) for text in texts), texts


def test_evidence_is_the_exact_text_of_the_article(reports):
    for _, document, articles in reports:
        pieces = [e for a in document["agreements"] for e in a["evidence"]]
        pieces += [u["evidence"] for u in document["unique"]] + [q["evidence"] for q in document["quotes"]]
        pieces += [c[side] for c in document["contradictions"] for side in ("a", "b")]
        assert pieces
        for piece in pieces:
            assert articles[piece["article_id"]].text[piece["start"] : piece["end"]] == piece["text"]


def test_a_wire_copy_never_counts_as_a_second_source(reports):
    [(story, document, _)] = [r for r in reports if r[0]["id"] == "brenlow-dam"]
    for agreement in document["agreements"]:
        assert set(agreement["outlets"]) != {"Meridian Wire", "Valley Post"}
    assert all(u["outlet"] != "Valley Post" for u in document["unique"])


def test_spelling_variants_are_one_entity_with_each_outlets_form(reports):
    [(_, document, _)] = [r for r in reports if r[0]["id"] == "odesa-grain"]
    by_name = {e["name"]: e["forms"] for e in document["entities"]}
    assert by_name["Odesa"]["Harbour Herald"] == {"Odessa": 1} and by_name["Odesa"]["The Northern Ledger"] == {"Odesa": 1}
    assert by_name["Kharkiv"] == {"Meridian Wire": {"Kharkiv": 1}, "Riverside Radio": {"Kharkov": 1}}


def test_the_loaded_terms_listed_are_found_with_their_sentence_and_no_others(reports):
    for story, document, _ in reports:
        want = {(t["outlet"], t["term"], t["category"], t["quote"]) for t in story.get("loaded_terms", [])}
        found = {(t["outlet"], t["term"], t["category"], e["text"]) for t in document["loaded_terms"] for e in t["evidence"]}
        assert found == want, story["id"]


def test_reports_through_other_news_organisations_are_the_labelled_chains(reports):
    """expected.yaml marks a source reached through another outlet with `chain: [outlet, via, source]`."""
    chains_found = 0
    for story, document, _ in reports:
        labelled = [s["chain"] for s in story.get("sources", []) if "chain" in s]
        found = [(outlet, c) for outlet, profile in document["sourcing"].items() for c in profile["chains"]]
        chains_found += len(found)
        assert len(found) == len(labelled), (story["id"], found)
        for outlet, via, source in labelled:
            assert any(o == outlet and c["via"] == via and source in (c["source"] or "") for o, c in found), (story["id"], via)
    assert chains_found == 2
