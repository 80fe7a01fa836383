"""`manysides ingest` end to end: run the command, then read the database back."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from manysides.cli import cli
from manysides.store import Store
from tests.conftest import FIXTURES

FERRY = FIXTURES / "ferry"
FERRY_ARTICLES = 9


def run(*args, env=None):
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_ingest_every_format_then_reingest_adds_nothing(db_url):
    first = run("ingest", FERRY, "--db", db_url)
    assert first.exit_code == 0, first.stderr
    assert f"Added {FERRY_ARTICLES}, already present 0, failed 0." in first.stderr
    again = run("ingest", FERRY, "--db", db_url)
    assert again.exit_code == 0
    assert f"Added 0, already present {FERRY_ARTICLES}, failed 0." in again.stderr
    with Store(db_url) as store:
        outlets = {a.outlet for a in store.articles()}
        assert store.count_articles() == FERRY_ARTICLES
    assert outlets == {"Bay Times", "Coastline Daily", "Harbour Herald", "Island Radio News", "Meridian Wire", "Northsound Lines newsroom"}


@pytest.fixture
def bad_inputs(tmp_path) -> Path:
    """A folder of good and bad items side by side."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2024-11-11\noutlet: Bay Times\n\nThe inquiry opened on Tuesday.")
    (folder / "binary.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00,")
    (folder / "empty.txt").write_text("")
    (folder / "headers-only.txt").write_text("outlet: Bay Times\ntitle: Nothing here\n\n")
    (folder / "bad-date.txt").write_text("date: 2024-11-31\n\nThe bridge reopened.")
    (folder / "mangled.txt").write_bytes(b"The harbour \x81 closed.")
    (folder / "huge.txt").write_text("word " * 30_000)
    (folder / "lines.jsonl").write_text(
        '{"outlet": "Meridian Wire", "text": "Line one is fine."}\n{"outlet": "Meridian Wire", "text": \n'
        '{"outlet": "Meridian Wire", "text": "Line three is fine too."}\n'
    )
    (folder / "not-json.json").write_text("{'single': 'quotes'}")
    return folder


def test_bad_items_each_give_one_line_and_the_good_items_are_stored(tmp_path, bad_inputs):
    db = tmp_path / "m.db"
    result = run("ingest", bad_inputs, tmp_path / "missing.txt", "--db", db, "--max-file-size", "100KB")
    assert result.exit_code == 1
    errors = sorted(line for line in result.stderr.splitlines() if not line.startswith(("Added", "Analysed", "Placed")))
    inbox = str(bad_inputs)
    assert errors == sorted(
        [
            f"{inbox}/bad-date.txt: invalid date '2024-11-31': day is out of range for month",
            f"{inbox}/binary.txt: binary file, not text",
            f"{inbox}/empty.txt: empty file",
            f"{inbox}/headers-only.txt: empty article: no text",
            f"{inbox}/huge.txt: too large: 150,000 bytes over the limit of 100,000 (see --max-file-size)",
            f"{inbox}/lines.jsonl:2: malformed JSON: Expecting value (column 36)",
            f"{inbox}/mangled.txt: undecodable bytes: neither UTF-8 nor cp1252 (byte 0x81 at offset 12)",
            f"{inbox}/not-json.json:1: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
            f"{tmp_path}/missing.txt: no such file or directory",
        ]
    )
    assert "Added 3, already present 0, failed 9." in result.stderr
    assert "Analysed 3 articles." in result.stderr
    with Store(str(db)) as store:
        assert sorted(a.text for a in store.articles()) == [
            "Line one is fine.",
            "Line three is fine too.",
            "The inquiry opened on Tuesday.",
        ]


def test_json_summary(tmp_path, bad_inputs):
    result = run("ingest", bad_inputs / "lines.jsonl", "--db", tmp_path / "m.db", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "added": 2,
        "present": 0,
        "failed": 1,
        "interrupted": False,
        "failures": [{"location": f"{bad_inputs}/lines.jsonl:2", "reason": "malformed JSON: Expecting value (column 36)"}],
    }


