"""`manysides outlets` and `manysides blindspots`: the registry from the command line, a user's own file,
and blindspots over the example corpus."""

import json

from click.testing import CliRunner

from manysides.cli import cli

USER_FILE = """
outlets:
  - {name: Harbour Herald, domains: [harbourherald.example], kind: newspaper, country: GB, languages: [en],
     ownership: private, owner: Invented for the examples, source: "https://example.org/harbour-herald", checked: 2026-11-25}
groups:
  lean:
    left: [The Guardian, BBC News]
    right: [Sky News]
"""


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_outlets_filters_by_country_and_ownership():
    result = run("outlets", "--country", "Germany", "--type", "public-service", "--json")
    assert result.exit_code == 0
    assert sorted(o["name"] for o in json.loads(result.stdout)) == ["Tagesschau", "ZDF"]


def test_outlets_show_finds_an_outlet_by_url_and_prints_each_source():
    result = run("outlets", "show", "https://edition.cnn.com/2025/01/01/world/example", "--json")
    shown = json.loads(result.stdout)
    assert (shown["name"], shown["resolved_by"], shown["owner"]) == ("CNN", "url", "Warner Bros. Discovery")
    assert set(shown["sources"]) == {"kind", "country", "languages", "ownership", "owner"}


def test_outlets_show_of_an_unknown_name_fails_with_one_line():
    result = run("outlets", "show", "Meridian Wire")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: 'Meridian Wire' is not in the outlet registry (add it with --outlets FILE, see docs/OUTLETS.md)"
    ]


def test_outlets_check_validates_a_user_file(tmp_path):
    good = tmp_path / "mine.yaml"
    good.write_text(USER_FILE, encoding="utf-8")
    result = run("outlets", "check", good)
    assert result.exit_code == 0 and "valid — 1 outlets added, 0 replaced; groupings: lean (2 groups)" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(USER_FILE.replace("ownership: private", "ownership: corporate"), encoding="utf-8")
    result = run("outlets", "check", bad)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: outlets[0] (Harbour Herald): ownership 'corporate' is not in the vocabulary")


def test_outlets_unknown_lists_what_the_registry_does_not_know(example_db):
    result = run("outlets", "unknown", "--db", example_db, "--json")
    listed = json.loads(result.stdout)
    assert {u["outlet"] for u in listed["unknown"]} >= {"Harbour Herald", "Meridian Wire"}
    assert {"outlet": "dw.com", "registry": "Deutsche Welle", "by": "domain", "score": None} in listed["resolved"]


def test_blindspots_by_country_and_by_a_users_own_grouping(example_db, tmp_path):
    result = run("blindspots", "--db", example_db, "--json")
    [uk] = json.loads(result.stdout)
    assert (uk["group"], uk["share"], uk["outlets"]) == ("GB", 1.0, ["BBC News", "Sky News", "The Guardian"])
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_FILE, encoding="utf-8")
    result = run("blindspots", "--db", example_db, "--by", "lean", "--outlets", mine, "--share", "0.6", "--json")
    [left] = json.loads(result.stdout)
    assert (left["group"], left["outlets"], left["others"]) == ("left", ["BBC News", "The Guardian"], ["Sky News"])


def test_blindspots_by_an_unknown_grouping_names_the_choices(example_db):
    result = run("blindspots", "--db", example_db, "--by", "lean")
    assert result.exit_code == 1
    assert "no grouping 'lean': use one of country, ownership, language, kind" in result.stderr


def test_a_report_with_a_user_file_knows_the_users_outlets(example_db, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_FILE, encoding="utf-8")
    stories = json.loads(run("stories", "--db", example_db, "--outlet", "Harbour Herald", "--json").stdout)
    result = run("report", stories[0]["id"], "--db", example_db, "--format", "json", "--outlets", mine)
    outlets = {o["outlet"]: o["registry"] for o in json.loads(result.stdout)["outlets"]}
    assert outlets["Harbour Herald"]["owner"] == "Invented for the examples"
    assert outlets["Meridian Wire"] is None
