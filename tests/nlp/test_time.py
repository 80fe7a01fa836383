"""nlp/time.py: each rule as an example, anchored on an article of Monday 11 November 2024."""

from datetime import date

import pytest

from manysides.nlp.time import day_named, day_of, find_times, infer_publication_date, normalise

MONDAY = date(2024, 11, 11)


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("November 7", "2024-11-07"),
        ("Nov. 7", "2024-11-07"),
        ("7 November 2024", "2024-11-07"),
        ("2024-11-07", "2024-11-07"),
        ("on Thursday", "2024-11-07"),
        ("on Monday", "2024-11-11"),  # the article's own day
        ("last Monday", "2024-11-04"),
        ("next Thursday", "2024-11-14"),
        ("yesterday", "2024-11-10"),
        ("this morning", "2024-11-11TMO"),
        ("last night", "2024-11-10TNI"),
        ("last week", "2024-W45"),
        ("earlier this month", "2024-11"),
        ("last month", "2024-10"),
        ("in September", "2024-09"),
        ("in December", "2023-12"),  # the most recent December not after the article's date
        ("in February 2022", "2022-02"),
        ("last year", "2023"),
        ("three days ago", "2024-11-08"),
        ("a year ago", "2023"),
        ("the third quarter", "2024-Q3"),
        ("the past three months", "P3M"),
        ("at 8 p.m.", "2024-11-11T20:00"),
        ("the 1990s", "199"),
        ("now", "PRESENT_REF"),
        ("the current crisis", "PRESENT_REF"),
        ("in recent years", "PAST_REF"),
        ("over the weekend", "2024-W45-WE"),  # the weekend just gone: Saturday 9 and Sunday 10 November
    ],
)
def test_expression_is_normalised_against_the_article_date(expression, value):
    normalised = normalise(expression, MONDAY)
    assert normalised is not None, expression
    assert normalised.value == value


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("in nineteen ninety-six", "1996"),  # broadcast transcripts spell years out
        ("January nineteen ninety-seven", "1997-01"),
        ("by the year two thousand", "2000"),
        ("for 2 1/2 years", "P2Y6M"),
        ("about 5 1/2 hours", "PT5H30M"),
        ("for sixty days", "P60D"),
        ("the 1988 third quarter", "1988-Q3"),
        ("this year's second quarter", "2024-Q2"),
        ("next year's first quarter", "2025-Q1"),
        ("the last half of 1989", "1989-H2"),
        ("the year ended March 31", "P1Y"),  # a fiscal year's span
        ("for the full year", "2024"),
        ("over the summer", "2024-SU"),
        ("this past spring", "2024-SP"),
        ("signed last May", "2024-05"),  # "May" with a cue before it is the month
        ("since May", "2024-05"),
        ("in mid-1996", "1996"),
        ("through the nineties", "199"),
        ("the nineteen-sixties", "196"),
        ("at midday", "2024-11-11T12:00"),
        ("at 4 in the morning", "2024-11-11T04:00"),
        ("at 10 at night", "2024-11-11T22:00"),
        ("before tomorrow's vote", "2024-11-12"),
        ("yesterday's announcement", "2024-11-10"),
    ],
)
def test_written_out_years_fractions_and_business_periods(expression, value):
    normalised = normalise(expression, MONDAY)
    assert normalised is not None, expression
    assert normalised.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was rescued on Thanksgiving Day.", "2023-11-23"),  # the fourth Thursday of November just gone
        ("The family will gather at Christmas.", "2024-12-25"),
        ("They have campaigned from now to Election Day.", "2024-11-05"),  # the Tuesday after the first Monday
        ("Turnout was low last Election Day.", "2024-11-05"),
        ("The shop was robbed on Christmas Eve.", "2023-12-24"),
    ],
)
def test_holidays_are_the_latest_one_or_the_coming_one(text, value):
    assert [t.value for t in find_times(text, MONDAY) if t.value[0].isdigit()] == [value]


def test_a_clock_time_followed_by_a_day_is_that_time_on_that_day():
    [offer] = find_times("The offer expires at 5 p.m. EST, Nov. 6.", MONDAY)
    assert (offer.text, offer.value) == ("5 p.m. EST, Nov. 6", "2024-11-06T17:00")
    [talks] = find_times("Negotiations broke off at noon Thursday.", MONDAY)
    assert (talks.text, talks.value) == ("noon Thursday", "2024-11-07T12:00")
    [alone] = find_times("The blast happened at 10:35 a.m.", MONDAY)
    assert alone.value == "2024-11-11T10:35"  # no day given: the article's