def test_outlet_and_date_from_the_command_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The ferry ran aground on Thursday.")
    result = run("ingest", story, "--outlet", "Harbour Herald", "--date", "2024-11-11", "--db", tmp_path / "m.db")
    assert result.exit_code == 0
    with Store(str(tmp_path / "m.db")) as store:
        [article] = store.articles()
    assert (article.outlet, str(article.published)) == ("Harbour Herald", "2024-11-11")


def test_invalid_date_option_is_a_usage_error(tmp_path):
    result = run("ingest", FERRY, "--date", "2024-11-31", "--db", tmp_path / "m.db")
    assert result.exit_code == 2
    assert "invalid date '2024-11-31'" in result.stderr


def test_database_from_the_environment(tmp_path):
    db = tmp_path / "from-env.db"
    result = run("ingest", FERRY / "harbour-herald.txt", env={"MANYSIDES_DB": str(db)})
    assert result.exit_code == 0
    with Store(str(db)) as store:
        assert store.count_articles() == 1


def test_unsupported_database_url_is_one_line(tmp_path):
    result = run("ingest", FERRY, "--db", "mysql://localhost/news")
    assert result.exit_code == 1
    assert result.stderr == "Error: database URL 'mysql://localhost/news': unsupported scheme 'mysql' (use a file path, sqlite:/// or postgresql://)\n"


def test_urls_on_the_command_line(tmp_path, local_web):
    page = local_web.serve("/ferry", (FERRY / "coastline-daily.html").read_bytes())
    feed = local_web.serve("/rss", (FERRY / "island-radio.rss").read_bytes(), "application/rss+xml")
    missing = local_web.serve("/missing", "no", "text/plain", status=404)
    result = run("ingest", page, feed, missing, "--db", tmp_path / "m.db")
    assert result.exit_code == 1
    assert f"{missing}: HTTP 404 Not Found" in result.stderr
    assert "Added 3, already present 0, failed 1." in result.stderr


# --- interrupted runs: a real process, a real signal ------------------------------------------


TOTAL = 10_000  # enough that the signal lands mid-run on a fast machine


def write_many(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:05d}.txt").write_text(f"outlet: Wire {n % 7}\n\nArticle number {n} about the harbour inquiry.")


def start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    """A real `manysides ingest` process. SIGINT is reset to its default in the child: a test run started
    in the background (`make test &`, some CI runners) ignores SIGINT, children inherit that, and Python
    then never turns Ctrl-C into KeyboardInterrupt."""
    command = [sys.executable, "-m", "manysides", "ingest", str(folder), "--db", str(db), "--no-analyse"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - no threads started yet
    )


