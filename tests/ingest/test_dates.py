from datetime import date

import pytest

from manysides.ingest.dates import DateError, parse_date

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-11", date(2024, 11, 11)),
        ("2024-11-11T23:30:00-05:00", date(2024, 11, 11)),
        ("2024-11-11T08:00:00Z", date(2024, 11, 11)),
        ("Mon, 11 Nov 2024 23:30:00 -0500", date(2024, 11, 11)),
        ("November 11, 2024", date(2024, 11, 11)),
        ("Nov. 11, 2024", date(2024, 11, 11)),
        ("11 November 2024", date(2024, 11, 11)),
        ("2024/11/11", date(2024, 11, 11)),
    ],
)
def test_publication_dates_in_common_forms(text, expected):
    assert parse_date(text) == expected


def test_a_late_evening_stamp_keeps_the_writers_calendar_day():
    # 23:30 in New York is already the next day in UTC; the article is of the 8th where it was written.
    assert parse_date("Fri, 08 Nov 2024 23:30:00 -0500") == date(2024, 11, 8)


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13-01", "yesterday", "11/12/2024", "2024-11-11 and more"])
def test_impossible_or_ambiguous_dates_are_refused(text):
    with pytest.raises(DateError, match="invalid date"):
        parse_date(text)
