from datetime import date

import pytest

from manysides.model import Article
from manysides.report.markdown import escape, render_summary
from manysides.report.summary import summarise

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def test_untrusted_titles_cannot_break_the_table_or_inject_html():
    assert escape("A | B <script>alert(1)</script> [x](y)") == r"A \| B \<script\>alert(1)\</script\> \[x\](y)"


def test_summary_groups_by_outlet_and_uses_first_words_when_untitled():
    articles = [
        Article.create(outlet="Bay Times", text="The inquiry opened on Tuesday.", published=date(2024, 11, 12)),
        Article.create(outlet="Bay Times", text="Undated note."),
        Article.create(outlet="Harbour Herald", text="Ferry aground.", title="Ferry aground", published=date(2024, 11, 8)),
    ]
    summary = summarise(articles)
    assert (summary.article_count, summary.undated, summary.first, summary.last) == (3, 1, date(2024, 11, 8), date(2024, 11, 12))
    assert [o.outlet for o in summary.outlets] == ["Bay Times", "Harbour Herald"]
    assert [line.headline for line in summary.outlets[0].articles] == ["The inquiry opened on Tuesday.", "Undated note."]
    assert "3 articles from 2 outlets, 2024-11-08 to 2024-11-12 (1 undated)." in render_summary(summary)
