"""Publication dates as found in metadata: ISO, RFC 2822 (feeds, e-mail) and written-out forms.

Only the calendar date is kept, in the timezone the source wrote it in: an article stamped
"Mon, 11 Nov 2024 23:30:00 -0500" was published on the 11th where it was written, even
though it was already the 12th in UTC.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz

_WRITTEN_FORMATS = (
    "%B %d, %Y",  # November 11, 2024
    "%b %d, %Y",  # Nov 11, 2024
    "%d %B %Y",  # 11 November 2024
    "%d %b %Y",  # 11 Nov 2024
    "%Y/%m/%d",
    "%d.%m.%Y",
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class DateError(ValueError):
    """Raised with the reason as its message; the caller adds the location."""


def parse_date(value: str | date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if match := _ISO_DATE.match(text):
        return _iso(text, match)
    if (parts := parsedate_tz(text)) is not None:
        try:
            return date(parts[0], parts[1], parts[2])
        except ValueError:
            pass
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text.replace("Sept.", "Sep").replace(".", ""))
    for pattern in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise DateError(f"invalid date {str(value)!r}: expected YYYY-MM-DD")


def _iso(text: str, match: re.Match[str]) -> date:
    rest = text[match.end() :]
    if rest and not re.match(r"^([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)$", rest):
        raise DateError(f"invalid date {text!r}: expected YYYY-MM-DD")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise DateError(f"invalid date {text!r}: {exc}") from exc
