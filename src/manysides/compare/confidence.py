"""How sure a contradiction is: the evidence that its two sentences state one proposition (pure).

The rules of contradictions.py find two claims at odds; on real coverage most such pairs are about two
different things (two parties' figures, an earlier wounding and the final stand-off, one quotation copied
by two outlets). Here each found contradiction is first checked against what can never be one (`never`),
then given a confidence from what makes one proposition likely: the two sentences say nearly the same thing
(their MiniLM similarity), they name the same linked things, and they were aligned as one fact. Only those
at or above `SHOWN` are shown by default; the rest are kept as possible ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from manysides.compare.align import Source
from manysides.compare.contradictions import claim_sentence
from manysides.model import Claim, Contradiction, TimeExpr

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "\u00a0": " "})  # fmt: skip
KINDS = ("number", "date", "place", "negation", "denial", "attribution")
# Fitted by eval/compare.py --real --fit on compare-real-dev: per kind, then similarity, shared things, aligned,
# quoted, pairs offered.
WEIGHTS = (0.18, 0.18, -0.04, 0.08, -0.46, 0.30, 0.36, -0.32, 0.53, -0.39, -4.12)
BIAS = 9.53
# The lowest confidence shown by default. On compare-real-dev no judged candidate (none real) reaches 0.3, and
# every finding of our own stories is above 0.9: any threshold between shows no false one there.
SHOWN = 0.5
_NOT_WORD = re.compile(r"[^\w]+")
# A claim that nobody asserts: asked, guessed at, rumoured, or a state that did not last.
_UNASSERTED = re.compile(
    r"\b(?:speculat\w*|rumou?r\w*|wonder\w*|whether|if|unclear|unknown|questions? (?:about|over)|hypothetical\w*|"
    r"suggest\w* that|initially|at first|originally|previously|earlier)\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|last night|overnight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
_YEAR_OR_MONTH = re.compile(
    r"\b(?:\d{4}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,2}/\d{1,2}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the confidence is computed from."""

    similarity: float  # cosine of the two sentences' vectors
    shared_things: int  # linked entities both sentences name
    aligned: bool  # the two sentences were aligned as one fact
    quoted: bool  # either side is inside a direct quotation (someone's words, often about something else)
    # log10 of the sentence pairs the two articles offer: two long articles offer thousands of pairs, so a
    # rule matching one of them by chance is likelier there than in two short reports of one event
    pairs_offered: float = 0.0


@lru_cache(maxsize=65536)
def normalised(text: str) -> str:
    """A sentence as two outlets copying one quotation print it: quotes, apostrophes and dashes unified,
    case and punctuation dropped."""
    return _NOT_WORD.sub(" ", text.translate(_QUOTES).casefold()).strip()


def never(found: Contradiction, first: Source, second: Source) -> str | None:
    """Why this pair cannot be a contradiction (None when it may be one):
    - one outlet: both sides are articles of one outlet;
    - one text: the same sentence or quotation in both outlets cannot say X and not-X;
    - unasserted: a side asked about, speculated on, rumoured, or an initial state ("at first refused");
    - one relative date read twice: "last night" in two articles published a day apart is one night."""
    if first.article.outlet == second.article.outlet:
        return "one outlet"  # two editions or two reporters of one outlet: not one source against another
    text_a, text_b = (claim_sentence(source, claim) for source, claim in ((first, found.first), (second, found.second)))
    if normalised(text_a) == normalised(text_b) or _one_quotation(text_a, text_b):
        return "one text"
    if any(_UNASSERTED.search(text) or text.rstrip(" \"'”’").endswith("?") for text in (text_a, text_b)):
        return "unasserted"
    if found.kind == "date" and _one_relative_date(found, first, second):
        return "one relative date"
    return None


def _one_quotation(text_a: str, text_b: str) -> bool:
    """Both sentences quote the same words (six or more of them) between quotation marks."""
    quoted_a, quoted_b = _quoted(text_a), _quoted(text_b)
    return any(a == b or (len(a.split()) >= 6 and (a in b or b in a)) for a in quoted_a for b in quoted_b)


@lru_cache(maxsize=65536)
def _quoted(text: str) -> tuple[str, ...]:
    unified = text.translate(_QUOTES)
    return tuple(normalised(part) for part in re.findall(r'"([^"]{12,})"', unified) if normalised(part))


