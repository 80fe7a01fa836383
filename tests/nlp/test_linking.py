import pytest

from manysides.nlp.linking import link_across

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def linked(*ids: str) -> dict[str, str]:
    return link_across({entity: 1 for entity in ids})


def test_one_name_labelled_two_ways_is_one_entity():
    mapping = link_across({"org:ryanair": 2, "person:ryanair": 1})  # the class most mentions have wins
    assert mapping["person:ryanair"] == mapping["org:ryanair"] == "org:ryanair"


def test_a_corporate_designator_is_not_part_of_the_name():
    mapping = linked("org:general motors corporation", "org:general motors")
    assert mapping["org:general motors corporation"] == mapping["org:general motors"] == "org:general motors"


def test_an_acronym_joins_the_only_name_it_spells():
    mapping = linked("org:world food programme", "org:wfp")
    assert mapping["org:wfp"] == "org:world food programme"


def test_an_acronym_two_names_could_spell_stays_apart():
    mapping = linked("org:world food programme", "org:world fisheries partnership", "org:wfp")
    assert mapping["org:wfp"] == "org:wfp"


def test_a_transliterated_spelling_joins_word_by_word():
    mapping = linked("person:dmitry peskov", "person:dmitriy peskov")
    assert mapping["person:dmitriy peskov"] == mapping["person:dmitry peskov"]


def test_relatives_with_similar_first_names_stay_apart():
    mapping = linked("person:marta okonjo", "person:martin okonjo")
    assert mapping["person:marta okonjo"] != mapping["person:martin okonjo"]


def test_two_koreas_stay_apart():
    mapping = linked("place:north korea", "place:south korea")
    assert mapping["place:north korea"] != mapping["place:south korea"]


def test_a_short_company_name_joins_the_only_longer_one():
    mapping = linked("org:ford", "org:ford motor company")
    assert mapping["org:ford"] == "org:ford motor"


def test_a_shared_first_word_is_not_a_short_form_of_two_organisations():
    mapping = linked("org:united", "org:united nations", "org:united airlines")
    assert len(set(mapping.values())) == 3


def test_the_last_word_of_a_paper_is_its_short_form():
    mapping = linked("org:washington post", "org:post")
    assert mapping["org:post"] == "org:washington post"


def test_a_surname_joins_the_only_person_of_that_name():
    mapping = linked("person:andriy yermak", "person:andrii yermak", "person:yermak")
    assert mapping["person:yermak"] == mapping["person:andriy yermak"] == mapping["person:andrii yermak"]


def test_a_surname_two_people_share_stays_apart():
    mapping = linked("person:marta okonjo", "person:martin okonjo", "person:okonjo")
    assert mapping["person:okonjo"] == "person:okonjo"


def test_the_full_name_is_canonical_even_when_the_acronym_is_commoner():
    mapping = link_across({"org:gm": 26, "org:general motors": 25})
    assert mapping["org:gm"] == "org:general motors"


def test_an_acronym_expands_to_its_own_class_after_spellings_join_and_is_no_prefix():
    mapping = link_across({
        "org:gm": 86, "org:general motors": 37, "org:general motor": 1,  # a typo is the same expansion
        "place:grand marquis": 1,  # a car model the NER called a place: not what "GM" stands for
        "org:gm europe": 1,  # begins with "gm", but "GM" is already General Motors
    })  # fmt: skip
    assert mapping["org:gm"] == mapping["org:general motor"] == "org:general motors"
    assert mapping["org:gm europe"] == "org:gm europe" and mapping["place:grand marquis"] == "place:grand marquis"
