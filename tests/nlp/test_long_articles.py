"""Long articles (issue 24): parsed in pieces, sentences bounded, every offset still indexing the text.

The texts are our own; the long ones are a few invented paragraphs repeated, so what the analysis finds in
one copy it must find, shifted, in every copy with the same text before it, however far into the article.
"""

import random
from dataclasses import astuple
from datetime import date

import pytest

from manysides.model import Analysis, Article, Mention, Quote, Span
from manysides.nlp.claims import _Enclosing
from manysides.nlp.pipeline import MAX_SENTENCE, PIECE, Pipeline, default_pipeline, split_pieces
from manysides.nlp.quotes import _Marks, _Names
from manysides.nlp.time import _without_overlaps

PARAGRAPHS = (
    "Marta Okonjo, who runs the Kessel Point water board, said the spillway gates were opened on Thursday. "
    "“We had minutes, not hours,” she said. “Every gate bought the town another hour.”",
    "According to the Northvale Water Authority, 140 homes were flooded and 3,000 people left their houses. "
    "The mayor criticized the authority for the late warning, and residents said the sirens had been silent.",
    "Okonjo told the Valley Post that repairs would start next week. "
    "The board has not said whether families will be compensated, but it vowed to rebuild the road by May 2026.",
)


COPIES = 66
PIECE_OF_TEST = 4_000  # characters: the long article (≈ 13,000) in four pieces, so the test stays quick


def long_text(copies: int) -> str:
    return "\n\n".join(PARAGRAPHS[n % len(PARAGRAPHS)] for n in range(copies))


def spans_of(analysis: Analysis) -> list[tuple[int, int, str]]:
    """Every offset the analysis carries, with the text it says is there."""
    found = [(s.start, s.end, s.text) for s in analysis.sentences]
    found += [(m.start, m.end, m.surface) for m in analysis.mentions]
    found += [(t.start, t.end, t.text) for t in analysis.times]
    for q in analysis.quotes:
        found += [(q.speaker_span.start, q.speaker_span.end, q.speaker), (q.cue_span.start, q.cue_span.end, q.cue)]
    return found


def test_pieces_join_back_into_the_text_and_are_cut_after_blank_lines():
    text = long_text(60)
    pieces = split_pieces(text, 5_000)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(piece) <= 5_000 for piece in pieces)
    assert all(piece.endswith(".”\n\n") or piece.endswith(".\n\n") for piece in pieces[:-1])
    one_line = text.replace("\n\n", " ")
    assert all(piece.endswith(". ") or piece.endswith(".” ") for piece in split_pieces(one_line, 5_000)[:-1])
    assert split_pieces("x" * 12_000, 5_000) == ["x" * 5_000, "x" * 5_000, "x" * 2_000]  # no space anywhere
    assert split_pieces(text, len(text)) == [text]


@pytest.fixture(scope="module")
def long_article():
    article = Article.create(outlet="Test Desk", text=long_text(COPIES), published=date(2025, 6, 14))
    assert 3 * PIECE_OF_TEST < len(article.text) < PIECE
    return article


@pytest.fixture(scope="module")
def whole(long_article):
    """The long article parsed as one Doc (it is shorter than a piece), as every article was before pieces."""
    return next(default_pipeline().analyse([long_article]))


def test_an_article_parsed_in_pieces_is_analysed_as_when_parsed_whole(long_article, whole):
    assert len(split_pieces(long_article.text, PIECE_OF_TEST)) == 4
    pieced = next(Pipeline(piece=PIECE_OF_TEST).analyse([long_article]))
    assert astuple(pieced) == astuple(whole)


