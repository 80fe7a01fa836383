"""`manysides articles` and `manysides report` on the ferry fixtures."""

import json

import pytest
from click.testing import CliRunner

from manysides.cli import cli
from tests.conftest import FIXTURES


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def ferry_db(tmp_path):
    db = tmp_path / "ferry.db"
    assert run("ingest", FIXTURES / "ferry", "--db", db).exit_code == 0
    return db


def test_articles_as_json_filtered_by_outlet_and_date(ferry_db):
    result = run("articles", "--db", ferry_db, "--outlet", "island radio news", "--since", "2024-11-09", "--json")
    assert result.exit_code == 0
    [article] = json.loads(result.stdout)
    assert article["title"] == "Harbour authority rejects sandbank claims"
    assert article["published"] == "2024-11-10"
    assert article["external_id"] == "ir-78"
    assert article["words"] == 16
    assert len(article["id"]) == 64


def test_articles_table_lists_oldest_first_with_limit(ferry_db):
    result = run("articles", "--db", ferry_db, "--limit", "2")
    assert result.exit_code == 0
    assert "2 articles" in result.stdout
    lines = [line for line in result.stdout.splitlines() if "2024-" in line]
    assert [line.split("│")[2].strip() for line in lines] == ["2024-11-08", "2024-11-08"]


def test_markdown_report_covers_every_outlet(ferry_db, tmp_path):
    out = tmp_path / "reports" / "coverage.md"
    result = run("report", "--db", ferry_db, "--out", out)
    assert result.exit_code == 0
    report = out.read_text()
    assert report.startswith("# Coverage summary\n\n9 articles from 6 outlets, 2024-11-08 to 2024-11-12.")
    assert "| Bay Times | 2 |" in report
    assert "| 2024-11-10 | Harbour authority rejects sandbank claims | 16 |" in report


def test_json_report(ferry_db):
    result = run("report", "--db", ferry_db, "--format", "json")
    summary = json.loads(result.stdout)
    assert (summary["article_count"], summary["first"], summary["last"]) == (9, "2024-11-08", "2024-11-12")
    assert [o["outlet"] for o in summary["outlets"]][:3] == ["Bay Times", "Island Radio News", "Meridian Wire"]


def test_every_command_teaches_with_an_example():
    for name, command in cli.commands.items():
        help_text = run(name, "--help").stdout
        assert "Example:" in help_text, name
