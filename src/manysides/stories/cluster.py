"""Incremental clustering: each article joins the most similar open story, or starts a new one.

A story keeps running centroids (sums of its articles' unit vectors) for content words, entities
and sentence meaning, plus the span of its publication dates. An article is compared only with
stories found through an inverted index over its entities, dates and rarest words — each posting
list keeps the most recent `POSTING_CAP` stories — and, when both are dated, only within
`WINDOW_DAYS` of the story's dates and `SPAN_DAYS` of its first and last: the cost per article stays flat
however many stories there are, and a story cannot chain on for months.

The join decision is a logistic model over six pair features (`pair_features`), fitted on labelled
news by `eval/stories.py --fit` and stored in `data/decision.json` (weights, threshold and what they were
fitted on). Everything is deterministic: the same articles in the same order give the same stories.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from importlib import resources
from typing import Any

import numpy as np
from wordfreq import word_frequency

from manysides.stories.features import POSSESSIVE, ArticleFeatures, content_words

FEATURE_NAMES = ("terms", "entities", "meaning", "story_leading", "article_leading", "numbers_shared")
# A dated article joins only stories with an article at most this many days from its date. Not fitted:
# ECB+ has no publication dates (and dates inferred from a text are not used: see features.py). A week
# keeps a developing story together (each new article extends the range) and keeps apart two events of
# one kind weeks apart (two calls between the same leaders).
WINDOW_DAYS = 7
# ...and only while the story's whole span, first to last publication date, stays within this many days.
# The window alone bounded each join, not the story: every article within a week of the story's last one
# extended it, and 10,000 short look-alike articles chained into 7 stories running from January to April.
# Two weeks let a story develop (our labelled stories span at most 3 days); later follow-ups start a story
# of their own, which a manual merge can join to it.
SPAN_DAYS = 14
PRIOR_DOCUMENTS = 100  # weight of general English in document frequencies (see _unit)
ARTICLE_WORDS = 300
POSTING_CAP = 32
CANDIDATES = 16
INDEX_TERMS = 12  # an article is indexed under its rarest words, this many
INDEX_ENTITIES = 16
TOP = 5  # leading entities compared (2, 3, 5 tried: 5 best on the tuning topics)
_SAINT = re.compile(r"(?:St|Saint)\.? ")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Decision:
    """P(same story) = logistic(weights · pair features + bias); join the best story when ≥ threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    fitted_on: str = ""

    def probability(self, x: np.ndarray) -> float:
        return 1.0 / (1.0 + math.exp(-(float(np.dot(self.weights, x)) + self.bias)))

    @classmethod
    def default(cls) -> Decision:
        """The decision fitted by eval/stories.py --fit and shipped with the code."""
        return cls.from_json(resources.files("manysides.stories").joinpath("data/decision.json").read_text("utf-8"))

    @classmethod
    def from_json(cls, payload: str) -> Decision:
        data = json.loads(payload)
        weights = data["weights"]
        return cls(
            weights=tuple(float(weights[name]) for name in FEATURE_NAMES),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            fitted_on=str(data.get("fitted_on", "")),
        )

    def to_json(self, **provenance: Any) -> str:
        data = {
            "weights": dict(zip(FEATURE_NAMES, self.weights, strict=True)),
            "bias": self.bias,
            "threshold": self.threshold,
            "fitted_on": self.fitted_on,
        }
        return json.dumps(data | provenance, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: `probability` is None when it was placed, not decided (pinned, restored).

    `compared` holds the pair features of each story it was compared with (what the decision is fitted on).
    """

    article_id: str
    story_id: str
    new_story: bool
    probability: float | None
    compared: tuple[tuple[str, np.ndarray], ...] = ()


@dataclass(slots=True)
class _Centroid:
    """Sum of unit vectors, with its squared norm kept up to date, so a cosine costs one pass over the article."""

    total: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0

    def add(self, unit: dict[str, float]) -> None:
        if not unit:
            return
        total = self.total
        self.norm2 += 2.0 * sum(total.get(key, 0.0) * value for key, value in unit.items()) + 1.0
        for key, value in unit.items():
            total[key] = total.get(key, 0.0) + value

    def cosine(self, unit: dict[str, float]) -> float:
        if not unit or self.norm2 <= 0.0:
            return 0.0
        total = self.total
        return sum(total.get(key, 0.0) * value for key, value in unit.items()) / math.sqrt(self.norm2)


@dataclass(slots=True)
class StoryState:
    id: str
    article_ids: list[str] = field(default_factory=list)
    terms: _Centroid = field(default_factory=_Centroid)
    entities: _Centroid = field(default_factory=_Centroid)
    meaning: np.ndarray | None = None
    first: date | None = None
    last: date | None = None
    names: dict[str, Counter[str]] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    leading: tuple[str, ...] | None = None  # cache of leading_entities(), cleared when an article joins

    def leading_entities(self) -> tuple[str, ...]:
        """The `TOP` entities with the most weight in the story's centroid."""
        if self.leading is None:
            self.leading = tuple(_heaviest(self.entities.total, TOP))
        return self.leading

    def span_with(self, day: date | None) -> int | None:
        """Days from the story's first to its last publication date were an article of `day` to join it."""
        if day is None or self.first is None or self.last is None:
            return None
        return (max(self.last, day) - min(self.first, day)).days

    def days_from(self, day: date | None) -> int | None:
        """Days between `day` and the story's date range (0 inside it); None when either is undated."""
        if day is None or self.first is None or self.last is None:
            return None
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)

    def label(self, size: int = 3) -> str:
        """The things most of the story's articles name, in their most used wording, and the word it weighs
        most that names none of them: "Kestria · Varne Pass · Dunmere · landslide".

        A short form counts for the one longer name it is a word of ("Brandt" for "Liesel Brandt", "Teodoro"
        for "Sao Teodoro"): one thing, not two places in the label. In a story of three articles or more a
        thing only one of them names ("European", the outlet's own "Ledger") is no label of it."""
        named = {key: sum(wordings.values()) for key, wordings in self.names.items()}
        holders: dict[str, list[str]] = {}
        for key in named:
            for word in set(key.split()) if " " in key else ():
                holders.setdefault(word, []).append(key)
        articles: Counter[str] = Counter()
        for key, count in named.items():
            longer = holders.get(key, [])
            articles[longer[0] if len(longer) == 1 else key] += count
        floor = 2 if len(self.article_ids) > 2 else 1
        ranked = sorted(articles.items(), key=lambda item: (-item[1], -self.entities.total.get(item[0], 0.0), item[0]))
        top = [key for key, count in ranked if count >= floor][:size] or [key for key, _ in ranked[:size]]
        names = [_display_name(self.names[key]) for key in top]
        # words of names, written as content words are ("aldric" of "st aldric's hospital"), and the rare
        # capitalised words the recogniser missed ("tarnby"): what happened is no name
        name_words = {word for key in self.names for word in _name_words(key)} | self.entities.total.keys()
        terms = self.terms.total
        what = min((t for t in terms if t.isalpha() and t not in name_words), key=lambda t: (-terms[t], t), default=None)
        return " · ".join(names + ([what] if what else []))  # "Sao Teodoro · earthquake"


