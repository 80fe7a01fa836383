"""What the clusterer reads from an analysed article."""

from dataclasses import replace
from datetime import date

import pytest

from manysides.model import Analysis, Article, Mention, Sentence
from manysides.stories.features import article_features

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

OBITUARY = "Fred Marlow, the harbour master who rebuilt the quay, died on Tuesday. He was born on April 22, 1931."


def analysed(text: str) -> Analysis:
    return Analysis("x", (Sentence(0, 0, len(text), text),), (), (), (), ())


def test_a_date_guessed_from_the_text_is_not_a_publication_date():
    guessed = replace(Article.create(outlet="Harbour Herald", text=OBITUARY, published=date(1931, 4, 22)), published_inferred=True)
    assert article_features(guessed, analysed(OBITUARY)).published is None
    given = replace(guessed, published=date(2024, 11, 12), published_inferred=False)
    assert article_features(given, analysed(OBITUARY)).published == date(2024, 11, 12)


def test_numbers_are_content_words_as_written():
    text = "A magnitude 5.8 quake damaged 40 buildings."
    terms = article_features(Article.create(outlet="Harbour Herald", text=text), analysed(text)).terms
    assert {"5.8", "40", "quake", "buildings"} <= terms.keys()


def test_a_rare_capitalised_word_the_recogniser_missed_counts_as_a_name():
    first, second = "Card details leaked.", "Traders in Westbrook say May was quiet, and the Council agreed."
    text = f"{first} {second}"
    sentences = (Sentence(0, 0, len(first), first), Sentence(1, len(first) + 1, len(text), second))
    article = Article.create(outlet="Capital Bulletin", text=text, title="Businesses fear Westbrook Bridge closure")
    entities = article_features(article, Analysis("x", sentences, (), (), (), ())).entities
    assert entities == {"westbrook": 2.0 + 2.0}  # in a lead sentence, and in the title


def test_the_outlet_naming_itself_is_no_entity_and_a_names_words_lose_their_possessive():
    text = "St Aldric's Hospital postponed operations, a nurse told the Harbour Ledger."
    hospital, outlet = text.index("St Aldric's Hospital"), text.index("Harbour Ledger")
    mentions = (
        Mention(hospital, hospital + 20, "St Aldric's Hospital", "org:st aldric's hospital", "ORG"),
        Mention(outlet, outlet + 14, "Harbour Ledger", "org:harbour ledger", "ORG"),
    )
    analysis = Analysis("x", (Sentence(0, 0, len(text), text),), mentions, (), (), ())
    entities = article_features(Article.create(outlet="Harbour Ledger", text=text), analysis).entities
    assert {"st aldric's hospital", "aldric", "hospital"} <= entities.keys()  # "aldric" meets "St Aldric" elsewhere
    assert not {"harbour ledger", "harbour", "ledger", "aldric's"} & entities.keys()
