"""Whole jobs that join the stages: what the CLI and the web app call.

`ingest` streams: it reads one source at a time and stores each article in its own
transaction, so memory stays flat in corpus size and an interrupted run leaves every
article either fully stored or absent. `analyse` then reads every stored article that the
current nlp pipeline has not analysed yet, and stores each analysis, with its sentence
vectors, as it comes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from manysides.errors import InputError
from manysides.ingest import ReadOptions, read
from manysides.nlp.embeddings import SentenceEncoder, to_bytes
from manysides.nlp.pipeline import PIPELINE_VERSION, Pipeline
from manysides.store import AddResult, Store


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """One outcome: an item added, already present or failed, or a source finished (`done`)."""

    kind: Literal["added", "present", "failed", "done"]
    source: str
    article_id: str | None = None
    error: InputError | None = None


@dataclass(slots=True)
class IngestSummary:
    added: int = 0
    present: int = 0
    failures: list[InputError] = field(default_factory=list)

    def count(self, event: IngestEvent) -> None:
        if event.kind == "added":
            self.added += 1
        elif event.kind == "present":
            self.present += 1
        elif event.kind == "failed" and event.error is not None:
            self.failures.append(event.error)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(sources: Iterable[str], store: Store, options: ReadOptions) -> Iterator[IngestEvent]:
    for source in sources:
        for item in read(source, options):
            if isinstance(item, InputError):
                yield IngestEvent("failed", source, error=item)
            else:
                added = store.add_article(item) is AddResult.ADDED
                yield IngestEvent("added" if added else "present", source, article_id=item.id)
        yield IngestEvent("done", source)


def analyse(store: Store, pipeline: Pipeline, encoder: SentenceEncoder, batch_size: int = 16) -> Iterator[str]:
    """Analyse and store every article not yet analysed by this pipeline version; yields their ids.

    Sentence vectors are encoded for a batch of analyses at once and each article's analysis
    and vectors are stored together in one transaction.
    """
    analyses = pipeline.analyse(store.articles_to_analyse(PIPELINE_VERSION))
    while batch := list(islice(analyses, batch_size)):
        for analysis, vectors in zip(batch, encoder.encode_analyses(batch), strict=True):
            store.save_analysis(analysis, PIPELINE_VERSION, to_bytes(vectors))
            yield analysis.article_id
