"""One story's outlets through the registry the caller passes: who each outlet is, coverage along every
grouping, blindspots and each agreement's spread — and a user's outlets file counts wherever outlets
matter, the attribution chains of compare/sourcing.py included."""

import numpy as np
import pytest

from manysides.compare.align import Source
from manysides.compare.sourcing import find_chains
from manysides.model import Agreement, Analysis, Article, Comparison, Evidence, Quote, Sentence, Span
from manysides.outlets.registry import load_registry
from manysides.outlets.story import story_outlets

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

USER_FILE = """
outlets:
  - {name: Kestrelwatch, domains: [kestrelwatch.example], kind: digital, country: GB, languages: [en],
     ownership: non-profit, owner: Invented for these tests, source: "https://example.org/kestrelwatch", checked: 2026-11-25}
groups:
  lean:
    left: [Kestrelwatch, The Guardian]
    right: [Sky News]
"""
TEXT = "The bridge reopened on Monday after repairs, officials told Kestrelwatch."


@pytest.fixture(scope="module")
def builtin():
    return load_registry()


@pytest.fixture(scope="module")
def users(tmp_path_factory):
    path = tmp_path_factory.mktemp("outlets") / "outlets.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    return load_registry(path)


def story(*outlets: tuple[str, str | None]) -> Comparison:
    """A story whose articles (outlet, URL) all report one fact, in one agreement."""
    articles = tuple(Article.create(outlet=name, text=f"{TEXT} ({name})", url=url) for name, url in outlets)
    agreement = Agreement(TEXT, tuple(Evidence(a.id, a.outlet, 0, len(TEXT), TEXT) for a in articles))
    return Comparison("s1", articles, agreements=(agreement,))


def test_outlets_are_resolved_by_name_and_by_their_articles_url_and_grouped_along_every_grouping(builtin):
    found = story_outlets(story(("Reuters", None), ("Alpine Notes", "https://www.dw.com/en/bridge/a-1"), ("Harbour Herald", None)), builtin)
    assert [(o.resolution.given, o.resolution.by, o.facts and o.facts["name"]) for o in found.outlets] == [
        ("Alpine Notes", "url", "Deutsche Welle"), ("Harbour Herald", "unknown", None), ("Reuters", "name", "Reuters"),
    ]
    assert tuple(found.coverage) == builtin.dimensions
    assert [(g.label, g.outlets) for g in found.coverage["country"]] == [
        ("Germany", ("Alpine Notes",)), ("United Kingdom", ("Reuters",)), ("unknown", ("Harbour Herald",)),
    ]
    assert found.spreads == (
        "one private outlet from the United Kingdom, one state-funded outlet from Germany and one outlet not in the registry",
    )
    assert found.blindspots == ()  # one German and one British outlet: no group holds 80 %


def test_a_users_outlets_file_names_its_outlets_and_its_groupings_in_the_story(builtin, users):
    comparison = story(("Kestrelwatch", None), ("The Guardian", None), ("Harbour Herald", None))
    assert story_outlets(comparison, builtin).outlets[1].facts is None  # the built-in registry has no Kestrelwatch
    found = story_outlets(comparison, users, label="bridge")
    assert found.outlets[1].facts["owner"] == "Invented for these tests"
    assert [(g.group, g.outlets) for g in found.coverage["lean"]] == [
        ("left", ("Kestrelwatch", "The Guardian")), ("unknown", ("Harbour Herald",)),
    ]
    assert [(b.dimension, b.group, b.label, b.unknown) for b in found.blindspots] == [
        ("country", "GB", "bridge", ("Harbour Herald",)), ("ownership", "non-profit", "bridge", ("Harbour Herald",)),
        ("language", "en", "bridge", ("Harbour Herald",)), ("lean", "left", "bridge", ("Harbour Herald",)),
    ]


def test_a_users_outlet_is_a_news_organisation_in_chains_when_its_registry_is_passed(builtin, users):
    article = Article.create(outlet="Harbour Herald", text=TEXT)
    told = TEXT.index("told")
    quote = Quote("officials", Span(article.id, 47, 56), None, True, "told", Span(article.id, told, told + 4),
                  "Kestrelwatch", False, Span(article.id, 0, 45), Span(article.id, 0, len(TEXT)))  # fmt: skip
    analysis = Analysis(article.id, (Sentence(0, 0, len(TEXT), TEXT),), (), (quote,), (), ())
    source = Source(article, analysis, np.zeros((1, 3), np.float32))
    assert find_chains([source], builtin) == []  # no masthead word, not a built-in outlet
    [chain] = find_chains([source], users)
    assert (chain.via, chain.source, chain.anonymous, chain.evidence.outlet) == ("Kestrelwatch", "officials", True, "Harbour Herald")
