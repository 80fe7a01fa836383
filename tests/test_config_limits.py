"""The per-article word limit: from the command line, else MANYSIDES_MAX_ARTICLE_WORDS, else 50,000."""

import pytest

from manysides.config import DEFAULT_MAX_ARTICLE_WORDS, Settings
from manysides.errors import ConfigError

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def test_the_word_limit_comes_from_the_argument_then_the_environment_then_the_default(monkeypatch):
    monkeypatch.delenv("MANYSIDES_MAX_ARTICLE_WORDS", raising=False)
    assert Settings.load(db="x.db").max_article_words == DEFAULT_MAX_ARTICLE_WORDS == 50_000
    monkeypatch.setenv("MANYSIDES_MAX_ARTICLE_WORDS", "20,000")
    assert Settings.load(db="x.db").max_article_words == 20_000
    assert Settings.load(db="x.db", max_article_words=300).max_article_words == 300


def test_a_word_limit_that_is_no_positive_number_is_refused_in_one_line(monkeypatch):
    monkeypatch.setenv("MANYSIDES_MAX_ARTICLE_WORDS", "lots")
    with pytest.raises(ConfigError, match=r"^word limit 'lots': expected a positive whole number, e.g. 50000$"):
        Settings.load(db="x.db")
