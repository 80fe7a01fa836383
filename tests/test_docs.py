"""The docs cannot drift from the CLI and the set-up: a command missing from the README fails here."""

from pathlib import Path

from manysides.cli import cli

ROOT = Path(__file__).parents[1]


def test_readme_starts_with_the_two_commands_for_a_fresh_machine():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.splitlines()] == [["make", "demo"], ["make", "test"]]


def test_every_command_is_shown_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in cli.commands:
        assert f"manysides {name}" in readme, name


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
