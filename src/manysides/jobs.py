"""Whole jobs that join the stages: what the CLI and the web app call.

`ingest` streams: it reads one source at a time and stores each article in its own
transaction, so memory stays flat in corpus size and an interrupted run leaves every
article either fully stored or absent; an item the database refuses is one failure, never the end of
the run. What ingest stored is then processed by `pipeline.process_new` (analyse, place in stories,
date from stories). Manual story edits, comparisons and blindspots read and write the store here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from manysides.compare.align import Source
from manysides.compare.comparison import canonical_entities, compare_story
from manysides.config import Settings
from manysides.errors import InputError, StoreError
from manysides.ingest import ReadOptions, read
from manysides.model import Comparison
from manysides.nlp.embeddings import DIMENSIONS, from_bytes
from manysides.outlets.coverage import Blindspot, blindspots, resolve_outlets
from manysides.outlets.registry import Registry, Resolution
from manysides.outlets.story import story_outlets
from manysides.pipeline import AnalysisEvent, process_new
from manysides.report.comparison import story_document
from manysides.store import AddResult, Store
from manysides.stories.cluster import Clusterer, story_id_for
from manysides.stories.features import article_features


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
    article_ids: list[str] = field(default_factory=list)  # every article read, new or already stored

    def count(self, event: IngestEvent) -> None:
        if event.kind in ("added", "present") and event.article_id is not None:
            self.article_ids.append(event.article_id)
        if event.kind == "added":
            self.added += 1
        elif event.kind == "present":
            self.present += 1
        elif event.kind == "failed" and event.error is not None:
            self.failures.append(event.error)

    def count_analysis(self, event: AnalysisEvent) -> None:
        if event.error is not None:
            self.failures.append(event.error)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(sources: Iterable[str], store: Store, options: ReadOptions) -> Iterator[IngestEvent]:
    """Read and store every item of every source; a bad item, or one the database refuses, is one
    failure and never stops the items after it."""
    for source in sources:
        for item in read(source, options):
            if isinstance(item, InputError):
                yield IngestEvent("failed", source, error=item)
                continue
            try:
                added = store.add_article(item) is AddResult.ADDED
            except StoreError as exc:
                yield IngestEvent("failed", source, item.id, InputError(item.source, f"not stored: {exc}"))
                continue
            yield IngestEvent("added" if added else "present", source, article_id=item.id)
        yield IngestEvent("done", source)


def ingest_all(sources: Iterable[str], store: Store, options: ReadOptions | None = None) -> IngestSummary:
    """Ingest, then process what is new (`pipeline.process_new`), without progress display: what scripts,
    evaluations and tests need (the CLI runs the same with progress bars and Ctrl-C handling)."""
    summary = IngestSummary()
    options = options or ReadOptions()
    for event in ingest(sources, store, options):
        summary.count(event)
    summary.failures.extend(process_new(store, Settings(store.url, max_article_words=options.max_article_words)).failures)
    return summary


def merge_stories(store: Store, keep: str, absorb: str) -> str:
    """Manual merge: every article of `absorb` joins `keep`, for good. Returns the kept story's id."""
    with store.story_lock():
        keep, absorb = store.resolve_story(keep), store.resolve_story(absorb)
        members = [article.id for article, _ in store.story_members(keep) + store.story_members(absorb)]
        store.pin(keep, members, label_of(store, members))
    return keep


def split_story(store: Store, story_id: str, article_ids: Iterable[str]) -> str:
    """Manual split: the given articles leave the story for a new one, for good. Returns the new id."""
    with store.story_lock():
        story_id = store.resolve_story(story_id)
        members = [article.id for article, _ in store.story_members(story_id)]
        moving = [store.get_article(prefix).id for prefix in article_ids]
        if strays := [article_id[:12] for article_id in moving if article_id not in members]:
            raise InputError(story_id, f"not in this story: {', '.join(strays)}")
        staying = [article_id for article_id in members if article_id not in moving]
        if not staying:
            raise InputError(story_id, "a split must leave at least one article in the story")
        new_id = story_id_for(hashlib.sha256(" ".join(sorted(moving)).encode()).hexdigest())
        store.pin(new_id, moving, label_of(store, moving))
        store.pin(story_id, staying, label_of(store, staying))
    return new_id


