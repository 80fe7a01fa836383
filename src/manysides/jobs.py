"""Whole jobs that join the stages: what the CLI and the web app call.

`ingest` streams: it reads one source at a time and stores each article in its own
transaction, so memory stays flat in corpus size and an interrupted run leaves every
article either fully stored or absent. `analyse` then reads every stored article that the
current nlp pipeline has not analysed yet (giving an undated one the date its text implies, marked
inferred), and stores each analysis, with its sentence vectors, as it comes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Literal

import numpy as np

from manysides.compare.align import Source
from manysides.compare.comparison import canonical_entities, compare_story
from manysides.errors import InputError, StoreError
from manysides.ingest import ReadOptions, read
from manysides.model import Analysis, Article, Comparison, Placement
from manysides.nlp.embeddings import DIMENSIONS, SentenceEncoder, default_encoder, from_bytes, to_bytes
from manysides.nlp.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
from manysides.nlp.time import infer_publication_date
from manysides.outlets.coverage import Blindspot, blindspots, resolve_outlets
from manysides.outlets.registry import Registry, Resolution
from manysides.store import AddResult, Store
from manysides.stories.cluster import Clusterer, story_id_for
from manysides.stories.features import ArticleFeatures, article_features, decode_features, encode_features
from manysides.stories.syndication import CopyFinder, signature


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
    analyses = pipeline.analyse(_dated(store, store.articles_to_analyse(PIPELINE_VERSION)))
    while batch := list(islice(analyses, batch_size)):
        for analysis, vectors in zip(batch, encoder.encode_analyses(batch), strict=True):
            store.save_analysis(analysis, PIPELINE_VERSION, to_bytes(vectors))
            yield analysis.article_id


def ingest_all(sources: Iterable[str], store: Store, options: ReadOptions | None = None) -> IngestSummary:
    """Ingest, analyse and place in stories, without progress display: what scripts, evaluations and
    tests need (the CLI runs the same three steps with progress bars and Ctrl-C handling)."""
    summary = IngestSummary()
    for event in ingest(sources, store, options or ReadOptions()):
        summary.count(event)
    for _ in analyse(store, default_pipeline(), default_encoder()):
        pass
    for _ in place_in_stories(store):
        pass
    for _ in date_from_stories(store, default_pipeline()):
        pass
    return summary


def _dated(store: Store, articles: Iterable[Article]) -> Iterator[Article]:
    """Undated articles get the date their text implies (marked inferred, and stored), so that "on
    Thursday" in them resolves against it."""
    for article in articles:
        if article.published is None and (inferred := infer_publication_date(article.text)) is not None:
            store.set_inferred_date(article.id, inferred)
            article = replace(article, published=inferred, published_inferred=True)
        yield article


def date_from_stories(store: Store, pipeline: Pipeline) -> Iterator[str]:
    """An article that names no full date (so `_dated` found none) takes its story's date once it is in
    one, marked inferred, and is analysed again so that its "on Thursday" resolves; yields their ids.

    The story's date is the latest publication date of its dated articles: reports of an event keep
    coming for a while, and an undated one is more likely among the late ones than the first. Dates
    inferred this way stay out of clustering (stories/features.py), so they never feed back into it.
    The sentence vectors do not depend on the date and are kept."""
    for article in list(store.undated_articles()):
        story = store.story_of(article.id)
        days = [a.published for a, _ in store.story_members(story) if a.published and not a.published_inferred] if story else []
        if not days:
            continue
        store.set_inferred_date(article.id, day := max(days))
        [analysis] = pipeline.analyse([replace(article, published=day, published_inferred=True)])
        store.save_analysis(analysis, PIPELINE_VERSION, store.get_sentence_vectors(article.id))
        yield article.id


