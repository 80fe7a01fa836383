"""What the CLI's tables show of stored text: no bidi control character reorders the terminal's line.

An old database (written before ingest cleaned them) holds an outlet name and a title with overrides.
"""

from dataclasses import replace

from click.testing import CliRunner

from manysides.cli import cli
from manysides.model import Article
from manysides.store import Store

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_tables_show_names_without_bidi_controls(tmp_path):
    db = str(tmp_path / "old.db")
    article = Article.create(outlet="Harbour Herald", text="A ferry ran aground near Kessel Point on Thursday.")
    with Store(db) as store:
        store.add_article(replace(article, outlet="Evil\u202eGazette\u061c", title="\u2067Ferry\u2069 aground\u200e"))
    for command in (["articles"], ["outlets", "unknown"]):
        result = CliRunner().invoke(cli, [*command, "--db", db], catch_exceptions=False)
        assert result.exit_code == 0
        assert "EvilGazette" in result.output, command
        assert not set(CONTROLS) & set(result.output), command
    assert "Ferry aground" in CliRunner().invoke(cli, ["articles", "--db", db]).output
