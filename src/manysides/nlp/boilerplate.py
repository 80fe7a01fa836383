"""Lines that are not part of the story: bylines, related-link promos, photo credits, subscription
prompts, share buttons, copyright and wire credits — and the wire dateline that opens the first story
line ("HALDEN, May 20 (Meridian Wire) - "), which the parser would otherwise read as the subject of
the first sentence.

They stay in the stored text (offsets never move); the analysis sees them blanked out, so no
sentence, entity or date is read from them. Each rule is a whole-line pattern, kept strict: a
story sentence that merely mentions a newsletter is not boilerplate.
"""

from __future__ import annotations

import re

# bylines: "By Sam Okafor", "By Priya Castellan, Regional Affairs Correspondent" (case-sensitive:
# "by the river" is not a byline)
_BYLINE = re.compile(r"By\s+(?:[A-Z][\w.'’-]+\s*){1,4}(?:,\s*[^.]{0,60})?")
_LINE_RULES = [
    # related-link promos
    r"(?:read more|related|also read|see also|more from [^:]{1,40}|recommended|most read|watch|listen)\s*[:|–—-].{0,160}",
    # photo and video credits
    r"(?:photo|photograph|image|picture|video|graphic)s?(?:\s+credit)?\s*:.{0,120}",
    r".{0,80}\((?:photo|image|picture)s?\s*:.{0,80}\)",
    # subscription, newsletter and log-in prompts
    r"(?:subscribe|sign up|sign in|log in|register|get our|join our)\b.{0,120}",
    r".{0,80}\b(?:newsletter|subscribers? only|subscription)\b.{0,40}[.!]?",
    # share buttons and their labels
    r"(?:share|tweet|email|print|copy link)(?:\s+(?:this|on|via)\b.{0,40})?[.!:]?",
    # copyright, wire credits, editing credits
    r"(?:©|\(c\)|copyright\b).{0,120}",
    r".{0,80}\ball rights reserved\b.{0,40}",
    r"\(?(?:reporting|additional reporting|writing|editing) by\b.{0,120}\)?",
    r"advertisement|sponsored content|click here.{0,80}|follow us on.{0,80}",
]
_BOILERPLATE_LINE = re.compile(r"^\s*(?:" + "|".join(_LINE_RULES) + r")\s*$", re.IGNORECASE)
_MAX_LINE = 200
# "LONDON (Reuters) - ", "KYIV, Ukraine — ", "HALDEN, May 20 (Meridian Wire) - ": a place in capitals,
# optionally a region or date after a comma and the agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3}(?:,[ \t]+[A-Z][\w.'’ ]{1,30}?){0,2}"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]+[-–—]{1,2}[ \t]+(?=\S)"
)


def boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every line of `text` that is not part of the story, and of the dateline that opens
    the first story line."""
    spans = []
    start = 0
    story_started = False
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped and len(stripped) <= _MAX_LINE and _is_boilerplate(stripped):
            spans.append((start, end))
        elif stripped and not story_started:
            story_started = True
            if dateline := _DATELINE.match(line):
                spans.append((start, start + dateline.end()))
        start = end + 1
    return tuple(spans)


def _is_boilerplate(line: str) -> bool:
    return bool(_BYLINE.fullmatch(line) or _BOILERPLATE_LINE.match(line))


def mask(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with the spans blanked by spaces: same length, so every offset still points home."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