@dataclass(frozen=True, slots=True)
class _Weighted:
    features: ArticleFeatures
    terms: dict[str, float]
    entities: dict[str, float]
    leading_entities: tuple[str, ...]
    numbers: frozenset[str]


class Clusterer:
    """Holds the open stories; `add` places one article after the other."""

    def __init__(self, decision: Decision | None = None) -> None:
        self.decision = decision or Decision.default()
        self.stories: dict[str, StoryState] = {}
        self._documents = 0
        self._term_df: Counter[str] = Counter()
        self._entity_df: Counter[str] = Counter()
        self._postings: dict[str, list[str]] = {}

    def add(self, features: ArticleFeatures, story_id: str | None = None, compare: bool = False) -> Assignment:
        """Place an article: into `story_id` when given (a manual pin, a stored placement, a wire copy),
        else into the best story the decision accepts, else into a new story named after the article.

        `compare` compares it with its candidate stories even when `story_id` is given: fitting the
        decision replays the true stories this way and learns from every comparison.
        """
        weighted = self._weigh(features)
        compared: tuple[tuple[str, np.ndarray], ...] = ()
        probability = None
        if story_id is None or compare:
            compared = tuple((story.id, self.pair_features(weighted, story)) for story in self._candidate_stories(weighted))
        if story_id is None:
            scored = sorted(((self.decision.probability(x), sid) for sid, x in compared), key=lambda s: (-s[0], s[1]))
            if scored and scored[0][0] >= self.decision.threshold:
                probability, story_id = scored[0]
        story_id = story_id or story_id_for(features.article_id)
        new_story = story_id not in self.stories
        self._join(weighted, story_id)
        return Assignment(features.article_id, story_id, new_story, probability, compared)

    def pair_features(self, article: _Weighted, story: StoryState) -> np.ndarray:
        """What the decision weighs: cosines with the story's centroids (words, entities, meaning); how
        many of the story's `TOP` leading names the article gives, and of the article's the story gives
        (two heists in Paris share "Paris" but not the jeweller); the share of the article's numbers the
        story has. (Not "both give numbers but share none": disagreeing numbers are what a contradiction
        within one story looks like — it split the example corpus' 6.1-vs-5.8 magnitude report off.)"""
        meaning = 0.0
        vector = article.features.vector
        if vector is not None and story.meaning is not None:
            meaning = float(np.dot(vector, story.meaning)) / max(float(np.linalg.norm(story.meaning)), 1e-9)
        numbers_shared = len(article.numbers & story.numbers) / len(article.numbers) if article.numbers else 0.0
        return np.array(
            [
                story.terms.cosine(article.terms),
                story.entities.cosine(article.entities),
                meaning,
                sum(key in article.entities for key in story.leading_entities()) / TOP,
                sum(key in story.entities.total for key in article.leading_entities) / TOP,
                numbers_shared,
            ]
        )

    # --- internals ---------------------------------------------------------------------------

    def _weigh(self, features: ArticleFeatures) -> _Weighted:
        """tf-idf unit vectors; document frequencies count every article seen, this one included."""
        self._documents += 1
        self._term_df.update(features.terms.keys())
        self._entity_df.update(features.entities.keys())
        documents = max(self._documents, 1)
        entities = _unit(features.entities, self._entity_df, documents)
        return _Weighted(
            features,
            _unit(features.terms, self._term_df, documents),
            entities,
            tuple(_heaviest(entities, TOP)),
            frozenset(_numbers(features.terms)),
        )

    def _index_keys(self, article: _Weighted) -> list[str]:
        terms = _heaviest(article.terms, INDEX_TERMS)
        entities = _heaviest(article.entities, INDEX_ENTITIES)
        return [f"t:{key}" for key in terms] + [f"e:{key}" for key in entities]

    def _candidate_stories(self, article: _Weighted) -> list[StoryState]:
        hits: Counter[str] = Counter()
        for key in self._index_keys(article):
            for rank, story_id in enumerate(self._postings.get(key, ())):
                hits[story_id] += 1.0 + rank / 1000.0  # ties go to the more recent story
        chosen = []
        day = article.features.published
        for story_id, _ in hits.most_common():
            story = self.stories[story_id]
            days, span = story.days_from(day), story.span_with(day)
            if (days is not None and days > WINDOW_DAYS) or (span is not None and span > SPAN_DAYS):
                continue
            chosen.append(story)
            if len(chosen) == CANDIDATES:
                break
        return chosen

    def _join(self, article: _Weighted, story_id: str) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id)
        features = article.features
        story.article_ids.append(features.article_id)
        story.terms.add(article.terms)
        story.entities.add(article.entities)
        story.numbers |= article.numbers
        story.leading = None
        if features.vector is not None:
            story.meaning = features.vector.copy() if story.meaning is None else story.meaning + features.vector
        if features.published is not None:
            story.first = min(story.first or features.published, features.published)
            story.last = max(story.last or features.published, features.published)
        for entity, name in features.names.items():
            story.names.setdefault(entity, Counter())[name] += 1
        for key in self._index_keys(article):
            posting = self._postings.setdefault(key, [])
            if story_id in posting:
                posting.remove(story_id)
            posting.append(story_id)
            if len(posting) > POSTING_CAP:
                del posting[0]