def place_in_stories(store: Store, rebuild: bool = False) -> Iterator[Placement]:
    """Put every analysed article that is in no story yet into one; yields each placement as stored.

    The clusterer's state is rebuilt by replaying the stored placements in their order, so a run
    continues exactly where the last one stopped. `rebuild` first forgets every placement except
    manual merges and splits, which are replayed as they are and which new articles may still join.
    A wire copy joins its original's story (the original is the earlier text of the two).
    """
    if rebuild:
        store.forget_unpinned_placements()
    clusterer = Clusterer()
    copies = CopyFinder()
    story_of: dict[str, str] = {}
    for article, placement, stored_features, stored_signature in store.placed_articles():
        if stored_features is not None and stored_signature is not None:
            features, copy_signature = decode_features(article.id, stored_features), np.frombuffer(stored_signature, np.uint64)
        else:  # placed before the features were stored with placements (schema version 6)
            features, copy_signature = _stored_features(store, article), signature(article.text)
        clusterer.add(features, placement.story_id)
        copies.add(article.id, copy_signature)
        story_of[article.id] = placement.story_id
    for article, analysis, vectors in store.unplaced_articles():
        features, copy_signature = _features(article, analysis, vectors), signature(article.text)
        original = copies.add(article.id, copy_signature)
        assignment = clusterer.add(features, story_of.get(original or ""))
        placement = Placement(article.id, assignment.story_id, assignment.probability, copy_of=original)
        story_of[article.id] = assignment.story_id
        label = clusterer.stories[assignment.story_id].label()
        store.save_placement(placement, label, encode_features(features), copy_signature.tobytes())
        yield placement


def merge_stories(store: Store, keep: str, absorb: str) -> str:
    """Manual merge: every article of `absorb` joins `keep`, for good. Returns the kept story's id."""
    keep, absorb = store.resolve_story(keep), store.resolve_story(absorb)
    members = [article.id for article, _ in store.story_members(keep) + store.story_members(absorb)]
    store.pin(keep, members, label_of(store, members))
    return keep


def split_story(store: Store, story_id: str, article_ids: Iterable[str]) -> str:
    """Manual split: the given articles leave the story for a new one, for good. Returns the new id."""
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


def _features(article: Article, analysis: Analysis, vectors: bytes | None) -> ArticleFeatures:
    return article_features(article, analysis, from_bytes(vectors) if vectors is not None else None)


def _stored_features(store: Store, article: Article) -> ArticleFeatures:
    """The features of a placed article, read out of its stored analysis."""
    analysis = store.get_analysis(article.id)
    if analysis is None:  # a placed article always has one: placing needs it, and only deleting the article drops it
        raise StoreError(f"article {article.id[:12]} is in a story but has no stored analysis")
    return _features(article, analysis, store.get_sentence_vectors(article.id))


def label_of(store: Store, article_ids: list[str]) -> str:
    """The label these articles would have as one story (what `manysides compare` titles its report)."""
    clusterer = Clusterer()
    for article_id in article_ids:
        article, analysis = store.get_article(article_id), store.get_analysis(article_id)
        if analysis is not None:
            clusterer.add(_features(article, analysis, None), "story")
    return clusterer.stories["story"].label() if clusterer.stories else ""


def compare_story_in(store: Store, story_id: str) -> tuple[Comparison, str]:
    """The comparison of a stored story (id or unique prefix) and the story's label."""
    story_id = store.resolve_story(story_id)
    members = store.story_members(story_id)
    return compare_articles(store, [article.id for article, _ in members], story_id), store.story_label(story_id)


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


def compare_articles(store: Store, article_ids: Iterable[str], story_id: str) -> Comparison:
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
    return compare_story(story_id, sources)


def outlet_resolutions(store: Store, registry: Registry) -> dict[str, Resolution]:
    """Every outlet name in the store → its registry entry (by name, domain or URL host), or unknown."""
    return resolve_outlets(store.outlet_hosts(), registry)


def story_blindspots(store: Store, registry: Registry, dimension: str, share: float, min_outlets: int) -> list[Blindspot]:
    """Stored stories covered only or mostly by one group of `dimension` (see outlets.coverage.blindspots)."""
    stories = [(o.id, o.label, o.outlets) for o in store.story_overviews()]
    return blindspots(stories, outlet_resolutions(store, registry), registry, dimension, share, min_outlets)
