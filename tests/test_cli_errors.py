"""A damaged or foreign database file: every command says so in one line naming it, and exits 1.

Real files: a store written by `manysides ingest`, then its data pages overwritten with noise (the schema
pages kept, so the store still opens and the damage shows only at the first query).
"""


import pytest
from click.testing import CliRunner

from manysides.cli import cli
from tests.conftest import FIXTURES, corrupt

COMMANDS = [
    ["stories"], ["articles"], ["report"], ["report", "s0"], ["analyse"], ["blindspots"], ["outlets", "unknown"],
    ["show", "s0"], ["stories", "rebuild"], ["stories", "merge", "s0", "s1"],
]  # fmt: skip


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def damaged_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("damaged") / "damaged.db")
    assert run("ingest", FIXTURES / "ferry", "--no-analyse", "--db", db).exit_code == 0
    corrupt(db)
    return db


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_damaged_database_is_one_line(damaged_db, command):
    result = run(*command, "--db", damaged_db)
    assert result.exit_code == 1, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"Error: sqlite:///{damaged_db}: cannot ") and "database disk image is malformed" in line, line


def test_ingesting_into_a_damaged_database_is_a_line_per_input_and_one_for_the_database(damaged_db, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("outlet: Harbour Herald\n\nA ferry ran aground on Thursday.\n", encoding="utf-8")
    result = run("ingest", article, "--db", damaged_db)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) <= 2 and lines[-1].startswith(f"Error: sqlite:///{damaged_db}: cannot "), lines
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_that_is_no_database_is_one_line(tmp_path, command):
    notes = tmp_path / "notes.db"
    notes.write_text("Meeting notes: ask the harbour master about the ferry.\n" * 200, encoding="utf-8")
    result = run(*command, "--db", notes)
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line == f"Error: sqlite:///{notes}: cannot open the database: file is not a database", line


def test_serve_beyond_loopback_refuses_to_start_without_a_token(monkeypatch, tmp_path):
    monkeypatch.delenv("MANYSIDES_TOKEN", raising=False)
    result = run("serve", "--host", "0.0.0.0", "--db", tmp_path / "team.db")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("Error: --host 0.0.0.0: serving beyond this machine needs a token") and "MANYSIDES_TOKEN" in line
