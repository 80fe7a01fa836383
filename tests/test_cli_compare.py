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


FILLER = [
    "The storm reached the coast early in the evening after two days over open water.",
    "Forecasters had warned fishing crews to stay in port until the weekend.",
    "Schools in the valley opened late so that buses could avoid flooded lanes.",
    "A bakery on Mill Street handed out bread to neighbours who had no power.",
    "Volunteers filled sandbags outside the fire station through the night.",
    "The river rose above its banks near the old stone bridge by midnight.",
    "Farmers moved sheep to higher fields before the water reached the meadows.",
    "The ferry service to the islands was suspended for the second time this month.",
    "Engineers inspected the sea wall, which was repaired after last winter's storms.",
    "Shops in the market square kept their shutters down until noon.",
    "The regional hospital postponed routine appointments for a day.",
    "A retired teacher said the wind was the loudest she had heard in forty years.",
    "Trains between the two towns ran at reduced speed because of fallen branches.",
    "The harbour master closed the outer quay to the public.",
    "Residents were asked to check on elderly neighbours living alone.",
    "The local football match was called off an hour before kick-off.",
    "Road crews cleared a fallen oak from the main route into town.",
    "The library opened its reading room as a warm place to charge phones.",
    "Insurance companies said claims would be handled as quickly as possible.",
    "A temporary shelter was set up in the community hall on Quarry Road.",
    "The mayor thanked the volunteers in a message on the council's website.",
    "Weather stations recorded gusts strong enough to lift roof tiles.",
    "Bus drivers were told to avoid the coastal road until further notice.",
]


def long_report(outlet: str, homes: str, start: int) -> str:
    """An invented article of 25 sentences: one planted figure among 24 sentences of other things."""
    filler = " ".join(FILLER[(start + n) % len(FILLER)] for n in range(len(FILLER)))
    return f"outlet: {outlet}\ndate: 2025-02-11\n\nThe Harrowby council said {homes} homes lost power on Tuesday.\n\n{filler}\n"


def test_in_long_articles_a_contradiction_is_possible_and_listed_only_when_asked(tmp_path):
    """Two long articles offer hundreds of sentence pairs: a figure the rules find at odds is not shown by
    default (on real coverage none such held when read), but counted, and listed marked possible on request."""
    (tmp_path / "a.txt").write_text(long_report("Harrowby Echo", "1,200", 0), encoding="utf-8")
    (tmp_path / "b.txt").write_text(long_report("Valley Post", "1,500", 7), encoding="utf-8")
    result = run("compare", tmp_path / "a.txt", tmp_path / "b.txt", "--json", tmp_path / "r.json", "--html", tmp_path / "r.html",
                 "--md", tmp_path / "r.md")  # fmt: skip
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    for report in ("r.html", "r.md"):
        assert "possible contradictions not shown" in (tmp_path / report).read_text(encoding="utf-8")
    jsonschema.validate(document, SCHEMA)
    assert document["contradictions"] == [] and document["possible_contradictions"] >= 1
    assert "possible contradictions not shown" in result.stdout
    result = run("compare", tmp_path / "a.txt", tmp_path / "b.txt", "--json", tmp_path / "all.json", "--all-contradictions")
    listed = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["contradictions"]
    assert listed and all(c["possible"] and c["confidence"] < 0.5 for c in listed)
    assert any("1,200" in c["explanation"] and "1,500" in c["explanation"] for c in listed)
    assert "(possible)" in result.stdout


def test_two_saved_articles_in_one_folder_are_two_outlets_named_after_their_files(tmp_path):
    """No header, no --outlet: each file is its own outlet (not the folder's), and one line says how to name them."""
    (tmp_path / "herald.txt").write_text("The Brenlow dam was closed on Monday after engineers found cracks.\n", encoding="utf-8")
    (tmp_path / "ledger.txt").write_text("Engineers closed the Brenlow dam on Monday because of cracks.\n", encoding="utf-8")
    result = run("compare", tmp_path / "herald.txt", tmp_path / "ledger.txt", "--json", tmp_path / "r.json")
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(a["outlet"] for a in document["articles"]) == ["herald", "ledger"]
    assert "herald.txt, ledger.txt: no outlet named, so each file is its own outlet" in result.stderr
    assert "2 articles from 2 outlets" in result.stdout


def test_file_equals_outlet_names_each_files_outlet(tmp_path):
    (tmp_path / "rt.txt").write_text("The Brenlow dam was closed on Monday after engineers found cracks.\n", encoding="utf-8")
    (tmp_path / "rferl.txt").write_text("Engineers closed the Brenlow dam on Monday because of cracks.\n", encoding="utf-8")
    result = run("compare", f"{tmp_path / 'rt.txt'}=RT", f"{tmp_path / 'rferl.txt'}=RFE/RL", "--json", tmp_path / "r.json")
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(a["outlet"] for a in document["articles"]) == ["RFE/RL", "RT"]
    assert "no outlet named" not in result.stderr
