"""Building a story's comparison from hand-built sources: copies, outlets, wording, timeline."""

from dataclasses import replace

import numpy as np
import pytest

from manysides.compare.align import Source
from manysides.compare.comparison import compare_story
from manysides.model import Analysis, Article, Claim, Mention, Number, Quote, Sentence, Span

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def source(outlet: str, sentences: list[str], vector_rows: list[list[float]], copy_of: str | None = None,
           dates: dict[int, str] | None = None, mentions: list[tuple[str, str]] = (),
           numbers: dict[int, tuple[Number, ...]] | None = None) -> Source:
    text = " ".join(sentences)
    article = Article.create(outlet=outlet, text=text)
    built, claims, start = [], [], 0
    for index, sentence in enumerate(sentences):
        built.append(Sentence(index, start, start + len(sentence), sentence))
        day = (dates or {}).get(index)
        claims.append(Claim("it", "happen", "", "affirmed", "asserted", Span(article.id, start, start + len(sentence)),
                            numbers=(numbers or {}).get(index, ()), dates=(day,) if day else ()))
        start += len(sentence) + 1
    found = tuple(Mention(text.index(s), text.index(s) + len(s), s, entity, "GPE") for s, entity in mentions)
    vectors = np.array(vector_rows, np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Source(article, Analysis(article.id, tuple(built), found, (), tuple(claims), ()), vectors, copy_of)


def test_a_fact_reported_by_an_original_and_its_copy_only_is_unique_not_agreed():
    wire = source("Wire", ["The ferry ran aground."], [[1, 0]])
    copy = source("Post", ["The ferry ran aground."], [[1, 0]], copy_of=wire.article.id)
    comparison = compare_story("s", [wire, copy])
    assert comparison.agreements == ()
    # the copy's outlet does not "omit" what it reprinted: it is the same source
    assert [(u.evidence.outlet, u.missing_from) for u in comparison.unique] == [("Wire", ())]


def test_two_articles_of_one_outlet_are_not_two_sources():
    first = source("Herald", ["The ferry ran aground."], [[1, 0]])
    update = source("Herald", ["The ferry ran aground last night."], [[1, 0.05]])
    assert compare_story("s", [first, update]).agreements == ()


def test_the_same_fact_in_two_outlets_is_one_agreement_with_both_wordings():
    herald = source("Herald", ["The ferry ran aground.", "Crews praised."], [[1, 0, 0], [0, 1, 0]])
    ledger = source("Ledger", ["A ferry grounded near the point."], [[0.95, 0.1, 0]])
    [agreement] = compare_story("s", [herald, ledger]).agreements
    assert sorted(e.outlet for e in agreement.evidence) == ["Herald", "Ledger"]
    assert agreement.summary == "The ferry ran aground."  # of two wordings, the shorter


def test_an_agreement_is_summed_up_by_the_wording_closest_to_all_the_others_not_the_shortest():
    herald = source("Herald", ["Cracks were found in the dam on Thursday and 1,200 people left."], [[1, 0.1, 0]])
    ledger = source("Ledger", ["Some 1,500 people left after cracks were found in the dam."], [[1, 0, 0.1]])
    courier = source("Courier", ["The authority denied warnings before the cracks."], [[0.9, 0.44, 0]])
    [agreement] = compare_story("s", [herald, ledger, courier]).agreements
    assert len(agreement.evidence) == 3
    assert agreement.summary == "Cracks were found in the dam on Thursday and 1,200 people left."  # not the aside


def test_outlets_that_date_an_event_alike_share_one_timeline_day():
    herald = source("Herald", ["They spoke on Thursday."], [[1, 0]], dates={0: "2024-11-07"})
    ledger = source("Ledger", ["They spoke on November 7."], [[0.9, 0.2]], dates={0: "2024-11-07"})
    [day] = compare_story("s", [herald, ledger]).timeline
    assert (day.date, day.granularity, sorted(e.outlet for e in day.events)) == ("2024-11-07", "day", ["Herald", "Ledger"])


def test_a_part_of_a_day_is_on_that_days_timeline_and_a_bare_clock_time_is_not():
    herald = source("Herald", ["The quake struck on Saturday afternoon."], [[1, 0]], dates={0: "2025-08-09TAF"})
    ledger = source("Ledger", ["It struck on Saturday."], [[0.9, 0.2]], dates={0: "2025-08-09"})
    wire = source("Wire", ["It struck at 14:32."], [[0.8, 0.3]], dates={0: "2025-08-11T14:32"})
    [day] = compare_story("s", [herald, ledger, wire]).timeline
    assert (day.date, sorted(e.outlet for e in day.events)) == ("2025-08-09", ["Herald", "Ledger"])


def test_the_timeline_places_weeks_months_and_years_before_the_days_they_hold():
    herald = source("Herald", ["The wall was built in 2019.", "Talks began last week.", "It rained in November.", "It broke on Monday."],
                    [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                    dates={0: "2019", 1: "2024-W45", 2: "2024-11", 3: "2024-11-04"})
    timeline = compare_story("s", [herald]).timeline
    assert [(t.date, t.granularity) for t in timeline] == [
        ("2019", "year"), ("2024-11", "month"), ("2024-W45", "week"), ("2024-11-04", "day")
    ]


def test_a_day_only_one_outlet_gives_is_no_unique_detail():
    """On real coverage a day detail was more often a misread date or a fact another outlet gives undated."""
    herald = source("Herald", ["The notice was issued and stays until Friday."], [[1, 0]], dates={0: "2025-03-14"})
    ledger = source("Ledger", ["The notice was issued."], [[0.97, 0.1]])
    comparison = compare_story("s", [herald, ledger])
    assert len(comparison.agreements) == 1 and comparison.unique == ()


def test_a_figure_another_outlet_gives_rounded_or_under_another_noun_is_no_unique_detail():
    herald = source("Herald", ["The strike has shut 31 factories across nine states."], [[1, 0]],
                    numbers={0: (Number(31, "factory", "31"), Number(9, "state", "nine"))})
    ledger = source("Ledger", ["The strike has affected about 31 plants and nine states."], [[0.97, 0.1]],
                    numbers={0: (Number(31, "plant", "31"), Number(9, "state", "nine"))})
    assert compare_story("s", [herald, ledger]).unique == ()


def test_one_or_two_of_something_is_no_unique_detail_but_three_is():
    herald = source("Herald", ["Two committees subpoenaed the bank's records."], [[1, 0]],
                    numbers={0: (Number(2, "committee", "Two"),)})
    courier = source("Courier", ["Three committees subpoenaed the bank's records."], [[1, 0.05]],
                     numbers={0: (Number(3, "committee", "Three"),)})
    ledger = source("Ledger", ["Congress subpoenaed the bank's records."], [[0.97, 0.1]])
    assert compare_story("s", [herald, ledger]).unique == ()
    assert [u.details for u in compare_story("s", [courier, ledger]).unique] == [("Three",)]


def test_a_question_a_lead_in_or_a_cut_off_sentence_states_no_fact():
    column = source("Column", ["Was this the week the Kurds were abandoned?", "Here is the agency's lede on the story:",
                               "It said that the policy would remain in place because of"],
                    [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])
    wire = source("Wire", ["Troops left the border on Monday."], [[0, 0, 0, 1]])
    assert [u.evidence.outlet for u in compare_story("s", [column, wire]).unique] == ["Wire"]


def test_wording_counts_each_outlets_form_of_one_place():
    herald = source("Herald", ["Ships left Odessa."], [[1, 0]], mentions=[("Odessa", "place:odesa")])
    ledger = source("Ledger", ["Ships left Odesa."], [[1, 0]], mentions=[("Odesa", "place:odesa")])
    [entity] = compare_story("s", [herald, ledger]).entities
    assert entity.forms == {"Herald": {"Odessa": 1}, "Ledger": {"Odesa": 1}} and entity.type == "place"


def test_a_shared_sentence_with_a_place_no_one_else_names_is_also_a_unique_fact():
    radio = source("Radio", ["The ship left Odesa and is bound for Alexandria."], [[1, 0]],
                   mentions=[("Odesa", "place:odesa"), ("Alexandria", "place:alexandria")])
    wire = source("Wire", ["The ship left Odesa on Tuesday."], [[0.97, 0.1]], mentions=[("Odesa", "place:odesa")])
    comparison = compare_story("s", [radio, wire])
    assert len(comparison.agreements) == 1  # the departure, shared
    assert [(u.evidence.outlet, u.missing_from, u.details) for u in comparison.unique] == [("Radio", ("Wire",), ("Alexandria",))]


def test_a_figure_another_outlet_gives_for_people_of_another_name_is_no_unique_detail():
    herald = source("Herald", ["About 400 residents were evacuated from Sorrel Hills."], [[1, 0]],
                    numbers={0: (Number(400, "resident", "400"),)})
    ledger = source("Ledger", ["More than 400 people had to leave their homes."], [[0.97, 0.1]],
                    numbers={0: (Number(400, "people", "400"),)})
    assert compare_story("s", [herald, ledger]).unique == ()


def test_an_outlet_naming_itself_is_no_unique_detail():
    ledger = source("The Northern Ledger", ["Two engineers told the Ledger the dam was inspected."], [[1, 0]],
                    mentions=[("the Ledger", "org:ledger")])
    wire = source("Wire", ["Engineers said the dam was inspected."], [[0.97, 0.1]])
    assert compare_story("s", [ledger, wire]).unique == ()


def test_a_name_another_outlet_writes_with_an_ending_or_abbreviated_is_no_unique_detail():
    herald = source("Herald", ["Rep. Adam Schiff, D-Calif., said the Bidens were not investigated."], [[1, 0]],
                    mentions=[("Calif.", "place:calif."), ("Bidens", "person:bidens")])
    ledger = source("Ledger", ["Schiff of California said Biden was not investigated."], [[0.97, 0.1]],
                    mentions=[("California", "place:california"), ("Biden", "person:biden")])
    assert compare_story("s", [herald, ledger]).unique == ()


def test_a_shorter_or_longer_form_of_a_name_another_outlet_writes_is_no_unique_detail():
    """"the House" here, "the House of Representatives" there: linking may keep them apart, but a word of
    the name is in the other outlet, so it is no detail only this outlet gives."""
    herald = source("Herald", ["The House passed the relief bill on Thursday."], [[1, 0]], mentions=[("House", "org:house")])
    ledger = source("Ledger", ["The House of Representatives passed the relief bill, the House Budget Committee said."],
                    [[0.97, 0.1]], mentions=[("House of Representatives", "org:house of representatives"),
                                            ("House Budget Committee", "org:house budget committee")])  # fmt: skip
    assert compare_story("s", [herald, ledger]).unique == ()  # "House" could be either, so linking keeps them apart


def test_a_shared_sentence_whose_details_everyone_has_is_not_unique():
    radio = source("Radio", ["The ship left Odesa."], [[1, 0]], mentions=[("Odesa", "place:odesa")])
    wire = source("Wire", ["The ship left Odesa on Tuesday."], [[0.97, 0.1]], mentions=[("Odesa", "place:odesa")])
    assert compare_story("s", [radio, wire]).unique == ()


def test_what_only_one_outlet_reports_someone_saying_is_unique_and_a_bare_scene_is_not():
    said = "The minister urged both sides to accept mediation."
    courier = source("Courier", ["The strike closed the port.", said, "Rain fell."], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    cue = Span(courier.article.id, courier.article.text.index("urged"), courier.article.text.index("urged") + 5)
    quote = Quote("The minister", Span(cue.article_id, cue.start - 13, cue.start - 1), None, False, "urged", cue, None, False,
                  Span(cue.article_id, cue.end + 1, cue.end + 34), Span(cue.article_id, cue.start - 13, cue.end + 35))
    only_the_strike = tuple(c for c in courier.analysis.claims if c.evidence.start == 0)  # the sentences of a cue and of a scene state no claim
    courier = replace(courier, analysis=replace(courier.analysis, claims=only_the_strike, quotes=(quote,)))
    ledger = source("Ledger", ["Strikers shut the port."], [[0.97, 0.1, 0]])
    assert [u.evidence.text for u in compare_story("s", [courier, ledger]).unique] == [said]