def _one_relative_date(found: Contradiction, first: Source, second: Source) -> bool:
    """The two sides date it with the same words ("on Tuesday", "last night") read against two publication
    dates, or with words that count from the day of writing ("yesterday", "last night", "tomorrow") whose
    days differ by exactly as much as the two articles' publication dates: one day written twice."""
    times = [_relative_times(source, claim) for source, claim in ((first, found.first), (second, found.second))]
    published = [first.article.published, second.article.published]
    if published[0] is None or published[1] is None or published[0] == published[1]:
        return False
    shift = (published[0] - published[1]).days
    for a, day_a in times[0]:
        for b, day_b in times[1]:
            if normalised(a.text) == normalised(b.text):
                return True
            if _DEICTIC.search(a.text) and _DEICTIC.search(b.text) and (day_a - day_b).days == shift:
                return True
    return False


def _relative_times(source: Source, claim: Claim) -> list[tuple[TimeExpr, date]]:
    """The days of the claim's sentence written without a month or a year ("on Tuesday", "last night")."""
    found = []
    for time in source.analysis.times:
        if claim.evidence.start <= time.start < claim.evidence.end and not _YEAR_OR_MONTH.search(time.text):
            day = _day(time)
            if day is not None:
                found.append((time, day))
    return found


def _day(time: TimeExpr) -> date | None:
    try:
        return date.fromisoformat(time.value[:10])
    except ValueError:
        return None


def evidence_for(found: Contradiction, first: Source, second: Source, canonical: dict[str, str], aligned: set[frozenset[tuple[str, int]]]) -> Evidence:
    """The similarity, shared things and alignment of the contradiction's two sentences."""
    index_a, index_b = _index(first, found.first), _index(second, found.second)
    similarity = float(np.dot(first.vectors[index_a], second.vectors[index_b])) if index_a is not None and index_b is not None else 0.0
    things_a, things_b = (_things(source, claim, canonical) for source, claim in ((first, found.first), (second, found.second)))
    keys = frozenset(((first.article.id, index_a), (second.article.id, index_b)))
    quoted = _in_quotation(first, found.first) or _in_quotation(second, found.second)
    offered = math.log10(max(1, len(first.analysis.sentences) * len(second.analysis.sentences)))
    return Evidence(round(similarity, 3), len(things_a & things_b), keys in aligned, quoted, round(offered, 3))


def _in_quotation(source: Source, claim: Claim) -> bool:
    start, end = claim.evidence.start, claim.evidence.end
    return any(q.direct and (q.content.start <= start < q.content.end or start <= q.content.start < end) for q in source.analysis.quotes)


def _index(source: Source, claim: Claim) -> int | None:
    return next((s.index for s in source.analysis.sentences if s.start == claim.evidence.start), None)


def _things(source: Source, claim: Claim, canonical: dict[str, str]) -> set[str]:
    return {
        canonical.get(m.entity_id, m.entity_id) for m in source.analysis.mentions
        if claim.evidence.start <= m.start < claim.evidence.end
    }  # fmt: skip


def rate(
    found: Sequence[Contradiction], sources: Sequence[Source], aligned: set[frozenset[tuple[str, int]]], canonical: dict[str, str]
) -> list[tuple[Contradiction, float]]:
    """Every contradiction that may be one, with its confidence, most confident first: one per pair of
    sentences, and one per pair of texts (a sentence an article repeats, or two outlets print alike, is one
    finding)."""
    by_id = {source.article.id: source for source in sources}
    rated: dict[frozenset[str], tuple[Contradiction, float]] = {}
    for contradiction in found:
        first, second = by_id[contradiction.first.evidence.article_id], by_id[contradiction.second.evidence.article_id]
        if never(contradiction, first, second) is not None:
            continue
        score = confidence(contradiction.kind, evidence_for(contradiction, first, second, canonical, aligned))
        key = frozenset(normalised(claim_sentence(s, c)) for s, c in ((first, contradiction.first), (second, contradiction.second)))
        if key not in rated or rated[key][1] < score:
            rated[key] = (contradiction, score)
    return sorted(rated.values(), key=lambda item: -item[1])


def features(kind: str, evidence: Evidence) -> list[float]:
    """The inputs of the confidence, in the order of `WEIGHTS`: one flag per kind, then the evidence."""
    return [float(kind == k) for k in KINDS] + [
        evidence.similarity, float(min(evidence.shared_things, 3)), float(evidence.aligned), float(evidence.quoted),
        evidence.pairs_offered,
    ]


def confidence(kind: str, evidence: Evidence) -> float:
    """A logistic model of "both sentences state one proposition", fitted on the judged contradictions of
    eval/data/compare-real-dev (eval/compare.py --real --fit)."""
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features(kind, evidence), strict=True))
    return round(1 / (1 + math.exp(-z)), 3)
