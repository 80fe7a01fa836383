from manysides.model import Article
from manysides.nlp.entities import RawMention, country_of, fold, link_within_article
from manysides.nlp.pipeline import default_pipeline


def test_spellings_and_transliterations_fold_to_one_key():
    assert fold("Tomás Reyna") == fold("Tomas Reyna") == "tomas reyna"
    assert fold("São Teodoro") == fold("Sao Teodoro")
    assert fold("Kiev") == fold("Kyiv") == fold("KYIV") == "kyiv"
    assert fold("Kharkov") == "kharkiv" and fold("Odessa's") == "odesa"
    assert fold("President Zelensky") == fold("President Zelenskiy") == "president zelenskyy"
    assert fold("The Northern Ledger") == "northern ledger"


def test_dots_in_abbreviations_do_not_split_a_name_and_short_forms_of_countries_expand():
    assert fold("U.S.") == fold("US") == fold("United States of America") == "united states"
    assert fold("St. Petersburg") == fold("St Petersburg")


def test_a_papers_short_form_is_the_paper():
    assert fold("WaPo") == fold("The Washington Post") == "washington post"
    assert fold("NYT") == fold("the New York Times") == "new york times"


def test_a_surname_joins_the_full_name_introduced_before_it():
    text = "Calveran President Tomás Reyna spoke on Thursday. Reyna said little."
    mentions = [RawMention(19, 30, "Tomás Reyna", "PERSON"), RawMention(51, 56, "Reyna", "PERSON")]
    assert link_within_article(mentions, text) == ["person:tomas reyna", "person:tomas reyna"]


def test_a_bracketed_acronym_joins_its_organisation():
    text = "the Northvale Water Authority (NWA) said. The NWA did not respond."
    mentions = [RawMention(4, 29, "Northvale Water Authority", "ORG"), RawMention(46, 49, "NWA", "ORG")]
    assert link_within_article(mentions, text) == ["org:northvale water authority"] * 2


def test_a_lone_surname_without_an_introduction_stays_itself():
    mentions = [RawMention(0, 5, "Reyna", "PERSON")]
    assert link_within_article(mentions, "Reyna spoke.") == ["person:reyna"]


def test_a_nationality_word_is_related_to_its_country_but_stays_its_own_entity():
    article = Article.create(outlet="Test Desk", text="Ukrainian officials said the grain left Ukraine on Tuesday.")
    mentions = {m.surface: m for m in next(default_pipeline().analyse([article])).mentions}
    assert mentions["Ukrainian"].country_id == mentions["Ukraine"].entity_id == "place:ukraine"
    assert mentions["Ukrainian"].entity_id != "place:ukraine"


def test_plural_demonyms_and_unknown_words():
    assert country_of("Ukrainians") == "place:ukraine" and country_of("British") == "place:united kingdom"
    assert country_of("Calveran") is None  # an invented country: no relation is guessed
