"""`Store`: write articles, analyses and stories to a database (engine.py opens and upgrades it), read them back.

Only the store package speaks SQL. It works the same on SQLite (WAL mode, the default
single-user file) and PostgreSQL (a team's shared server).
"""

from __future__ import annotations

import enum
import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from manysides.config import database_url, redact
from manysides.errors import NotFoundError, StoreError
from manysides.model import Analysis, Article, Placement, StoryOverview
from manysides.store import codec
from manysides.store.engine import open_engine, prepare_schema, stored_version
from manysides.store.schema import (
    analyses,
    analysis_claims,
    analysis_failures,
    article_sources,
    articles,
    stories,
    story_members,
)
from manysides.urls import domain_of


class AddResult(enum.Enum):
    ADDED = "added"
    PRESENT = "present"


@dataclass(frozen=True, slots=True)
class Claim:
    """An article claimed for analysis; `attempts` counts its claims since its last analysis (1: the first)."""

    article: Article
    attempts: int


class Store:
    """A manysides database. Open with `Store(url)`; use as a context manager to close it.

    `url` is anything `config.database_url` accepts: a file path, sqlite:///…, postgresql://….
    """

    def __init__(self, url: str) -> None:
        self.url = url = database_url(url)
        self.engine = open_engine(url)
        self._writer: Connection | None = None  # one connection kept for writes: no pool round trip per article
        self._writer_lock = threading.Lock()
        self._story_locks = threading.local()  # per thread: how deep it holds the story lock (see story_lock)
        try:
            prepare_schema(self.engine)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"{redact(url)}: cannot open the database: {_reason(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._drop_writer()
        self.engine.dispose()

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return stored_version(conn) or 0

    def add_article(self, article: Article) -> AddResult:
        """Store one article in its own transaction; an article already there is left as it is.

        A copy read from another source is recorded in `article_sources`, so duplicates keep
        their provenance.
        """
        now = datetime.now(timezone.utc)
        row = _article_row(article) | {"ingested_at": now}
        with self._transaction(f"article {article.id[:12]}") as conn:
            added = conn.execute(_INSERT_ARTICLE, row).first() is not None
            if not added:
                conn.execute(_ADD_SOURCE, {"article_id": article.id, "source": article.source, "seen_at": now})
        return AddResult.ADDED if added else AddResult.PRESENT

    @contextmanager
    def _transaction(self, what: str) -> Iterator[Connection]:
        """One transaction on the write connection; a database error becomes a StoreError naming `what`."""
        try:
            with self._writer_lock:
                if self._writer is None:
                    self._writer = self.engine.connect()
                with self._writer.begin():
                    yield self._writer
        except SQLAlchemyError as exc:
            self._drop_writer()  # the next write starts on a fresh connection
            raise StoreError(f"{redact(self.url)}: cannot store {what}: {_reason(exc)}") from exc

    def _drop_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def get_article(self, article_id: str) -> Article:
        """One article by its id or an unambiguous prefix of at least 6 characters."""
        query = select(articles).where(articles.c.id.startswith(article_id, autoescape=True)).limit(2)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all() if len(article_id) >= 6 else []
        if len(rows) != 1:
            why = "ambiguous prefix" if rows else "no such article"
            raise NotFoundError(f"article {article_id!r}: {why}")
        return _article_from_row(rows[0])

    def articles(self, outlet: str | None = None, since: date | None = None) -> Iterator[Article]:
        """Articles ordered by date (unknown dates last), then outlet; streamed, not loaded at once."""
        query = select(articles)
        if outlet:
            query = query.where(func.lower(articles.c.outlet) == outlet.strip().lower())
        if since:
            query = query.where(articles.c.published >= since)
        query = query.order_by(articles.c.published.is_(None), articles.c.published, articles.c.outlet, articles.c.id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True, yield_per=500).execute(query).mappings():
                yield _article_from_row(row)

    def sources_of(self, article_id: str) -> list[str]:
        """Every file, line or URL the article was read from, the first one first."""
        first = select(articles.c.source).where(articles.c.id == article_id)
        further = (
            select(article_sources.c.source)
            .where(article_sources.c.article_id == article_id)
            .order_by(article_sources.c.seen_at, article_sources.c.source)
        )
        with self.engine.connect() as conn:
            return [*conn.execute(first).scalars(), *conn.execute(further).scalars()]

    def save_analysis(self, analysis: Analysis, pipeline_version: str, sentence_vectors: bytes | None = None) -> None:
        """Store (or replace) the analysis of one article and its sentence vectors, in one transaction."""
        row = {
            "article_id": analysis.article_id,
            "pipeline_version": pipeline_version,
            "payload": codec.encode(analysis),
            "analysed_at": datetime.now(timezone.utc),
            "sentence_vectors": sentence_vectors,
        }
        with self._transaction(f"the analysis of {analysis.article_id[:12]}") as conn:
            conn.execute(analyses.delete().where(analyses.c.article_id == analysis.article_id))
            conn.execute(analyses.insert(), row)

    def set_inferred_date(self, article_id: str, published: date) -> None:
        """Give an undated article the date inferred for it, marked as inferred."""
        with self._transaction(f"the date of {article_id[:12]}") as conn:
            conn.execute(
                articles.update()
                .where(articles.c.id == article_id, articles.c.published.is_(None))
                .values(published=published, published_inferred=True)
            )

    def undated_articles(self) -> Iterator[Article]:
        """Articles with no date at all, not even one inferred from their text; streamed."""
        query = select(articles).where(articles.c.published.is_(None)).order_by(articles.c.ingested_at, articles.c.id)
        return (_article_from_row(row) for row in self._stream(query))

    def get_analysis(self, article_id: str) -> Analysis | None:
        query = select(analyses.c.payload).where(analyses.c.article_id == article_id)
        with self.engine.connect() as conn:
            payload = conn.execute(query).scalar()
        return codec.decode(payload) if payload is not None else None

    def get_sentence_vectors(self, article_id: str) -> bytes | None:
        """The stored sentence vectors of an article (see nlp/embeddings.py for the layout), if any."""
        query = select(analyses.c.sentence_vectors).where(analyses.c.article_id == article_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def _unanalysed(self, pipeline_version: str) -> Any:
        """Articles this pipeline version has neither analysed nor failed on."""
        done = select(analyses.c.article_id).where(analyses.c.pipeline_version == pipeline_version)
        failed = select(analysis_failures.c.article_id).where(analysis_failures.c.pipeline_version == pipeline_version)
        return articles.c.id.not_in(done) & articles.c.id.not_in(failed)

    def claim_to_analyse(self, pipeline_version: str, owner: str, limit: int, stale_after: timedelta) -> list[Claim]:
        """Up to `limit` articles to analyse, oldest first, each claimed for `owner` so that no other process
        analyses it too. An article claimed by another process is left alone unless that claim is older than
        `stale_after` (its process was killed or is stuck): then it is taken over and its attempts go up.

        The claim is one statement per article, atomic on both databases, and re-checks that the article has
        no analysis yet, so of two processes racing for an article exactly one gets it."""
        now = datetime.now(timezone.utc)
        fresh = select(analysis_claims.c.article_id).where(
            analysis_claims.c.pipeline_version == pipeline_version, analysis_claims.c.claimed_at >= now - stale_after
        )
        query = (
            select(articles)
            .where(self._unanalysed(pipeline_version), articles.c.id.not_in(fresh))
            .order_by(articles.c.ingested_at, articles.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            candidates = [_article_from_row(row) for row in conn.execute(query).mappings()]
        claimed = []
        with self._transaction("the analysis claims") as conn:
            for article in candidates:
                values = {"article_id": article.id, "pipeline_version": pipeline_version, "owner": owner}
                attempts = conn.execute(_CLAIM, values | {"claimed_at": now, "stale": now - stale_after}).scalar()
                if attempts is not None:
                    claimed.append(Claim(article, attempts))
        return claimed

    def release_claims(self, owner: str) -> None:
        """Give back what `owner` claimed (an interrupted run): another run may take it at once. The attempts
        stay counted, so an article that is interrupted again and again is known for what it is."""
        with self._transaction("the analysis claims") as conn:
            conn.execute(
                analysis_claims.update().where(analysis_claims.c.owner == owner).values(owner=None, claimed_at=_LONG_AGO)
            )

    def claim_owners(self) -> set[str]:
        """Every process that holds a claim (released claims have none)."""
        query = select(analysis_claims.c.owner).where(analysis_claims.c.owner.is_not(None)).distinct()
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def save_analysis_failure(self, article_id: str, pipeline_version: str, reason: str) -> None:
        """This pipeline version cannot analyse this article: later runs of it skip the article."""
        row = {"article_id": article_id, "pipeline_version": pipeline_version, "reason": reason}
        with self._transaction(f"the analysis failure of {article_id[:12]}") as conn:
            conn.execute(analysis_failures.delete().where(analysis_failures.c.article_id == article_id))
            conn.execute(analysis_failures.insert(), row | {"failed_at": datetime.now(timezone.utc)})

    def analysis_failures(self, pipeline_version: str) -> list[tuple[str, str]]:
        """(article id, reason) of every article this pipeline version failed on, oldest failure first."""
        query = (
            select(analysis_failures.c.article_id, analysis_failures.c.reason)
            .where(analysis_failures.c.pipeline_version == pipeline_version)
            .order_by(analysis_failures.c.failed_at, analysis_failures.c.article_id)
        )
        with self.engine.connect() as conn:
            return [(row.article_id, row.reason) for row in conn.execute(query)]

    def forget_analysis_failures(self) -> int:
        """A retry: every failed article is analysed again by the next run, its attempts counted anew.
        Returns how many there were."""
        with self._transaction("the analysis failures") as conn:
            failed = select(analysis_failures.c.article_id)
            conn.execute(analysis_claims.delete().where(analysis_claims.c.article_id.in_(failed)))
            return conn.execute(analysis_failures.delete()).rowcount

    def count_to_analyse(self, pipeline_version: str) -> int:
        """Articles this pipeline version has neither analysed nor failed on (whoever may be analysing them)."""
        query = select(func.count()).select_from(articles).where(self._unanalysed(pipeline_version))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()


    # --- stories ---------------------------------------------------------------------------------

    @contextmanager
    def story_lock(self) -> Iterator[None]:
        """Hold the database's story lock: one process at a time places articles in stories or edits them.
        Waits for it as long as another process holds it; a process that dies releases it. Reentrant: a
        job holding it may call another that takes it (in the same thread; another thread waits, as a process does).

        PostgreSQL: a session advisory lock on a connection of its own. SQLite: an OS lock on a file beside
        the database (not BEGIN IMMEDIATE, which would stop every other writer, ingest and analysis too, for
        the whole placement, nor a lock row, which a killed process would leave behind). An in-memory
        database has one process: nothing to lock.
        """
        depth = getattr(self._story_locks, "depth", 0)
        if depth:
            self._story_locks.depth = depth + 1
            try:
                yield
            finally:
                self._story_locks.depth = depth
            return
        with self._hold_story_lock():
            self._story_locks.depth = 1
            try:
                yield
            finally:
                self._story_locks.depth = 0

    @contextmanager
    def _hold_story_lock(self) -> Iterator[None]:
        if self.engine.dialect.name != "sqlite":
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("SELECT pg_advisory_lock(7426738)"))  # any fixed number: "the stories"
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(7426738)"))
            return
        database = self.engine.url.database
        if not database or database == ":memory:":
            yield
            return
        with open(f"{Path(database).expanduser()}.stories-lock", "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes or the process dies
            yield

    def placed_articles(self) -> Iterator[tuple[Article, Placement, str | None, bytes | None]]:
        """Every article already in a story, in the order it was placed, with the features and copy
        signature its placement was decided on (None for placements stored before schema version 6)."""
        query = (
            select(articles, *_MEMBER_COLUMNS, story_members.c.features, story_members.c.signature)
            .join(story_members, story_members.c.article_id == articles.c.id)
            .order_by(story_members.c.position)
        )
        for row in self._stream(query):
            yield _article_from_row(row), _placement(row), row["features"], row["signature"]

    def unplaced_articles(self) -> Iterator[tuple[Article, Analysis, bytes | None]]:
        """Analysed articles in no story yet, by publication date (undated last), then as ingested."""
        query = (
            select(articles, analyses.c.payload, analyses.c.sentence_vectors)
            .join(analyses, analyses.c.article_id == articles.c.id)
            .where(articles.c.id.not_in(select(story_members.c.article_id)))
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.ingested_at, articles.c.id)
        )
        for row in self._stream(query):
            yield _article_from_row(row), codec.decode(row["payload"]), row["sentence_vectors"]

    def save_placement(self, placement: Placement, label: str, features: str, signature: bytes) -> None:
        """Put one article into its story (created or relabelled here), in one transaction, with the
        features and copy signature it was placed on."""
        now = datetime.now(timezone.utc)
        row = _placement_row(placement) | {"features": features, "signature": signature}
        with self._transaction(f"the story of {placement.article_id[:12]}") as conn:
            conn.execute(_UPSERT_STORY, {"id": placement.story_id, "label": label, "updated_at": now})
            position = conn.execute(select(func.coalesce(func.max(story_members.c.position), 0) + 1)).scalar_one()
            conn.execute(story_members.delete().where(story_members.c.article_id == placement.article_id))
            conn.execute(story_members.insert(), row | {"position": position})

    def relabel_stories(self, labels: dict[str, str]) -> None:
        """Give stories their current labels, in one transaction."""
        if not labels:
            return
        now = datetime.now(timezone.utc)
        with self._transaction("the story labels") as conn:
            for story_id, label in labels.items():
                conn.execute(stories.update().where(stories.c.id == story_id).values(label=label, updated_at=now))

    def pin(self, story_id: str, article_ids: list[str], label: str) -> None:
        """Move articles into a story for good (a manual merge or split); stories left empty go."""
        now = datetime.now(timezone.utc)
        with self._transaction(f"story {story_id}") as conn:
            conn.execute(_UPSERT_STORY, {"id": story_id, "label": label, "updated_at": now})
            conn.execute(
                story_members.update()
                .where(story_members.c.article_id.in_(article_ids))
                .values(story_id=story_id, pinned=True, probability=None)
            )
            conn.execute(stories.delete().where(stories.c.id.not_in(select(story_members.c.story_id))))

    def forget_unpinned_placements(self) -> None:
        """Before reclustering: every decision goes except the manual ones."""
        with self._transaction("the stories") as conn:
            conn.execute(story_members.delete().where(story_members.c.pinned.is_(False)))
            conn.execute(stories.delete().where(stories.c.id.not_in(select(story_members.c.story_id))))

    def resolve_story(self, story_id: str) -> str:
        """A story id from the id or an unambiguous prefix of it."""
        query = select(stories.c.id).where(stories.c.id.startswith(story_id, autoescape=True)).limit(2)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalars().all() if story_id else []
        if len(found) == 1:
            return found[0]
        raise NotFoundError(f"story {story_id!r}: {'ambiguous prefix' if found else 'no such story'}")

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in, if it has been placed."""
        query = select(story_members.c.story_id).where(story_members.c.article_id == article_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def copy_of(self, article_id: str) -> str | None:
        """The original of a wire copy (as its story placement recorded it), else None."""
        query = select(story_members.c.copy_of).where(story_members.c.article_id == article_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def story_label(self, story_id: str) -> str:
        with self.engine.connect() as conn:
            return conn.execute(select(stories.c.label).where(stories.c.id == story_id)).scalar_one()

    def story_members(self, story_id: str) -> list[tuple[Article, Placement]]:
        """A story's articles with their placements, by date (undated last), then outlet."""
        query = (
            select(articles, *_MEMBER_COLUMNS)
            .join(story_members, story_members.c.article_id == articles.c.id)
            .where(story_members.c.story_id == story_id)
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.outlet, articles.c.id)
        )
        return [(_article_from_row(row), _placement(row)) for row in self._stream(query)]

    def story_overviews(
        self, outlet: str | None = None, since: date | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoryOverview]:
        """Stories, newest first (by their last article, then size, then id): size, outlets and date range of
        each; `limit` and `offset` give one page of them, counted and sorted by the database.

        `outlet` keeps stories that outlet covered (its name in any case); `since` keeps stories with an
        article on or after it. `count_stories` with the same filters gives the number of pages.
        """
        query = self._story_summaries(outlet, since)
        last, size = func.max(articles.c.published), func.count()
        query = query.order_by(last.is_(None), last.desc(), size.desc(), stories.c.id).offset(offset).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            outlets: dict[str, set[str]] = {row.id: set() for row in rows}
            named = (
                select(story_members.c.story_id, articles.c.outlet)
                .join(articles, articles.c.id == story_members.c.article_id)
                .where(story_members.c.story_id.in_(list(outlets)))
                .distinct()
            )
            for story_id, name in conn.execute(named) if outlets else ():
                outlets[story_id].add(name)
        return [
            StoryOverview(row.id, row.label, row.size, tuple(sorted(outlets[row.id], key=str.casefold)), row.first, row.last)
            for row in rows
        ]

    def count_stories(self, outlet: str | None = None, since: date | None = None) -> int:
        """How many stories `story_overviews` gives with these filters and no limit."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(self._story_summaries(outlet, since).subquery())).scalar_one()

    def _story_summaries(self, outlet: str | None, since: date | None) -> Any:
        """One row per story (id, label, size, first and last date) with the filters of `story_overviews`."""
        query = (
            select(
                stories.c.id,
                stories.c.label,
                func.count().label("size"),
                func.min(articles.c.published).label("first"),
                func.max(articles.c.published).label("last"),
            )
            .join(story_members, story_members.c.story_id == stories.c.id)
            .join(articles, articles.c.id == story_members.c.article_id)
            .group_by(stories.c.id, stories.c.label)
        )
        if outlet:  # the stored names that match, compared in Python: SQLite's lower() knows only ASCII
            wanted = outlet.strip().casefold()
            names = [name for name in self.outlet_counts() if name.casefold() == wanted]
            covered = select(story_members.c.story_id).join(articles, articles.c.id == story_members.c.article_id)
            query = query.where(stories.c.id.in_(covered.where(articles.c.outlet.in_(names))))
        if since:
            query = query.having(func.max(articles.c.published) >= since)
        return query

    def outlet_counts(self) -> dict[str, int]:
        """Every outlet name in the store → its number of articles."""
        query = select(articles.c.outlet, func.count()).group_by(articles.c.outlet)
        with self.engine.connect() as conn:
            return {outlet: count for outlet, count in conn.execute(query)}

    def outlet_hosts(self) -> dict[str, set[str]]:
        """Every outlet name in the store → the host names of its articles' URLs (for outlet resolution)."""
        hosts: dict[str, set[str]] = {}
        for row in self._stream(select(articles.c.outlet, articles.c.url).distinct()):
            hosts.setdefault(row["outlet"], set()).update(filter(None, [domain_of(row["url"])]))
        return hosts

    def _stream(self, query: Any) -> Iterator[Any]:
        with self.engine.connect() as conn:
            yield from conn.execution_options(stream_results=True, yield_per=200).execute(query).mappings()


# One SQL text for SQLite (>= 3.35) and PostgreSQL. Written as text because SQLAlchemy cannot cache
# the compiled form of its dialect-specific on-conflict inserts, and compiling on every row cost more
# than the insert itself. RETURNING tells whether a row was added (psycopg 3 reports rowcount -1 here).
_INSERT_ARTICLE = text(
    f"INSERT INTO articles ({', '.join(c.name for c in articles.columns)})"
    f" VALUES ({', '.join(':' + c.name for c in articles.columns)})"
    " ON CONFLICT DO NOTHING RETURNING id"
).bindparams(*(bindparam(c.name, type_=c.type) for c in articles.columns))

# A further source of a stored article, unless it is the one the article was first read from.
_ADD_SOURCE = text(
    "INSERT INTO article_sources (article_id, source, seen_at)"
    " SELECT :article_id, :source, :seen_at"
    " WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = :article_id AND source = :source)"
    " ON CONFLICT DO NOTHING"
).bindparams(*(bindparam(c.name, type_=c.type) for c in article_sources.columns))

_UPSERT_STORY = text(
    "INSERT INTO stories (id, label, updated_at) VALUES (:id, :label, :updated_at)"
    " ON CONFLICT (id) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at"
).bindparams(*(bindparam(c.name, type_=c.type) for c in stories.columns))

# Claim an article for analysis unless it has been analysed meanwhile or another claim on it is fresh;
# RETURNING gives the attempts when claimed, nothing when not. A claim made for an older pipeline
# version counts for nothing. (The SELECT needs its WHERE: without one SQLite misreads ON CONFLICT.)
_CLAIM = text(
    "INSERT INTO analysis_claims (article_id, pipeline_version, owner, claimed_at, attempts)"
    " SELECT :article_id, :pipeline_version, :owner, :claimed_at, 1"
    " WHERE NOT EXISTS (SELECT 1 FROM analyses WHERE article_id = :article_id AND pipeline_version = :pipeline_version)"
    " ON CONFLICT (article_id) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at,"
    " attempts = CASE WHEN analysis_claims.pipeline_version = excluded.pipeline_version"
    " THEN analysis_claims.attempts + 1 ELSE 1 END, pipeline_version = excluded.pipeline_version"
    " WHERE analysis_claims.claimed_at < :stale OR analysis_claims.pipeline_version <> excluded.pipeline_version"
    " RETURNING attempts"
).bindparams(
    *(bindparam(c.name, type_=c.type) for c in analysis_claims.columns if c.name != "attempts"),
    bindparam("stale", type_=analysis_claims.c.claimed_at.type),
)
_LONG_AGO = datetime(2000, 1, 1, tzinfo=timezone.utc)  # a released claim: stale for any expiry

_MEMBER_COLUMNS = (
    story_members.c.story_id,
    story_members.c.probability,
    story_members.c.pinned,
    story_members.c.copy_of,
)


def _placement(row: Any) -> Placement:
    return Placement(row["id"], row["story_id"], row["probability"], bool(row["pinned"]), row["copy_of"])


def _placement_row(placement: Placement) -> dict[str, Any]:
    return {field.name: getattr(placement, field.name) for field in fields(placement)}


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def _article_row(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in _ARTICLE_FIELDS}


def _article_from_row(row: Any) -> Article:
    return Article(**{name: row[name] for name in _ARTICLE_FIELDS})


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0]
