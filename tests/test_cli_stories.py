"""`manysides stories`, `show`, `stories split/merge/rebuild` on the ferry fixtures (nine short items, six outlets)."""

import json
import re

import pytest
from click.testing import CliRunner

from manysides.cli import cli
from tests.conftest import FIXTURES


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def stories(db):
    result = run("stories", "--db", db, "--json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def ferry_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("stories") / "ferry.db"
    result = run("ingest", FIXTURES / "ferry", "--db", db)
    assert result.exit_code == 0
    assert re.search(r"Placed 9 articles in stories \(\d new stories\)", result.stderr)
    return db


def test_every_article_is_in_exactly_one_story(ferry_db):
    listed = stories(ferry_db)
    assert sum(story["articles"] for story in listed) == 9
    shown = [json.loads(run("show", story["id"], "--db", ferry_db, "--json").stdout) for story in listed]
    ids = [article["id"] for story in shown for article in story["articles"]]
    assert len(ids) == len(set(ids)) == 9
    assert all(sum(a["probability"] is None for a in story["articles"]) == 1 for story in shown)  # one starter each


def test_show_lists_the_articles_and_how_each_joined(ferry_db):
    story = stories(ferry_db)[0]
    result = run("show", story["id"][:6], "--db", ferry_db, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["id"] == story["id"] and shown["label"] == story["label"]
    assert [a["published"] for a in shown["articles"]] == sorted(a["published"] for a in shown["articles"])
    table = run("show", story["id"], "--db", ferry_db).stdout
    assert "started" in table and "contradictions" in table and "agreements" in table  # the comparison follows


def test_split_then_merge_back_then_rebuild(ferry_db):
    story = max(stories(ferry_db), key=lambda s: s["articles"])
    size = story["articles"]
    assert size >= 2
    articles = json.loads(run("show", story["id"], "--db", ferry_db, "--json").stdout)["articles"]
    moved = articles[-1]["id"][:12]

    split = run("stories", "split", story["id"], moved, "--db", ferry_db)
    assert split.exit_code == 0 and "New story" in split.stderr
    new_id = split.stderr.split()[2].rstrip(":")
    sizes = {s["id"]: s["articles"] for s in stories(ferry_db)}
    assert (sizes[story["id"]], sizes[new_id]) == (size - 1, 1)

    assert run("stories", "rebuild", "--db", ferry_db).exit_code == 0  # the manual split holds:
    members = {s: {a["id"] for a in json.loads(run("show", s, "--db", ferry_db, "--json").stdout)["articles"]}
               for s in (story["id"], new_id)}
    assert {a["id"] for a in articles[:-1]} <= members[story["id"]] and articles[-1]["id"] in members[new_id]
    size = len(members[story["id"]] | members[new_id])  # unpinned articles may have joined either on rebuild

    merged = run("stories", "merge", story["id"], new_id, "--db", ferry_db)
    assert merged.exit_code == 0 and f"Merged into {story['id']}" in merged.stderr
    sizes = {s["id"]: s["articles"] for s in stories(ferry_db)}
    assert sizes[story["id"]] == size and new_id not in sizes


def test_an_unknown_story_is_one_line_and_exit_1(ferry_db):
    result = CliRunner().invoke(cli, ["show", "nosuchstory", "--db", str(ferry_db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: story 'nosuchstory': no such story"


def test_stories_filtered_by_outlet(ferry_db):
    assert run("stories", "--db", ferry_db, "--outlet", "Nobody Weekly", "--json").stdout.strip() == "[]"
    radio = json.loads(run("stories", "--db", ferry_db, "--outlet", "island radio news", "--json").stdout)
    assert radio and all("Island Radio News" in story["outlets"] for story in radio)
