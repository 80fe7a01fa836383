"""The store on both databases: every test here runs on a real SQLite file and on real PostgreSQL."""

import multiprocessing
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, text

from manysides.config import database_url
from manysides.errors import NotFoundError, StoreError
from manysides.model import Analysis, Article, Claim, Mention, Number, Placement, Quote, Sentence, Span, TimeExpr
from manysides.store import AddResult, Store
from manysides.store import Claim as StoredClaim
from manysides.store.schema import SCHEMA_VERSION


def make(outlet="Bay Times", body="The inquiry opened on Tuesday.", published=date(2024, 11, 12), source="a.txt"):
    return Article.create(outlet=outlet, text=body, published=published, title="Inquiry opens", source=source)


def test_an_article_is_stored_once_and_read_back_unchanged(db_url):
    article = make()
    with Store(db_url) as store:
        assert store.add_article(article) is AddResult.ADDED
        assert store.add_article(article) is AddResult.PRESENT
        assert store.count_articles() == 1
        assert store.get_article(article.id) == article
        assert store.sources_of(article.id) == ["a.txt"]  # the same source again is not a new one


def test_a_duplicate_from_another_file_keeps_its_provenance(db_url):
    original, copy = make(source="first.txt"), make(source="copy/second.txt")
    with Store(db_url) as store:
        store.add_article(original)
        assert store.add_article(copy) is AddResult.PRESENT
        assert store.sources_of(original.id) == ["first.txt", "copy/second.txt"]
        assert store.get_article(original.id).source == "first.txt"


def test_listing_filters_by_outlet_and_date_and_puts_undated_last(db_url):
    with Store(db_url) as store:
        store.add_article(make("Bay Times", "one", date(2024, 11, 12)))
        store.add_article(make("Bay Times", "two", None))
        store.add_article(make("Harbour Herald", "three", date(2024, 11, 8)))
        assert [a.text for a in store.articles()] == ["three", "one", "two"]
        assert [a.text for a in store.articles(outlet="bay times")] == ["one", "two"]
        assert [a.text for a in store.articles(since=date(2024, 11, 10))] == ["one"]


def test_undated_articles_are_those_with_no_date_given_or_inferred(db_url):
    with Store(db_url) as store:
        store.add_article(make("Bay Times", "dated", date(2024, 11, 12)))
        store.add_article(undated := make("Bay Times", "undated", None))
        store.add_article(inferred := make("Harbour Herald", "inferred later", None))
        store.set_inferred_date(inferred.id, date(2024, 11, 7))
        assert [a.id for a in store.undated_articles()] == [undated.id]


def test_get_article_by_prefix(db_url):
    article = make()
    with Store(db_url) as store:
        store.add_article(article)
        assert store.get_article(article.id[:8]).id == article.id
        with pytest.raises(NotFoundError, match="no such article"):
            store.get_article("0" * 64)
        with pytest.raises(NotFoundError):
            store.get_article(article.id[:3])  # too short to be a reliable prefix


def test_a_version_1_database_is_upgraded_on_open_and_keeps_its_articles(db_url):
    engine = create_engine(database_url(db_url))
    with engine.begin() as conn:  # the schema as version 1 laid it out
        conn.execute(text("CREATE TABLE schema_info (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"))
        conn.execute(text("INSERT INTO schema_info VALUES ('schema_version', '1')"))
        conn.execute(
            text(
                "CREATE TABLE articles (id VARCHAR(64) PRIMARY KEY, outlet TEXT NOT NULL, title TEXT, url TEXT,"
                " published DATE, published_inferred BOOLEAN NOT NULL, language VARCHAR(16), text TEXT NOT NULL,"
                " source TEXT NOT NULL, external_id TEXT, ingested_at TIMESTAMP NOT NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO articles VALUES ('abc123abc123', 'Bay Times', NULL, NULL, '2024-11-12', FALSE, NULL,"
                " 'Old text.', 'old.txt', NULL, '2024-11-12 10:00:00')"
            )
        )
    engine.dispose()
    with Store(db_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_article("abc123").text == "Old text."
        assert store.sources_of("abc123abc123") == ["old.txt"]


def test_a_database_from_a_newer_manysides_is_refused(db_url):
    with Store(db_url) as store:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'"))
    with pytest.raises(StoreError, match="schema version 99 is newer than this manysides understands"):
        Store(db_url)


def test_sqlite_runs_in_wal_mode(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'm.db'}") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_an_unreachable_server_is_a_one_line_error_without_the_password():
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value)
    assert str(caught.value).startswith("postgresql+psycopg://someone:***@127.0.0.1:1/nothing: cannot open the database:")


def sample_analysis(article):
    return Analysis(
        article_id=article.id,
        sentences=(Sentence(0, 0, 30, "The inquiry opened on Tuesday."),),
        mentions=(Mention(4, 11, "inquiry", "event:inquiry", "EVENT"),),
        quotes=(
            Quote(
                "Ruth Abernathy", Span(article.id, 0, 14), "person:ruth abernathy", False,
                "said", Span(article.id, 15, 19), None, True, Span(article.id, 0, 5), Span(article.id, 0, 30),
            ),
        ),
        claims=(
            Claim(
                "The inquiry", "open", "", "affirmed", "reported", Span(article.id, 0, 30),
                numbers=(Number(3_000_000.0, "EUR", "3 million"),), dates=("2024-11-12",), attribution="Ruth Abernathy",
            ),
        ),
        times=(TimeExpr(22, 29, "Tuesday", "2024-11-12", "day", date(2024, 11, 12)),),
        boilerplate=((31, 40),),
    )


