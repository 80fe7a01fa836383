"""The story report: JSON that matches docs/report-schema.json, Markdown that cannot carry markup."""

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from manysides.compare.align import Source
from manysides.compare.comparison import compare_story
from manysides.model import Agreement, Analysis, Article, Claim, Contradiction, Evidence, Quote, Sentence, Span
from manysides.outlets.coverage import Blindspot, GroupCoverage
from manysides.outlets.registry import Resolution, load_registry
from manysides.outlets.story import StoryOutlet, StoryOutlets, story_outlets
from manysides.report.comparison import disputed_in, render_markdown, story_document
from manysides.report.html import render_html

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "report-schema.json").read_text(encoding="utf-8"))
HOSTILE = 'The mayor said <script>alert(1)</script> and <img src=x onerror="alert(2)"> | **bold** [link](javascript:x) today.'


REGISTRY = load_registry()  # the built-in outlets, passed in as every caller does


def document_of(comparison, label):
    return story_document(comparison, label, story_outlets(comparison, REGISTRY, label))


def hostile_story(outlets: tuple[str, ...] = ("Herald <b>", "Ledger")) -> list[Source]:
    sources = []
    for outlet in outlets:
        article = Article.create(outlet=outlet, text=HOSTILE, title="<script>alert(3)</script>")
        claim = Claim("The mayor", "say", "", "affirmed", "asserted", Span(article.id, 0, len(HOSTILE)))
        analysis = Analysis(article.id, (Sentence(0, 0, len(HOSTILE), HOSTILE),), (), (), (claim,), ())
        sources.append(Source(article, analysis, np.ones((1, 4), np.float32) / 2))
    return sources


def test_the_json_report_matches_its_schema():
    document = document_of(compare_story("s123", hostile_story()), "label")
    jsonschema.validate(document, SCHEMA)
    assert document["agreements"][0]["outlets"] == ["Herald <b>", "Ledger"]  # JSON keeps the text as it is


