from manysides.nlp.entities import RawMention, fold, link_within_article


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