def test_every_copy_of_a_paragraph_is_read_alike_however_far_into_the_article(long_article, whole):
    """Copies after the first three have the same text before them as copies 3 to 5 (the paragraph before),
    so they must yield the same quotes, speakers, claims and dates, shifted: what an index by offset gets
    wrong far into the text shows here."""
    starts = [0]
    for paragraph in long_article.text.split("\n\n")[:-1]:
        starts.append(starts[-1] + len(paragraph) + 2)
    ends = [*starts[1:], len(long_article.text)]

    def copy(n: int) -> tuple:
        shift, inside = starts[n], lambda start: starts[n] <= start < ends[n]
        quotes = [
            (q.speaker_span.start - shift, q.speaker_entity_id, q.cue, q.content.start - shift, q.content.end - shift, q.direct)
            for q in whole.quotes if inside(q.cue_span.start)
        ]
        claims = [
            (c.subject, c.predicate, c.object, c.polarity, c.modality, c.numbers, c.dates, c.attribution)
            for c in whole.claims if inside(c.evidence.start)
        ]
        times = [(t.start - shift, t.value) for t in whole.times if inside(t.start)]
        return quotes, claims, times

    assert all(copy(n)[0] and copy(n)[1] for n in range(3))
    assert [copy(n) for n in range(3, COPIES)] == [copy(3 + n % 3) for n in range(COPIES - 3)]


def test_a_long_line_without_full_stops_is_cut_into_bounded_sentences():
    copies = 120
    text = long_text(copies).replace("\n\n", " ").replace(". ", ", ").replace(".”", ",”")
    assert "." not in text[:-1] and "\n" not in text and len(text) > PIECE
    article = Article.create(outlet="Test Desk", text=text, published=date(2025, 6, 14))
    analysis = next(default_pipeline().analyse([article]))
    assert all(s.end - s.start <= MAX_SENTENCE for s in analysis.sentences)
    assert sum(len(s.text) for s in analysis.sentences) > 0.99 * len(text.strip())  # nothing dropped
    assert all(article.text[start:end] == found for start, end, found in spans_of(analysis))
    assert len(analysis.quotes) >= copies and len(analysis.claims) >= 3 * copies and len(analysis.times) >= copies


def test_the_offset_indexes_find_what_a_scan_of_everything_finds():
    """The indexes that replaced scans over the whole text (issue 24), against those scans on random data."""
    rng = random.Random(24)
    for _ in range(200):
        text = "".join(rng.choice("ab \n“”\"''") for _ in range(rng.randint(0, 120)))
        marks = _Marks(text)
        for position in range(len(text) + 1):
            paragraph = text[text.rfind("\n", 0, position) + 1 : position]
            opened = paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 or paragraph.count("''") % 2
            assert marks.in_quotation(position) == bool(opened), (text, position)

        candidates = sorted(((s := rng.randint(0, 90), s + rng.randint(1, 15), n) for n in range(rng.randint(0, 25))),
                            key=lambda c: (c[0] - c[1], c[0]))
        scanned: list = []
        for start, end, n in candidates:
            if all(end <= s or start >= e for s, e, _ in scanned):
                scanned.append((start, end, n))
        assert _without_overlaps(candidates) == sorted(scanned, key=lambda c: c[0])

        quotes = [_quote_over(s := rng.randint(0, 150), s + rng.randint(1, 60)) for _ in range(rng.randint(0, 15))]
        enclosing = _Enclosing(quotes)
        for position in sorted(rng.randint(0, 220) for _ in range(30)):
            assert enclosing.at(position) is next((q for q in quotes if q.content.start <= position < q.content.end), None)

        mentions, end = [], 0
        for _ in range(rng.randint(0, 15)):
            start = end + rng.randint(0, 8)
            end = start + rng.randint(1, 8)
            mentions.append(Mention(start, end, "x", "thing:x", rng.choice(("PERSON", "ORG", "GPE"))))
        names = _Names(mentions)
        for _ in range(30):
            start = rng.randint(0, end + 4)
            stop = start + rng.randint(0, 20)
            assert names.within(start, stop) is next((m for m in mentions if start <= m.start and m.end <= stop), None)
            before = next((m for m in reversed(mentions) if m.type == "PERSON" and m.end <= start), None)
            assert names.person_before(start) is before


def _quote_over(start: int, end: int) -> Quote:
    where = Span("a", start, end)
    return Quote("x", where, None, True, "said", where, None, False, where, where)