def test_high_noon_and_the_fall_of_a_government_are_no_times():
    assert find_times("It was high noon for the coalition after the fall of the government.", MONDAY) == []


def test_a_month_and_day_without_year_is_the_latest_such_day_or_one_in_the_coming_weeks():
    assert normalise("Dec. 30", date(2025, 1, 2)).value == "2024-12-30"
    assert normalise("Jan. 3", date(2024, 12, 30)).value == "2025-01-03"
    assert normalise("Oct. 23", date(1999, 5, 6)).value == "1998-10-23"  # "since the Oct. 23 shooting"
    assert normalise("Friday, Oct. 23", date(1998, 11, 21)).value == "1998-10-23"


def test_future_tense_looks_forward():
    [meeting] = find_times("The ministers will meet on Thursday in Orlen.", MONDAY)
    assert meeting.value == "2024-11-14"
    [vote] = find_times("The council is expected to vote in March.", MONDAY)
    assert vote.value == "2025-03"
    [suspended] = find_times("The port has suspended operations until Thursday.", MONDAY)
    assert suspended.value == "2024-11-14"  # a state that lasts until a day still to come
    [announced] = find_times("The result will be announced on Thursday.", MONDAY)
    assert announced.value == "2024-11-14"


def test_a_timetable_a_forecast_and_what_can_be_done_from_a_day_look_forward():
    [begins] = find_times("The suspension begins on Monday.", date(2024, 11, 8))
    assert begins.value == "2024-11-11"
    [forecast] = find_times("Rain is forecast for Saturday.", MONDAY)
    assert forecast.value == "2024-11-16"
    [filed] = find_times("Claims can be filed online from Thursday.", MONDAY)
    assert filed.value == "2024-11-14"
    [began] = find_times("The suspension began on Monday.", date(2024, 11, 8))
    assert began.value == "2024-11-04"
    [could_have] = find_times("The fire could have started on Thursday.", MONDAY)
    assert could_have.value == "2024-11-07"  # a possibility in the past


def test_a_past_verb_after_the_future_cue_dates_its_own_event():
    wednesday = date(2026, 8, 12)
    [decided] = find_times("The school will close, councillors decided at a meeting on Monday.", wednesday)
    assert decided.value == "2026-08-10"
    [travelling] = find_times("He would be travelling to the United States on Thursday.", wednesday)
    assert travelling.value == "2026-08-13"  # "United" is no verb


def test_an_initial_does_not_end_the_future_clause_and_effective_looks_forward():
    october = date(1989, 10, 26)
    [succeeds] = find_times("Mr. Schwarz will succeed Daniel P. Davison Feb. 1.", october)
    assert succeeds.value == "1990-02-01"
    [effective] = find_times("The board named a four-member office of the chairman, effective Feb. 1.", october)
    assert effective.value == "1990-02-01"


def test_plans_and_past_states_look_back():
    [approved] = find_times("The council approved plans for a stadium on Thursday.", MONDAY)
    assert approved.value == "2024-11-07"  # "plans" the noun is no future tense
    [postponed] = find_times("The hospital postponed 140 planned operations on Thursday.", MONDAY)
    assert postponed.value == "2024-11-07"
    [closed] = find_times("The road was closed until Thursday.", MONDAY)
    assert closed.value == "2024-11-07"
    [opening] = find_times("Until Thursday, police had not named a suspect.", MONDAY)
    assert opening.value == "2024-11-07"  # the sentence's verb comes after the day it opens with
    [ahead] = find_times("Until Thursday, the bridge will stay shut.", MONDAY)
    assert ahead.value == "2024-11-14"
    [announced] = find_times("They would appeal the decision, announced Thursday by the ministry.", MONDAY)
    assert announced.value == "2024-11-07"  # a past verb governs the day, whatever the clause's "would"
    [sales] = find_times("Shares fell after lower-than-expected sales on Thursday.", MONDAY)
    assert sales.value == "2024-11-07"


def test_the_weekend_is_the_one_just_gone_or_the_coming_one_in_the_future_tense():
    [coming] = find_times("The ministers will meet at the weekend.", MONDAY)
    assert coming.value == "2024-W46-WE"