def label_of(store: Store, article_ids: list[str]) -> str:
    """The label these articles would have as one story (what `manysides compare` titles its report)."""
    clusterer = Clusterer()
    for article_id in article_ids:
        article, analysis = store.get_article(article_id), store.get_analysis(article_id)
        if analysis is not None:
            clusterer.add(article_features(article, analysis, None), "story")
    return clusterer.stories["story"].label() if clusterer.stories else ""


def compare_story_in(store: Store, story_id: str, registry: Registry) -> tuple[Comparison, str]:
    """The comparison of a stored story (id or unique prefix) and the story's label."""
    story_id = store.resolve_story(story_id)
    members = store.story_members(story_id)
    return compare_articles(store, [article.id for article, _ in members], story_id, registry), store.story_label(story_id)


def report_document(comparison: Comparison, label: str, registry: Registry, all_contradictions: bool = False) -> dict[str, Any]:
    """The report document of a comparison (report/comparison.py renders it as JSON, Markdown or HTML), its
    outlets seen through `registry` (the built-in one and the user's file)."""
    return story_document(comparison, label, story_outlets(comparison, registry, label), all_contradictions)


def entity_mentions(store: Store, story_id: str, entity_id: str) -> list[dict[str, str]]:
    """Every mention in a story of one canonical entity (as the story's comparison links them): outlet,
    surface form, and the sentence it stands in, by outlet."""
    members = [(article, store.get_analysis(article.id)) for article, _ in store.story_members(story_id)]
    analysed = [(article, analysis) for article, analysis in members if analysis is not None]
    canonical = canonical_entities(analysis for _, analysis in analysed)
    found = []
    for article, analysis in analysed:
        for mention in analysis.mentions:
            if canonical[mention.entity_id] == entity_id:
                sentence = next((s for s in analysis.sentences if s.start <= mention.start < s.end), None)
                found.append({
                    "outlet": article.outlet, "article_id": article.id, "surface": mention.surface,
                    "sentence": sentence.text if sentence else mention.surface,
                })  # fmt: skip
    return sorted(found, key=lambda m: (m["outlet"].casefold(), m["article_id"]))


def compare_articles(store: Store, article_ids: Iterable[str], story_id: str, registry: Registry) -> Comparison:
    """Stored, analysed articles compared as one story (`manysides compare FILE...` gives its files' articles).

    Articles not analysed yet are left out; a wire copy is known by its story placement.
    """
    sources = []
    for article_id in dict.fromkeys(article_ids):
        article, analysis = store.get_article(article_id), store.get_analysis(article_id)
        if analysis is None:
            continue
        vectors = store.get_sentence_vectors(article_id)
        matrix = from_bytes(vectors) if vectors is not None else np.zeros((len(analysis.sentences), DIMENSIONS), np.float32)
        sources.append(Source(article, analysis, matrix, store.copy_of(article_id)))
    return compare_story(story_id, sources, registry)


def outlet_resolutions(store: Store, registry: Registry) -> dict[str, Resolution]:
    """Every outlet name in the store → its registry entry (by name, domain or URL host), or unknown."""
    return resolve_outlets(store.outlet_hosts(), registry)


def story_blindspots(store: Store, registry: Registry, dimension: str, share: float, min_outlets: int) -> list[Blindspot]:
    """Stored stories covered only or mostly by one group of `dimension` (see outlets.coverage.blindspots)."""
    stories = [(o.id, o.label, o.outlets) for o in store.story_overviews()]
    return blindspots(stories, outlet_resolutions(store, registry), registry, dimension, share, min_outlets)
