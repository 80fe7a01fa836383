"""The database schema (SQLAlchemy Core), its version, and the steps that upgrade older databases.

A new database gets the current tables in one go and is stamped with SCHEMA_VERSION.
A database stamped with an older version runs the UPGRADES after its version, in order,
each in its own transaction, so an interrupted upgrade resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)

SCHEMA_VERSION = 7

metadata = MetaData()

schema_info = Table(
    "schema_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("outlet", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("external_id", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_published", "published"),
)

# Further places an article was read from (the first is `articles.source`): the same text can
# arrive in two files or feeds. Kept apart so that adding a new article is one INSERT.
article_sources = Table(
    "article_sources",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("source", Text, primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


# What the nlp stage read out of each article (model.Analysis as JSON), and which pipeline did it.
analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("pipeline_version", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
    # One float16 row of 384 per sentence, in sentence order (nlp/embeddings.py); NULL when not computed.
    Column("sentence_vectors", LargeBinary),
)


# Stories (stories/): each analysed article is a member of exactly one story. `position` is the order
# of placement, so replaying the members rebuilds the clusterer's state; `probability` is the join
# decision's (NULL when the article started its story or was placed, not decided); `pinned` marks a
# manual merge or split that reclustering keeps; `copy_of` links a wire copy to its original; `features`
# (stories/features.py's JSON) and `signature` (MinHash, 128 uint64) are what the placement was decided
# on, so a later run replays the story from them instead of decoding every analysis again.
stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("label", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("probability", Float),
    Column("pinned", Boolean, nullable=False, default=False),
    Column("copy_of", String(64)),
    Column("features", Text),
    Column("signature", LargeBinary),
    Index("ix_story_members_story", "story_id"),
    Index("ix_story_members_position", "position"),
)


# Analysis bookkeeping, so that processes sharing a database split the work and one bad article stops
# nobody. A claim says which process (`owner`) is analysing an article since when; a claim older than the
# claimer's expiry is taken over, and `attempts` counts the claims an article had without its analysis ever
# being stored (a process killed, or stuck, on it). A failure is an article the pipeline of
# `pipeline_version` could not analyse, and why: later runs of that version skip it.
analysis_claims = Table(
    "analysis_claims",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("pipeline_version", String(32), nullable=False),
    Column("owner", String(64)),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
)

analysis_failures = Table(
    "analysis_failures",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("pipeline_version", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)


def _add_article_sources(conn: Connection) -> None:
    """Version 2: provenance of every further copy of an article."""
    article_sources.create(conn)


def _add_analyses(conn: Connection) -> None:
    """Version 3: stored analyses."""
    analyses.create(conn)


def _add_sentence_vectors(conn: Connection) -> None:
    """Version 4: sentence vectors stored beside each analysis.

    Step 2 creates `analyses` as defined today, column included, so the column may be there already.
    """
    _add_columns(conn, analyses.c.sentence_vectors)


def _add_columns(conn: Connection, *columns: Column) -> None:
    """Add columns to their table unless an earlier step created the table with them already."""
    for column in columns:
        table = column.table.name
        if column.name in {c["name"] for c in inspect(conn).get_columns(table)}:
            continue
        kind = column.type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"))


def _add_stories(conn: Connection) -> None:
    """Version 5: stories and their members."""
    stories.create(conn)
    story_members.create(conn)


def _add_placement_features(conn: Connection) -> None:
    """Version 6: the features and copy signature each placement was decided on (NULL for older ones,
    which are replayed from their analysis as before). Step 4 creates them with the table."""
    _add_columns(conn, story_members.c.features, story_members.c.signature)


def _add_analysis_bookkeeping(conn: Connection) -> None:
    """Version 7: analysis claims and failures."""
    analysis_claims.create(conn)
    analysis_failures.create(conn)


# UPGRADES[v] takes a database from version v to v + 1.
UPGRADES: dict[int, Callable[[Connection], None]] = {
    1: _add_article_sources,
    2: _add_analyses,
    3: _add_sentence_vectors,
    4: _add_stories,
    5: _add_placement_features,
    6: _add_analysis_bookkeeping,
}
