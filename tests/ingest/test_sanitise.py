"""Hidden characters and over-long articles: refused or cleaned the same way for every format and store."""

import json

import pytest

from manysides.errors import InputError
from manysides.ingest import ReadOptions, read
from manysides.ingest.origin import sanitise

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

HOSTILE = {
    "outlet": "Harbour\x00 Herald\u202e",
    "title": "Ferry\x1b[31m aground\u2066 at Kessel Point",
    "url": "https://harbour-herald.example/ferry\x07",
    "language": "en\x00",
    "id": "hh-\x7f17",
    "published": "2024-11-11",
    "text": "The ferry ran\x00 aground.\r\nAll 40\x0bpassengers\x0csafe.\u202aCoastguard\u202c said\tso.\x01",
}


def test_sanitise_removes_hidden_controls_and_bidi_and_keeps_tabs_and_newlines():
    assert sanitise("a\x00b\x08c\td\ne\rf\x7fg\u202eh\u2069i") == "abc\td\ne\rfghi"
    assert sanitise("one\x0btwo\x0cthree\x1ffour") == "one two three four"  # separators part words


def test_every_string_field_of_an_article_is_cleaned(tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    [article] = list(read(str(path), ReadOptions()))
    assert article.outlet == "Harbour Herald"
    assert article.title == "Ferry[31m aground at Kessel Point"
    assert article.url == "https://harbour-herald.example/ferry"
    assert (article.language, article.external_id) == ("en", "hh-17")
    assert article.text == "The ferry ran aground.\nAll 40 passengers safe.Coastguard said\tso."


def test_a_language_longer_than_a_code_is_dropped(tmp_path):
    path = tmp_path / "long-language.jsonl"
    path.write_text(json.dumps({"outlet": "Bay Times", "text": "Short text.", "language": "x" * 17}) + "\n")
    [article] = list(read(str(path), ReadOptions()))
    assert article.language is None


def test_an_article_over_the_word_limit_is_refused_with_one_line_naming_it(tmp_path):
    path = tmp_path / "two.jsonl"
    lines = [{"outlet": "Bay Times", "text": "word " * 11}, {"outlet": "Bay Times", "text": "word " * 10}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    too_long, fits = list(read(str(path), ReadOptions(max_article_words=10)))
    assert isinstance(too_long, InputError)
    assert str(too_long) == f"{path}:1: too long: 11 words over the limit of 10 (see --max-article-words)"
    assert fits.word_count == 10


def test_a_text_file_with_a_nul_past_the_binary_check_is_stored_without_it(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"outlet: Bay Times\n\n" + b"The inquiry opened. " * 500 + b"It\x00 closed.")
    [article] = list(read(str(path), ReadOptions()))
    assert article.text.endswith("It closed.") and "\x00" not in article.text
