"""How each outlet words a story (pure): its choice among words for one thing, loaded terms, the words
that set it apart from the other outlets, and how much it hedges.

- Word choices: the concepts of data/concepts.tsv ("war" / "conflict" / "special military operation")
  as each outlet words them; a concept counts when the story uses two of its terms or more.
- Loaded terms: the words of data/loaded_terms.tsv, each with its category, a more neutral wording,
  and every sentence that uses it.
- Distinctive words: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words", eq. 22): each outlet's words against the other outlets' of the same story, the prior
  from general English frequencies (wordfreq) and the story's own counts, so a word two outlets barely
  use is not "distinctive" by chance. A z-score ≥ 1.645 (one-sided 95 %) and two uses at least: in
  articles of a few hundred words only a word repeated five times or more, and never used by the
  others, gets there.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from wordfreq import word_frequency

from manysides.compare.align import Source
from manysides.wordlists import rows
from manysides.model import DistinctiveWord, Evidence, LoadedTerm, WordChoice

HEDGED = frozenset(("hedged", "alleged"))
PRIOR_STRENGTH = 0.5  # α0 as a multiple of the story's word count: the prior weighs half as much as the data
MIN_Z = 1.645  # one-sided 95 %: only over-use makes a word distinctive
MIN_COUNT = 2
TOP_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = frozenset(
    "the a an of in on at to for from by with and or but not no its it it's their they them his her he she "
    "we you i this that these those was were is are be been being has have had will would can could may might "
    "said says say told as into over than then there which who whom whose what when where while after before "
    "also about up out all more most some any other such only so if just very our us".split()
)


def word_choices(sources: Sequence[Source]) -> list[WordChoice]:
    """Each concept the story words in two ways or more: concept → outlet → term → count."""
    found = []
    lowered = {source.article.id: source.article.text.lower() for source in sources}
    for concept, terms in _concepts():
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for source in sources:
            text = source.article.text
            for term in terms:
                if not _may_contain(lowered[source.article.id], term):
                    continue
                count = len(_term_pattern(term).findall(text))
                if count:
                    forms[source.article.outlet][term] += count
        used = {term for counter in forms.values() for term in counter}
        if len(used) >= 2:
            found.append(WordChoice(concept, {outlet: dict(counter) for outlet, counter in sorted(forms.items())}))
    return found


def loaded_terms(sources: Sequence[Source]) -> list[LoadedTerm]:
    """Every loaded term an outlet uses, with the sentences that use it (an article's sentences in order)."""
    found = []
    for source in sources:
        lowered = source.article.text.lower()
        for term, category, neutral in _loaded():
            if not _may_contain(lowered, term):
                continue
            pattern = _term_pattern(term)
            evidence = tuple(
                Evidence(source.article.id, source.article.outlet, s.start, s.end, s.text)
                for s in source.analysis.sentences
                if pattern.search(s.text)
            )
            if evidence:
                count = sum(len(pattern.findall(e.text)) for e in evidence)
                found.append(LoadedTerm(source.article.outlet, term, category, neutral, count, evidence))
    return sorted(found, key=lambda t: (t.outlet.casefold(), -t.count, t.term))


def distinctive_words(sources: Sequence[Source], top: int = TOP_WORDS) -> list[DistinctiveWord]:
    """Each outlet's words that set it apart from the story's other outlets, by log-odds z-score."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for source in sources:
        counts[source.article.outlet].update(_words(source.article.text))
    if len(counts) < 2:
        return []
    story = Counter[str]()
    for counter in counts.values():
        story.update(counter)
    story_total = sum(story.values())
    strength = PRIOR_STRENGTH * story_total
    prior = {word: strength * (0.5 * story[word] / story_total + 0.5 * _background(word)) for word in story}
    prior_total = sum(prior.values())
    found = []
    for outlet, mine in sorted(counts.items()):
        n_mine = sum(mine.values())
        n_rest = story_total - n_mine
        scored = []
        for word, y_mine in mine.items():
            if y_mine < MIN_COUNT:
                continue
            y_rest, alpha = story[word] - y_mine, prior[word]
            delta = math.log((y_mine + alpha) / (n_mine + prior_total - y_mine - alpha)) - math.log(
                (y_rest + alpha) / (n_rest + prior_total - y_rest - alpha)
            )
            z = delta / math.sqrt(1 / (y_mine + alpha) + 1 / (y_rest + alpha))
            if z >= MIN_Z:
                scored.append(DistinctiveWord(outlet, word, y_mine, round(z, 2)))
        found += sorted(scored, key=lambda w: -w.z)[:top]
    return found


def hedging(sources: Sequence[Source]) -> dict[str, float]:
    """Outlet → the share of its claims that are hedged ("reportedly") or alleged."""
    claims: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        claims[source.article.outlet] += [claim.modality for claim in source.analysis.claims]
    return {outlet: sum(m in HEDGED for m in modalities) / len(modalities) for outlet, modalities in sorted(claims.items()) if modalities}


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.casefold().replace("’", "'")) if word not in _STOP and len(word) > 2]


@cache
def _background(word: str) -> float:
    return max(word_frequency(word, "en"), 1e-7)


@cache
def _may_contain(lowered: str, term: str) -> bool:
    """Whether the term's first word is in the (lower-cased) text at all: a cheap test before the pattern's search."""
    return term.split()[0].lower() in lowered


def _term_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:e?s)?(?![\w-])", re.IGNORECASE)


def _concepts() -> list[tuple[str, tuple[str, ...]]]:
    return [(row[0], row[1:]) for row in rows("compare", "concepts.tsv")]


def _loaded() -> list[tuple[str, str, str]]:
    return [(row[0], row[1], row[2]) for row in rows("compare", "loaded_terms.tsv")]
