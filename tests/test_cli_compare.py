"""`manysides compare FILE...` and `manysides report STORY` end to end on the ferry fixtures."""

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from manysides.cli import cli
from tests.conftest import EXAMPLES, FIXTURES

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "report-schema.json").read_text(encoding="utf-8"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_compare_writes_both_reports_and_prints_a_summary(tmp_path):
    result = run(
        "compare", FIXTURES / "ferry", "--json", tmp_path / "r.json", "--md", tmp_path / "r.md", "--html", tmp_path / "r.html"
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert len(document["articles"]) == 9 and document["agreements"]
    # titled by what the articles name and what happened
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith(f"# {document['story']['label']}\n")
    assert document["story"]["label"] == "Kessel Point · Maren Star · Ilse Varga · ferry"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Harbour Herald" in html and "<script" not in html
    assert "9 articles from 6 outlets" in result.stdout and "contradictions" in result.stdout
    assert f"{len(document['unique'])} facts reported by one outlet only" in result.stdout
    assert not list(Path.cwd().glob("compare.db"))  # a temporary store unless --db


def test_compare_with_a_bad_file_reports_it_and_exits_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("compare", FIXTURES / "ferry" / "wire.jsonl", bad, "--json", tmp_path / "r.json")
    assert result.exit_code == 1
    assert f"{bad}:1: malformed JSON" in result.stderr
    assert len(json.loads((tmp_path / "r.json").read_text())["articles"]) == 2  # the good items are compared


def test_report_of_a_stored_story(tmp_path):
    db = tmp_path / "m.db"
    assert run("ingest", FIXTURES / "ferry", "--db", db).exit_code == 0
    story = max(json.loads(run("stories", "--db", db, "--json").stdout), key=lambda s: s["articles"])
    result = run("report", story["id"], "--db", db, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["story"] == {"id": story["id"], "label": story["label"]}
    assert len(document["articles"]) == story["articles"]
    markdown = run("report", story["id"][:7], "--db", db).stdout
    assert markdown.startswith(f"# {story['label']}\n") and "## Contradictions" in markdown
    assert run("report", story["id"], "--db", db, "--format", "html").stdout.startswith("<!DOCTYPE html>")
    refused = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "html"])
    assert refused.exit_code == 2 and "--format html needs a STORY" in refused.stderr


def test_compare_says_who_each_outlet_is_and_when_one_country_covered_it_all():
    result = run("compare", EXAMPLES / "ashcombe-water")
    assert result.exit_code == 0, result.stderr
    assert "BBC News (United Kingdom, public-service)" in result.stdout
    assert "Sky News (United Kingdom, private)" in result.stdout
    assert "Blindspot: 100% of the known outlets are of one country: United Kingdom" in result.stdout


def test_compare_names_what_one_outlet_reports_through_another():
    result = run("compare", EXAMPLES / "reyna-brandt-call")
    assert result.exit_code == 0, result.stderr
    line = "Reported through another outlet: Civic Courier → the Northern Ledger ← two officials familiar with the call (anonymous)"
    assert line in result.stdout
