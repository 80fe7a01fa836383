import pytest

from manysides.nlp.boilerplate import boilerplate_spans, mask

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


@pytest.mark.parametrize(
    "line",
    [
        "By Sam Okafor",
        "By Priya Castellan, Regional Affairs Correspondent",
        "Read more: How to prepare your home for an earthquake",
        "Related: Ten years on, how the 2015 floods changed Northvale",
        "Photo: Ledger staff",
        "Share this article",
        "Subscribe to our newsletter for more coastal news.",
        "© The Northern Ledger",
        "(Reporting by Meridian Wire)",
        "Advertisement",
    ],
)
def test_lines_that_are_not_the_story(line):
    assert boilerplate_spans(line) == ((0, len(line)),)


@pytest.mark.parametrize(
    "line",
    [
        "By the river, residents gathered on Sunday.",
        "Photos showed the damage.",
        "The mayor said she would share the report with the council.",
        "Related charges were filed on Monday.",
        "Subscribers to the water authority's alerts were warned on Thursday.",
        "Share prices fell 3 percent.",
        "Watch the river levels closely, officials said.",
    ],
)
def test_story_sentences_that_look_a_little_like_boilerplate(line):
    assert boilerplate_spans(line) == ()


def test_masking_keeps_every_offset():
    text = "By Sam Okafor\n\nThe quake struck on Saturday.\n\nRead more: quake kits"
    spans = boilerplate_spans(text)
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert masked.index("The quake") == text.index("The quake")
    assert "Okafor" not in masked and "quake kits" not in masked


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("HALDEN, May 20 (Meridian Wire) - The Halden District Court fined Zipto.", "HALDEN, May 20 (Meridian Wire) - "),
        ("LONDON (Reuters) - The bank raised rates.", "LONDON (Reuters) - "),
        ("By Sam Okafor\n\nKYIV, Ukraine — Officials said on Monday.", "KYIV, Ukraine — "),
    ],
)
def test_the_dateline_opening_the_story_is_skipped_but_not_the_sentence(text, dateline):
    start, end = boilerplate_spans(text)[-1]
    assert text[start:end] == dateline
    assert text[end:].startswith(("The", "Officials"))


def test_a_dash_later_in_the_story_is_no_dateline():
    text = "The court fined Zipto on Tuesday.\nBERLIN - a second ruling is due."
    assert boilerplate_spans(text) == ()
