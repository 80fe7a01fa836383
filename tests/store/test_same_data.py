"""The same input gives the same rows on SQLite and PostgreSQL, and a row one database refuses costs that
item only: the items after it are stored."""

import json

from sqlalchemy import select, text

from manysides.ingest import ReadOptions
from manysides.jobs import IngestSummary, ingest
from manysides.store import Store
from manysides.store.schema import articles
from tests.ingest.test_sanitise import HOSTILE

ITEMS = [
    {"outlet": "Bay Times", "text": "The inquiry opened on Tuesday.", "title": "Inquiry opens"},
    HOSTILE,
    {"outlet": "Bay Times", "text": "The inquiry \x00closed on Friday.", "title": "Inquiry\u202e closes"},
]


def ingest_file(url, path):
    summary = IngestSummary()
    with Store(url) as store:
        for event in ingest([str(path)], store, ReadOptions()):
            summary.count(event)
        with store.engine.connect() as conn:
            rows = conn.execute(select(articles).order_by(articles.c.id)).mappings().all()
    return summary, [{k: v for k, v in row.items() if k != "ingested_at"} for row in rows]


def test_a_hostile_file_gives_the_same_rows_on_both_stores(tmp_path, postgres_url):
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in ITEMS) + "\n", encoding="utf-8")
    on_sqlite = ingest_file(f"sqlite:///{tmp_path / 'm.db'}", path)
    on_postgres = ingest_file(postgres_url, path)
    assert on_sqlite[0].added == on_postgres[0].added == 3  # the NUL no longer stops PostgreSQL
    assert on_sqlite[1] == on_postgres[1]
    assert not any("\x00" in str(value) or "\u202e" in str(value) for row in on_sqlite[1] for value in row.values())


def refuse_title(store, title):
    """A real database error on one item: a constraint (PostgreSQL) or trigger (SQLite) refusing a title."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = :title"
                " BEGIN SELECT RAISE(ABORT, 'title refused'); END".replace(":title", f"'{title}'")
            ))  # fmt: skip
        else:
            conn.execute(text(f"ALTER TABLE articles ADD CONSTRAINT refuse CHECK (title <> '{title}')"))


def test_an_item_the_database_refuses_is_one_failure_and_the_rest_are_stored(tmp_path, db_url):
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in ITEMS) + "\n", encoding="utf-8")
    with Store(db_url) as store:
        refuse_title(store, "Ferry[31m aground at Kessel Point")
    summary, rows = ingest_file(db_url, path)
    assert (summary.added, summary.failed) == (2, 1)
    [failure] = summary.failures
    assert str(failure).startswith(f"{path}:2: not stored: ") and "refuse" in str(failure)
    assert sorted(row["title"] for row in rows) == ["Inquiry closes", "Inquiry opens"]