def test_soon_and_previously_are_no_time_expressions():
    assert find_times("The ministry previously said the talks would end soon.", MONDAY) == []


def test_spans_leave_out_the_preposition_and_keep_offsets():
    text = "The ferry ran aground on Thursday after a storm."
    [thursday] = find_times(text, MONDAY)
    assert (thursday.text, text[thursday.start : thursday.end]) == ("Thursday", "Thursday")
    assert thursday.granularity == "day" and thursday.anchor == MONDAY


def test_modal_may_and_verb_march_are_not_months():
    assert find_times("Officials may march to the bridge.", MONDAY) == []
    assert find_times("Today's world is different, but you may disagree.", MONDAY) == []  # "today's world": no day


def test_a_second_day_after_and_is_a_day_of_the_same_month_and_a_count_is_not():
    assert [(t.text, t.value) for t in find_times("The summit is on April 24 and 25 in Washington.", MONDAY)] == [
        ("April 24", "2024-04-24"), ("25", "2024-04-25")
    ]
    assert [t.text for t in find_times("On April 4 and 30 people were hurt.", MONDAY)] == ["April 4"]


def test_numbers_ages_and_money_are_not_times():
    assert find_times("A 44-year-old man paid €2.1 million for 1,990 shares.", MONDAY) == []


def test_a_rate_is_no_span_of_time_but_a_span_after_a_verb_is():
    assert find_times("The cut will save $500 million a year and add four flights a week.", MONDAY) == []
    assert [t.value for t in find_times("The strike lasts a week, within a year of the last.", MONDAY)] == ["P1W", "P1Y"]


def test_a_year_ago_beside_a_quarter_means_that_quarter_a_year_back():
    text = "Net income rose in the third quarter, compared with a loss a year ago."
    assert [t.value for t in find_times(text, MONDAY)] == ["2024-Q3", "2023-Q3"]


def test_relative_expressions_without_an_anchor_are_left_unresolved():
    assert find_times("It happened on Thursday, in 2019.", None)[0].value == "2019"


def test_an_undated_articles_date_is_the_latest_full_date_it_names_as_past():
    text = "The ferry ran aground on November 7, 2024. The inquiry, opened on 9 November 2024, will report by 2025-01-15."
    assert infer_publication_date(text) == date(2024, 11, 9)


def test_no_full_date_no_inferred_date():
    assert infer_publication_date("The ferry ran aground on Thursday, officials said.") is None


@pytest.mark.parametrize(
    ("value", "day"),
    [("2025-08-09", "2025-08-09"), ("2025-08-09TAF", "2025-08-09"), ("2025-08-09T14:32", None), ("2025-W32", None), ("P3D", None)],
)
def test_the_day_a_value_names(value, day):
    assert day_of(value) == day


def test_a_clock_time_written_with_a_full_stop_is_hours_and_minutes():
    assert [(t.text, t.value) for t in find_times("The quake struck at 3.12am, the blast at 5.30 a.m.", MONDAY)] == [
        ("3.12am", "2024-11-11T03:12"),
        ("5.30 a.m.", "2024-11-11T05:30"),
    ]
    assert find_times("Shares rose 2.5 pm points.", MONDAY) == []


def test_a_clock_time_names_its_day_only_when_the_text_gives_the_day():
    [on_friday] = find_times("It happened at 6.30 a.m. on Friday.", MONDAY)
    [bare] = find_times("It happened at 6.30 a.m.", MONDAY)
    assert (day_named(on_friday), day_named(bare)) == ("2024-11-08", None)


def test_a_race_time_is_no_clock_time():
    assert find_times("Kiprop won in a time of 2:11:40.", MONDAY) == []


def test_a_decimal_does_not_end_the_future_clause():
    [april] = find_times("Council tax will rise by 4.99 percent from April.", date(2026, 2, 27))
    assert april.value == "2026-04"


def test_that_year_and_the_following_year_are_read_from_the_date_named_before_them():
    text = "On May 22, 1995, Farkas was made a general, and the following year he was appointed attaché."
    assert [(t.text, t.value) for t in find_times(text, MONDAY)] == [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]
    text = "She was shot on Oct. 23, 2024. Earlier that day the family had sent a fax; the next morning police came."
    assert [t.value for t in find_times(text, MONDAY)] == ["2024-10-23", "2024-10-23", "2024-10-24"]
    assert find_times("That year was hard for everyone.", MONDAY) == []  # nothing named before it: no year