def test_an_analysis_is_stored_and_read_back_as_the_same_records(db_url):
    article = make()
    analysis = sample_analysis(article)
    with Store(db_url) as store:
        store.add_article(article)
        assert store.claim_to_analyse("1", "me", 10, timedelta(minutes=5)) == [StoredClaim(article, 1)]
        store.save_analysis(analysis, "1")
        assert store.get_analysis(article.id) == analysis
        assert store.count_to_analyse("1") == 0
        assert store.count_to_analyse("2") == 1  # a newer pipeline redoes it
        store.save_analysis(analysis, "2")  # replacing is allowed
        assert store.count_to_analyse("2") == 0
        assert store.get_sentence_vectors(article.id) is None


def test_sentence_vectors_are_stored_with_their_analysis_also_after_an_upgrade(db_url):
    article = make()
    vectors = bytes(range(256)) * 3  # one float16 row of 384
    test_a_version_1_database_is_upgraded_on_open_and_keeps_its_articles(db_url)
    with Store(db_url) as store:
        store.add_article(article)
        store.save_analysis(sample_analysis(article), "2", vectors)
        assert store.get_sentence_vectors(article.id) == vectors


def _open_and_report_version(url: str) -> int:
    with Store(url) as store:
        return store.schema_version


def test_processes_opening_one_new_database_at_once_all_get_the_same_schema(db_url):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open_and_report_version, [db_url] * 4) == [SCHEMA_VERSION] * 4


FRESH = timedelta(minutes=5)


def test_a_claimed_article_goes_to_no_one_else_until_its_claim_is_stale_or_released(db_url):
    first, second = make(body="The inquiry opened on Tuesday."), make(body="The inquiry closed on Friday.")
    with Store(db_url) as store:
        store.add_article(first)
        store.add_article(second)
        assert store.claim_to_analyse("1", "a", 1, FRESH) == [StoredClaim(first, 1)]
        assert store.claim_to_analyse("1", "b", 5, FRESH) == [StoredClaim(second, 1)]  # not the one "a" holds
        assert store.claim_to_analyse("1", "c", 5, FRESH) == []
        assert store.claim_to_analyse("1", "c", 5, timedelta(0)) == [StoredClaim(first, 2), StoredClaim(second, 2)]
        store.release_claims("c")
        store.save_analysis(sample_analysis(first), "1")
        assert store.claim_to_analyse("1", "d", 5, FRESH) == [StoredClaim(second, 3)]  # released: at once
        assert store.claim_to_analyse("2", "e", 5, FRESH) == [StoredClaim(first, 1), StoredClaim(second, 1)]


def test_a_failed_article_is_skipped_by_its_pipeline_version_until_retried(db_url):
    article = make()
    with Store(db_url) as store:
        store.add_article(article)
        store.save_analysis_failure(article.id, "1", "analysis failed: ValueError: bad span")
        assert store.count_to_analyse("1") == 0
        assert store.claim_to_analyse("1", "a", 5, timedelta(0)) == []
        assert store.analysis_failures("1") == [(article.id, "analysis failed: ValueError: bad span")]
        assert store.count_to_analyse("2") == 1  # a newer pipeline tries again
        assert store.forget_analysis_failures() == 1
        assert store.analysis_failures("1") == []
        assert store.claim_to_analyse("1", "a", 5, FRESH) == [StoredClaim(article, 1)]


def _hold_the_story_lock(url, waiting, acquired):
    with Store(url) as store:
        waiting.set()
        with store.story_lock():
            acquired.set()


def test_the_story_lock_makes_a_second_process_wait(db_url):
    context = multiprocessing.get_context("spawn")
    waiting, acquired = context.Event(), context.Event()
    with Store(db_url) as store:
        with store.story_lock():
            child = context.Process(target=_hold_the_story_lock, args=(db_url, waiting, acquired))
            child.start()
            assert waiting.wait(60)
            assert not acquired.wait(1.0)  # it waits as long as we hold the lock
        assert acquired.wait(60)
        child.join(60)
    assert child.exitcode == 0


def test_story_overviews_come_in_pages_sorted_and_counted_by_the_database(db_url):
    with Store(db_url) as store:
        for n, day in enumerate([date(2024, 11, 1), date(2024, 11, 3), None, date(2024, 11, 2), date(2024, 11, 3)]):
            article = make(outlet=f"Outlet {n % 2}", body=f"Story number {n} opened.", published=day)
            store.add_article(article)
            store.save_analysis(sample_analysis(article), "1")
            store.save_placement(Placement(article.id, f"s{n}"), f"label {n}", "{}", b"")
        whole = store.story_overviews()
        assert [(o.id, o.last) for o in whole] == [
            ("s1", date(2024, 11, 3)), ("s4", date(2024, 11, 3)), ("s3", date(2024, 11, 2)), ("s0", date(2024, 11, 1)), ("s2", None)
        ]  # fmt: skip
        assert store.story_overviews(limit=2, offset=1) == whole[1:3]
        assert store.story_overviews(limit=2, offset=4) == whole[4:]
        assert store.count_stories() == 5
        assert [o.id for o in store.story_overviews(outlet="OUTLET 1", limit=1)] == ["s1"]
        assert store.count_stories(outlet="outlet 1") == 2
        assert store.count_stories(since=date(2024, 11, 2)) == 3


def test_the_story_lock_can_be_taken_again_by_the_store_that_holds_it(db_url):
    with Store(db_url) as store, store.story_lock(), store.story_lock():
        pass  # no deadlock on itself
    with Store(db_url) as store, store.story_lock():
        pass  # and released at the end
