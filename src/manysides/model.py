"""The typed records that flow through the pipeline.

Every stage takes and returns these frozen dataclasses (see docs/ARCHITECTURE.md).
Character offsets (`start`, `end`) always index into `Article.text`, so a finding can
always be traced back to the exact words of its source.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

_SPACES = re.compile(r"\s+")
_TRAILING_SPACES = re.compile(r"[ \t\f\v]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


# Bidi embeddings, overrides and isolates and the direction marks: invisible, they make a page or a terminal
# show text in another order than it is stored ("Trojan Source"). Ingest drops them; the web app and the CLI's
# tables drop them again from what older databases hold (a regex character class).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"


def clean_text(raw: str) -> str:
    """The text we store: NFC, Unix newlines, no trailing spaces, at most one blank line in a row.

    Paragraph breaks are kept because later stages (and readers) use them; everything
    else about layout is noise.
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ")
    text = _TRAILING_SPACES.sub("\n", text + "\n")
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()


def identity_text(text: str) -> str:
    """The form of a text that decides identity: compatibility-normalised, whitespace collapsed.

    Two copies of one article that differ only in line wrapping or non-breaking spaces
    are the same article.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def outlet_key(outlet: str) -> str:
    """Outlet names compare case-insensitively and ignore spacing ("Daily  Planet" = "daily planet")."""
    return _SPACES.sub(" ", outlet).strip().casefold()


def article_id(outlet: str, text: str) -> str:
    """sha256 of (outlet, normalised text): re-ingesting the same input yields the same id."""
    digest = hashlib.sha256()
    digest.update(outlet_key(outlet).encode("utf-8"))
    digest.update(b"\x00")
    digest.update(identity_text(text).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One article of one outlet. `text` is the cleaned body all offsets point into."""

    id: str
    outlet: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: bool = False
    language: str | None = None
    source: str = ""
    external_id: str | None = None

    @classmethod
    def create(cls, *, outlet: str, text: str, **metadata: object) -> Article:
        """Build an article from raw parts: cleans the text and derives the id."""
        body = clean_text(text)
        name = _SPACES.sub(" ", outlet).strip()
        return cls(id=article_id(name, body), outlet=name, text=body, **metadata)  # type: ignore[arg-type]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


# --- Analysis records (filled by the nlp/ stage) -------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: a character range of one article."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing across all articles; `name` is its canonical form."""

    id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in the text naming an entity; `surface` is the exact wording framing counts.

    `country_id` relates a nationality word to its country ("Ukrainian" → place:ukraine) without
    making them one entity: "Ukrainian officials" are not Ukraine.
    """

    start: int
    end: int
    surface: str
    entity_id: str
    type: str
    country_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what, through which cue, to whom: a direct quotation or reported speech.

    `speaker` is the wording of the source ("a senior official", "Reyna", "he"); its entity is the
    named one inside it, or for a pronoun the person last named before it. Anonymous: no name
    at all ("officials", "people familiar with the call"). `channel` is whom it was told to
    ("Reuters" in "told Reuters"). `evidence` covers the sentences the attribution spans.
    """

    speaker: str
    speaker_span: Span
    speaker_entity_id: str | None
    anonymous: bool
    cue: str
    cue_span: Span
    channel: str | None
    direct: bool
    content: Span
    evidence: Span


