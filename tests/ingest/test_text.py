from datetime import date

import pytest

from manysides.errors import InputError
from manysides.ingest.origin import Origin
from manysides.ingest.text import parse_text

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

ORIGIN = Origin(location="story.txt", folder="corpus", stem="story")


def test_header_lines_with_and_without_colons():
    article = parse_text(
        "date 2024-11-11\noutlet: Harbour Herald\ntitle: Ferry aground\nurl https://hh.example/a\n\nBody text.",
        ORIGIN,
    )
    assert (article.published, article.outlet, article.title) == (date(2024, 11, 11), "Harbour Herald", "Ferry aground")
    assert article.url == "https://hh.example/a"
    assert article.text == "Body text."


def test_date_line_followed_by_the_body_on_the_same_line():
    article = parse_text("date 2024-11-11 The ferry ran aground on Thursday.\nMore text.", ORIGIN)
    assert article.published == date(2024, 11, 11)
    assert article.text == "The ferry ran aground on Thursday.\nMore text."


def test_a_body_that_starts_like_a_header_stays_body():
    article = parse_text("Title IX rules changed on Monday, officials said.\nSchools have a year.", ORIGIN)
    assert article.title is None
    assert article.text.startswith("Title IX rules changed")


def test_colonless_headers_count_when_a_blank_line_closes_them():
    article = parse_text("outlet Bay Times\ntitle Inquiry opens\n\nAn inquiry opened.", ORIGIN)
    assert (article.outlet, article.title, article.text) == ("Bay Times", "Inquiry opens", "An inquiry opened.")


def test_no_headers_at_all_uses_the_folder_as_outlet():
    article = parse_text("A ferry ran aground.", ORIGIN)
    assert article.outlet == "corpus"
    assert article.published is None


def test_invalid_header_date_is_an_error_naming_the_file():
    with pytest.raises(InputError) as caught:
        parse_text("date: 2024-02-30\n\nBody.", ORIGIN)
    assert str(caught.value) == "story.txt: invalid date '2024-02-30': day is out of range for month"


def test_headers_without_body_are_an_empty_article():
    with pytest.raises(InputError, match="story.txt: empty article"):
        parse_text("date 2024-11-11\noutlet: Bay Times\n\n   \n", ORIGIN)


def test_command_line_outlet_and_date_override_the_headers():
    origin = Origin(location="story.txt", outlet="Island Radio", published=date(2024, 1, 2))
    article = parse_text("date 2024-11-11\noutlet: Bay Times\n\nBody.", origin)
    assert (article.outlet, article.published) == ("Island Radio", date(2024, 1, 2))
