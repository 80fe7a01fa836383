"""Wire copies and lightly edited reprints: MinHash signatures of word 5-grams, found through LSH.

One agency text reprinted by five outlets is one source, not five; the comparison counts it once.
Two texts are copies when the estimated Jaccard similarity of their word 5-gram sets is at least
`COPY_THRESHOLD`: an agency story with a new headline, a trimmed ending or a house style change keeps
well over half of its 5-grams, while two outlets writing the same facts in their own words share
almost none (see tests/stories/test_syndication.py for both). LSH with 32 bands of 4 rows lets
pairs from about 0.42 similarity meet as candidates, so the threshold is checked, not the bands.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)
_SEEDS = np.random.default_rng(20241111).integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)  # fixed: comparable across runs
_EMPTY = np.iinfo(np.uint64).max


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, vectorised (uint64 arithmetic wraps): every input bit moves every output bit.

    A linear hash such as (a·h + b) mod p keeps the order of small h, so the minimum of two sets would
    often fall on the same element whatever their overlap; a mixing function has no such order."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingles(text: str) -> set[int]:
    """32-bit hashes of the text's lower-cased word 5-grams (the whole text when it is shorter)."""
    words = [word.casefold() for word in _WORD.findall(text)]
    size = min(SHINGLE_WORDS, len(words))
    return {zlib.crc32(" ".join(words[i : i + size]).encode("utf-8")) for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature: for each of 128 fixed hash functions, the least hash over the shingles."""
    hashes = np.fromiter(shingles(text), dtype=np.uint64)
    if hashes.size == 0:
        return np.full(PERMUTATIONS, _EMPTY, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return _mix(hashes[None, :] ^ _SEEDS[:, None]).min(axis=1)


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(first == second))


@dataclass(slots=True)
class CopyFinder:
    """Remembers the signatures seen so far; `add` tells whether a new text copies an earlier one."""

    threshold: float = COPY_THRESHOLD
    _signatures: dict[str, np.ndarray] = field(default_factory=dict)
    _originals: dict[str, str] = field(default_factory=dict)
    _buckets: dict[tuple[int, bytes], list[str]] = field(default_factory=dict)

    def add(self, article_id: str, text_signature: np.ndarray) -> str | None:
        """Register an article; returns the original it copies (the earliest added text of its family), or None."""
        rows = PERMUTATIONS // BANDS
        keys = [(band, text_signature[band * rows : (band + 1) * rows].tobytes()) for band in range(BANDS)]
        best: tuple[float, str] | None = None
        seen: set[str] = set()
        for key in keys:
            for other in self._buckets.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                score = similarity(text_signature, self._signatures[other])
                if score >= self.threshold and (best is None or score > best[0]):
                    best = (score, other)
        self._signatures[article_id] = text_signature
        for key in keys:
            self._buckets.setdefault(key, []).append(article_id)
        if best is None:
            return None
        original = self._originals.get(best[1], best[1])
        self._originals[article_id] = original
        return original