def story_id_for(article_id: str) -> str:
    """A new story is named after the article that started it: stable across rebuilds of the same input."""
    return f"s{article_id[:11]}"


def _heaviest(weights: dict[str, float], count: int) -> list[str]:
    """The `count` keys of most weight, ties broken by the key: the same input always gives the same keys."""
    return [key for key, _ in heapq.nlargest(count, weights.items(), key=lambda item: (item[1], item[0]))]


@lru_cache(maxsize=100_000)
def _name_words(key: str) -> tuple[str, ...]:
    """A name's words as content words write them: asked for every name of a story at every relabelling."""
    return tuple(content_words(key))


def _numbers(terms: dict[str, float]) -> list[str]:
    """The article's numbers as written ("23", "5.6", "184m"): the words with a digit."""
    return [term for term in terms if _DIGIT.search(term)]


def _display_name(surfaces: Counter[str]) -> str:
    """The most used wording, preferring "Sao Teodoro" to a dateline's "SAO TEODORO", without a leading "the"
    or a possessive ending ("Darrow Bank's outage" names Darrow Bank) — but "St Aidan's" is the school's name."""
    name = max(surfaces.items(), key=lambda item: (item[1], not item[0].isupper(), item[0]))[0]
    name = name[4:] if name.casefold().startswith("the ") else name
    return POSSESSIVE.sub("", name) if not _SAINT.match(name) else name


def _unit(counts: dict[str, float], df: Counter[str], documents: int) -> dict[str, float]:
    """tf-idf with a background prior: document frequencies are those of the stream plus `PRIOR_DOCUMENTS`
    pseudo-documents from general English (wordfreq), so the first articles of a new database already
    know that "point" is common and "Kessel" is rare, and the stream's own counts take over as it grows."""
    weights = {
        key: (1.0 + math.log(count))
        * (math.log((documents + PRIOR_DOCUMENTS + 1) / (df[key] + PRIOR_DOCUMENTS * background_share(key) + 1)) + 1.0)
        for key, count in counts.items()
        if count > 0
    }
    norm = math.sqrt(sum(value * value for value in weights.values()))
    return {key: value / norm for key, value in weights.items()} if norm > 0 else {}


@lru_cache(maxsize=200_000)
def background_share(key: str) -> float:
    """Share of general English documents that contain `key` (a name: its rarest word), estimated from
    its word frequency and a news article's length; 0 for dates and unknown words."""
    if key.startswith("date:"):
        return 0.0
    frequency = min(word_frequency(word, "en") for word in key.split())
    return min(1.0, frequency * ARTICLE_WORDS)
