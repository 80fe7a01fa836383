"""Contradiction rules on hand-built claims: each kind, and the look-alikes that must not count."""

from dataclasses import replace

import numpy as np
import pytest

from manysides.compare.align import AlignedPair, Source
from manysides.compare.contradictions import find_contradictions
from manysides.model import Analysis, Article, Claim, Mention, Number, Quote, Sentence, Span

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def source(outlet: str, text: str, claims: list[dict], quotes: tuple[Quote, ...] = ()) -> Source:
    article = Article.create(outlet=outlet, text=text)
    sentence = Sentence(0, 0, len(text), text)
    built = tuple(
        Claim(
            c.get("subject", "the authority"), c["predicate"], c.get("object", ""), c.get("polarity", "affirmed"),
            c.get("modality", "asserted"), Span(article.id, 0, len(text)), tuple(c.get("numbers", ())),
            tuple(c.get("dates", ())), c.get("attribution"),
        )
        for c in claims
    )
    quotes = tuple(
        Quote(q.speaker, q.speaker_span, None, False, q.cue, Span(article.id, 0, 4), None, True, q.content, q.evidence)
        for q in quotes
    )
    return Source(article, Analysis(article.id, (sentence,), (), quotes, built, ()), np.ones((1, 3), np.float32))


def aligned(a: Source, b: Source) -> list[AlignedPair]:
    return [AlignedPair((a.article.id, 0), (b.article.id, 0), 0.9)]


def kinds(a: Source, b: Source, pairs: list[AlignedPair] | None = None) -> list[str]:
    return [c.kind for c in find_contradictions([a, b], aligned(a, b) if pairs is None else pairs)]