def wait_for_rows(db: Path, process: subprocess.Popen, minimum: int = 50) -> None:
    """Poll with the bare sqlite3 module: opening a whole Store per poll is slow enough, on a loaded
    machine, for the ingest to finish before the signal is sent."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with closing(sqlite3.connect(db, timeout=0.1)) as conn:
                    if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= minimum:
                        return
            except sqlite3.Error:  # the schema may not be there yet
                pass
        time.sleep(0.02)
    pytest.fail("the ingest finished or stalled before it could be interrupted")


def assert_consistent(db: Path) -> int:
    with Store(str(db)) as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        incomplete = conn.execute(text("SELECT count(*) FROM articles WHERE text = '' OR source = ''")).scalar()
        assert incomplete == 0
        return store.count_articles()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_an_interrupted_ingest_leaves_a_consistent_database_and_resumes(tmp_path, sig):
    folder, db = tmp_path / "many", tmp_path / "m.db"
    write_many(folder, TOTAL)
    process = start_ingest(folder, db)
    wait_for_rows(db, process, minimum=20)
    os.kill(process.pid, sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if sig == signal.SIGINT else -signal.SIGKILL), stderr
    if sig == signal.SIGINT:
        assert "Interrupted: every article counted here is stored." in stderr
    stored = assert_consistent(db)
    assert 0 < stored < TOTAL
    rerun = start_ingest(folder, db)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert f"Added {TOTAL - stored}, already present {stored}, failed 0." in stderr
    assert assert_consistent(db) == TOTAL


def test_ingest_without_analysis_then_analyse_later(tmp_path):
    db = tmp_path / "m.db"
    assert "Analysed" not in run("ingest", FERRY, "--db", db, "--no-analyse").stderr
    first = run("analyse", "--db", db)
    assert first.exit_code == 0
    assert f"Analysed {FERRY_ARTICLES} articles." in first.stderr
    assert run("analyse", "--db", db).stderr == ""  # nothing left to do
    with Store(str(db)) as store:
        [herald] = store.articles(outlet="Harbour Herald")
        analysis = store.get_analysis(herald.id)
    assert {t.text: t.value for t in analysis.times}["Thursday evening"] == "2024-11-07"  # article of Monday 11th
    assert any(m.surface == "Ilse Varga" and m.entity_id == "person:ilse varga" for m in analysis.mentions)


def test_an_undated_article_gets_the_date_its_text_implies_marked_inferred(tmp_path):
    story = tmp_path / "undated.txt"
    story.write_text(
        "outlet: Harbour Herald\n\nThe ferry ran aground on November 7, 2024, near Kessel Point. "
        "On Thursday evening the coastguard said all 40 passengers were safe.\n"
    )
    db = tmp_path / "m.db"
    assert run("ingest", story, "--db", db).exit_code == 0
    with Store(str(db)) as store:
        [article] = list(store.articles())
        analysis = store.get_analysis(article.id)
    assert (article.published, article.published_inferred) == (date(2024, 11, 7), True)
    assert {t.text: t.value for t in analysis.times}["Thursday evening"] == "2024-11-07"


def test_an_article_naming_no_date_takes_its_storys_date_once_placed(tmp_path):
    (tmp_path / "herald.txt").write_text(
        "outlet: Harbour Herald\ndate: 2024-11-11\ntitle: Ferry Maren Star aground near Kessel Point\n\n"
        "The ferry Maren Star ran aground on a sandbank near Kessel Point on Thursday evening. "
        "Coastguard commander Ilse Varga said all 40 passengers had been taken off safely by lifeboat crews.\n"
    )
    (tmp_path / "radio.txt").write_text(
        "outlet: Island Radio\ntitle: Maren Star passengers rescued at Kessel Point\n\n"
        "All 40 passengers of the ferry Maren Star were rescued after it ran aground near Kessel Point on Thursday. "
        "Coastguard commander Ilse Varga praised the lifeboat crews who took them off the sandbank.\n"
    )
    db = tmp_path / "m.db"
    result = run("ingest", tmp_path, "--db", db)
    assert result.exit_code == 0 and "Dated 1 undated articles by their stories" in result.stderr
    with Store(str(db)) as store:
        [radio] = list(store.articles(outlet="Island Radio"))
        analysis = store.get_analysis(radio.id)
        assert store.story_of(radio.id) == store.story_of(next(iter(store.articles(outlet="Harbour Herald"))).id)
    assert (radio.published, radio.published_inferred) == (date(2024, 11, 11), True)  # the Herald's date
    assert {t.text: t.value for t in analysis.times}["Thursday"] == "2024-11-07"  # resolved against it


def test_an_article_over_the_word_limit_is_one_line_and_the_others_are_stored(tmp_path):
    (tmp_path / "short.txt").write_text("outlet: Valley Post\n\nThe bridge reopened on Monday after repairs.\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("outlet: Valley Post\n\n" + "The council met again. " * 40 + "\n", encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = run("ingest", tmp_path, "--max-article-words", "100", "--db", db)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "long.txt" in line]
    assert "too long: 160 words over the limit of 100" in line
    with Store(db) as store:
        assert [a.text for a in store.articles()] == ["The bridge reopened on Monday after repairs."]
