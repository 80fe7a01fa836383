"""Processing what is new in the store, one named step after another: analyse, place in stories, date
from stories. `process_new` runs them in order, for the CLI (with progress bars) and `jobs.ingest_all` (and
for the web app's worker, which runs the same three steps), so there is one definition of "processed".

`analyse` claims, batch by batch, the stored articles that the current nlp pipeline has neither analysed
nor failed on (giving an undated one the date its text implies, marked inferred), and stores each analysis,
with its sentence vectors, or the reason it failed, as it comes: processes sharing one database split the
work. `place_in_stories` and `date_from_stories` hold the database's story lock, so one process at a time
places and dates articles. Every step stores each item as it goes: an interrupted run loses nothing, and a
second run finds nothing left to do.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal, Protocol, TypeVar

import numpy as np

from manysides.config import DEFAULT_MAX_ARTICLE_WORDS, Settings
from manysides.errors import InputError, ManysidesError, StoreError
from manysides.model import Analysis, Article, Placement
from manysides.nlp.embeddings import SentenceEncoder, default_encoder, from_bytes, to_bytes
from manysides.nlp.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
from manysides.nlp.time import infer_publication_date
from manysides.store import Claim, Store
from manysides.stories.cluster import Clusterer
from manysides.stories.features import ArticleFeatures, article_features, decode_features, encode_features
from manysides.stories.syndication import CopyFinder, signature

Step = Literal["analyse", "place", "date"]
Item = TypeVar("Item", "AnalysisEvent", Placement, str)


class PipelineProgress(Protocol):
    """What `process_new` tells as it goes: the CLI draws a progress bar per step and says what each did."""

    def start(self, step: Step, total: int | None) -> None:
        """A step begins; `total` is how many items it will yield, when known (0: nothing to do)."""

    def advance(self, step: Step, item: AnalysisEvent | Placement | str) -> None:
        """One item is done and stored: an article analysed (or failed on), placed, or dated (its id)."""

    def done(self, step: Step, items: tuple[AnalysisEvent | Placement | str, ...]) -> None:
        """A step ran to its end, having yielded `items`."""


@dataclass(frozen=True, slots=True)
class PipelineResult:
    """What one `process_new` run did; `stopped`: `stop` said so before the last step ended."""

    steps: tuple[Step, ...]  # the steps that ran to their end, in order
    analysed: tuple[str, ...]  # ids of the articles analysed
    failures: tuple[InputError, ...]  # the articles whose analysis failed, each with the reason
    placed: tuple[Placement, ...]
    dated: tuple[str, ...]  # ids of the undated articles dated from their stories
    stopped: bool = False


def process_new(
    store: Store, settings: Settings, progress: PipelineProgress | None = None, stop: Callable[[], bool] | None = None
) -> PipelineResult:
    """Analyse what no analysis covers yet, place the new analyses in stories, then date the undated
    articles from their stories: each step starts when the one before has ended, as later ones need its
    output. `stop` is asked between two items (the web app's worker stops with its server); a stopped run
    starts no further step. A KeyboardInterrupt goes through: everything counted so far is stored."""
    run = _Run(progress or _Silent(), stop or (lambda: False))
    pipeline = default_pipeline()  # one for both steps that analyse: its model loads once, and only if needed
    events = run.step("analyse", *analyse_new(store, pipeline, settings.max_article_words))
    placed = run.step("place", None, place_in_stories(store))
    dated = run.step("date", None, date_from_stories(store, pipeline))
    return PipelineResult(
        steps=tuple(run.finished),
        analysed=tuple(e.article_id for e in events if e.error is None),
        failures=tuple(e.error for e in events if e.error is not None),
        placed=placed,
        dated=dated,
        stopped=run.stopped,
    )


def rebuild_stories(store: Store, progress: PipelineProgress | None = None) -> PipelineResult:
    """Place every analysed article again from scratch, keeping manual merges and splits, then date the
    undated articles from their new stories: `process_new`'s last two steps over everything placed."""
    run = _Run(progress or _Silent(), lambda: False)
    placed = run.step("place", None, place_in_stories(store, rebuild=True))
    dated = run.step("date", None, date_from_stories(store, default_pipeline()))
    return PipelineResult(steps=tuple(run.finished), analysed=(), failures=(), placed=placed, dated=dated)


def analyse_new(store: Store, pipeline: Pipeline, max_words: int) -> tuple[int, Generator[AnalysisEvent, None, None]]:
    """Step 1: how many articles wait for analysis, and their analysis (`analyse`), run only when one does
    (the models load on first use)."""
    return store.count_to_analyse(PIPELINE_VERSION), analyse(store, pipeline, default_encoder(), max_words=max_words)


class _Silent:
    """No progress display: scripts, tests, the web app's worker."""

    def start(self, step: Step, total: int | None) -> None: ...

    def advance(self, step: Step, item: AnalysisEvent | Placement | str) -> None: ...

    def done(self, step: Step, items: tuple[AnalysisEvent | Placement | str, ...]) -> None: ...


@dataclass(slots=True)
class _Run:
    """The steps of one `process_new` run: who hears of them, when to stop, which ended."""

    progress: PipelineProgress
    stop: Callable[[], bool]
    finished: list[Step] = field(default_factory=list)
    stopped: bool = False

    def step(self, name: Step, total: int | None, items: Generator[Item, None, None]) -> tuple[Item, ...]:
        """Run one step to its end (none when `total` is 0), or until `stop` says so; what it yielded.
        Its generator is closed either way, so a lock or claims it holds are let go at once."""
        done: list[Item] = []
        try:
            if self.stopped or self.stop():
                self.stopped = True
                return ()
            self.progress.start(name, total)
            for item in items if total != 0 else ():
                done.append(item)
                self.progress.advance(name, item)
                if self.stop():
                    self.stopped = True
                    return tuple(done)
        finally:
            items.close()
        self.progress.done(name, tuple(done))
        self.finished.append(name)
        return tuple(done)


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
) -> Generator[AnalysisEvent, None, None]:
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