Granularity = Literal[
    "time", "day", "week", "month", "quarter", "season", "year", "decade", "duration", "set", "reference"
]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalised TimeML-style against `anchor` (the article's date).

    `value` is a TIMEX3 value: 2024-11-07, 2024-W45, 2024-11, 2024-Q3, P3Y, PRESENT_REF…
    """

    start: int
    end: int
    text: str
    value: str
    granularity: Granularity
    anchor: date | None


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    unit: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, with the reporter's stance towards it and its evidence."""

    subject: str
    predicate: str
    object: str
    polarity: Literal["affirmed", "negated"]
    modality: Literal["asserted", "reported", "alleged", "hedged", "denied"]
    evidence: Span
    numbers: tuple[Number, ...] = ()
    dates: tuple[str, ...] = ()
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the nlp stage reads out of one article; `boilerplate` lists the (start, end) of the lines (and the dateline) it skipped."""

    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    times: tuple[TimeExpr, ...]
    boilerplate: tuple[tuple[int, int], ...] = ()


# --- Stories and comparisons (stories/ and compare/ stages) --------------------------------


@dataclass(frozen=True, slots=True)
class Placement:
    """An article's place in a story: decided with `probability`, or placed (None) when it started the
    story, was pinned by a manual merge or split, or is a wire copy (`copy_of` its original)."""

    article_id: str
    story_id: str
    probability: float | None = None
    pinned: bool = False
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class StoryOverview:
    """A line of the story list: how big, who covered it, when."""

    id: str
    label: str
    articles: int
    outlets: tuple[str, ...]
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of one outlet's article, quoted exactly, with its place in the article's text."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Agreement:
    """One fact reported by several independent sources, each in its own words."""

    summary: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class UniqueFact:
    """A checkable statement only one source reports; `missing_from` lists the outlets that leave it out."""

    summary: str
    evidence: Evidence
    missing_from: tuple[str, ...]
    # When the sentence itself is shared (it aligns with others), what in it no other source gives:
    # numbers as written, days (ISO), names ("£14,200", "2025-03-17", "Harlow Road Primary"); empty when
    # the sentence aligns with nothing, so all of it is this source's alone.
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two sources at odds: `kind` says how, `explanation` says who says what, in one line; `confidence`
    (0–1) how sure it is that the two sentences state one proposition (compare/confidence.py)."""

    kind: Literal["negation", "denial", "number", "date", "place", "attribution"]
    first: Claim
    second: Claim
    explanation: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One day, ISO week, month or year of the story (`granularity`) and what the sources date to it."""

    date: str
    granularity: str
    summary: str
    events: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class EntityForms:
    """One canonical entity of a story and each outlet's wording for it: outlet → surface form → count."""

    id: str
    name: str
    type: str
    forms: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class WordChoice:
    """One thing the outlets call by different words ("war" / "conflict"): outlet → term → count."""

    concept: str
    forms: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    """A loaded term one outlet uses (compare/data/loaded_terms.tsv), with every sentence using it."""

    outlet: str
    term: str
    category: str
    neutral: str
    count: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class DistinctiveWord:
    """A word that sets an outlet's wording apart from the story's other outlets (log-odds z-score)."""

    outlet: str
    word: str
    count: int
    z: float


@dataclass(frozen=True, slots=True)
class Chain:
    """An article reporting through another news organisation: its outlet → `via` → `source`.

    "Sources close to the minister told the Post": via the Post, source "Sources close to the minister";
    "the Northern Ledger reported, citing two officials": via the Northern Ledger, source "two officials";
    "according to the newspaper": via the newspaper, source None. `anonymous`: the source names no one.
    """

    evidence: Evidence
    via: str
    source: str | None
    anonymous: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the sources of one story agree on, leave out, dispute and date, and how each words it.

    `entities`: every entity named, with each outlet's forms (Kiev/Kyiv). `hedging`: outlet → share of
    its claims that are hedged or alleged. `word_choices`, `loaded_terms`, `distinctive`: compare/framing.py.
    `chains`: what the articles report through other news organisations (compare/sourcing.py).
    `contradictions` are those confident enough to show; `possible` the rest (shown only on request).
    """

    story_id: str
    articles: tuple[Article, ...]
    agreements: tuple[Agreement, ...] = ()
    unique: tuple[UniqueFact, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[EntityForms, ...] = ()
    hedging: dict[str, float] = field(default_factory=dict)
    timeline: tuple[TimelineEntry, ...] = ()
    word_choices: tuple[WordChoice, ...] = ()
    loaded_terms: tuple[LoadedTerm, ...] = ()
    distinctive: tuple[DistinctiveWord, ...] = ()
    chains: tuple[Chain, ...] = ()
    possible: tuple[Contradiction, ...] = ()
