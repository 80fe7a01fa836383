"""Coverage by group, how widely a fact is reported, and blindspots — on outlet names as articles give them."""

import pytest

from manysides.outlets.coverage import blindspots, coverage, resolve_outlets, spread
from manysides.outlets.registry import RegistryError, default_registry

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


@pytest.fixture(scope="module")
def registry():
    return default_registry()


def resolved(registry, *names):
    return resolve_outlets({name: [] for name in names}, registry)


def test_coverage_groups_outlets_and_counts_articles_with_unknown_last(registry):
    articles = ["Reuters", "Reuters", "BBC News", "Xinhua", "Harbour Herald"]
    groups = coverage(articles, resolved(registry, *set(articles)), registry, "country")
    assert [(g.group, g.label, g.outlets, g.articles) for g in groups] == [
        ("GB", "United Kingdom", ("BBC News", "Reuters"), 3),
        ("CN", "China", ("Xinhua",), 1),
        ("unknown", "unknown", ("Harbour Herald",), 1),
    ]


def test_coverage_by_ownership_and_by_main_language(registry):
    articles = ["Deutsche Welle", "Al Jazeera", "RT"]
    resolutions = resolved(registry, *articles)
    by_ownership = {g.group: g.outlets for g in coverage(articles, resolutions, registry, "ownership")}
    assert by_ownership == {"state-funded": ("Al Jazeera", "Deutsche Welle"), "state-controlled": ("RT",)}
    by_language = {g.label: g.outlets for g in coverage(articles, resolutions, registry, "language")}
    assert by_language == {"German": ("Deutsche Welle",), "Arabic": ("Al Jazeera",), "English": ("RT",)}


def test_spread_across_ownership_and_countries(registry):
    names = ["Xinhua", "TASS", "Reuters", "BBC News", "The Guardian", "Meridian Wire"]
    assert spread(names, resolved(registry, *names), registry) == (
        "two state-controlled outlets from two countries (China, Russia), one non-profit outlet from the "
        "United Kingdom, one private outlet from the United Kingdom, one public-service outlet from the "
        "United Kingdom and one outlet not in the registry"
    )


def test_spread_within_one_country(registry):
    names = ["BBC News", "Sky News", "The Guardian"]
    assert spread(names, resolved(registry, *names), registry) == (
        "three outlets from the United Kingdom (one non-profit, one private, one public-service)"
    )


STORIES = [
    ("s-uk", "UK only", ["BBC News", "Sky News", "The Guardian", "Harbour Herald"]),
    ("s-mixed", "Everyone", ["BBC News", "Xinhua", "Deutsche Welle", "CNN"]),
    ("s-state", "State media", ["Xinhua", "TASS", "Press TV"]),
    ("s-one", "One known outlet", ["RT", "Meridian Wire", "Harbour Herald"]),
]


def test_blindspots_by_country_and_by_ownership(registry):
    resolutions = resolved(registry, *{name for _, _, names in STORIES for name in names})
    [uk] = blindspots(STORIES, resolutions, registry, "country")
    assert (uk.story_id, uk.group, uk.group_label, uk.share) == ("s-uk", "GB", "United Kingdom", 1.0)
    assert uk.outlets == ("BBC News", "Sky News", "The Guardian") and uk.unknown == ("Harbour Herald",)
    [state] = blindspots(STORIES, resolutions, registry, "ownership")
    assert (state.story_id, state.group) == ("s-state", "state-controlled")


def test_mostly_one_group_counts_at_the_chosen_share(registry):
    stories = [("s", "Mostly UK", ["BBC News", "Sky News", "The Guardian", "CNN"])]
    resolutions = resolved(registry, *stories[0][2])
    assert blindspots(stories, resolutions, registry, "country") == []  # 3 of 4 is under the default 0.8
    [found] = blindspots(stories, resolutions, registry, "country", share=0.75)
    assert found.share == 0.75 and found.others == ("CNN",)


def test_a_story_with_too_few_known_outlets_is_never_a_blindspot(registry):
    resolutions = resolved(registry, "RT", "Meridian Wire", "Harbour Herald")
    assert blindspots([STORIES[3]], resolutions, registry, "country") == []
    assert len(blindspots([STORIES[3]], resolutions, registry, "country", min_outlets=1)) == 1


def test_an_unknown_grouping_is_a_clear_error(registry):
    with pytest.raises(RegistryError, match="no grouping 'lean': use one of country, ownership, language, kind"):
        blindspots(STORIES, {}, registry, "lean")
