"""An article's outlet resolves by name, alias, domain (subdomains and mirrors too) or a close spelling —
and stays unknown rather than guessed."""

import pytest

from manysides.outlets.registry import default_registry, normalise

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


@pytest.fixture(scope="module")
def registry():
    return default_registry()


@pytest.mark.parametrize(
    ("given", "outlet"),
    [
        ("The Washington Post", "The Washington Post"),
        ("Washington Post", "The Washington Post"),
        ("WaPo", "The Washington Post"),
        ("wapo", "The Washington Post"),
        ("Al-Jazeera", "Al Jazeera"),
        ("AlJazeera", "Al Jazeera"),
        ("Deutsche Welle (DW)", "Deutsche Welle"),
        ("Kiev Post", "Kyiv Post"),
        ("Российская газета", "Rossiyskaya Gazeta"),
        ("Suddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("AFP", "Agence France-Presse"),
    ],
)
def test_names_and_aliases(registry, given, outlet):
    found = registry.resolve(given)
    assert (found.outlet.name, found.by) == (outlet, "name")


@pytest.mark.parametrize(
    ("given", "outlet"),
    [
        ("bbc.co.uk", "BBC News"),
        ("bbc.com", "BBC News"),  # a mirror domain of the same outlet
        ("www.bbc.com", "BBC News"),
        ("edition.cnn.com", "CNN"),  # a subdomain
        ("en.yna.co.kr", "Yonhap News Agency"),
        ("abcnews.go.com", "ABC News"),
        ("g1.globo.com", "g1"),  # two outlets under one parent domain stay apart
        ("oglobo.globo.com", "O Globo"),
    ],
)
def test_a_name_that_is_a_domain(registry, given, outlet):
    found = registry.resolve(given)
    assert (found.outlet.name, found.by) == (outlet, "domain")


def test_an_unknown_name_with_a_known_url_resolves_by_the_url(registry):
    found = registry.resolve("BBC Mundo", ["www.bbc.com"])
    assert (found.outlet.name, found.by) == ("BBC News", "url")


def test_a_close_spelling_of_a_long_name_is_found_and_marked_fuzzy(registry):
    found = registry.resolve("Washington Psot")
    assert (found.outlet.name, found.by) == ("The Washington Post", "fuzzy") and 90 <= found.score < 100


@pytest.mark.parametrize(
    "given",
    [
        "Meridian Wire",  # our invented outlets
        "Harbour Herald",
        "The Northern Ledger",
        "ABC",  # the US network, Australia's broadcaster or Spain's paper: ambiguous, so unknown
        "Reuter",  # too short for a fuzzy match: one letter can be another outlet
        "Guardian Australia",  # an edition we do not list is not guessed
        "news.sky.org",  # a domain we do not list
        "sky.com",  # the parent of news.sky.com is not the news outlet
        "The Standard",  # Der Standard and De Standaard are close, but not the same name
    ],
)
def test_unknown_outlets_stay_unknown(registry, given):
    found = registry.resolve(given)
    assert (found.outlet, found.by) == (None, "unknown")


def test_normalise_drops_case_accents_punctuation_and_a_leading_the():
    assert normalise("The Washington Post") == "washington post"
    assert normalise("Clarín") == "clarin"
    assert normalise("Mail & Guardian") == "mail and guardian"
    assert normalise("L'Orient-Le Jour") == "l orient le jour"
