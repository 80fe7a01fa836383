"""What the clustering compares: one `ArticleFeatures` per analysed article (pure).

Four signals, each of which fails alone in a known way:
- content words of title and body (the title counts twice): the event's vocabulary — but two
  earthquakes share most of it;
- canonical entities (names, places, organisations; their NER class ignored), rare capitalised words
  the recogniser missed, and the day-precise dates the text mentions (`date:2024-11-07`):
  the strongest signal that two articles tell the *same* event — but short items name few;
- the mean sentence vector (MiniLM, stored with the analysis): paraphrase-proof topic similarity;
- the publication date: articles days apart rarely tell one event. Only a given date counts: one
  inferred from the text ("died on April 22, 1923") is too often a date the story mentions, and as
  the clustering window it split stories (ECB+ held-out BCubed recall 90.4 → 84.0).
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from unidecode import unidecode
from wordfreq import top_n_list, zipf_frequency

from manysides.model import Analysis, Article

_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.UNICODE)
POSSESSIVE = re.compile(r"['’]s$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_WEIGHT = 2.0
LEAD_SENTENCES = 3  # news puts who, what, where and when first: the lead's words and names count double
LEAD_WEIGHT = 2.0
NAME_ZIPF = 4.0  # a capitalised word rarer than this is a name (Westbrook 3.4, Pellow 1.5; Bridge 4.8)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """An article as the clusterer sees it; `names` gives each entity id the article's most used wording."""

    article_id: str
    published: date | None
    terms: dict[str, float]
    entities: dict[str, float]
    names: dict[str, str]
    vector: np.ndarray | None


@cache
def _stop_words() -> frozenset[str]:
    """The ~100 most frequent English words (wordfreq Zipf ≥ 6: "the", "said", "people"), digits kept,
    and a few reporting words. Read from wordfreq, which clustering needs anyway; importing spaCy
    for its list would cost every `manysides stories` command five seconds."""
    common = (word for word in top_n_list("en", 400) if zipf_frequency(word, "en") >= 6.0 and not word.isdigit())
    return frozenset(common) | {"says", "told", "according", "mr", "ms", "mrs"}


def content_words(text: str) -> list[str]:
    """Lower-cased ASCII-folded words that carry meaning ("São" = "sao"): no stop words, no single
    letters; numbers kept ("145")."""
    stop = _stop_words()
    words = (unidecode(POSSESSIVE.sub("", match.group().casefold())) for match in _WORD.finditer(text))
    return [word for word in words if len(word) > 1 and word not in stop]


def entity_key(entity_id: str) -> str:
    """An entity id without its NER class: the small English model calls "São Teodoro" a person in one
    article and a place in the next, and for telling stories apart the name is what matters."""
    return entity_id.split(":", 1)[-1]


def article_features(article: Article, analysis: Analysis, vectors: np.ndarray | None = None) -> ArticleFeatures:
    """The features of one article from its stored analysis (and sentence vectors, when there are any)."""
    terms: Counter[str] = Counter()
    for sentence in analysis.sentences:
        weight = LEAD_WEIGHT if sentence.index < LEAD_SENTENCES else 1.0
        for word in content_words(sentence.text):
            terms[word] += weight
    for word in content_words(article.title or ""):
        terms[word] += TITLE_WEIGHT

    lead_end = analysis.sentences[min(LEAD_SENTENCES, len(analysis.sentences)) - 1].end if analysis.sentences else 0
    entities: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    # The outlet naming itself ("a member of staff told the Harbour Ledger") says nothing about the story,
    # and would pull every article of one outlet together.
    own_name = set(content_words(article.outlet))
    for mention in analysis.mentions:
        key = entity_key(mention.entity_id)
        if set(key.split()) <= own_name:
            continue
        weight = LEAD_WEIGHT if mention.start < lead_end else 1.0
        entities[key] += weight
        if " " in key:  # each word of a name counts half: another outlet may say "Teodoro", "Kessel", "Trump"
            for word in key.split():
                entities[POSSESSIVE.sub("", word)] += weight / 2  # "St Aldric's Hospital" meets "St Aldric"
        surfaces.setdefault(key, Counter())[mention.surface] += 1
    for word, weight in _unnamed_names(article.title or "", analysis, lead_end):
        if word not in own_name:
            entities[word] += weight
    for time in analysis.times:
        if _DAY.match(time.value):
            entities[f"date:{time.value}"] += 1

    return ArticleFeatures(
        article_id=article.id,
        published=None if article.published_inferred else article.published,
        terms=dict(terms),
        entities=dict(entities),
        names={entity: counts.most_common(1)[0][0] for entity, counts in surfaces.items()},
        vector=_mean_direction(vectors),
    )


def encode_features(features: ArticleFeatures) -> str:
    """The features as stored with a placement (JSON; the vector as base64 float32), so that a later run
    replays the story without decoding the analysis again and reading the features out of it."""
    vector = None if features.vector is None else base64.b64encode(features.vector.astype(np.float32).tobytes()).decode()
    published = None if features.published is None else features.published.isoformat()
    data = {"published": published, "terms": features.terms, "entities": features.entities, "names": features.names, "vector": vector}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_features(article_id: str, payload: str) -> ArticleFeatures:
    """`encode_features` read back."""
    data = json.loads(payload)
    vector = None if data["vector"] is None else np.frombuffer(base64.b64decode(data["vector"]), dtype=np.float32)
    published = None if data["published"] is None else date.fromisoformat(data["published"])
    return ArticleFeatures(article_id, published, data["terms"], data["entities"], data["names"], vector)


def _unnamed_names(title: str, analysis: Analysis, lead_end: int) -> list[tuple[str, float]]:
    """Rare capitalised words the recogniser left unnamed, as names ("Traders in Westbrook say…",
    "2 million Pellow customers", "a wildfire that broke out near Pinecrest"): the small model misses
    many names it has not seen, and the one article of three that names its town only this way was
    left out of the story. Not a sentence's first word, not inside a mention, rarer than `NAME_ZIPF` in
    general English ("Card", "May", "Council" are words). A title's first word counts: headlines open
    with the place or the name ("Norbury blast: …"; skipping it split that story off again)."""
    covered = {offset for mention in analysis.mentions for offset in range(mention.start, mention.end)}
    found: list[tuple[str, float]] = []
    for sentence in analysis.sentences:
        weight = LEAD_WEIGHT if sentence.start < lead_end else 1.0
        for match in list(_WORD.finditer(sentence.text))[1:]:
            if sentence.start + match.start() not in covered and (name := _rare_capitalised(match.group())):
                found.append((name, weight))
    found.extend((name, TITLE_WEIGHT) for match in _WORD.finditer(title) if (name := _rare_capitalised(match.group())))
    return found


def _rare_capitalised(word: str) -> str | None:
    """The word folded as content words are, if it is capitalised and rare: "Pellow's" → "pellow"."""
    folded = unidecode(POSSESSIVE.sub("", word.casefold()))
    return folded if word[0].isupper() and len(folded) > 1 and zipf_frequency(folded, "en") < NAME_ZIPF else None


def _mean_direction(vectors: np.ndarray | None) -> np.ndarray | None:
    if vectors is None or len(vectors) == 0:
        return None
    mean = vectors.astype(np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None
