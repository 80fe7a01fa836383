"""Alignment: which sentences of different articles report the same fact (pure).

Two sentences of two articles align when each is the other's most similar sentence in that article and
the similarity reaches `ALIGN_THRESHOLD`. Similarity: the cosine of their stored MiniLM vectors, with a
fifth of the weight on the content words (and numbers) they share — the encoder alone misses
paraphrases that repeat the facts' words ("The notice was issued on Tuesday evening."). Measured on the
shared facts of our labelled sets by eval/compare.py, not guessed. Aligned pairs are joined
into facts (connected components); a fact keeps at most one sentence per article. Wire copies are not
aligned with their original: a reprint is not a second source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from manysides.model import Analysis, Article

# Chosen together on examples/corpus and eval/data/compare-dev (eval/compare.py): cosine alone at 0.55
# found 24 of their 28 shared facts; with a fifth of the score from shared words, at 0.45, 26 of 28
# (alignment F1 69.2 → 66.9 on the corpus, 76.2 → 84.9 on compare-dev), the contradictions as many or more.
ALIGN_THRESHOLD = 0.45
# A sentence whose best match already aligns with another sentence of its own article still aligns with it
# above this (it says one of the two things the match says: "3,000 nurses walked out on Tuesday" and "the
# strike would last 48 hours" / "3,000 nurses began a 48-hour strike on Tuesday").
SECOND_THRESHOLD = 0.55
# A pair giving one number of two or more digits may fall this far short of the threshold, mutual or one-way
# ("About 3,500 residents have been evacuated" / "Around 3,500 people have left their homes": 0.436). Any
# value from 0.03 to 0.08 measured alike on the labelled sets: two more shared facts, alignment P 69.2 → 69.0.
NUMBER_ALLOWANCE = 0.05
LEXICAL_WEIGHT = 0.2  # share of the score given to shared content words, numbers included (the rest: cosine)
_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)*")
_STOP = frozenset(
    "the a an of in on at to for from by with and or but its their his her it they that this these those was were "
    "is are be been has have had will would said says told after before as into over than there which who".split()
)


@dataclass(frozen=True, slots=True)
class Source:
    """One article of a story as the comparison reads it: `vectors` has one row per analysis sentence."""

    article: Article
    analysis: Analysis
    vectors: np.ndarray
    copy_of: str | None = None


SentenceKey = tuple[str, int]  # (article id, sentence index)


@dataclass(frozen=True, slots=True)
class AlignedPair:
    first: SentenceKey
    second: SentenceKey
    similarity: float
    mutual: bool = True  # False: `first` is `second`'s best match or the other way round, not both


@dataclass(frozen=True, slots=True)
class Alignment:
    pairs: list[AlignedPair]
    # each sentence's best similarity with any sentence of another outlet's article (its copies apart), aligned
    # or not: how close its nearest paraphrase elsewhere comes
    closest: dict[SentenceKey, float]


def aligned_pairs(sources: Sequence[Source], threshold: float = ALIGN_THRESHOLD) -> list[AlignedPair]:
    return align(sources, threshold).pairs


def align(sources: Sequence[Source], threshold: float = ALIGN_THRESHOLD) -> Alignment:
    """Mutually best sentence pairs above the threshold, and one-way best pairs above `SECOND_THRESHOLD`, for
    every two articles that are not copies; two sentences giving one number need `NUMBER_ALLOWANCE` less
    than the threshold either way."""
    words = _word_matrices(sources) if LEXICAL_WEIGHT else None
    numbers = [[_numbers(sentence.text) for sentence in source.analysis.sentences] for source in sources]
    pairs = []
    closest: dict[SentenceKey, float] = {}
    for i, first in enumerate(sources):
        for j in range(i + 1, len(sources)):
            second = sources[j]
            if _copies(first, second) or not len(first.vectors) or not len(second.vectors):
                continue
            similarity = first.vectors @ second.vectors.T
            if words is not None:
                similarity = (1 - LEXICAL_WEIGHT) * similarity + LEXICAL_WEIGHT * _overlap(words[i], words[j])
            if first.article.outlet != second.article.outlet:
                _keep_closest(closest, first.article.id, similarity.max(axis=1))
                _keep_closest(closest, second.article.id, similarity.max(axis=0))
            best_in_second = similarity.argmax(axis=1)
            best_in_first = similarity.argmax(axis=0)
            mutual = [(row, int(column)) for row, column in enumerate(best_in_second) if best_in_first[column] == row]
            shared_number = _shared_numbers(numbers[i], numbers[j], mutual)
            for row, column in mutual:
                if similarity[row, column] >= (threshold - NUMBER_ALLOWANCE if (row, column) in shared_number else threshold):
                    pairs.append(
                        AlignedPair((first.article.id, row), (second.article.id, column), float(similarity[row, column]))
                    )
            one_way = {(row, int(column)) for row, column in enumerate(best_in_second)} ^ {
                (int(row), column) for column, row in enumerate(best_in_first)
            }  # fmt: skip
            shared_number = _shared_numbers(numbers[i], numbers[j], sorted(one_way))
            for row, column in sorted(one_way):
                bar = threshold - NUMBER_ALLOWANCE if (row, column) in shared_number else max(threshold, SECOND_THRESHOLD)
                if similarity[row, column] >= bar:
                    key_a, key_b = (first.article.id, row), (second.article.id, column)
                    pairs.append(AlignedPair(key_a, key_b, float(similarity[row, column]), mutual=False))
    return Alignment(pairs, closest)


def _keep_closest(closest: dict[SentenceKey, float], article_id: str, best: np.ndarray) -> None:
    for index, value in enumerate(best.tolist()):
        key = (article_id, index)
        closest[key] = max(closest.get(key, 0.0), value)


def facts(pairs: Sequence[AlignedPair]) -> list[list[SentenceKey]]:
    """Aligned pairs joined into groups, strongest pairs first; a group never takes two sentences of one
    article. A one-way pair never joins groups: it makes a group of two when one of its sentences is in
    no group yet (the other then states two facts, and is in two groups)."""
    group_of: dict[SentenceKey, int] = {}
    groups: dict[int, list[SentenceKey]] = {}
    ordered = sorted(pairs, key=lambda p: (not p.mutual, -p.similarity, p.first, p.second))
    for number, pair in enumerate(ordered):
        a, b = group_of.get(pair.first), group_of.get(pair.second)
        if not pair.mutual:
            if (a is None) != (b is None):
                lone = pair.first if a is None else pair.second
                group_of[lone] = number
                groups[number] = [pair.first, pair.second]
        elif a is None and b is None:
            group_of[pair.first] = group_of[pair.second] = number  # the pair's rank: never reused
            groups[number] = [pair.first, pair.second]
        elif a is not None and b is not None:
            if a != b and not {k[0] for k in groups[a]} & {k[0] for k in groups[b]}:
                for key in groups.pop(b):
                    group_of[key] = a
                    groups[a].append(key)
        else:
            joined, key = (a, pair.second) if a is not None else (b, pair.first)
            assert joined is not None
            if key[0] not in {k[0] for k in groups[joined]}:
                group_of[key] = joined
                groups[joined].append(key)
    return [sorted(group) for group in groups.values()]


def _word_matrices(sources: Sequence[Source]) -> list[np.ndarray]:
    """Each source's sentences as rows of 0/1 over the story's content words (numbers included)."""
    sentence_words = [[_content(sentence.text) for sentence in source.analysis.sentences] for source in sources]
    vocabulary = {word: n for n, word in enumerate(sorted({w for words in sentence_words for s in words for w in s}))}
    matrices = []
    for words in sentence_words:
        matrix = np.zeros((len(words), len(vocabulary)), dtype=np.float32)
        for row, found in enumerate(words):
            matrix[row, [vocabulary[word] for word in found]] = 1.0
        matrices.append(matrix)
    return matrices


def _overlap(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Shared content words of every two sentences over the smaller sentence's count (0–1)."""
    shared = first @ second.T
    smaller = np.minimum(first.sum(axis=1)[:, None], second.sum(axis=1)[None, :])
    return shared / np.maximum(smaller, 1.0)


def _content(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.casefold()) if word not in _STOP}


def _shared_numbers(first: list[set[str]], second: list[set[str]], cells: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The sentence pairs among `cells` that give one number of two or more digits ("8,000 homes"): as
    specific as a fact gets, so a one-way pair needs no more than a mutual one. `first`, `second`: each
    sentence's numbers."""
    return {(row, column) for row, column in cells if first[row] & second[column]}


def _numbers(text: str) -> set[str]:
    return {word for word in _content(text) if word[0].isdigit() and len(word.replace(",", "")) >= 2}


def _copies(first: Source, second: Source) -> bool:
    return first.copy_of == second.article.id or second.copy_of == first.article.id or (
        first.copy_of is not None and first.copy_of == second.copy_of
    )