def test_two_head_counts_of_one_evacuation_contradict():
    a = source("Herald", "About 1,200 residents were evacuated.", [{"predicate": "evacuate", "numbers": [Number(1200, "resident", "1,200")]}])
    b = source("Ledger", "Some 1,500 people were moved out.", [{"predicate": "move out", "numbers": [Number(1500, "people", "1,500")]}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "number" and "1,200" in found.explanation and "1,500" in found.explanation


def test_equal_numbers_agree():
    claim = {"predicate": "fine", "numbers": [Number(2_100_000, "EUR", "2.1 million")]}
    assert kinds(source("A", "Fined 2.1 million euros.", [claim]), source("B", "Fined €2.1m.", [claim])) == []


def test_two_measures_in_kilometres_of_different_things_do_not():
    a = source("Wire", "It struck at a depth of 10 km.", [{"predicate": "strike", "numbers": [Number(10, "kilometre", "10")]}])
    b = source("Ledger", "It was felt 80 km away.", [{"predicate": "feel", "numbers": [Number(80, "kilometre", "80")]}])
    assert kinds(a, b) == []


def test_unaligned_counts_meet_only_as_each_articles_one_count_of_one_act():
    a = source("A", "1,200 were evacuated.", [{"predicate": "evacuate", "numbers": [Number(1200, "people", "1,200")]}])
    b = source("B", "1,500 were evacuated.", [{"predicate": "evacuate", "numbers": [Number(1500, "people", "1,500")]}])
    c = source("C", "1,500 were evacuated from Ashby and 300 from Dorn.", [
        {"predicate": "evacuate", "numbers": [Number(1500, "people", "1,500"), Number(300, "people", "300")]}
    ])  # fmt: skip
    d = source("D", "1,500 were rescued.", [{"predicate": "rescue", "numbers": [Number(1500, "people", "1,500")]}])
    assert kinds(a, b, pairs=[]) == ["number"] and kinds(a, c, pairs=[]) == [] and kinds(a, d, pairs=[]) == []


def test_one_event_on_two_days_is_a_date_contradiction():
    a = source("A", "They spoke on Thursday.", [{"predicate": "speak", "dates": ["2025-06-12"]}])
    b = source("B", "They spoke on Wednesday.", [{"predicate": "speak", "dates": ["2025-06-11"]}])
    assert kinds(a, b) == ["date"]


def test_an_official_denial_anywhere_in_the_story_meets_the_claim():
    a = source("Ledger", "Reyna threatened Estmark with tariffs.", [{"subject": "Reyna", "predicate": "threaten", "object": "Estmark"}])
    b = source("Wire", "The ministry denied that Reyna threatened Estmark.", [
        {"subject": "Reyna", "predicate": "threaten", "object": "Estmark", "modality": "denied", "attribution": "The ministry"}
    ])
    [found] = find_contradictions([a, b], [])
    assert found.kind == "denial" and found.first.evidence.article_id == a.article.id
    assert "The ministry denies it" in found.explanation


def test_a_denied_light_verb_is_not_matched_across_the_story():
    a = source("A", "The dam was safe.", [{"subject": "The dam", "predicate": "be", "object": "safe"}])
    b = source("B", "The dam is not at risk, the engineer said.", [
        {"subject": "The dam", "predicate": "be", "polarity": "negated", "attribution": "the engineer"}
    ])
    assert kinds(a, b, pairs=[]) == []


def test_negation_in_the_outlets_own_voice():
    a = source("A", "The port reopened.", [{"subject": "The port", "predicate": "reopen"}])
    b = source("B", "The port did not reopen.", [{"subject": "The port", "predicate": "reopen", "polarity": "negated"}])
    assert kinds(a, b) == ["negation"]


def test_no_comment_against_a_quoted_spokesperson():
    silent = source("Radio", "Zipto did not respond to requests for comment.", [
        {"subject": "Zipto", "predicate": "respond", "polarity": "negated"}
    ])
    text = "Zipto spokesperson Dana Ferreira said the company would appeal."
    quote = Quote("Zipto spokesperson Dana Ferreira", Span("x", 0, 32), None, False, "said", Span("x", 0, 4), None,
                  False, Span("x", 38, 62), Span("x", 0, len(text)))
    quoted = source("Wire", text, [{"subject": "the company", "predicate": "appeal", "modality": "reported"}], (quote,))
    [found] = find_contradictions([silent, quoted], [])
    assert found.kind == "attribution" and "Zipto spokesperson Dana Ferreira" in found.explanation


def test_silence_on_one_question_against_that_speaker_answering_it():
    silent = source("Wire", "Lumen Networks has not said whether customers will be compensated.", [
        {"subject": "Lumen Networks", "predicate": "say", "object": "whether customers will be compensated", "polarity": "negated"}
    ])
    text = '"We will compensate every affected customer," Lumen chief executive Nadia Corbin said.'
    quote = Quote("Lumen chief executive Nadia Corbin", Span("x", 51, 85), None, False, "said", Span("x", 86, 90), None,
                  True, Span("x", 0, 49), Span("x", 0, len(text)))
    quoted = source("Daily", text, [{"subject": "We", "predicate": "compensate", "modality": "reported"}], (quote,))
    [found] = find_contradictions([silent, quoted], [])
    assert found.kind == "attribution" and "Nadia Corbin" in found.explanation


def test_silence_on_one_question_does_not_meet_the_speaker_on_another():
    silent = source("Wire", "The authority did not say how long the evacuation would last.", [
        {"subject": "The authority", "predicate": "say", "object": "how long the evacuation would last", "polarity": "negated"}
    ])
    text = "The spillway was last inspected in September, the authority said."
    quote = Quote("the authority", Span("x", 47, 60), None, False, "said", Span("x", 61, 65), None,
                  False, Span("x", 0, 45), Span("x", 0, len(text)))
    quoted = source("Herald", text, [{"subject": "The spillway", "predicate": "inspect", "modality": "reported"}], (quote,))
    assert find_contradictions([silent, quoted], []) == []


def test_the_only_count_of_one_thing_in_two_aligned_sentences_about_one_subject():
    a = source("Radio", "Orme won the election, beating Devereux by 212 votes.", [
        {"subject": "Nadia Orme", "predicate": "beat", "numbers": [Number(212, "vote", "212")]}
    ])
    b = source("Ledger", "Orme was elected mayor by a margin of 312 votes.", [
        {"subject": "The Greens' Nadia Orme", "predicate": "elect", "numbers": [Number(312, "vote", "312")]}
    ])
    assert kinds(a, b) == ["number"]


def test_two_lengths_said_of_one_subject_with_two_verbs_are_two_measures():
    a = source("Wire", "The quake struck at a depth of 10 kilometres.", [
        {"subject": "The quake", "predicate": "strike", "numbers": [Number(10, "kilometre", "10")]}
    ])
    b = source("Ledger", "The quake was felt 80 kilometres away.", [
        {"subject": "The quake", "predicate": "feel", "numbers": [Number(80, "kilometre", "80")]}
    ])
    assert kinds(a, b) == []


def test_durations_in_two_units_are_compared_as_one_length_of_time():
    a = source("Metro", "The rocket broke up about 90 seconds after lift-off.", [
        {"subject": "The rocket", "predicate": "break up", "numbers": [Number(90, "second", "90")]}
    ])
    b = source("Courier", "The rocket exploded two minutes after launch.", [
        {"subject": "the rocket", "predicate": "explode", "numbers": [Number(2, "minute", "two minutes")]}
    ])
    assert kinds(a, b) == ["number"]
    same = source("Courier", "The rocket exploded a minute and a half after launch.", [
        {"subject": "the rocket", "predicate": "explode", "numbers": [Number(1.5, "minute", "a minute and a half")]}
    ])
    assert kinds(a, same) == []


def test_a_cause_not_yet_known_against_a_cause_given():
    unknown = source("Standard", "Skyvale said the cause of the smoke was not yet known.", [
        {"subject": "the cause of the smoke", "predicate": "know", "polarity": "negated", "modality": "reported", "attribution": "Skyvale"}
    ])
    given = source("Kestrel FM", "Skyvale said the smoke came from a passenger's laptop battery.", [
        {"subject": "the smoke", "predicate": "come", "object": "from a passenger's laptop battery", "modality": "reported", "attribution": "Skyvale"}
    ])
    assert kinds(unknown, given, pairs=[]) == ["negation"]
    elsewhere = source("Kestrel FM", "The crew came from Lisbon.", [{"subject": "The crew", "predicate": "come", "object": "from Lisbon"}])
    assert kinds(unknown, elsewhere, pairs=[]) == []  # a cause of something else


def test_talks_that_collapsed_and_talks_that_continue():
    a = source("Signal", "The union said talks with Aerserv had collapsed.", [
        {"subject": "talks with Aerserv", "predicate": "collapse", "modality": "reported", "attribution": "The union"}
    ])
    b = source("Ledger", "Aerserv said talks with the union were continuing.", [
        {"subject": "talks with the union", "predicate": "continue", "modality": "reported", "attribution": "Aerserv"}
    ])
    assert kinds(a, b) == ["negation"]


def test_work_suspended_against_work_resumed():
    a = source("Signal", "Blasting at the quarry has been suspended.", [{"subject": "Blasting at the quarry", "predicate": "suspend"}])
    b = source("Coastal", "Blasting at the quarry resumed on Monday.", [{"subject": "Blasting at the quarry", "predicate": "resume"}])
    assert kinds(a, b) == ["negation"]


def test_one_pair_of_sentences_can_dispute_a_number_and_a_date():
    a = source("Post", "Fares will rise by 5.2 percent from January 2.", [
        {"subject": "Fares", "predicate": "rise", "numbers": [Number(5.2, "%", "5.2")], "dates": ["2027-01-02"]}
    ])
    b = source("Times", "Westlink will raise its fares by 4.8 percent from January 5.", [
        {"subject": "Westlink", "predicate": "raise", "object": "its fares", "numbers": [Number(4.8, "%", "4.8")], "dates": ["2027-01-05"]}
    ])
    assert sorted(kinds(a, b)) == ["date", "number"]


def test_a_count_of_no_noun_meets_a_count_of_the_same_act():
    a = source("Daily", "Four of them were taken to hospital.", [
        {"subject": "Four of them", "predicate": "take", "object": "to hospital", "numbers": [Number(4, None, "Four")]}
    ])
    b = source("FM", "Six were taken to hospital.", [
        {"subject": "Six", "predicate": "take", "object": "to hospital", "numbers": [Number(6, "runner", "Six")]}
    ])
    assert kinds(a, b) == ["number"]
    home = source("FM", "Six were taken home.", [
        {"subject": "Six", "predicate": "take", "object": "home", "numbers": [Number(6, "runner", "Six")]}
    ])
    assert kinds(a, home) == []  # another act


def test_one_outlet_repeating_a_figure_is_one_contradiction_not_one_per_article():
    count = {"predicate": "evacuate", "numbers": [Number(1200, "people", "1,200")]}
    first = source("Herald", "About 1,200 people were evacuated.", [count])
    update = source("Herald", "Some 1,200 people were evacuated overnight.", [count])
    ledger = source("Ledger", "Some 1,500 people were moved out.", [{"predicate": "move out", "numbers": [Number(1500, "people", "1,500")]}])
    pairs = aligned(first, ledger) + aligned(update, ledger)
    assert [c.kind for c in find_contradictions([first, update, ledger], pairs)] == ["number"]


def test_households_and_homes_are_one_count():
    a = source("BBC", "About 12,000 households were told to boil water.", [{"predicate": "tell", "numbers": [Number(12000, "household", "12,000")]}])
    b = source("Guardian", "Some 15,000 homes are under a notice.", [{"predicate": "be", "numbers": [Number(15000, "home", "15,000")]}])
    assert kinds(a, b) == ["number"]


def test_one_thing_measured_twice_contradicts_even_where_the_sentences_do_not_align():
    a = source("TASS", "The 410-kilometre line cut the journey.", [{"subject": "The 410-kilometre line", "predicate": "cut", "numbers": [Number(410, "kilometre", "410")]}])
    b = source("CGTN", "The 440-kilometre line was completed.", [{"subject": "The 440-kilometre line", "predicate": "complete", "numbers": [Number(440, "kilometre", "440")]}])
    assert kinds(a, b, pairs=[]) == ["number"]


def test_bare_counts_in_two_subjects_are_not_one_thing_measured():
    a = source("Xinhua", "Five drivers were still missing.", [{"subject": "five drivers", "predicate": "be", "numbers": [Number(5, "driver", "five")]}])
    b = source("DW", "Nine drivers have been rescued.", [{"subject": "Nine drivers", "predicate": "rescue", "numbers": [Number(9, "driver", "Nine")]}])
    assert kinds(a, b, pairs=[]) == []


def test_the_only_cost_in_each_article_is_compared_across_the_story():
    a = source("TASS", "It was built at a cost of 2.3 billion dollars.", [{"subject": "It", "predicate": "build", "numbers": [Number(2.3e9, "USD", "2.3 billion")]}])
    b = source("Press TV", "The railway cost 2.8 billion dollars.", [{"subject": "The railway", "predicate": "cost", "numbers": [Number(2.8e9, "USD", "2.8 billion")]}])
    assert kinds(a, b, pairs=[]) == ["number"]
    c = source("Press TV", "Exports reached 2.8 billion dollars.", [{"subject": "Exports", "predicate": "reach", "numbers": [Number(2.8e9, "USD", "2.8 billion")]}])
    assert kinds(a, c, pairs=[]) == []  # not said of a cost: two amounts, not one disputed


def test_the_only_amount_in_each_article_said_of_one_thing_is_compared_across_the_story():
    a = source("Metro", "The satellite was worth about 120 million euros.", [{"subject": "The satellite", "predicate": "be", "numbers": [Number(1.2e8, "EUR", "120 million")]}])
    b = source("Ledger", "The loss of the 95 million euro satellite will delay forecasts.", [{"subject": "The loss of the 95 million euro satellite", "predicate": "delay", "numbers": [Number(9.5e7, "EUR", "95 million")]}])
    assert kinds(a, b, pairs=[]) == ["number"]
    c = source("Ledger", "The weather office has a budget of 95 million euros.", [{"subject": "The weather office", "predicate": "have", "numbers": [Number(9.5e7, "EUR", "95 million")]}])
    assert kinds(a, c, pairs=[]) == []  # another thing's amount


def test_synonymous_verbs_are_one_predicate():
    a = source("A", "The bridge was shut on Monday.", [{"subject": "The bridge", "predicate": "shut", "dates": ["2025-03-03"]}])
    b = source("B", "The bridge was closed on Tuesday.", [{"subject": "The bridge", "predicate": "close", "dates": ["2025-03-04"]}])
    assert kinds(a, b) == ["date"]


def test_one_source_quoted_both_ways_is_a_negation_not_a_denial():
    a = source("Gazette", "Verdant Agri said the tank had been inspected.", [{"subject": "the tank", "predicate": "inspect", "attribution": "Verdant Agri"}])
    b = source("Times", "Verdant Agri said the tank had not been inspected.", [{"subject": "the tank", "predicate": "inspect", "polarity": "negated", "attribution": "Verdant Agri"}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "negation" and "Verdant Agri saying opposite things" in found.explanation


def test_two_negations_agree():
    a = source("Gazette", "The fire service said nobody was hurt.", [{"subject": "nobody", "predicate": "hurt", "polarity": "negated", "attribution": "The fire service"}])
    b = source("Times", "Nobody was injured.", [{"subject": "Nobody", "predicate": "injure", "polarity": "negated"}])
    assert kinds(a, b) == []


def quote_in(text: str, speaker: str) -> Quote:
    return Quote(speaker, Span("x", 0, len(speaker)), None, False, "said", Span("x", 0, 4), None, False,
                 Span("x", 0, len(text)), Span("x", 0, len(text)))


def test_the_organisations_managing_director_speaks_for_it():
    silent = source("Radio", "Harlow Timber did not respond to requests for comment.", [
        {"subject": "Harlow Timber", "predicate": "respond", "polarity": "negated"}
    ])
    text = "Harlow Timber will rebuild its warehouse, managing director Anna Lind said."
    quoted = source("Wire", text, [{"subject": "Harlow Timber", "predicate": "rebuild", "modality": "reported"}],
                    (quote_in(text, "managing director Anna Lind"),))
    [found] = find_contradictions([silent, quoted], [])
    assert found.kind == "attribution" and "managing director Anna Lind" in found.explanation


def test_a_police_spokesman_speaking_about_the_company_does_not_speak_for_it():
    silent = source("Radio", "Harlow Timber did not respond to requests for comment.", [
        {"subject": "Harlow Timber", "predicate": "respond", "polarity": "negated"}
    ])
    text = "Harlow Timber had ignored two warnings, a police spokesman said."
    quoted = source("Wire", text, [{"subject": "Harlow Timber", "predicate": "ignore", "modality": "reported"}],
                    (quote_in(text, "a police spokesman"),))
    assert find_contradictions([silent, quoted], []) == []


def test_no_deaths_reported_against_one_person_died_across_the_story():
    none = source("Wire", "No deaths were reported, officials said.", [
        {"subject": "No deaths", "predicate": "die", "polarity": "negated", "modality": "reported", "attribution": "officials"}
    ])
    died = source("Ledger", "One person died when a wall collapsed.", [
        {"subject": "One person", "predicate": "die", "numbers": [Number(1, "person", "One")]}
    ])
    [found] = find_contradictions([none, died], [])
    assert found.kind == "negation" and found.first.subject == "One person" and "no deaths" in found.explanation


def test_nothing_damaged_against_a_report_of_something_destroyed():
    none = source("Daily", "No homes have been damaged, the fire service said.", [
        {"subject": "No homes", "predicate": "damage", "polarity": "negated", "modality": "reported", "attribution": "the fire service"}
    ])
    burned = source("Radio", "Two homes on the edge of town have burned down.", [
        {"subject": "Two homes on the edge of town", "predicate": "burn down", "numbers": [Number(2, "home", "Two")]}
    ])
    assert kinds(none, burned, pairs=[]) == ["negation"]
    damaged = source("Radio", "Two homes were destroyed.", [{"subject": "Two homes", "predicate": "destroy"}])
    spared = source("Daily", "No homes have been destroyed.", [{"subject": "No homes", "predicate": "destroy", "polarity": "negated"}])
    hit = source("Radio", "Two homes were damaged.", [{"subject": "Two homes", "predicate": "damage"}])
    assert kinds(spared, hit, pairs=[]) == [] and kinds(none, damaged, pairs=[]) == ["negation"]  # damage does not imply destroyed


def test_an_absence_does_not_meet_a_hedged_report():
    none = source("Wire", "Nobody was injured.", [{"subject": "Nobody", "predicate": "injure", "polarity": "negated"}])
    maybe = source("Ledger", "Two workers may have been hurt.", [{"subject": "Two workers", "predicate": "hurt", "modality": "hedged"}])
    assert find_contradictions([none, maybe], []) == []


def test_there_was_no_alert_against_closed_because_of_an_alert():
    denial = source("Courier", '"There was no mine alert," the director said.', [
        {"subject": "There", "predicate": "be", "object": "no mine alert", "polarity": "negated",
         "modality": "reported", "attribution": "the director"}
    ])
    cause = source("Ledger", "Agents said the port had been closed partly because of a mine alert.", [
        {"subject": "the port", "predicate": "close", "object": "partly because of a mine alert,",
         "modality": "reported", "attribution": "Agents"}
    ])
    [found] = find_contradictions([denial, cause], [])
    assert found.kind == "denial" and "the director" in found.explanation


def test_there_was_no_evidence_does_not_meet_a_search_for_evidence():
    denial = source("Courier", "There was no evidence of fraud.", [
        {"subject": "There", "predicate": "be", "object": "no evidence of fraud", "polarity": "negated"}
    ])
    search = source("Ledger", "Investigators are looking for evidence of fraud.", [
        {"subject": "Investigators", "predicate": "look", "object": "for evidence of fraud"}
    ])
    assert find_contradictions([denial, search], []) == []


def test_not_a_suspect_against_named_as_a_suspect():
    named = source("Herald", "Prosecutors have named former mayor Tomas Brandl as a suspect.", [
        {"subject": "Prosecutors", "predicate": "name", "object": "former mayor Tomas Brandl"}
    ])
    cleared = source("Radio", "Prosecutors said Brandl is not a suspect in the inquiry.", [
        {"subject": "Brandl", "predicate": "be", "object": "a suspect in the inquiry", "polarity": "negated",
         "modality": "reported", "attribution": "Prosecutors"}
    ])
    [found] = find_contradictions([named, cleared], [])
    assert found.kind == "denial" and found.second.subject == "Brandl" and "Prosecutors" in found.explanation


def test_not_a_suspect_does_not_meet_someone_else_named_as_one():
    named = source("Herald", "Prosecutors have named a former aide as a suspect.", [
        {"subject": "Prosecutors", "predicate": "name", "object": "a former aide"}
    ])
    cleared = source("Radio", "Brandl is not a suspect.", [
        {"subject": "Brandl", "predicate": "be", "object": "a suspect", "polarity": "negated"}
    ])
    assert find_contradictions([named, cleared], []) == []


def test_is_safe_against_is_not_safe_in_aligned_sentences():
    a = source("Herald", "The water was safe to drink.", [{"subject": "the water", "predicate": "be", "object": "safe to drink"}])
    b = source("Radio", "The water was not safe to drink.", [
        {"subject": "The water", "predicate": "be", "object": "safe to drink without boiling", "polarity": "negated"}
    ])
    assert kinds(a, b) == ["negation"]


def test_two_different_states_or_subjects_of_be_are_no_contradiction():
    safe = source("Herald", "The water was safe.", [{"subject": "the water", "predicate": "be", "object": "safe"}])
    cloudy = source("Radio", "The water was not cloudy.", [{"subject": "The water", "predicate": "be", "object": "cloudy", "polarity": "negated"}])
    road = source("Post", "The road was not safe.", [{"subject": "The road", "predicate": "be", "object": "safe", "polarity": "negated"}])
    assert kinds(safe, cloudy) == [] and kinds(safe, road) == []


def placed(outlet: str, text: str, predicate: str, places: list[str]) -> Source:
    built = source(outlet, text, [{"subject": "Two crew members", "predicate": predicate}])
    mentions = tuple(Mention(text.index(p), text.index(p) + len(p), p, f"place:{p.lower()}", "GPE") for p in places)
    return Source(built.article, replace(built.analysis, mentions=mentions), built.vectors)


def test_one_event_in_two_towns_is_a_place_contradiction():
    a = placed("Gazette", "Two crew members were treated in hospital in Halsby.", "treat", ["Halsby"])
    b = placed("Radio", "Two crew members were treated at a hospital in Orvik.", "treat", ["Orvik"])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "place" and found.explanation == "Gazette: Halsby; Radio: Orvik"


def test_a_town_and_the_country_that_holds_it_are_no_contradiction():
    a = placed("Gazette", "The ship was loaded in Odesa.", "load", ["Odesa"])
    b = placed("Radio", "The ship was loaded in Ukraine.", "load", ["Ukraine"])
    assert kinds(a, b) == []


def test_a_place_named_without_in_or_at_and_another_verb_are_no_contradiction():
    a = placed("Gazette", "Two crew members from Halsby were treated in Orvik.", "treat", ["Halsby", "Orvik"])
    b = placed("Radio", "Two crew members were treated in Orvik.", "treat", ["Orvik"])
    c = placed("Post", "Two crew members were flown to Brenna.", "fly", ["Brenna"])
    d = placed("Wire", "Two crew members were questioned in Brenna.", "question", ["Brenna"])
    assert kinds(a, b) == [] and kinds(b, c) == [] and kinds(b, d) == []


def test_a_site_owned_by_a_named_place_is_the_place_and_a_compass_word_does_not_make_it_a_region():
    a = placed("Ledger", "A crane collapsed at the Brisa port's North Quay.", "collapse", ["Brisa", "North Quay"])
    b = placed("Courier", "A crane toppled over at the East Quay of Brisa port.", "topple over", ["East Quay", "Brisa"])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "place" and found.explanation == "Ledger: North Quay; Courier: East Quay"


def test_declined_to_comment_and_not_available_for_comment_meet_a_quote():
    text = "Club chairman Owen Tarrant said the stadium would secure the club's future."
    quoted = source("Radio", text, [{"subject": "the stadium", "predicate": "secure", "modality": "reported"}],
                    (quote_in(text, "Club chairman Owen Tarrant"),))
    away = source("Ledger", "The club's chairman, Owen Tarrant, was not available for comment.", [
        {"subject": "The club's chairman, Owen Tarrant,", "predicate": "be", "object": "available for comment", "polarity": "negated"}
    ])
    declined = source("Post", "Owen Tarrant declined to comment.", [{"subject": "Owen Tarrant", "predicate": "decline"}])
    declined_more = source("Post", "Owen Tarrant declined an invitation to the match.", [{"subject": "Owen Tarrant", "predicate": "decline"}])
    assert kinds(away, quoted, pairs=[]) == ["attribution"] and kinds(declined, quoted, pairs=[]) == ["attribution"]
    assert kinds(declined_more, quoted, pairs=[]) == []


def test_escaped_unhurt_against_taken_to_hospital_with_injuries():
    unhurt = source("Ledger", "Their drivers escaped unhurt.", [{"subject": "their drivers", "predicate": "injure", "polarity": "negated"}])
    hurt = source("Courier", "One driver was taken to hospital with minor injuries.", [
        {"subject": "One driver", "predicate": "take", "object": "to hospital with minor injuries"}
    ])
    [found] = find_contradictions([unhurt, hurt], [])
    assert found.kind == "negation" and found.first.subject == "One driver"
    passenger = source("Courier", "One passenger was taken to hospital with minor injuries.", [
        {"subject": "One passenger", "predicate": "take", "object": "to hospital with minor injuries"}
    ])
    assert kinds(unhurt, passenger, pairs=[]) == []  # the drivers were unhurt, not everybody


def test_two_counts_of_the_injured_contradict_across_the_story_but_not_a_count_of_the_dead():
    ledger = source("Ledger", "One dock worker was killed and two were injured.", [
        {"subject": "One dock worker", "predicate": "kill", "numbers": [Number(1, "worker", "One")]},
        {"subject": "two", "predicate": "injure", "numbers": [Number(2, "worker", "two")]},
    ])
    courier = source("Courier", "Three other workers were hurt.", [{"subject": "Three other workers", "predicate": "hurt", "numbers": [Number(3, "worker", "Three")]}])
    [found] = find_contradictions([ledger, courier], [])
    assert found.kind == "number" and found.explanation == "Ledger: two workers; Courier: Three workers"
    died = source("Courier", "Three workers died.", [{"subject": "Three workers", "predicate": "die", "numbers": [Number(3, "worker", "Three")]}])
    wounded = source("Wire", "Two workers were wounded.", [{"subject": "Two workers", "predicate": "wound", "numbers": [Number(2, "worker", "Two")]}])
    assert kinds(died, wounded) == []  # aligned, yet the dead and the wounded are two counts


def test_two_tallies_of_a_vote_contradict_and_a_match_score_is_no_tally():
    a = source("Observer", "The vote was 31 to 18.", [{"subject": "The vote", "predicate": "be", "object": "31 to 18"}])
    b = source("Radio", "Councillors voted 29-20 to approve the stadium.", [{"subject": "Councillors", "predicate": "vote"}])
    c = source("Ledger", "Councillors voted 31 to 18 on Tuesday.", [{"subject": "Councillors", "predicate": "vote"}])
    d = source("Sport", "The club won 29-20 on Saturday.", [{"subject": "The club", "predicate": "win"}])
    [found] = find_contradictions([a, b], [])
    assert found.kind == "number" and found.explanation == "Observer: 31 to 18; Radio: 29 to 20"
    assert kinds(a, c, pairs=[]) == [] and kinds(a, d, pairs=[]) == []


def test_a_date_contradiction_between_two_claims_of_sentences_that_give_other_days_too():
    a = source("Observer", "Tofu, a panda that escaped on Saturday, was caught on Tuesday.", [
        {"subject": "a panda", "predicate": "escape", "dates": ["2026-05-30"]},
        {"subject": "Tofu", "predicate": "catch", "dates": ["2026-06-02"]},
    ])
    b = source("News", "A panda escaped on Sunday.", [{"subject": "A panda", "predicate": "escape", "dates": ["2026-05-31"]}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "date" and found.first.predicate == "escape"


def test_opposite_outcomes_for_one_thing_contradict():
    a = source("Valley Post", "Harlow council approved the plan on Thursday.", [
        {"subject": "Harlow council", "predicate": "approve", "object": "the plan"}
    ])
    b = source("Gazette", "Harlow council rejected the plan on Thursday.", [
        {"subject": "Harlow council", "predicate": "reject", "object": "the plan"}
    ])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "negation" and found.explanation == "Valley Post says approved; Gazette says rejected"


def test_opposite_outcomes_of_different_things_or_different_actors_do_not():
    council = source("A", "The council approved the plan.", [{"subject": "The council", "predicate": "approve", "object": "the plan"}])
    loan = source("B", "The council rejected the loan.", [{"subject": "The council", "predicate": "reject", "object": "the loan"}])
    opposition = source("C", "The opposition rejected the plan.", [{"subject": "The opposition", "predicate": "reject", "object": "the plan"}])
    assert kinds(council, loan) == [] and kinds(council, opposition) == []


def test_a_state_against_its_opposite_outcome_and_a_passive_against_an_active():
    reopened = source("River News", "The Tarn bridge reopened to traffic on Tuesday.", [
        {"subject": "The Tarn bridge", "predicate": "reopen", "object": "to traffic"}
    ])
    closed = source("Tarn Weekly", "The Tarn bridge remained closed to traffic on Tuesday.", [
        {"subject": "The Tarn bridge", "predicate": "remain", "object": "closed to traffic on Tuesday"}
    ])
    [found] = find_contradictions([reopened, closed], aligned(reopened, closed))
    assert found.explanation == "River News says reopened; Tarn Weekly says remained closed"
    passive = source("A", "The plan was approved.", [{"subject": "The plan", "predicate": "approve"}])
    active = source("B", "Councillors rejected the plan.", [{"subject": "Councillors", "predicate": "reject", "object": "the plan"}])
    assert kinds(passive, active) == ["negation"]


def test_an_outcome_still_to_come_does_not_contradict_a_state():
    two_weeks = [Number(2, "week", "two weeks")]  # the claims stage reads a duration as a number
    reopen = source("Wire", "The agency said the road would reopen in about two weeks.", [
        {"subject": "the road", "predicate": "reopen", "modality": "reported", "attribution": "The agency", "numbers": two_weeks}
    ])
    closed = source("Ledger", "Engineers expect the road to stay closed for at least two weeks.", [
        {"subject": "the road", "predicate": "stay", "object": "closed for at least two weeks", "numbers": two_weeks}
    ])
    assert kinds(reopen, closed) == []


def test_two_times_of_day_an_hour_or_more_apart_contradict():
    a = source("Metro", "The blaze broke out at about 3 a.m.", [{"subject": "The blaze", "predicate": "break out", "dates": ["2025-10-05T03:00"]}])
    b = source("Echo", "The blaze started at about 5 a.m.", [{"subject": "The blaze", "predicate": "start", "dates": ["2025-10-05T05:00"]}])
    c = source("Radio", "The blaze started at 3.30 a.m.", [{"subject": "The blaze", "predicate": "start", "dates": ["2025-10-05T03:30"]}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "date" and found.explanation == "Metro: 03:00; Echo: 05:00"
    assert kinds(a, c) == []  # "about 3 a.m." and "3.30 a.m." are reporters rounding


def test_one_speaker_admitting_in_one_source_what_they_deny_in_the_other():
    def speaking(outlet: str, cue: str) -> Source:
        text = f"Calder {cue} taking 80,000 pounds from a charity."
        quote = Quote("Calder", Span("x", 0, 6), None, False, cue, Span("x", 7, 7 + len(cue)), None, False,
                      Span("x", 8 + len(cue), len(text) - 1), Span("x", 0, len(text)))
        return source(outlet, text, [], (quote,))

    admitted, denied = speaking("Court News", "admitted"), speaking("Herald", "denied")
    [found] = find_contradictions([admitted, denied], aligned(admitted, denied))
    assert found.kind == "denial" and found.explanation == "in Court News, Calder admits it; in Herald, Calder denies it"
    assert kinds(admitted, speaking("Wire", "admitted")) == []


def test_a_named_persons_age_contradicts_across_the_story_and_a_common_nouns_only_where_aligned():
    a = source("Courier", "Hale, 52, denied the charge.", [{"subject": "Hale, 52,", "predicate": "deny", "numbers": [Number(52, "age:Hale", "52")]}])
    b = source("Record", "Peter Hale, aged 53, was convicted.", [{"subject": "Peter Hale", "predicate": "convict", "numbers": [Number(53, "age:Hale", "53")]}])
    [found] = find_contradictions([a, b], [])
    assert found.kind == "number" and found.explanation == "Courier: 52 years old; Record: 53 years old"
    driver_a = source("A", "The driver, 52, was hurt.", [{"predicate": "hurt", "numbers": [Number(52, "age:driver", "52")]}])
    driver_b = source("B", "A driver, 30, was hurt.", [{"predicate": "hurt", "numbers": [Number(30, "age:driver", "30")]}])
    assert kinds(driver_a, driver_b, pairs=[]) == []


def test_a_percentage_demanded_and_one_offered_are_two_quantities():
    wants = source("Ledger", "The union wants a 9 percent pay rise.", [
        {"subject": "The union", "predicate": "want", "object": "a 9 percent pay rise", "numbers": [Number(9, "%", "9")]}
    ])
    offered = source("Courier", "The company has offered a 5 percent rise.", [
        {"subject": "The company", "predicate": "offer", "object": "a 5 percent rise", "numbers": [Number(5, "%", "5")]}
    ])
    offered_more = source("Wire", "Aerserv has offered 6 percent.", [
        {"subject": "Aerserv", "predicate": "offer", "object": "6 percent", "numbers": [Number(6, "%", "6")]}
    ])
    assert kinds(wants, offered) == []
    assert kinds(offered, offered_more) == ["number"]  # one verb: two accounts of one offer


def test_nobody_in_a_building_denies_no_event_reported_elsewhere():
    empty = source("Post", "No pupils or staff were in the building.", [
        {"subject": "No pupils or staff", "predicate": "be", "object": "in the building", "polarity": "negated"}
    ])
    moved = source("Wire", "The school's 260 pupils will move to the community centre.", [
        {"subject": "The school's 260 pupils", "predicate": "be", "object": "at the community centre"}
    ])
    assert find_contradictions([empty, moved], []) == []


def test_nobody_injured_against_a_man_taken_to_hospital():
    none = source("Wire", "Nobody was injured.", [{"subject": "Nobody", "predicate": "injure", "polarity": "negated"}])
    taken = source("Ledger", "One elderly man was taken to hospital with hypothermia.", [
        {"subject": "One elderly man", "predicate": "take", "object": "to hospital"}
    ])
    [found] = find_contradictions([none, taken], [])
    assert found.kind == "negation" and found.first.subject == "One elderly man"


def test_nobody_needing_hospital_treatment_against_people_treated_in_hospital():
    none = source("Wire", "Nobody needed hospital treatment.", [
        {"subject": "Nobody", "predicate": "need", "object": "hospital treatment", "polarity": "negated"}
    ])
    treated = source("Ledger", "Fourteen people were treated in hospital.", [
        {"subject": "Fourteen people", "predicate": "treat", "object": "in hospital"}
    ])
    assert kinds(none, treated) == ["negation"]


def test_no_recount_requested_against_one_asked_for_but_not_against_another_request():
    none = source("Wire", "No recount was requested.", [{"subject": "No recount", "predicate": "request", "polarity": "negated"}])
    asked = source("Ledger", "Devereux has asked for a recount.", [
        {"subject": "Devereux", "predicate": "ask", "object": "for a recount"}
    ])
    other = source("Post", "The mayor asked residents to stay indoors.", [
        {"subject": "The mayor", "predicate": "ask", "object": "residents to stay indoors"}
    ])
    assert kinds(none, asked) == ["negation"]
    assert find_contradictions([none, other], []) == []


def test_no_arrests_made_against_police_arresting_two_men():
    none = source("Wire", "No arrests were made.", [{"subject": "No arrests", "predicate": "make", "polarity": "negated"}])
    arrested = source("Ledger", "Police arrested two men.", [{"subject": "Police", "predicate": "arrest", "object": "two men"}])
    assert kinds(none, arrested) == ["negation"]


def test_a_whole_count_of_something_named_is_one_thing_measured():
    a = source("Gazette", "The school's 240 pupils will be taught at Greyfield Academy.", [
        {"subject": "The school's 240 pupils", "predicate": "teach", "numbers": [Number(240, "pupil", "240")]}
    ])
    b = source("Radio", "The school's 260 pupils will move to the community centre.", [
        {"subject": "The school's 260 pupils", "predicate": "move", "numbers": [Number(260, "pupil", "260")]}
    ])
    assert kinds(a, b, pairs=[]) == ["number"]


def test_one_measure_read_on_two_days_is_no_contradiction():
    a = source("Wire", "The fire was 20 percent contained by Wednesday morning.", [
        {"subject": "The fire", "predicate": "be", "object": "20 percent contained", "numbers": [Number(20, "%", "20")], "dates": ["2026-07-15TMO"]}
    ])  # fmt: skip
    b = source("News", "The fire was 35 percent contained on Tuesday evening.", [
        {"subject": "The fire", "predicate": "be", "object": "35 percent contained", "numbers": [Number(35, "%", "35")], "dates": ["2026-07-14TEV"]}
    ])  # fmt: skip
    assert kinds(a, b) == []


def test_the_injured_and_those_flown_to_hospital_are_two_counts():
    a = source("News", "Nine children were treated for injuries.", [
        {"subject": "Nine children", "predicate": "treat", "object": "for injuries", "numbers": [Number(9, "child", "Nine")]}
    ])  # fmt: skip
    b = source("Gazette", "Two children were flown to hospital.", [
        {"subject": "Two children", "predicate": "fly", "object": "to hospital", "numbers": [Number(2, "child", "Two")]}
    ])  # fmt: skip
    assert kinds(a, b) == []


def test_a_total_the_company_has_is_not_the_number_an_event_touched():
    a = source("Bulletin", "The outage left about 2 million customers unable to pay.", [
        {"subject": "The outage", "predicate": "leave", "object": "about 2 million customers", "numbers": [Number(2e6, "customer", "2 million")]}
    ])  # fmt: skip
    b = source("Courier", "Darrow Bank has around 3 million customers.", [
        {"subject": "Darrow Bank", "predicate": "have", "object": "around 3 million customers", "numbers": [Number(3e6, "customer", "3 million")]}
    ])  # fmt: skip
    assert kinds(a, b) == []


def test_a_count_of_children_is_worded_in_the_plural():
    a = source("Herald", "Eleven children were injured.", [{"subject": "Eleven children", "predicate": "injure", "numbers": [Number(11, "child", "Eleven")]}])
    b = source("News", "Nine children were injured.", [{"subject": "Nine children", "predicate": "injure", "numbers": [Number(9, "child", "Nine")]}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.explanation == "Herald: Eleven children; News: Nine children"


def test_it_under_a_speaker_is_the_speaker():
    a = source("Post", "Developer Quayline said it would appeal.", [{"subject": "it", "predicate": "appeal", "attribution": "Developer Quayline"}])
    b = source("Herald", "Quayline said it would not appeal.", [
        {"subject": "it", "predicate": "appeal", "polarity": "negated", "attribution": "Quayline"}
    ])  # fmt: skip
    assert kinds(a, b) == ["negation"]
    c = source("Herald", "The council said it would not appeal.", [
        {"subject": "it", "predicate": "appeal", "polarity": "negated", "attribution": "The council"}
    ])  # fmt: skip
    assert kinds(a, c) == []


def test_a_denial_is_listed_once_however_many_rules_find_it():
    a = source("Courier", "Some customers saw other people's account details.", [
        {"subject": "Some Darrow Bank customers", "predicate": "see", "object": "other people's account details"}
    ])  # fmt: skip
    b = source("Post", "Darrow Bank said that no customer had been able to see another customer's details.", [
        {"subject": "no customer", "predicate": "see", "object": "another customer's details", "polarity": "negated", "attribution": "Darrow Bank"}
    ])  # fmt: skip
    assert kinds(a, b) == ["denial"]


def test_an_attribute_of_one_thing_in_an_object_is_measured_too():
    a = source("Post", "A judge blocked the construction of a 500-berth marina.", [
        {"subject": "A judge", "predicate": "block", "object": "the construction of a 500-berth marina", "numbers": [Number(500, "berth", "500")]}
    ])  # fmt: skip
    b = source("Herald", "The 450-berth marina would have been the largest.", [
        {"subject": "The 450-berth marina", "predicate": "be", "object": "the largest", "numbers": [Number(450, "berth", "450")]}
    ])  # fmt: skip
    assert kinds(a, b, pairs=[]) == ["number"]


def test_an_article_measuring_two_things_alike_measures_neither():
    a = source("Post", "A 45-seat bus and a 60-seat bus collided.", [
        {"subject": "A 45-seat bus and a 60-seat bus", "predicate": "collide", "numbers": [Number(45, "seat", "45"), Number(60, "seat", "60")]}
    ])  # fmt: skip
    b = source("Herald", "The 45-seat bus overturned.", [
        {"subject": "The 45-seat bus", "predicate": "overturn", "numbers": [Number(45, "seat", "45")]}
    ])  # fmt: skip
    assert kinds(a, b, pairs=[]) == []


def test_the_area_a_fire_burned_is_one_quantity_whether_it_is_called_wildfire_or_blaze():
    a = source("Wire", "A wildfire has burned about 2,000 hectares.", [
        {"subject": "A wildfire", "predicate": "burn", "object": "about 2,000 hectares", "numbers": [Number(2000, "hectare", "2,000")]}
    ])  # fmt: skip
    b = source("Gazette", "The blaze has spread across some 2,600 hectares.", [
        {"subject": "The blaze", "predicate": "spread", "object": "across some 2,600 hectares", "numbers": [Number(2600, "hectare", "2,600")]}
    ])  # fmt: skip
    assert kinds(a, b, pairs=[]) == ["number"]
    c = source("Gazette", "Farmers have lost 2,600 hectares of crops.", [
        {"subject": "Farmers", "predicate": "lose", "object": "2,600 hectares of crops", "numbers": [Number(2600, "hectare", "2,600")]}
    ])  # fmt: skip
    assert kinds(a, c, pairs=[]) == []


def test_two_streets_of_one_town_are_a_place_contradiction_whatever_the_model_calls_them():
    a = placed("Gazette", "An explosion destroyed a house on Elm Crescent in Norbury.", "destroy", ["Elm Crescent", "Norbury"])
    b = placed("Courier", "An explosion wrecked a house in Oak Crescent, Norbury.", "wreck", ["Oak Crescent", "Norbury"])
    b = Source(b.article, replace(b.analysis, mentions=(replace(b.analysis.mentions[0], type="ORG"), b.analysis.mentions[1])), b.vectors)
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "place" and found.explanation == "Gazette: Elm Crescent; Courier: Oak Crescent"
    c = placed("Post", "An explosion destroyed a house in Norbury.", "destroy", ["Norbury"])
    assert kinds(a, c) == []


def test_one_event_named_in_both_subjects_at_two_times_of_day():
    a = source("News", "The blast happened at about 5.30 a.m.", [{"subject": "the blast", "predicate": "happen", "dates": ["2026-03-27T05:30"]}])
    b = source("Courier", "An explosion wrecked a house at about 6.30 a.m. on Friday.", [
        {"subject": "An explosion", "predicate": "wreck", "object": "a house", "dates": ["2026-03-27T06:30", "2026-03-27"]}
    ])  # fmt: skip
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "date" and found.explanation == "News: 05:30; Courier: 06:30"
    c = source("Post", "Firefighters arrived at 6.30 a.m.", [{"subject": "Firefighters", "predicate": "arrive", "dates": ["2026-03-27T06:30"]}])
    assert kinds(a, c) == []


def test_two_magnitudes_of_one_quake_contradict_and_an_aftershock_is_another_quake():
    a = source("Gazette", "An earthquake of magnitude 4.1 struck near Kelderby.", [
        {"subject": "An earthquake of magnitude 4.1", "predicate": "strike", "numbers": [Number(4.1, "magnitude", "4.1")]}
    ])  # fmt: skip
    b = source("News", "A magnitude 4.3 quake hit the valley.", [
        {"subject": "A magnitude 4.3 quake", "predicate": "hit", "numbers": [Number(4.3, "magnitude", "4.3")]}
    ])  # fmt: skip
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.explanation == "Gazette: magnitude 4.1; News: magnitude 4.3"
    c = source("Radio", "A magnitude 4.2 aftershock shook the town.", [
        {"subject": "A magnitude 4.2 aftershock", "predicate": "shake", "numbers": [Number(4.2, "magnitude", "4.2")]}
    ])  # fmt: skip
    assert kinds(a, c) == []


def test_a_tally_in_votes_meets_a_bare_tally():
    a = source("Herald", "The budget was approved by 31 votes to 20.", [{"subject": "The budget", "predicate": "approve"}])
    b = source("Bulletin", "The vote was 29 to 22.", [{"subject": "The vote", "predicate": "be", "object": "29 to 22"}])
    [found] = find_contradictions([a, b], [])
    assert found.kind == "number" and found.explanation == "Herald: 31 to 20; Bulletin: 29 to 22"


def test_declining_to_comment_on_individual_cases_is_no_silence_on_the_story():
    text = "Halvern said no patients had been harmed."
    speaking = source("Wire", text, [{"subject": "no patients", "predicate": "harm", "polarity": "negated", "attribution": "Halvern"}],
                      (quote_in(text, "Halvern"),))  # fmt: skip
    narrow = source("Herald", "A Halvern spokesperson declined to comment on individual cases.", [
        {"subject": "A Halvern spokesperson", "predicate": "decline"}
    ])  # fmt: skip
    wide = source("Herald", "A Halvern spokesperson declined to comment on the claims.", [
        {"subject": "A Halvern spokesperson", "predicate": "decline"}
    ])  # fmt: skip
    assert kinds(narrow, speaking, pairs=[]) == [] and kinds(wide, speaking, pairs=[]) == ["attribution"]


def test_a_denial_by_one_doer_leaves_a_deed_done_by_someone_standing():
    called = source("Bulletin", "Police were called to the university.", [
        {"subject": "Police", "predicate": "call", "object": "to the university"}
    ])  # fmt: skip
    not_us = source("Wire", "The university said it had not called the police.", [
        {"subject": "it", "predicate": "call", "object": "the police", "polarity": "negated", "attribution": "The university"}
    ])  # fmt: skip
    nobody = source("Post", "Nobody called the police.", [{"subject": "Nobody", "predicate": "call", "object": "the police", "polarity": "negated"}])
    assert kinds(called, not_us) == [] and kinds(called, nobody) == ["negation"]


def test_two_times_of_day_given_to_the_minute_need_not_be_an_hour_apart():
    a = source("Gazette", "The quake struck at 3.12am.", [{"subject": "The quake", "predicate": "strike", "dates": ["2026-11-18T03:12"]}])
    b = source("Herald", "The tremor struck at 3.20am.", [{"subject": "The tremor", "predicate": "strike", "dates": ["2026-11-18T03:20"]}])
    c = source("Post", "The tremor struck at about 3.30am.", [{"subject": "The tremor", "predicate": "strike", "dates": ["2026-11-18T03:30"]}])
    assert kinds(a, b) == ["date"] and kinds(a, c) == []


def test_no_patient_harmed_against_patients_admitted_to_hospital():
    harmed = source("Wire", "Halvern said no patients had been harmed.", [
        {"subject": "no patients", "predicate": "harm", "polarity": "negated", "attribution": "Halvern"}
    ])  # fmt: skip
    admitted = source("Herald", "Two patients have been admitted to hospital.", [
        {"subject": "Two patients", "predicate": "admit", "object": "to hospital", "numbers": [Number(2, "patient", "Two")]}
    ])  # fmt: skip
    assert kinds(harmed, admitted, pairs=[]) in (["negation"], ["denial"])


def test_each_articles_one_count_of_one_act_is_compared_across_the_story():
    a = source("News", "Three libraries will close.", [
        {"subject": "Three libraries", "predicate": "close", "numbers": [Number(3, "library", "Three")]}
    ])  # fmt: skip
    b = source("Bulletin", "The budget will close four libraries.", [
        {"subject": "The budget", "predicate": "close", "object": "four libraries", "numbers": [Number(4, "library", "four")]}
    ])  # fmt: skip
    [found] = find_contradictions([a, b], [])
    assert found.kind == "number" and found.explanation == "News: Three libraries; Bulletin: four libraries"


def test_a_whole_named_beside_its_part_and_a_margin_are_no_count_of_the_act():
    part = source("Herald", "Three of the city's nine libraries will close.", [
        {"subject": "Three of the city's nine libraries", "predicate": "close", "numbers": [Number(3, None, "Three"), Number(9, "library", "nine")]}
    ])  # fmt: skip
    three = source("News", "Three libraries will close.", [
        {"subject": "Three libraries", "predicate": "close", "numbers": [Number(3, "library", "Three")]}
    ])  # fmt: skip
    assert kinds(part, three, pairs=[]) == []
    margin = source("Post", "Orme won by 212 votes.", [{"subject": "Orme", "predicate": "win", "numbers": [Number(212, "vote", "212")]}])
    total = source("Ledger", "Orme won 11,204 votes.", [{"subject": "Orme", "predicate": "win", "numbers": [Number(11204, "vote", "11,204")]}])
    assert kinds(margin, total, pairs=[]) == []


def test_two_untimed_plans_with_opposite_outcomes_contradict_and_timed_ones_need_not():
    rise = source("Bulletin", "The council will increase parking charges by 10 percent.", [
        {"subject": "The council", "predicate": "increase", "object": "parking charges", "numbers": [Number(10, "%", "10")]}
    ])  # fmt: skip
    same = source("News", "Parking charges will stay the same, the council said.", [
        {"subject": "Parking charges", "predicate": "stay", "object": "the same", "modality": "reported", "attribution": "the council"}
    ])  # fmt: skip
    assert kinds(rise, same) == ["negation"]
    reopen = source("Post", "The zoo would reopen in two weeks.", [
        {"subject": "The zoo", "predicate": "reopen", "numbers": [Number(2, "week", "two weeks")]}
    ])  # fmt: skip
    closed = source("Wire", "The zoo will stay closed for two weeks.", [
        {"subject": "The zoo", "predicate": "stay", "object": "closed", "numbers": [Number(2, "week", "two weeks")]}
    ])  # fmt: skip
    assert kinds(reopen, closed) == []


def test_a_sentence_telling_both_outcomes_tells_a_sequence():
    closed = source("Herald", "Felgate Airport closed its runway for three hours.", [{"subject": "Felgate Airport", "predicate": "close", "object": "its runway"}])
    both = source("Wire", "The runway was shut at 6.15pm and reopened just after 8pm.", [
        {"subject": "The runway", "predicate": "shut"}, {"subject": "The runway", "predicate": "reopen"}
    ])  # fmt: skip
    reopened = source("Post", "The runway reopened.", [{"subject": "The runway", "predicate": "reopen"}])
    assert kinds(closed, both) == [] and kinds(closed, reopened) == ["negation"]


def test_one_verb_on_two_days_is_a_date_contradiction_only_of_one_thing():
    fire = source("Gazette", "A fire broke out at the plant on Monday.", [
        {"subject": "A fire", "predicate": "break out", "object": "at the plant", "dates": ["2026-09-14"]}
    ])  # fmt: skip
    work = source("Wire", "Investigators began work on Tuesday.", [
        {"subject": "Investigators", "predicate": "begin", "object": "work", "dates": ["2026-09-15"]}
    ])  # fmt: skip
    blaze = source("News", "The fire started at the plant on Tuesday.", [
        {"subject": "The fire", "predicate": "start", "object": "at the plant", "dates": ["2026-09-15"]}
    ])  # fmt: skip
    assert kinds(fire, work) == [] and kinds(fire, blaze) == ["date"]


def test_two_months_for_one_plan_are_a_date_contradiction():
    march = source("Bulletin", "Pelham Foods will close its bakery in March.", [
        {"subject": "Pelham Foods", "predicate": "close", "object": "its bakery", "dates": ["2027-03"]}
    ])  # fmt: skip
    june = source("News", "Pelham Foods closes its Ashmoor bakery in June.", [
        {"subject": "Pelham Foods", "predicate": "close", "object": "its Ashmoor bakery", "dates": ["2027-06"]}
    ])  # fmt: skip
    [found] = find_contradictions([march, june], aligned(march, june))
    assert found.kind == "date" and found.explanation == "Bulletin dates it 2027-03; News, 2027-06"


def test_a_time_of_day_without_a_day_of_its_own_meets_one_on_a_named_day():
    two = source("News", "The fire started at about 2pm.", [{"subject": "The fire", "predicate": "start", "dates": ["2026-09-15T14:00"]}])
    four = source("Wire", "The fire started shortly after 4pm on Monday.", [
        {"subject": "The fire", "predicate": "start", "dates": ["2026-09-14T16:00", "2026-09-14"]}
    ])  # fmt: skip
    assert kinds(two, four) == ["date"]


def test_smoke_inhalation_is_an_injury():
    treated = source("Gazette", "Two workers were treated for smoke inhalation.", [
        {"subject": "Two workers", "predicate": "treat", "object": "for smoke inhalation", "numbers": [Number(2, "worker", "Two")]}
    ])  # fmt: skip
    nobody = source("Wire", "Nobody was injured.", [{"subject": "Nobody", "predicate": "injure", "polarity": "negated"}])
    assert kinds(treated, nobody, pairs=[]) == ["negation"]


def test_two_scores_of_one_match_and_arrests_counted_as_arrests_or_people():
    a = source("Wire", "Crestwick beat Dunmere 2-1. Police made 12 arrests.", [
        {"subject": "Crestwick", "predicate": "beat", "object": "Dunmere"},
        {"subject": "Police", "predicate": "arrest", "numbers": [Number(12, "arrest", "12")]},
    ])  # fmt: skip
    b = source("Herald", "Crestwick won, beating Dunmere 2-0. Nine people were arrested.", [
        {"subject": "Crestwick", "predicate": "win"},
        {"subject": "Nine people", "predicate": "arrest", "numbers": [Number(9, "people", "Nine")]},
    ])  # fmt: skip
    found = {c.explanation for c in find_contradictions([a, b], [])}
    assert found == {"Wire: 2 to 1; Herald: 2 to 0", "Wire: 12 arrests; Herald: Nine people"}


def test_one_dimension_named_on_both_sides_makes_two_lengths_one_measure():
    a = source("Herald", "Each turbine will stand 200 metres tall.", [
        {"subject": "Each turbine", "predicate": "stand", "object": "200 metres tall", "numbers": [Number(200, "metre", "200")]}
    ])
    b = source("Bulletin", "The turbines will be up to 180 metres high.", [
        {"subject": "The turbines", "predicate": "be", "object": "up to 180 metres high", "numbers": [Number(180, "metre", "180")]}
    ])
    c = source("Wire", "Temperatures reached 36.4C.", [
        {"subject": "Temperatures", "predicate": "reach", "object": "36.4C", "numbers": [Number(36.4, "degree", "36.4C")]}
    ])
    d = source("Ledger", "Greyhaven recorded a temperature of 35.9C.", [
        {"subject": "Greyhaven", "predicate": "record", "object": "a temperature of 35.9C", "numbers": [Number(35.9, "degree", "35.9C")]}
    ])
    assert kinds(a, b) == ["number"] and kinds(c, d) == ["number"]


def test_one_event_in_two_years_is_a_date_contradiction_when_neither_gives_a_month():
    a = source("Wire", "The takeover will be completed in 2027.", [{"subject": "The takeover", "predicate": "complete", "dates": ["2027"]}])
    b = source("Herald", "The takeover will be completed in 2028.", [{"subject": "The takeover", "predicate": "complete", "dates": ["2028"]}])
    c = source("Ledger", "The takeover will be completed in March 2028.", [
        {"subject": "The takeover", "predicate": "complete", "dates": ["2028-03", "2028"]}
    ])
    assert kinds(a, b) == ["date"] and kinds(b, c) == []


def test_a_percentage_after_by_is_the_change_itself_not_a_margin():
    a = source("Times", "Westlink will raise its fares by 4.8 percent.", [
        {"subject": "Westlink", "predicate": "raise", "object": "its fares", "numbers": [Number(4.8, "%", "4.8")]}
    ])
    b = source("Post", "Westlink fares will rise by an average of 5.2 percent.", [
        {"subject": "Westlink fares", "predicate": "rise", "object": "by an average of 5.2 percent", "numbers": [Number(5.2, "%", "5.2")]}
    ])
    assert kinds(a, b) == ["number"]


def test_an_outcome_with_a_particle_is_one_outcome():
    a = source("Courier", "Talks with the union broke down.", [{"subject": "Talks with the union", "predicate": "break down"}])
    b = source("Post", "Talks with the union were continuing.", [{"subject": "Talks with the union", "predicate": "continue"}])
    c = source("Wire", "Laura Finch will step down.", [{"subject": "Laura Finch", "predicate": "step down"}])
    d = source("Herald", "Laura Finch will stay on.", [{"subject": "Laura Finch", "predicate": "stay on"}])
    [found] = find_contradictions([a, b], aligned(a, b))
    assert found.kind == "negation" and "broke down" in found.explanation
    assert kinds(c, d) == ["negation"]


def test_a_price_and_a_takeover_value_are_one_amount_of_one_sale():
    a = source("Wire", "Morlan Bank agreed to buy Ashfield for £1.2 billion.", [
        {"subject": "Morlan Bank", "predicate": "buy", "object": "Ashfield", "numbers": [Number(1.2e9, "GBP", "1.2 billion")]}
    ])
    b = source("Herald", "Up to 800 jobs could go after Morlan Bank's £1.5 billion takeover.", [
        {"subject": "Up to 800 jobs", "predicate": "go", "numbers": [Number(1.5e9, "GBP", "1.5 billion")]}
    ])
    c = source("Ledger", "Ashfield reported profits of £1.5 billion.", [
        {"subject": "Ashfield", "predicate": "report", "object": "profits", "numbers": [Number(1.5e9, "GBP", "1.5 billion")]}
    ])
    assert kinds(a, b, pairs=[]) == ["number"] and kinds(a, c, pairs=[]) == []


def test_no_pupil_needing_hospital_treatment_against_six_of_them_taken_to_hospital():
    none = source("Courier", "No pupil needed hospital treatment, the school said.", [
        {"subject": "No pupil", "predicate": "need", "object": "hospital treatment", "polarity": "negated", "modality": "reported"}
    ])  # fmt: skip
    them = source("Metro", "Six of them were taken to hospital.", [{"subject": "Six of them", "predicate": "take", "object": "to hospital"}])
    assert kinds(none, them, pairs=[]) == ["negation"]  # "them": the pupils, uncounted by name
    others = source("Metro", "Two firefighters were taken to hospital.", [
        {"subject": "Two firefighters", "predicate": "take", "object": "to hospital"}
    ])  # fmt: skip
    assert kinds(none, others, pairs=[]) == []  # no pupil, but firefighters: another group


def test_neither_man_needing_hospital_treatment_against_both_flown_to_hospital():
    neither = source("Eastbrook", "Neither man needed hospital treatment.", [
        {"subject": "Neither man", "predicate": "need", "object": "hospital treatment", "polarity": "negated"}
    ])  # fmt: skip
    flown = source("Bulletin", "Both were flown to hospital in Kelton with hypothermia.", [
        {"subject": "Both", "predicate": "fly", "object": "to hospital in Kelton with hypothermia"}
    ])  # fmt: skip
    assert kinds(neither, flown, pairs=[]) == ["negation"]


def test_too_early_to_say_what_caused_it_against_a_cause_given():
    open_question = source("Courier", "The council said it was too early to say what had caused the illness.", [
        {"subject": "what", "predicate": "cause", "object": "the illness", "modality": "reported", "attribution": "The council"}
    ])  # fmt: skip
    given = source("Metro", "The school said the illness was caused by undercooked chicken.", [
        {"subject": "the illness", "predicate": "cause", "object": "by undercooked chicken", "modality": "reported"}
    ])  # fmt: skip
    assert kinds(open_question, given, pairs=[]) == ["negation"]
    answered = source("Courier", "Inspectors found what had caused the illness.", [
        {"subject": "what", "predicate": "cause", "object": "the illness"}
    ])  # fmt: skip
    assert kinds(answered, given, pairs=[]) == []  # no open question: "found what had caused"


def test_what_was_to_come_on_a_day_meets_what_came_that_day():
    planned = source("Courier", "Kelbrook schools will open as normal on Monday, the council said.", [
        {"subject": "Kelbrook schools", "predicate": "open", "object": "as normal", "dates": ["2026-11-02"], "modality": "reported"}
    ])  # fmt: skip
    closed = source("Pinefield", "Schools in Kelbrook were closed on Monday.", [
        {"subject": "Schools in Kelbrook", "predicate": "close", "object": "on Monday", "dates": ["2026-11-02"]}
    ])  # fmt: skip
    assert kinds(planned, closed) == ["negation"]
    closed_tuesday = replace(closed, analysis=replace(closed.analysis, claims=(replace(closed.analysis.claims[0], dates=("2026-11-03",)),)))
    assert kinds(planned, closed_tuesday) == []  # open on Monday, closed on Tuesday: two days
