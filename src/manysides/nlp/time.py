"""Time expressions: find them in text and normalise them TimeML-style against the article's date.

Rules, not a model: each rule is a regular expression plus a function that turns the match into
a TimeML value. Relative expressions resolve against the anchor (the article's publication date):

    "on Thursday" in an article of Monday 2024-11-11 → 2024-11-07 (the most recent Thursday on or
    before the anchor); "last week" → 2024-W45; "earlier this month" → 2024-11; "in September" →
    the most recent September not after the anchor; "a year ago" → 2023; "the third quarter" → 2024-Q3.

Values follow TimeML/TIMEX3: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, YYYY-Qn, YYYY-Hn, YYYY-SU,
decades as YYY, times as YYYY-MM-DDThh:mm or YYYY-MM-DDTMO/TAF/TEV/TNI, durations as P3Y/P2W/PT5H,
sets as P1D, and PRESENT_REF / PAST_REF / FUTURE_REF. Spans leave out a leading "on"/"in", as TimeML does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from manysides.model import Granularity, TimeExpr

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}  # fmt: skip
VAGUE = {"several", "few", "a few", "many", "some", "recent", "coming"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
DECADE_WORDS = {w: str(n) for n, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split(), 2)}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # month a season begins in (the northern meteorological seasons)
MONTH_CUES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
UNIT_CUES = ("minute", "hour", "day", "week", "month", "year", "decade")
HALF_UNITS = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}  # "2 1/2 years" → P2Y6M
UNIT_CODES = {"minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE"}

NEAR_FUTURE_DAYS = 60  # value F1 on TempEval-3 (eval/dates.py) at 0, 14, 30, 60–120, 183 days: 74.7, 75.6, 76.1, 76.5, 76.4
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_FULL_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBER = (
    r"(?<!/)(?P<number>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|several|few|a few|many|some)(?P<half>\s+1/2|\s+and\s+a\s+half)?"
)
_UNIT = r"(?P<unit>minute|hour|day|week|month|year|decade)s?"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_TENS = "ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# Broadcast transcripts spell years out: "nineteen ninety-six" (the year 2000 only as "the year two thousand")
_YEAR = rf"(?P<year>(?:1[89]|20)\d\d|nineteen[\s-]+(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?)"


@dataclass(frozen=True, slots=True)
class Normalised:
    value: str
    granularity: Granularity
    years_back: int = 0  # "a year ago", "last year": in a sentence about a quarter, that quarter a year back


Handler = Callable[[re.Match[str], date | None], Normalised | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    """A pattern, its handler, and cues: lower-case substrings one of which every match contains.

    The cues are a cheap pre-test (`in` on the lower-cased text): a rule whose cues are all absent
    cannot match, so its regular expression is not run.
    """

    name: str
    pattern: re.Pattern[str]
    handle: Handler
    cues: tuple[str, ...] = ()


# --- calendar helpers ----------------------------------------------------------------------


def _day(day: date) -> Normalised:
    return Normalised(day.isoformat(), "day")


def _month(year: int, month: int) -> Normalised:
    return Normalised(f"{year:04d}-{month:02d}", "month")


def _week(day: date) -> Normalised:
    year, week, _ = day.isocalendar()
    return Normalised(f"{year:04d}-W{week:02d}", "week")


def _shift_month(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _number(text: str) -> int | None:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBERS.get(text.removeprefix("a "))


def _year_number(text: str) -> int:
    """A year as written: "1996" or "nineteen ninety-six" → 1996."""
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower())[1:]
    return 1900 + NUMBERS[words[0]] + (NUMBERS[words[1]] if len(words) > 1 else 0)


def _year_of_day(anchor: date, month: int, day: int, future: bool) -> int:
    """The year of a day named without one: the next such day when the clause speaks of the future or the day
    is at most `NEAR_FUTURE_DAYS` ahead ("the vote on Nov. 5", written on Oct. 28), else the most recent —
    news reports the past ("the Oct. 23 shooting", written the next May)."""
    try:
        this_year = date(anchor.year, month, min(day, 28))
    except ValueError:
        return anchor.year
    upcoming = anchor.year if this_year > anchor else anchor.year + 1
    if future or (date(upcoming, month, min(day, 28)) - anchor).days <= NEAR_FUTURE_DAYS:
        return upcoming
    return anchor.year if this_year <= anchor else anchor.year - 1


# "plan" only as a verb: "plans to meet on Friday", not "approved plans for a stadium on Tuesday" or
# "postponed 140 planned operations after … on Tuesday"; "lower-than-expected earnings" is no cue either.
_FUTURE_CUE = re.compile(
    r"(?<!-)\b(?:will|would|'ll|shall|scheduled|effective|(?:plans?|planned|planning) to|planned for|set to|expects?|expected|due to|"
    r"as soon as|as early as|going to|upcoming|to be held|forecast for|(?:can|could|may|might)(?!\s+have\b)|"
    # the present of a timetable: "The suspension begins on Monday", "the exhibition opens Friday"
    r"(?:begins|starts|opens|reopens|closes|ends|resumes|takes effect|comes into force|goes ahead|kicks off))\b"
    r"(?:[^.!?]|(?<=\b[A-Z])\.|(?<=\d)\.(?=\d))*$",  # "will succeed Daniel P. Davison Feb. 1", "by 4.99 percent"
    re.IGNORECASE,
)
_IRREGULAR_PAST = "said|told|met|made|took|gave|held|began|came|went|saw|found|left|led|fell|rose|sent|struck|won|lost"
# A verb in the past right before the expression ("announced Wednesday") — not a participle after "be" or
# "have" ("will be announced on Friday", "will have finished by Friday").
_PAST_VERB_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bhave )(?<![-\w])(?!(?:expected|scheduled|planned|slated|needed)\b)"
    rf"(?:\w{{3,}}ed|{_IRREGULAR_PAST})\s+(?:on\s+)?(?:late\s+|early\s+)?$",
    re.IGNORECASE,
)
# A verb in the past after a future cue, before the expression: the expression is that verb's, not the cue's.
# Not a participle after "be", "have", "is"/"are", "stay", "remain" ("will be closed until", "will stay closed
# until", "once repairs are completed on", "to be fully restored by"),
# nor a word that only ends like one ("a hundred", "proceed").
_PAST_AFTER_CUE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bhave )(?<!\bis )(?<!\bare )(?<!\bbeing )(?<!\bstay )(?<!\bremain )(?<!\bget )"
    r"(?<!\bkeep )(?<!\bfully )(?<![-\w])"
    r"(?!(?:hundred|indeed|need|speed|proceed|exceed|succeed|expected|scheduled|planned|slated|needed|un\w+)\b)"
    rf"(?:[a-z]\w{{2,}}ed|{_IRREGULAR_PAST})\b"
)  # lower case: "the United States" is no verb; "un…ed" is mostly an adjective ("a still unspecified date")
# "has suspended operations until Monday", "are closed until Wednesday": a state lasting until a named day
# that is still to come — unless the clause is in the past ("was closed until Monday").
_CLOCK = (  # "6.30 a.m.", "3.12am", "10:45 p.m.", "noon", "4 in the morning"; "high noon" is no time
    r"(?<![\d.:])\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b)"
    r"|(?<!high\s)\b(?P<named>noon|midday|midnight)\b"
    r"|(?<![\d.:])\b(?P<spoken>[1-9]|1[0-2])(?:\s+o['’]clock)?\s+(?P<daypart>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b"
)
_CLOCK_24H = r"(?<![\d.:])\b(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)\b(?!:\d|\s*(?:a\.m|p\.m|am|pm))"  # not "2:11:40"
_PAST_AUXILIARY = re.compile(r"\b(?:was|were|had|did)\b", re.IGNORECASE)
_UNTIL_NOW = re.compile(r"^(?![^.!?]*\b(?:was|were|had|did)\b)[^.!?]*\b(?:until|till)\s+(?:next\s+)?$", re.IGNORECASE)


def _future(match: re.Match[str]) -> bool:
    """Whether the clause before the expression speaks of the future ("will meet on Thursday", "is closed
    until Monday") — unless a verb in the past governs the expression itself ("would appeal the decision,
    announced Wednesday by the commissioner"; "earnings lower than expected after the market closed Wednesday")."""
    before = match.string[max(0, match.start() - 80) : match.start()]
    clause = re.split(r"[.!?;]\s", before)[-1]
    if _PAST_VERB_BEFORE.search(before):
        return False
    cue = _FUTURE_CUE.search(before)
    if cue is not None and _PAST_AFTER_CUE.search(before, cue.start()):
        return False  # "will close, councillors decided at a meeting on Monday": the day is the decision's
    if cue:
        return True
    if not _UNTIL_NOW.search(clause):
        return False
    # a sentence that opens with "Until Thursday," has its verb after the day: "Until Thursday, they had not called"
    after = re.split(r"[.!?;]\s", match.string[match.end() : match.end() + 80])[0]
    return not (re.fullmatch(r"\s*(?:until|till)\s+", clause, re.IGNORECASE) and _PAST_AUXILIARY.search(after))


def _past_verb_before(match: re.Match[str]) -> bool:
    return bool(_PAST_VERB_BEFORE.search(match.string[max(0, match.start() - 80) : match.start()]))


def _group(match: re.Match[str], name: str) -> str:
    return (match.groupdict().get(name) or "").lower()


# --- rule handlers -------------------------------------------------------------------------


def _iso(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    try:
        return _day(date(int(match["y"]), int(match["m"]), int(match["d"])))
    except ValueError:
        return None


def _month_day(match: re.Match[str], anchor: date | None) -> Normalised | None:
    month, day = MONTHS[_group(match, "month").rstrip(".")], int(match["day"])
    year = _year_number(match["year"]) if match["year"] else (_year_of_day(anchor, month, day, _future(match)) if anchor else None)
    if year is None:
        return Normalised(f"XXXX-{month:02d}-{day:02d}", "day")
    try:
        return _day(date(year, month, day))
    except ValueError:
        return None


def _month_year(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    return _month(_year_number(match["year"]), MONTHS[_group(match, "month").rstrip(".")])


def _month_alone(match: re.Match[str], anchor: date | None) -> Normalised | None:
    month = MONTHS[_group(match, "month") or _group(match, "may")]
    if anchor is None:
        return Normalised(f"XXXX-{month:02d}", "month")
    which = _group(match, "which") or _group(match, "which_may")
    if which == "next":
        return _month(anchor.year + (month <= anchor.month), month)
    if which == "last":
        return _month(anchor.year - (month >= anchor.month), month)
    if which == "this":
        return _month(anchor.year, month)
    if _future(match):
        return _month(anchor.year + (month < anchor.month), month)  # the next such month
    return _month(anchor.year - (month > anchor.month), month)  # the most recent such month


def _year(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    return Normalised("2000" if _group(match, "y2k") else f"{_year_number(match['year']):04d}", "year")


def _decade(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    return Normalised(match["decade"][:3], "decade")


ANAPHOR = "ANAPHOR"  # a placeholder value, resolved against the date the text named before it (`_anaphoric`)


def _anaphoric_rule(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    unit = _group(match, "that") or _group(match, "step_unit")
    step = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get(_group(match, "step"), 0)
    return Normalised(f"{ANAPHOR}:{'day' if unit == 'morning' else unit}:{step}", "reference")


def _decade_words(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    century = "18" if _group(match, "century") == "eighteen" else "19"
    return Normalised(f"{century}{DECADE_WORDS[_group(match, 'tens')]}", "decade")


def _weekday(match: re.Match[str], anchor: date | None) -> Normalised | None:
    if anchor is None:
        return None
    target, which = WEEKDAYS.index(_group(match, "weekday")), _group(match, "which")
    back = (anchor.weekday() - target) % 7
    if which == "next":
        day = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    elif which in ("last", "past"):
        day = anchor - timedelta(days=back or 7)
    elif _future(match):
        day = anchor + timedelta(days=(target - anchor.weekday()) % 7)
    else:
        day = anchor - timedelta(days=back)
    return _day(day)  # "Thursday night" is dated Thursday: TimeML spans and values keep the day


def _with_part(normalised: Normalised, match: re.Match[str]) -> Normalised:
    part = _group(match, "part")
    return Normalised(f"{normalised.value}T{PARTS_OF_DAY[part]}", "day") if part else normalised


def _nth_weekday(year: int, month: int, weekday: int, nth: int, after: int = 1) -> date:
    """The `nth` `weekday` (0 = Monday) of a month on or after day `after`: Thanksgiving is the 4th Thursday."""
    first = date(year, month, after)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _thanksgiving(year: int) -> date:
    return _nth_weekday(year, 11, 3, 4)  # US: the fourth Thursday of November


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "fourth of july": _fixed(7, 4),
    "july fourth": _fixed(7, 4),
    "halloween": _fixed(10, 31),
    "valentine's day": _fixed(2, 14),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "election day": lambda year: _nth_weekday(year, 11, 1, 1, after=2),  # US: the Tuesday after the first Monday
}


def _holiday(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """A holiday ("Christmas Eve", "Thanksgiving", "Election Day"): the next one when the clause speaks of the
    future, says "next", or it is at most `NEAR_FUTURE_DAYS` ahead ("from now to Election Day", but not
    "was rescued on Thanksgiving Day"), else the last."""
    if anchor is None:
        return None
    name = re.sub(r"\s+", " ", _group(match, "holiday")).replace("’", "'").removeprefix("the ")
    on_day = HOLIDAYS[name]
    which, this_year = _group(match, "which"), on_day(anchor.year)
    if which == "this":
        return _day(this_year)
    upcoming = this_year if this_year >= anchor else on_day(anchor.year + 1)
    near = (upcoming - anchor).days <= NEAR_FUTURE_DAYS and not _past_verb_before(match)
    if which == "next" or (which != "last" and (_future(match) or near)):
        return _day(upcoming)
    latest = this_year if this_year < anchor or (this_year == anchor and which != "last") else on_day(anchor.year - 1)
    return _day(latest)  # "last Christmas", said on Christmas Day, is the year before


def _deictic_day(match: re.Match[str], anchor: date | None) -> Normalised | None:
    if anchor is None:
        return None
    word = _group(match, "deictic")
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    result = _with_part(_day(anchor + timedelta(days=offset)), match)
    return Normalised(result.value + "TNI", "day") if word == "tonight" else result


def _this_part_of_day(match: re.Match[str], anchor: date | None) -> Normalised | None:
    if anchor is None:
        return None
    day = anchor - timedelta(days=1) if _group(match, "which") == "last" else anchor
    return Normalised(f"{day.isoformat()}T{PARTS_OF_DAY[_group(match, 'part')]}", "day")


def _relative_unit(match: re.Match[str], anchor: date | None) -> Normalised | None:
    if anchor is None:
        return None
    which, unit = _group(match, "which"), _group(match, "unit")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        return _week(anchor + timedelta(weeks=step))
    if unit == "weekend":
        return Normalised(_week(anchor + timedelta(weeks=step)).value + "-WE", "week")
    if unit == "month":
        return _month(*_shift_month(anchor, step))
    if unit == "year":
        return Normalised(f"{anchor.year + step:04d}", "year", years_back=-step if step < 0 else 0)
    if unit == "quarter":
        year, month = _shift_month(anchor, 3 * step)
        return Normalised(f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter")
    if unit == "decade":
        return Normalised(f"{(anchor.year // 10 + step):03d}", "decade")
    return None


def _the_weekend(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """ "the weekend": the one just gone (on Saturday or Sunday, that one), or the coming one when the clause
    speaks of the future ("will meet at the weekend")."""
    if anchor is None:
        return None
    ahead = _future(match) and anchor.weekday() < 5
    week = anchor if anchor.weekday() >= 5 or ahead else anchor - timedelta(weeks=1)
    return Normalised(_week(week).value + "-WE", "week")


def _season(match: re.Match[str], anchor: date | None) -> Normalised | None:
    code = SEASONS[_group(match, "season")]
    if match["year"]:
        return Normalised(f"{_year_number(match['year']):04d}-{code}", "season")
    if anchor is None:
        return None
    which = re.sub(r"\s+", " ", _group(match, "which"))
    if which == "this past" or (match["the"] and not _future(match)):  # the latest one begun by the anchor
        return Normalised(f"{anchor.year - (SEASON_STARTS[code] > anchor.month):04d}-{code}", "season")
    step = {"last": -1, "next": 1}.get(which, 0)
    return Normalised(f"{anchor.year + step:04d}-{code}", "season")


def _ago(match: re.Match[str], anchor: date | None) -> Normalised | None:
    count = _number(match["number"])
    if anchor is None or count is None:
        return None
    unit = _group(match, "unit")
    if unit == "day":
        return _day(anchor - timedelta(days=count))
    if unit == "week":
        return _week(anchor - timedelta(weeks=count))
    if unit == "month":
        return _month(*_shift_month(anchor, -count))
    if unit == "year":
        return Normalised(f"{anchor.year - count:04d}", "year", years_back=count)
    if unit == "decade":
        return Normalised(f"{(anchor.year - 10 * count) // 10:03d}", "decade")
    return None


_YEAR_ENDED = re.compile(r"\s+end(?:ed|ing)\b")


def _the_year(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """ "the year ended March 31" is a year's span (business news); "for the full year", "the year" alone, "by
    year-end", "the end of the year" the article's year."""
    if _YEAR_ENDED.match(match.string, match.end()):
        return Normalised("P1Y", "duration")
    return Normalised(f"{anchor.year:04d}", "year") if anchor else None


def _year_earlier(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """ "year-earlier", "the year-ago quarter": a year back, made precise by a nearby quarter."""
    if anchor is None:
        return None
    return Normalised(f"{anchor.year - 1:04d}", "year", years_back=1)


def _quarter_rule(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """ "the third quarter", "the first half of 1990", "the 1988 second quarter", "next year's first quarter";
    without an ordinal ("the quarter", "last year's quarter") the quarter just ended, in the year named."""
    ordinal, kind = _group(match, "ordinal"), _group(match, "kind")
    letter, per_year = ("Q", 4) if kind == "quarter" else ("H", 2)
    named_year = match["year"] or match["year_first"]
    whose = _group(match, "whose")
    if named_year:
        year = _year_number(named_year)
    elif anchor is None:
        return None
    else:
        year = anchor.year + {"last": -1, "next": 1}.get(whose, 0)
    current = _quarter(anchor) if anchor else 1
    if letter == "H":
        current = 1 if current <= 2 else 2
    number = per_year if ordinal == "last" and letter == "H" and named_year else ORDINALS.get(ordinal)
    if number is None:  # "the latest quarter", "the last quarter", "the quarter": the one just ended
        number = current - 1 if ordinal in ("latest", "last", "") else current
        if number == 0:
            number, year = per_year, year - 1
    elif not (named_year or whose) and number > current:
        year -= 1
    if number > per_year:
        return None
    return Normalised(f"{year:04d}-{letter}{number}", "quarter")


# What comes before "a year" in a rate: "$1.76 a year", "358,000 a month", "four flights a week", "24 hours a day"
_RATE_BEFORE = re.compile(
    rf"\b(?:\d[\d,.]*|{'|'.join(n for n in NUMBERS if n not in ('a', 'an'))}|thousand|several|many)"
    r"(?:\s*(?:%|percent|per cent|million|billion|bn|m|k|pounds|dollars|euros))?(?:\s+[a-z]+s)?\s+$",
    re.IGNORECASE,
)


def _duration(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    unit = UNIT_CODES[_group(match, "unit")]
    raw = _group(match, "number")
    if raw in ("a", "an") and _RATE_BEFORE.search(match.string, max(0, match.start() - 30), match.start()):
        return None  # a rate, not a span of time: "save $500 million a year", "seats a week"
    count = "X" if raw in VAGUE or not raw else str(_number(raw) or "X")
    if unit == "DE":
        return Normalised(f"P{count}0Y" if count != "X" else "PXDE", "duration")
    prefix = "PT" if unit.startswith("T") else "P"
    half = HALF_UNITS.get(unit, "") if match.groupdict().get("half") and count != "X" else ""
    return Normalised(f"{prefix}{count}{unit[-1]}{half}", "duration")


def _clock(match: re.Match[str], anchor: date | None) -> Normalised | None:
    """A time of day, on the article's day unless a day follows it ("10 p.m. Wednesday": see `_clock_on_day`)."""
    named = _group(match, "named")
    if _group(match, "spoken"):  # "4 in the morning", "10 at night"
        hour = int(match["spoken"]) % 12 + (0 if "morning" in _group(match, "daypart") else 12)
        hour = 24 if hour == 12 and "night" in _group(match, "daypart") else hour  # "12 at night" is midnight
        return Normalised(f"{anchor.isoformat() if anchor else 'XXXX-XX-XX'}T{hour:02d}:00", "time")
    hour, minute = (24 if named == "midnight" else 12, 0) if named else (int(match["hour"]), int(match["minute"] or 0))
    meridiem = _group(match, "meridiem").replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Normalised(f"{day}T{hour:02d}:{minute:02d}", "time")


def _reference(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    word = match.group(0).lower()
    if word in ("now", "currently", "current", "at present", "presently", "nowadays"):
        return Normalised("PRESENT_REF", "reference")
    if "future" in word:
        return Normalised("FUTURE_REF", "reference")
    return Normalised("PAST_REF", "reference")


def _set(match: re.Match[str], _anchor: date | None) -> Normalised | None:
    word = match.group(0).lower()
    for key, value in (("da", "P1D"), ("week", "P1W"), ("month", "P1M"), ("year", "P1Y"), ("annual", "P1Y")):
        if key in word:
            return Normalised(value, "set")
    return None


def _this_or_that(word_pattern: str) -> str:
    return rf"(?:(?P<which>last|next|this|past|previous|coming|earlier\s+this|later\s+this)\s+){word_pattern}"


def _rule(name: str, pattern: str, handle: Handler, cues: tuple[str, ...], flags: int = re.IGNORECASE) -> _Rule:
    return _Rule(name, re.compile(pattern, flags), handle, cues)


_IN_CLAUSE = r"(?!\s+(?:ago|earlier|before)\b)(?!-old)"  # "two years ago" is a date, "a 44-year-old" no time
# "previously" and "soon" are left out: TimeML annotators marked 3 of 23 and 5 of 18 in TempEval-3, and
# neither places anything on a timeline. "current" is the present ("the current crisis"); "in recent
# years" is the past as a whole, not a count of years.
_REFERENCES = r"now|currently|current|at present|presently|nowadays|recently|recent\s+(?:years|months|weeks|days)|the past|formerly|the future"


def _rules() -> list[_Rule]:
    return [
        _rule("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _iso, ("-",)),
        _rule(
            "month-day",
            # "Friday, Oct. 23" is one expression: the date names the day, the weekday only confirms it
            rf"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?",
            _month_day,
            MONTH_CUES,
        ),
        _rule(
            "day-month",
            rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?",
            _month_day,
            MONTH_CUES,
        ),
        _rule("month-year", rf"\b{_MONTH},?\s+{_YEAR}\b", _month_year, MONTH_CUES),
        _rule(  # case-sensitive, so the verb "march" and the modal "may" are not months; "May" needs a cue
            "month",  # before it: "in May", "last May", "by May", "since May", "until May", "early May"
            rf"(?:\b(?P<which>last|next|this|early|mid|late)[\s-]+)?\b{_FULL_MONTH}\b(?!\s+\d)(?<!\bMay)"
            r"|(?:\b(?P<which_may>last|next|this|early|mid|late)[\s-]+|(?<=\bin\s)|(?<=\bby\s)|(?<=\bsince\s)|(?<=\buntil\s))"
            r"(?P<may>May)\b(?!\s+\d)",
            _month_alone,
            MONTH_CUES,
            flags=0,
        ),
        _rule("decade", r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)'?s\b", _decade, ("0s", "0's")),
        _rule(  # "the nineties", "the nineteen-sixties" (the 20th century's unless another is named)
            "decade-words",
            rf"\bthe\s+(?:(?P<century>eighteen|nineteen)[\s-]+)?(?P<tens>{'|'.join(DECADE_WORDS)})\b",
            _decade_words,
            tuple(DECADE_WORDS),
        ),
        _rule(
            "year",
            rf"(?<![\d,.$€£-])\b(?:fiscal\s+)?{_YEAR}\b(?!\d|%|-\d|[.,]\d)|\bthe\s+year\s+(?P<y2k>two\s+thousand)\b",
            _year,
            ("18", "19", "20", "nineteen", "thousand"),
        ),
        _rule("year-part", rf"\b(?:mid|early|late)-{_YEAR}\b", _year, ("mid-", "early-", "late-")),  # "in mid-1996"
        _rule(
            "the-year",
            r"\bthe\s+(?:(?:fiscal|full|current)\s+)?year\b(?![-\s](?:earlier|ago|before|after|of|in|two|when)\b|s\b)"
            r"|\b(?:the\s+end\s+of\s+the\s+year|year['’]s\s+end|year[\s-]end)\b",
            _the_year,
            ("year",),
        ),
        _rule(
            "year-earlier",
            r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period))?\b",
            _year_earlier,
            ("year",),
        ),
        _rule("weekday", rf"\b(?:(?P<which>last|next|this|past)\s+)?{_WEEKDAY}{_PART}\b", _weekday, tuple(WEEKDAYS)),
        _rule(  # case-sensitive: "Election Day" is a date, "on election day" in a poll's question is no holiday
            "holiday",
            r"(?:\b(?P<which>last|next|this)\s+)?\b(?P<holiday>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
            r"New\s+Year['’]s\s+(?:Day|Eve)|the\s+Fourth\s+of\s+July|July\s+Fourth|Halloween|Valentine['’]s\s+Day|Election\s+Day)\b",
            _holiday,
            ("thanksgiving", "christmas", "new year", "july", "halloween", "valentine", "election day"),
            flags=0,
        ),
        _rule(  # "tomorrow's vote" is a day, "today's world" none
            "deictic",
            rf"\b(?P<deictic>today|tonight|yesterday|tomorrow)(?!(?<=today|night)['’]s\b){_PART}\b",
            _deictic_day,
            ("today", "tonight", "yesterday", "tomorrow"),
        ),
        _rule(
            "part-of-day",
            r"\b(?P<which>this|last)\s+(?P<part>morning|afternoon|evening|night)\b",
            _this_part_of_day,
            ("morning", "afternoon", "evening", "night"),
        ),
        _rule(
            "season",
            rf"\b(?:(?P<which>last|next|this\s+past|this)\s+|(?P<the>the\s+(?:early\s+|late\s+)?)(?=summer|winter|spring))?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b",
            _season_if_cued,
            tuple(SEASONS),
        ),
        _rule("ago", rf"\b{_NUMBER}\s+{_UNIT}\s+(?:ago|earlier|before)\b", _ago, ("ago", "earlier", "before")),
        _rule(  # "later that year", "that same day", "the following year", "the next morning": see `_anaphoric`
            "anaphoric",
            r"\b(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<that>day|month|year)\b(?!['’]s)"
            r"|\bthe\s+(?P<step>following|previous|preceding|next)\s+(?P<step_unit>day|morning|month|year)\b"
            r"(?<!next\smonth)(?<!next\syear)",
            _anaphoric_rule,
            ("that", "same", "following", "previous", "preceding", "next"),
        ),
        _rule("the-weekend", r"\bthe\s+weekend\b", _the_weekend, ("weekend",)),
        _rule(
            "relative-unit",
            _this_or_that(r"(?P<unit>week|weekend|month|year|quarter|decade)\b(?!s)"),
            _relative_unit,
            UNIT_CUES,
        ),
        _rule(
            "quarter",
            r"\b(?:the\s+)?(?:(?P<whose>this|last|next)\s+year['’]s\s+|(?P<year_first>(?:1[89]|20)\d\d)\s+)?"
            r"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current)[\s-]+)?"
            rf"(?P<kind>quarter|half)\b(?:\s+of\s+{_YEAR})?",
            _quarter_if_cued,
            ("quarter", "half"),
        ),
        _rule(
            "duration",
            rf"\b(?:the\s+)?(?:(?:past|last|next|first|coming|previous)\s+)?{_NUMBER}[\s-]+{_UNIT}\b{_IN_CLAUSE}",
            _duration,
            UNIT_CUES,
        ),
        _rule(
            "vague-duration",
            r"\b(?:for\s+)?(?P<unit>minute|hour|day|week|month|year|decade)s\b(?=\s+(?:of|later|to come|ago)\b|[.,;])",
            _duration,
            UNIT_CUES,
        ),
        _rule(
            "clock",
            _CLOCK,
            _clock,
            ("am", "pm", "a.m", "p.m", "noon", "midday", "midnight", "in the morning", "in the afternoon", "in the evening", "at night"),
        ),
        _rule("clock-24h", _CLOCK_24H, _clock, (":",)),
        _rule(
            "reference",
            rf"\b(?:{_REFERENCES})\b",
            _reference,
            ("now", "current", "present", "recent", "past", "former", "future"),
        ),
        _rule(
            "set",
            r"\b(?:daily|weekly|monthly|annually|yearly|every\s+(?:day|week|month|year))\b",
            _set,
            ("daily", "weekly", "monthly", "annual", "yearly", "every"),
        ),
    ]


def _season_if_cued(match: re.Match[str], anchor: date | None) -> Normalised | None:
    # A bare "fall" or "spring" is usually a verb or a noun ("a fall in prices"): require a cue ("the fall"
    # of a government is no cue).
    if not (match["which"] or match["year"] or match["the"]):
        return None
    return _season(match, anchor)


def _quarter_if_cued(match: re.Match[str], anchor: date | None) -> Normalised | None:
    # "half" alone ("half the staff") is not a time; "the quarter" is, in business news.
    if _group(match, "kind") == "half" and not match["ordinal"]:
        return None
    if not (match["ordinal"] or match["whose"] or match.group(0).lower().startswith("the")):
        return None
    return _quarter_rule(match, anchor)


RULES = _rules()


_CALENDAR_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T(?:" + "|".join(sorted(set(PARTS_OF_DAY.values()))) + "))?")


def day_named(time: TimeExpr) -> str | None:
    """The calendar day an expression names: its value's, or for a clock time the day it is joined to ("6.30
    a.m. on Friday" → that Friday); None for a bare clock time ("at 6.30 a.m."), whose day is the article's
    only by default, and for weeks, months and durations."""
    if (day := day_of(time.value)) is not None:
        return day
    bare = any(re.fullmatch(clock, time.text, re.IGNORECASE) for clock in (_CLOCK, _CLOCK_24H))
    if time.granularity == "time" and not bare and time.value[:1].isdigit():
        return time.value[:10]
    return None


def day_of(value: str) -> str | None:
    """The calendar day a value names ("2025-08-09", "2025-08-09TAF" → "2025-08-09"); None for weeks, months,
    durations, and clock times, whose day is the article's only by default ("at 14:32")."""
    match = _CALENDAR_DAY.fullmatch(value)
    return match.group(1) if match else None


def find_times(text: str, anchor: date | None) -> list[TimeExpr]:
    """Every time expression in `text`, longest first where they overlap, normalised against `anchor`."""
    candidates: list[tuple[int, int, Normalised]] = []
    lowered = text.lower()
    for rule in RULES:
        if not any(cue in lowered for cue in rule.cues):
            continue
        for match in rule.pattern.finditer(text):
            normalised = rule.handle(match, anchor)
            if normalised is not None:
                candidates.append((match.start(), match.end(), normalised))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
    taken = _anaphoric(_in_quarter_context(_second_day(_clock_on_day(_without_overlaps(candidates), text), text)))
    return [
        TimeExpr(start, end, text[start:end], n.value, n.granularity, anchor)
        for start, end, n in taken
    ]


def _without_overlaps(candidates: list[tuple[int, int, Normalised]]) -> list[tuple[int, int, Normalised]]:
    """The candidates, in the order given, that overlap none taken before them; sorted by start. The taken
    ones never overlap, so sorted by start they are sorted by end too, and the only one that can overlap a
    candidate is the last that starts before the candidate's end (a bisection, where comparing with every
    one taken was quadratic in long articles)."""
    starts: list[int] = []
    taken: list[tuple[int, int, Normalised]] = []
    for start, end, normalised in candidates:
        index = bisect_left(starts, end)
        if index == 0 or taken[index - 1][1] <= start:
            starts.insert(index, start)
            taken.insert(index, (start, end, normalised))
    return taken


# "April 24 and 25." / "… 25 at the summit" — not "April 4 and 30 people", "March 3 and 15 percent"
_AND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,:]?\d)"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|of|to|for|when|while|as|and|with|before|after)\b)"
)


def _second_day(found: list[tuple[int, int, Normalised]], text: str) -> list[tuple[int, int, Normalised]]:
    """ "April 24 and 25": the second number is a day of the same month."""
    result: list[tuple[int, int, Normalised]] = []
    for start, end, normalised in found:
        result.append((start, end, normalised))
        day = day_of(normalised.value)
        second = _AND_DAY.match(text, end) if day is not None and text[end - 1 : end].isdigit() else None
        if second is not None and int(second[1]) > int(day[8:]):
            try:
                result.append((second.start(1), second.end(1), _day(date.fromisoformat(day).replace(day=int(second[1])))))
            except ValueError:
                continue  # "February 28 and 30"
    return result


_BETWEEN_CLOCK_AND_DAY = re.compile(r"\s*(?:[A-Z]{2,4}\b)?,?\s*(?:on\s+)?")  # "5 p.m. EST, Nov. 6", "noon on Friday"


def _clock_on_day(found: list[tuple[int, int, Normalised]], text: str) -> list[tuple[int, int, Normalised]]:
    """A clock time followed by the day it is on ("9 a.m. Tuesday", "midnight Friday") is one expression:
    the time on that day, not on the article's."""
    result: list[tuple[int, int, Normalised]] = []
    for start, end, normalised in found:
        if result and result[-1][2].granularity == "time" and _BETWEEN_CLOCK_AND_DAY.fullmatch(text, result[-1][1], start):
            day = day_of(normalised.value)
            if day is not None:
                clock_start, _, clock = result.pop()
                result.append((clock_start, end, Normalised(f"{day}T{clock.value.split('T')[1]}", "time")))
                continue
        result.append((start, end, normalised))
    return result


def _anaphoric(found: list[tuple[int, int, Normalised]]) -> list[tuple[int, int, Normalised]]:
    """ "that year", "later that day", "the following year", "the next morning" mean the year, day or month
    of the latest date named before them, or the one after it: "On May 22, 1995, Farkas was made a general,
    and the following year he was appointed attaché" → 1996. With no such date before them they are dropped."""
    result: list[tuple[int, int, Normalised]] = []
    latest: str | None = None  # the value of the latest day, month or year named so far
    for start, end, normalised in found:
        if normalised.value.startswith(ANAPHOR):
            _, unit, step = normalised.value.split(":")
            resolved = _step(latest, unit, int(step)) if latest else None
            if resolved is not None:
                result.append((start, end, resolved))
            continue
        named = day_of(normalised.value) or (normalised.value if re.fullmatch(r"\d{4}(?:-\d{2})?", normalised.value) else None)
        latest = named or latest
        result.append((start, end, normalised))
    return result


def _step(value: str, unit: str, step: int) -> Normalised | None:
    """The day, month or year of `value` moved `step` of them: ("1995-05-22", "year", 1) → 1996."""
    parts = [int(part) for part in value.split("-")]
    if unit == "year":
        return Normalised(f"{parts[0] + step:04d}", "year")
    if unit == "month" and len(parts) >= 2:
        month = parts[0] * 12 + parts[1] - 1 + step
        return _month(month // 12, month % 12 + 1)
    if unit == "day" and len(parts) == 3:
        return _day(date(*parts) + timedelta(days=step))
    return None


def _in_quarter_context(
    found: list[tuple[int, int, Normalised]], reach: int = 300
) -> list[tuple[int, int, Normalised]]:
    """Business news compares a quarter with "a year ago": that is the same quarter, a year back."""
    result = []
    quarter: tuple[int, str] | None = None  # (end offset, value) of the last quarter seen
    for start, end, normalised in found:
        if normalised.granularity == "quarter" and "-Q" in normalised.value:
            quarter = (end, normalised.value)
        elif normalised.years_back > 0 and quarter is not None and start - quarter[0] <= reach:
            year, number = quarter[1].split("-Q")
            normalised = Normalised(f"{int(year) - normalised.years_back:04d}-Q{number}", "quarter")
        result.append((start, end, normalised))
    return result


def normalise(expression: str, anchor: date | None) -> Normalised | None:
    """The value of one expression on its own ("on Thursday", "last week"), or None if we cannot tell."""
    found = find_times(expression, anchor)
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    return Normalised(best.value, best.granularity)


_DEADLINE = re.compile(r"\b(?:by|until|till|before|from)\s*$", re.IGNORECASE)


def infer_publication_date(text: str) -> date | None:
    """An undated article's likely date: the latest full date it names as past or present.

    Dates in future clauses ("will report on 15 January") and deadlines ("by 15 January") are left
    out: they say when something will happen, not when the article was written. None when the text
    names no full date; then the story the article joins is the next clue (not used yet).
    """
    days = []
    for found in find_times(text, None):
        if found.granularity != "day" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.value):
            continue
        before = text[max(0, found.start - 80) : found.start]
        if _FUTURE_CUE.search(before) or _DEADLINE.search(before):
            continue
        days.append(date.fromisoformat(found.value))
    return max(days, default=None)
