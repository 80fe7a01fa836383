"""The example corpus seen through the registry: who each outlet is, coverage, spread and blindspots as
examples/corpus/expected.yaml says."""

import pytest

from manysides.jobs import compare_story_in, outlet_resolutions, report_document, story_blindspots
from manysides.outlets.registry import default_registry
from manysides.store import Store
from tests.conftest import EXPECTED


@pytest.fixture(scope="module")
def store(example_db):
    with Store(example_db) as opened:
        yield opened


def report(store, story_id):
    comparison, label = compare_story_in(store, story_id, default_registry())
    return report_document(comparison, label, default_registry())


@pytest.fixture(scope="module")
def story_ids(store) -> dict[str, str]:
    """expected.yaml's story names → the stored story ids (by their articles)."""
    by_article = {
        (article.outlet, article.title): overview.id
        for overview in store.story_overviews()
        for article, _ in store.story_members(overview.id)
    }
    return {s["id"]: by_article[(s["articles"][0]["outlet"], s["articles"][0]["title"])] for s in EXPECTED["stories"]}


def test_every_outlet_resolves_as_expected_and_the_invented_ones_stay_unknown(store):
    resolutions = outlet_resolutions(store, default_registry())
    for want in EXPECTED["registry"]["resolved"]:
        found = resolutions[want["outlet"]]
        assert (found.outlet.name, found.by) == (want["registry"], want["by"])
    unknown = sorted(name for name, found in resolutions.items() if found.outlet is None)
    assert unknown == EXPECTED["registry"]["unknown"]


@pytest.mark.parametrize("dimension", ["country", "ownership", "language", "kind"])
def test_blindspots_are_the_expected_ones(store, story_ids, dimension):
    found = story_blindspots(store, default_registry(), dimension, share=0.8, min_outlets=2)
    want = EXPECTED["registry"]["blindspots"][dimension]
    assert [(b.story_id, b.group) for b in found] == [(story_ids[w["story"]], w["group"]) for w in want]


def test_the_report_shows_who_covered_the_landslide(store, story_ids):
    document = report(store, story_ids["varne-pass-landslide"])
    outlets = {o["outlet"]: o for o in document["outlets"]}
    assert outlets["dw.com"]["registry"]["name"] == "Deutsche Welle"
    assert outlets["Xinhua"]["registry"]["ownership"] == "state-controlled"
    by_ownership = {g["group"]: g["outlets"] for g in document["coverage"]["ownership"]}
    assert by_ownership == {
        "state-funded": ["Al Jazeera English", "dw.com"], "private": ["Reuters"], "state-controlled": ["Xinhua"],
    }
    assert {g["label"] for g in document["coverage"]["country"]} == {"United Kingdom", "China", "Germany", "Qatar"}
    crossing = [a["spread"] for a in document["agreements"] if {"Reuters", "Xinhua"} <= set(a["outlets"])]
    assert crossing and all("one state-controlled outlet from China" in s for s in crossing)


def test_the_report_of_an_invented_outlet_story_lists_them_as_unknown(store, story_ids):
    document = report(store, story_ids["brenlow-dam"])
    assert all(o["registry"] is None and o["resolved_by"] == "unknown" for o in document["outlets"])
    assert [g["group"] for g in document["coverage"]["country"]] == ["unknown"]


def test_a_story_report_says_when_the_story_is_a_blindspot(store, story_ids):
    document = report(store, story_ids["ashcombe-water"])
    assert [(b["by"], b["label"], b["share"]) for b in document["blindspots"]] == [
        ("country", "United Kingdom", 1.0), ("language", "English", 1.0),
    ]
    landslide = report(store, story_ids["varne-pass-landslide"])
    assert landslide["blindspots"] == []