def _dated(store: Store, articles: Iterable[Article]) -> Iterator[Article]:
    """Undated articles get the date their text implies (marked inferred, and stored), so that "on
    Thursday" in them resolves against it."""
    for article in articles:
        if article.published is None and (inferred := infer_publication_date(article.text)) is not None:
            store.set_inferred_date(article.id, inferred)
            article = replace(article, published=inferred, published_inferred=True)
        yield article


def date_from_stories(store: Store, pipeline: Pipeline) -> Generator[str, None, None]:
    """An article that names no full date (so `_dated` found none) takes its story's date once it is in
    one, marked inferred, and is analysed again so that its "on Thursday" resolves; yields their ids.

    The story's date is the latest publication date of its dated articles: reports of an event keep
    coming for a while, and an undated one is more likely among the late ones than the first. Dates
    inferred this way stay out of clustering (stories/features.py), so they never feed back into it.
    The sentence vectors do not depend on the date and are kept. Under the story lock: two processes
    dating at once would analyse the same articles again, each. Each story's date is read once a run (a
    date inferred here never changes it): reading it per article made a run that found nothing to date cost
    the square of a story's size (6 s for 400 undated articles of one story)."""
    with store.story_lock():
        day_of: dict[str, date | None] = {}
        for article in list(store.undated_articles()):
            if (story := store.story_of(article.id)) is None:
                continue
            if story not in day_of:
                members = store.story_members(story)
                day_of[story] = max((a.published for a, _ in members if a.published and not a.published_inferred), default=None)
            if (day := day_of[story]) is None:
                continue
            store.set_inferred_date(article.id, day)
            [analysis] = pipeline.analyse([replace(article, published=day, published_inferred=True)])
            store.save_analysis(analysis, PIPELINE_VERSION, store.get_sentence_vectors(article.id))
            yield article.id


def place_in_stories(store: Store, rebuild: bool = False) -> Generator[Placement, None, None]:
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


def _features(article: Article, analysis: Analysis, vectors: bytes | None) -> ArticleFeatures:
    return article_features(article, analysis, from_bytes(vectors) if vectors is not None else None)


def _stored_features(store: Store, article: Article) -> ArticleFeatures:
    """The features of a placed article, read out of its stored analysis."""
    analysis = store.get_analysis(article.id)
    if analysis is None:  # a placed article always has one: placing needs it, and only deleting the article drops it
        raise StoreError(f"article {article.id[:12]} is in a story but has no stored analysis")
    return _features(article, analysis, store.get_sentence_vectors(article.id))
