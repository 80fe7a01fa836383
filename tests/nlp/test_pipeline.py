"""The whole nlp stage on articles of our own, with the real English model."""

from datetime import date

import pytest

from manysides.model import Article
from manysides.nlp.pipeline import default_pipeline

HERALD = Article.create(
    outlet="Harbour Herald",
    published=date(2025, 6, 14),
    text=(
        "By Sam Okafor\n\n"
        "Calveran President Tomás Reyna and Chancellor Liesel Brandt spoke by phone on Thursday about tariffs.\n\n"
        "Reyna said the trade ministers would meet in July. The ministry in Kiev was not involved.\n\n"
        "Read more: What the tariffs mean for shoppers"
    ),
)
COURIER = Article.create(
    outlet="Civic Courier",
    published=date(2025, 6, 13),
    text="President Tomas Reyna reportedly threatened tariffs during the call, the Ledger reported on Friday.",
)


@pytest.fixture(scope="module")
def analyses():
    return {a.article_id: a for a in default_pipeline().analyse([HERALD, COURIER])}


def test_sentences_point_into_the_text_and_skip_boilerplate(analyses):
    herald = analyses[HERALD.id]
    assert [HERALD.text[s.start : s.end] for s in herald.sentences] == [s.text for s in herald.sentences]
    assert herald.sentences[0].text.startswith("Calveran President Tomás Reyna")
    assert len(herald.sentences) == 3
    assert not any("Okafor" in s.text or "Read more" in s.text for s in herald.sentences)
    assert [HERALD.text[start:end] for start, end in herald.boilerplate] == [
        "By Sam Okafor",
        "Read more: What the tariffs mean for shoppers",
    ]


def test_one_person_across_outlets_spellings_and_surnames(analyses):
    reyna = {m.surface: m.entity_id for a in analyses.values() for m in a.mentions if "Reyna" in m.surface}
    assert set(reyna) == {"Tomás Reyna", "Reyna", "Tomas Reyna"}
    assert len(set(reyna.values())) == 1


def test_a_transliteration_variant_links_to_the_canonical_place(analyses):
    [kiev] = [m for m in analyses[HERALD.id].mentions if m.surface == "Kiev"]
    assert kiev.entity_id == "place:kyiv"


def test_dates_resolve_against_each_articles_own_date(analyses):
    herald_times = {t.text: t.value for t in analyses[HERALD.id].times}
    assert herald_times["Thursday"] == "2025-06-12"
    assert herald_times["July"] == "2025-07"  # "would meet in July": the future
    assert {t.text: t.value for t in analyses[COURIER.id].times} == {"Friday": "2025-06-13"}


def test_a_headline_without_a_full_stop_ends_at_the_blank_line_below_it():
    article = Article.create(
        outlet="Harlow Gazette", text="Councillors reject Mill Road bus lane\n\nHarlow council rejected the plan on Thursday."
    )
    [analysis] = default_pipeline().analyse([article])
    assert [s.text for s in analysis.sentences] == [
        "Councillors reject Mill Road bus lane",
        "Harlow council rejected the plan on Thursday.",
    ]
    assert [c.subject for c in analysis.claims if c.predicate == "reject"] == ["Councillors", "Harlow council"]


def test_no_sentence_begins_with_a_comma():
    text = "Quayline said it would not appeal. Save Elsford Bay's chair, Owen Tully, said the seagrass beds were home to rare seahorses."
    analysis = next(default_pipeline().analyse([Article.create(outlet="Herald", text=text)]))
    assert [s.text for s in analysis.sentences] == [
        "Quayline said it would not appeal.",
        "Save Elsford Bay's chair, Owen Tully, said the seagrass beds were home to rare seahorses.",
    ]
