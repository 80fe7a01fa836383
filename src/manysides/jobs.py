"""Whole jobs that join the stages: what the CLI and the web app call.

`ingest` streams: it reads one source at a time and stores each article in its own
transaction, so memory stays flat in corpus size and an interrupted run leaves every
article either fully stored or absent; an item the database refuses is one failure, never the end of
the run. `analyse` then claims, batch by batch, the stored articles that the current nlp pipeline has
neither analysed nor failed on (giving an undated one the date its text implies, marked inferred), and
stores each analysis, with its sentence vectors, or the reason it failed, as it comes: processes sharing
one database split the work. `place_in_stories` holds the database's story lock, so one process at a
time places articles.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Literal

import numpy as np

from manysides.compare.align import Source
from manysides.compare.comparison import canonical_entities, compare_story
from manysides.config import DEFAULT_MAX_ARTICLE_WORDS
from manysides.errors import InputError, ManysidesError, StoreError
from manysides.ingest import ReadOptions, read
from manysides.model import Analysis, Article, Comparison, Placement
from manysides.nlp.embeddings import DIMENSIONS, SentenceEncoder, default_encoder, from_bytes, to_bytes
from manysides.nlp.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
from manysides.nlp.time import infer_publication_date
from manysides.outlets.coverage import Blindspot, blindspots, resolve_outlets
from manysides.outlets.registry import Registry, Resolution
from manysides.store import AddResult, Claim, Store
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
    analysed: list[str] = field(default_factory=list)  # every article this run analysed (not those it failed on)

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
        if event.error is None:
            self.analysed.append(event.article_id)
        else:
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


@dataclass(frozen=True, slots=True)
class AnalysisEvent:
    """One article analysed and stored, or (`error` set) failed: the reason is stored and later runs skip it."""

    article_id: str
    error: InputError | None = None


# A claim older than this is taken over: its process was killed or is stuck. Analysing a batch takes seconds.
CLAIM_EXPIRY = timedelta(minutes=15)
# Claims an article may have without its analysis ever being stored before it is marked failed.
MAX_ATTEMPTS = 2


def analyse(
    store: Store,
    pipeline: Pipeline,
    encoder: SentenceEncoder,
    batch_size: int = 16,
    max_words: int = DEFAULT_MAX_ARTICLE_WORDS,
    stale_after: timedelta = CLAIM_EXPIRY,
) -> Iterator[AnalysisEvent]:
    """Analyse and store every article not yet analysed (nor failed on) by this pipeline version.

    Processes sharing the database share the work: each batch is claimed first, so no article is analysed
    twice. An article the pipeline raises on, one longer than `max_words`, or one whose claims keep going
    stale (its process killed or stuck on it) is stored as failed with the reason and never stops the others.
    Sentence vectors are encoded for a batch at once; each analysis and its vectors are stored together.
    """
    owner = _claimant(uuid.uuid4().hex[:8], os.getpid())
    for dead in filter(_died_here, store.claim_owners()):
        store.release_claims(dead)  # a process killed on this machine: no need to wait for its claims to go stale
    try:
        while claims := store.claim_to_analyse(PIPELINE_VERSION, owner, batch_size, stale_after):
            ready = []
            for claim in claims:
                if reason := _unanalysable(claim, max_words):
                    yield _failed(store, claim.article, reason)
                else:
                    ready.append(claim)
            # an article retaken from a stale claim goes alone: its batch never finished, for one of them
            batches = [[claim.article for claim in ready if claim.attempts == 1]]
            batches += [[claim.article] for claim in ready if claim.attempts > 1]
            for batch in filter(None, batches):
                yield from _analyse_batch(store, pipeline, encoder, batch)
    finally:
        store.release_claims(owner)


def _claimant(nonce: str, pid: int) -> str:
    """A claim's owner: a nonce, the process id and the machine's name (cut to the column's 64 characters)."""
    return f"{nonce}:{pid}:{socket.gethostname()}"[:64]


def _died_here(owner: str) -> bool:
    """Whether a claim's owner was a process on this machine that is no longer running."""
    nonce, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if not pid.isdigit() or owner != _claimant(nonce, int(pid)):  # another machine's process: wait for staleness
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # it runs, as another user
        return False
    return False


def _unanalysable(claim: Claim, max_words: int) -> str | None:
    """Why a claimed article is not to be analysed at all, if it is not."""
    if (words := claim.article.word_count) > max_words:
        return f"too long to analyse: {words:,} words over the limit of {max_words:,} (see --max-article-words)"
    if claim.attempts > MAX_ATTEMPTS:
        return f"analysis never finished in {MAX_ATTEMPTS} attempts (its process was stopped or stuck each time)"
    return None


def _analyse_batch(store: Store, pipeline: Pipeline, encoder: SentenceEncoder, batch: list[Article]) -> Iterator[AnalysisEvent]:
    """Analyse a batch; when the pipeline raises, each article again alone, and the one that still raises
    is failed with the exception as its reason. A ManysidesError (a missing model) is no article's fault."""
    dated = list(_dated(store, batch))
    try:
        analyses = list(pipeline.analyse(dated))
        vectors = encoder.encode_analyses(analyses)
    except ManysidesError:
        raise
    except Exception as exc:  # noqa: BLE001 - any bug the pipeline hits on one article must not stop the others
        if len(dated) > 1:
            for article in dated:
                yield from _analyse_batch(store, pipeline, encoder, [article])
        else:
            reason = f"analysis failed: {type(exc).__name__}: {exc}".splitlines()[0][:300]
            yield _failed(store, dated[0], reason)
        return
    for analysis, matrix in zip(analyses, vectors, strict=True):
        store.save_analysis(analysis, PIPELINE_VERSION, to_bytes(matrix))
        yield AnalysisEvent(analysis.article_id)


def _failed(store: Store, article: Article, reason: str) -> AnalysisEvent:
    store.save_analysis_failure(article.id, PIPELINE_VERSION, reason)
    return AnalysisEvent(article.id, InputError(article.source or article.id[:12], reason))


def ingest_all(sources: Iterable[str], store: Store, options: ReadOptions | None = None) -> IngestSummary:
    """Ingest, analyse and place in stories, without progress display: what scripts, evaluations and
    tests need (the CLI runs the same three steps with progress bars and Ctrl-C handling)."""
    summary = IngestSummary()
    options = options or ReadOptions()
    for event in ingest(sources, store, options):
        summary.count(event)
    for analysed in analyse(store, default_pipeline(), default_encoder(), max_words=options.max_article_words):
        summary.count_analysis(analysed)
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
    The sentence vectors do not depend on the date and are kept. Under the story lock: two processes
    dating at once would analyse the same articles again, each."""
    with store.story_lock():
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

    The whole run holds the database's story lock: a second process placing at the same time waits, then
    replays what the first placed and continues from there, as if the two had run one after the other.
    """
    with store.story_lock():
        yield from _place(store, rebuild)


def _place(store: Store, rebuild: bool) -> Iterator[Placement]:
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
    labels = _Labels(clusterer)
    for article, analysis, vectors in store.unplaced_articles():
        features, copy_signature = _features(article, analysis, vectors), signature(article.text)
        original = copies.add(article.id, copy_signature)
        assignment = clusterer.add(features, story_of.get(original or ""))
        placement = Placement(article.id, assignment.story_id, assignment.probability, copy_of=original)
        story_of[article.id] = assignment.story_id
        store.save_placement(placement, labels.of(assignment.story_id), encode_features(features), copy_signature.tobytes())
        yield placement
    store.relabel_stories(labels.final())


class _Labels:
    """Story labels as placement stores them, recomputed while a story is small and then each time its size
    doubles: a label reads the whole story, and recomputing it at every join made placing an article cost
    more the bigger its story (the placement of 10,000 short articles stalled). The stories whose label
    lags are relabelled when the run ends; an interrupted run leaves them their label of half their size."""

    def __init__(self, clusterer: Clusterer) -> None:
        self.clusterer = clusterer
        self.labels: dict[str, str] = {}
        self.lagging: set[str] = set()

    def of(self, story_id: str) -> str:
        story = self.clusterer.stories[story_id]
        size = len(story.article_ids)
        if story_id not in self.labels or size <= 16 or size & (size - 1) == 0:
            self.labels[story_id] = story.label()
            self.lagging.discard(story_id)
        else:
            self.lagging.add(story_id)
        return self.labels[story_id]

    def final(self) -> dict[str, str]:
        """The current label of every story whose stored one lags."""
        return {story_id: self.clusterer.stories[story_id].label() for story_id in sorted(self.lagging)}


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