def test_the_schema_refuses_what_it_should():
    document = document_of(compare_story("s123", hostile_story()), "label")
    document["contradictions"] = [{"kind": "rumour", "explanation": "", "a": {}, "b": {}}]
    try:
        jsonschema.validate(document, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an unknown contradiction kind passed the schema")


def test_markdown_escapes_every_piece_of_article_text():
    markdown = render_markdown(document_of(compare_story("s123", hostile_story()), "<i>label</i>"))
    assert re.search(r"(?<!\\)[<>]", markdown) is None  # every angle bracket is backslash-escaped: no tag survives
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "\\*\\*bold\\*\\*" in markdown and "\\[link\\]" in markdown


def test_the_html_report_is_one_file_with_every_article_text_escaped_and_no_script():
    html = render_html(document_of(compare_story("s123", hostile_story()), "<i>label</i>"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "src=\"http" not in html and "href=\"http" not in html  # nothing is fetched from anywhere


def test_the_html_columns_give_one_fact_one_colour_in_every_outlet():
    html = render_html(document_of(compare_story("s123", hostile_story()), "label"))
    columns = html.split('<div class="column">')[1:]
    assert len(columns) == 2
    assert all(re.search(r'<p id="s-[0-9a-f]{12}-0" class="f0"><span class="tag">fact 1</span>', column) for column in columns)


def test_the_coverage_chart_counts_articles_per_outlet_and_day():
    html = render_html(document_of(compare_story("s123", hostile_story()), "label"))
    assert '<th scope="col" class="day">undated</th>' in html
    assert html.count('<span class="dot" title="1 on undated">1</span>') == 2  # one per outlet


def test_each_report_form_says_who_the_outlets_are_from_the_registry():
    document = document_of(compare_story("s123", hostile_story(("Reuters", "Xinhua", "Herald <b>"))), "label")
    jsonschema.validate(document, SCHEMA)
    assert [(o["outlet"], o["registry"] and o["registry"]["ownership"]) for o in document["outlets"]] == [
        ("Herald <b>", None), ("Reuters", "private"), ("Xinhua", "state-controlled"),
    ]
    assert document["agreements"][0]["spread"] == (
        "one private outlet from the United Kingdom, one state-controlled outlet from China and one outlet not in the registry"
    )
    html = render_html(document)
    assert 'id="who-covered"' in html and "China · state-controlled" in html and "not in registry" in html
    assert '<caption>By ownership</caption>' in html and "&lt;b&gt;" in html and "<b>" not in html
    markdown = render_markdown(document)
    assert "| Xinhua | China | state-controlled | wire-agency | State Council of the People's Republic of China |" in markdown
    assert "| Herald \\<b\\> | not in the registry |" in markdown


def test_a_chain_through_another_outlet_is_in_every_form_and_escaped():
    herald, ledger = hostile_story()
    speaker = 'officials <img src=x onerror="alert(4)">'
    quote = Quote(speaker, Span(herald.article.id, 0, 9), None, True, "told", Span(herald.article.id, 10, 14), "Reuters",
                  False, Span(herald.article.id, 15, 40), Span(herald.article.id, 0, len(HOSTILE)))
    herald = replace(herald, analysis=replace(herald.analysis, quotes=(quote,)))
    document = document_of(compare_story("s123", [herald, ledger]), "label")
    jsonschema.validate(document, SCHEMA)
    [chain] = document["sourcing"]["Herald <b>"]["chains"]
    assert (chain["via"], chain["source"], chain["anonymous"]) == ("Reuters", speaker, True)
    markdown, html = render_markdown(document), render_html(document)
    assert "→ Reuters ← officials \\<img" in markdown and re.search(r"(?<!\\)[<>]", markdown) is None
    assert "officials &lt;img src=x onerror=&#34;alert(4)&#34;&gt;" in html and "<img" not in html


def test_an_agreement_whose_sentences_give_different_figures_is_marked_disputed():
    herald, ledger = "About 1,200 residents were evacuated on Thursday.", "Some 1,500 people were evacuated on Thursday."
    evidence = (Evidence("a", "Herald", 0, len(herald), herald), Evidence("b", "Ledger", 40, 40 + len(ledger), ledger))
    agreement = Agreement(ledger, evidence)

    def claim(article_id: str, start: int, end: int) -> Claim:
        return Claim("residents", "evacuate", "", "affirmed", "asserted", Span(article_id, start, end))

    count = Contradiction("number", claim("a", 0, len(herald)), claim("b", 40, 40 + len(ledger)), "1,200 / 1,500")
    elsewhere = Contradiction("date", claim("a", 0, len(herald)), claim("b", 200, 260), "another sentence of b")
    assert disputed_in(agreement, [count, elsewhere]) == ["number"]
    assert disputed_in(agreement, [elsewhere]) == []  # one side outside the agreement: not its dispute


def test_a_timeline_day_another_outlet_dates_otherwise_is_marked_disputed():
    courier, herald = "Cracks were found on Wednesday.", "Engineers found cracks on Thursday."
    a = Article.create(outlet="Courier", text=courier)
    b = Article.create(outlet="Herald", text=herald)

    def dated(article: Article, text: str, day: str) -> Source:
        claim = Claim("cracks", "find", "", "affirmed", "asserted", Span(article.id, 0, len(text)), dates=(day,))
        return Source(article, Analysis(article.id, (Sentence(0, 0, len(text), text),), (), (), (claim,), ()), np.ones((1, 4), np.float32) / 2)

    document = document_of(compare_story("s1", [dated(a, courier, "2025-03-12"), dated(b, herald, "2025-03-13")]), "dam")
    jsonschema.validate(document, SCHEMA)
    assert [c["kind"] for c in document["contradictions"]] == ["date"]
    assert [(t["date"], t["disputed"]) for t in document["timeline"]] == [("2025-03-12", True), ("2025-03-13", True)]
    assert "**2025-03-12** · **disputed date**" in render_markdown(document)


def test_the_report_renders_the_outlets_it_is_given_and_looks_nothing_up():
    """report/ renders what outlets/ computed: an outlet the built-in registry does not know shows as the
    records say, with a user's grouping and a blindspot, and each agreement gets its own spread."""
    comparison = compare_story("s123", hostile_story())
    herald = {
        "id": "herald", "name": "Herald", "kind": "newspaper", "country": "GB", "country_name": "United Kingdom",
        "languages": ["en"], "ownership": "private", "owner": "Invented Holdings",
        "sources": {
            fact: {"source": "https://example.org/herald", "checked": "2026-11-25"}
            for fact in ("kind", "country", "languages", "ownership", "owner")
        },
    }  # fmt: skip
    lean = (GroupCoverage("left", "left", ("Herald <b>",), 1), GroupCoverage("unknown", "unknown", ("Ledger",), 1))
    outlets = StoryOutlets(
        outlets=(StoryOutlet(Resolution("Herald <b>", None, "name"), herald), StoryOutlet(Resolution("Ledger", None, "unknown"), None)),
        coverage=story_outlets(comparison, REGISTRY).coverage | {"lean": lean},  # the schema wants the built-in four
        blindspots=(Blindspot("s123", "label", "lean", "left", "left", 1.0, ("Herald <b>",), (), ("Ledger",)),),
        spreads=("two invented outlets",),
    )  # fmt: skip
    document = story_document(comparison, "label", outlets)
    jsonschema.validate(document, SCHEMA)
    assert [a["spread"] for a in document["agreements"]] == ["two invented outlets"]
    assert document["blindspots"] == [{"by": "lean", "group": "left", "label": "left", "share": 1.0, "outlets": ["Herald <b>"]}]
    markdown = render_markdown(document)
    assert "| Herald \\<b\\> | United Kingdom | private | newspaper | Invented Holdings | https://example.org/herald |" in markdown
    assert "- **blindspot**: 100% of the known outlets are of one lean: left" in markdown
    assert "- **by lean**: left: 1 (Herald \\<b\\>); unknown: 1 (Ledger)" in markdown


def test_a_report_refuses_outlets_computed_for_another_comparison():
    comparison = compare_story("s123", hostile_story())
    other = story_outlets(compare_story("s1", hostile_story(("Reuters",))), REGISTRY)
    with pytest.raises(ValueError):
        story_document(comparison, "label", other)
