"""Alignment: which sentences of different articles report the same fact (pure).

Two sentences of two articles align when each is the other's most similar sentence in that article
(cosine of their stored MiniLM vectors) and the similarity reaches `ALIGN_THRESHOLD` — measured on the
shared facts of examples/corpus/expected.yaml by eval/compare.py, not guessed. Aligned pairs are joined
into facts (connected components); a fact keeps at most one sentence per article. Wire copies are not
aligned with their original: a reprint is not a second source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from manysides.model import Analysis, Article

ALIGN_THRESHOLD = 0.55  # best alignment F1 of eval/compare.py --sweep on the example corpus (63.9)


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


def aligned_pairs(sources: Sequence[Source], threshold: float = ALIGN_THRESHOLD) -> list[AlignedPair]:
    """Mutually best sentence pairs above the threshold, for every two articles that are not copies."""
    pairs = []
    for i, first in enumerate(sources):
        for second in sources[i + 1 :]:
            if _copies(first, second) or not len(first.vectors) or not len(second.vectors):
                continue
            similarity = first.vectors @ second.vectors.T
            best_in_second = similarity.argmax(axis=1)
            best_in_first = similarity.argmax(axis=0)
            for row, column in enumerate(best_in_second):
                if best_in_first[column] == row and similarity[row, column] >= threshold:
                    pairs.append(
                        AlignedPair((first.article.id, row), (second.article.id, int(column)), float(similarity[row, column]))
                    )
    return pairs


def facts(pairs: Sequence[AlignedPair]) -> list[list[SentenceKey]]:
    """Aligned pairs joined into groups, strongest pairs first; a group never takes two sentences of one article."""
    group_of: dict[SentenceKey, int] = {}
    groups: dict[int, list[SentenceKey]] = {}
    for number, pair in enumerate(sorted(pairs, key=lambda p: (-p.similarity, p.first, p.second))):
        a, b = group_of.get(pair.first), group_of.get(pair.second)
        if a is None and b is None:
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


def _copies(first: Source, second: Source) -> bool:
    return first.copy_of == second.article.id or second.copy_of == first.article.id or (
        first.copy_of is not None and first.copy_of == second.copy_of
    )
