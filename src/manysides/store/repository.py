"""`Store`: open (and upgrade) a database, write articles, read them back.

This is the only module that speaks SQL. It works the same on SQLite (WAL mode, the default
single-user file) and PostgreSQL (a team's shared server).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from manysides.config import database_url, redact
from manysides.errors import NotFoundError, StoreError
from manysides.ingest.origin import domain_of
from manysides.model import Analysis, Article, Placement, StoryOverview
from manysides.store import codec, schema
from manysides.store.schema import analyses, article_sources, articles, schema_info, stories, story_members


class AddResult(enum.Enum):
    ADDED = "added"
    PRESENT = "present"


class Store:
    """A manysides database. Open with `Store(url)`; use as a context manager to close it.

    `url` is anything `config.database_url` accepts: a file path, sqlite:///…, postgresql://….
    """

    def __init__(self, url: str) -> None:
        self.url = url = database_url(url)
        self.engine = _create_engine(url)
        self._writer: Connection | None = None  # one connection kept for writes: no pool round trip per article
        self._writer_lock = threading.Lock()
        try:
            _prepare_schema(self.engine)
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
            return _stored_version(conn) or 0

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
        current = select(analyses.c.article_id).where(analyses.c.pipeline_version == pipeline_version)
        return articles.c.id.not_in(current)

    def articles_to_analyse(self, pipeline_version: str) -> Iterator[Article]:
        """Articles with no analysis by this pipeline version, oldest first; streamed."""
        query = select(articles).where(self._unanalysed(pipeline_version)).order_by(articles.c.ingested_at, articles.c.id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True, yield_per=100).execute(query).mappings():
                yield _article_from_row(row)

    def count_to_analyse(self, pipeline_version: str) -> int:
        query = select(func.count()).select_from(articles).where(self._unanalysed(pipeline_version))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()


    # --- stories ---------------------------------------------------------------------------------

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

    def story_overviews(self, outlet: str | None = None, since: date | None = None) -> list[StoryOverview]:
        """All stories, newest first: size, outlets and date range of each.

        `outlet` keeps stories that outlet covered; `since` keeps stories with an article on or after it.
        """
        query = (
            select(stories.c.id, stories.c.label, articles.c.outlet, articles.c.published)
            .join(story_members, story_members.c.story_id == stories.c.id)
            .join(articles, articles.c.id == story_members.c.article_id)
            .order_by(stories.c.id)
        )
        grouped: dict[str, list[Any]] = {}
        for row in self._stream(query):
            grouped.setdefault(row["id"], []).append(row)
        overviews = []
        for story_id, rows in grouped.items():
            outlets = tuple(sorted({row["outlet"] for row in rows}, key=str.casefold))
            dates = sorted(row["published"] for row in rows if row["published"] is not None)
            if outlet and outlet.strip().casefold() not in {name.casefold() for name in outlets}:
                continue
            if since and not (dates and dates[-1] >= since):
                continue
            first, last = (dates[0], dates[-1]) if dates else (None, None)
            overviews.append(StoryOverview(story_id, rows[0]["label"], len(rows), outlets, first, last))
        return sorted(overviews, key=lambda o: (o.last is None, -(o.last.toordinal() if o.last else 0), -o.articles, o.id))

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


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{redact(url)}: not a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app) work while an ingest writes; NORMAL sync is safe under WAL."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _prepare_schema(engine: Engine) -> None:
    """Create or upgrade the schema; safe when several processes open one new database at once.

    A database already at this version is only read: the write lock is taken only to create or upgrade,
    so opening a store never waits behind (or starves during) another process's long ingest.
    """
    with engine.connect() as conn:
        current = inspect(conn).has_table("schema_info") and _stored_version(conn) == schema.SCHEMA_VERSION
    if current:
        return
    with _schema_lock(engine) as conn:
        if not inspect(conn).has_table("schema_info"):
            schema.metadata.create_all(conn)
            _stamp(conn, schema.SCHEMA_VERSION)
            return
        version = _stored_version(conn) or 0
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{redact(engine.url.render_as_string())}: database schema version {version} is newer than this "
                f"manysides understands ({schema.SCHEMA_VERSION}); upgrade manysides"
            )
        for step in range(version, schema.SCHEMA_VERSION):
            schema.UPGRADES[step](conn)
            _stamp(conn, step + 1)


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the database's write lock from its first statement.

    SQLite: BEGIN IMMEDIATE, on a connection where the driver does not open transactions itself
    (by default it would run each CREATE TABLE outside any transaction, so a second process could
    see the tables before they are stamped). PostgreSQL: DDL is transactional, and an advisory
    lock makes a second process wait for the first one's schema instead of racing it.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        else:
            with conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(7426737)"))  # any fixed number: "the schema"
                yield conn
def _stored_version(conn: Any) -> int | None:
    value = conn.execute(select(schema_info.c.value).where(schema_info.c.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def _stamp(conn: Any, version: int) -> None:
    conn.execute(schema_info.delete().where(schema_info.c.key == "schema_version"))
    conn.execute(schema_info.insert().values(key="schema_version", value=str(version)))


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def _article_row(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in _ARTICLE_FIELDS}


def _article_from_row(row: Any) -> Article:
    return Article(**{name: row[name] for name in _ARTICLE_FIELDS})


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0]
