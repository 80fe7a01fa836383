"""One story's sources → its Comparison (pure): agreements, unique facts, contradictions, quotes,
wording per outlet (names here; word choices, loaded terms, distinctive words and hedging in
framing.py), timeline.

A wire copy counts as its original: it is never aligned with it, and a fact only its original and its
copies report is unique to the original. Only sentences that state something (a claim, or someone saying
something, in four words or more) are shared or unique facts; scene-setting, captions, credits, headings
and lone quotation marks are neither. Unique facts are such sentences that align with nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

import numpy as np

from manysides.compare.align import ALIGN_THRESHOLD, AlignedPair, SentenceKey, Source, align, facts
from manysides.compare.confidence import SHOWN, rate
from manysides.compare.contradictions import PEOPLE, UNIT_FAMILIES, find_contradictions
from manysides.compare.framing import distinctive_words, hedging, loaded_terms, word_choices
from manysides.compare.sourcing import find_chains
from manysides.model import (
    Agreement, Analysis, Claim, Comparison, EntityForms, Evidence, Number, Sentence, TimelineEntry, UniqueFact,
)
from manysides.nlp.linking import link_across
from manysides.outlets.registry import Registry
from manysides.nlp.time import day_of

# A member of a fact of three or more sentences keeps at least this cosine with its central sentence. On the
# real-coverage dev stories (eval/compare.py --real) sampled agreements right 25.1 % -> 28.4 % at 0.6 (0.5:
# 25.7, 0.7: 31.1, fewer shared facts kept).
GROUP_BAR = 0.6
# Two sentences are listed as one fact reported by both only at this similarity or more (align.py's score);
# below it, down to ALIGN_THRESHOLD, they are related — neither shared nor, without a detail of their own,
# unique. On the sampled, judged pairs of compare-real-dev, pairs of stating sentences at 0.45 or more were
# right 31 % of the time, at 0.6: 65 %, 0.7: 88 %, 0.75: 93 %.
AGREEMENT_BAR = 0.75
# ... or at this similarity when both give the same figure (a count with what it counts, an amount): the
# judged dev pairs from 0.5 to 0.75 giving one figure were all right (3 of 3; 66 of 205 without one).
FIGURE_BAR = 0.55
_NOT_NAME = frozenset("the and for of".split())
_CLOSING = " \"'”’)"
MIN_FACT_WORDS = 4  # "Getty Images", "Read more:", a lone "”" state no fact
NAMED_DETAIL = frozenset(("PERSON", "ORG", "GPE", "LOC", "FAC"))  # named things whose mention is a detail
PERIODS = ((re.compile(r"\d{4}-W\d{2}"), "week"), (re.compile(r"\d{4}-\d{2}"), "month"), (re.compile(r"\d{4}"), "year"))


def compare_story(story_id: str, sources: Sequence[Source], registry: Registry | None = None) -> Comparison:
    """`registry` tells which cited names are news organisations (chains of reporting); None: the built-in
    one (hand-built sources in tests; the product passes the user's)."""
    alignment = align(sources)
    pairs = alignment.pairs
    by_id = {source.article.id: source for source in sources}
    groups = facts([pair for pair in pairs if _one_fact(pair, by_id)])
    independent = {source.article.id: source.copy_of or source.article.id for source in sources}

    agreements = []
    # sentences with a paraphrase in another outlet, aligned or not: a unique fact there needs a detail of its own
    aligned = {key for key, value in alignment.closest.items() if value >= ALIGN_THRESHOLD}
    stating = {source.article.id: _stating(source) for source in sources}
    for group in groups:
        group = _members_of_one_fact([(article_id, index) for article_id, index in group if index in stating[article_id]], by_id)
        sources_of = {independent[article_id] for article_id, _ in group}
        if len(sources_of) < 2 or len({by_id[a].article.outlet for a in sources_of}) < 2:
            continue  # one text and its reprints, or two articles of one outlet, are not independent sources
        evidence = tuple(_evidence(by_id[article_id], index) for article_id, index in group)
        agreements.append(Agreement(_central(group, by_id).text, evidence))
        aligned.update(group)

    canonical = canonical_entities(source.analysis for source in sources)  # linked once, used thrice
    rated = rate(find_contradictions(sources, pairs), sources, {frozenset((p.first, p.second)) for p in pairs}, canonical)
    contradictions = [replace(found, confidence=score) for found, score in rated if score >= SHOWN]
    possible = [replace(found, confidence=score) for found, score in rated if score < SHOWN]
    disputed = {
        (c.evidence.article_id, c.evidence.start)
        for found in contradictions if found.kind in ("number", "date") for c in (found.first, found.second)
    }  # fmt: skip
    return Comparison(
        story_id=story_id,
        articles=tuple(source.article for source in sources),
        agreements=tuple(sorted(agreements, key=lambda a: (-len(a.evidence), a.evidence[0].start))),
        unique=tuple(_unique(sources, aligned, independent, canonical, disputed, stating)),
        contradictions=tuple(contradictions),
        quotes=tuple(quote for source in sources for quote in source.analysis.quotes),
        entities=tuple(_entities(sources, canonical)),
        hedging=hedging(sources),
        timeline=tuple(_timeline(sources)),
        word_choices=tuple(word_choices(sources)),
        loaded_terms=tuple(loaded_terms(sources)),
        distinctive=tuple(distinctive_words(sources)),
        chains=tuple(find_chains(sources, registry)),
        possible=tuple(possible),
    )


def _one_fact(pair: AlignedPair, by_id: dict[str, Source]) -> bool:
    """Whether an aligned pair is close enough to list as one fact two outlets report (`AGREEMENT_BAR`,
    `FIGURE_BAR`): aligned sentences of real coverage often share a topic, not a fact."""
    if pair.similarity >= AGREEMENT_BAR:
        return True
    return pair.similarity >= FIGURE_BAR and bool(_figures(by_id, pair.first) & _figures(by_id, pair.second))


def _figures(by_id: dict[str, Source], key: SentenceKey) -> set[tuple[str | None, float]]:
    analysis = by_id[key[0]].analysis
    start = analysis.sentences[key[1]].start
    return {_figure(n) for claim in analysis.claims if claim.evidence.start == start for n in claim.numbers}


def _members_of_one_fact(group: list[SentenceKey], by_id: dict[str, Source]) -> list[SentenceKey]:
    """The members close enough in meaning to the group's central sentence: a chain of aligned pairs can
    take in a third sentence that shares a topic with one member but not the fact the others state."""
    if len(group) < 3:
        return group
    central = _central(group, by_id)
    anchor = next(key for key in group if by_id[key[0]].analysis.sentences[key[1]] is central)
    vector = by_id[anchor[0]].vectors[anchor[1]]
    return [key for key in group if key == anchor or float(by_id[key[0]].vectors[key[1]] @ vector) >= GROUP_BAR]


def _central(group: list[SentenceKey], by_id: dict[str, Source]) -> Sentence:
    """The sentence of a fact closest in meaning to all the others (the shortest among equals): it states
    what they share. The shortest alone could be one outlet's aside ("…has denied receiving any warnings
    before cracks were found on Wednesday") where two others report the cracks themselves."""
    sentences = [by_id[article_id].analysis.sentences[index] for article_id, index in group]
    vectors = np.stack([by_id[article_id].vectors[index] for article_id, index in group])
    closeness = (vectors @ vectors.T).sum(axis=1)
    best = max(range(len(group)), key=lambda n: (round(float(closeness[n]), 3), -len(sentences[n].text)))
    return sentences[best]


def _evidence(source: Source, index: int) -> Evidence:
    sentence = source.analysis.sentences[index]
    return Evidence(source.article.id, source.article.outlet, sentence.start, sentence.end, sentence.text)


def _unique(
    sources: Sequence[Source], aligned: set[SentenceKey], independent: dict[str, str], canonical: dict[str, str],
    disputed: set[tuple[str, int]], stating: dict[str, set[int]],
) -> list[UniqueFact]:
    """Sentences stating a claim with no paraphrase in another outlet — or with one, but carrying a detail
    no other source has anywhere: a telling number (with its unit) or a named thing ("is bound for
    Alexandria", "30 days to appeal" beside a shared sentence). A number or day another source
    gives differently is disputed, not unique: such a sentence is a number or date contradiction's side
    (`disputed`: article id, sentence start)."""
    found = []
    for source in sources:
        if source.copy_of is not None:
            continue  # its facts are its original's
        others = [s for s in sources if independent[s.article.id] != source.article.id]
        missing_from = tuple(sorted({s.article.outlet for s in others}))
        their_values = sorted(n.value for s in others for c in s.analysis.claims for n in c.numbers)
        their_things = {canonical[m.entity_id] for s in others for m in s.analysis.mentions}
        their_name_words = sorted({w for s in others for m in s.analysis.mentions for w in _name_words(m.surface)})
        claims_at: dict[int, list[Claim]] = defaultdict(list)
        for claim in source.analysis.claims:
            claims_at[claim.evidence.start].append(claim)
        for sentence in source.analysis.sentences:
            if sentence.index not in stating[source.article.id]:
                continue
            details: list[str] = []
            if (source.article.id, sentence.index) in aligned:
                if (source.article.id, sentence.start) in disputed:
                    continue
                numbers = {_figure(n): n.text for c in claims_at[sentence.start] for n in c.numbers if _telling(n)}
                things = {
                    canonical[m.entity_id]: m.surface for m in source.analysis.mentions
                    if sentence.start <= m.start < sentence.end and m.type in NAMED_DETAIL and not _names_outlet(m.surface, source.article.outlet)
                }  # fmt: skip
                details = [text for (_, value), text in numbers.items() if not _near(value, their_values)]
                details += [
                    surface for key, surface in things.items()
                    if key not in their_things and not _shares_name_word(_name_words(surface), their_name_words)
                ]  # fmt: skip
                if not details:
                    continue
            found.append(UniqueFact(sentence.text, _evidence(source, sentence.index), missing_from, tuple(details)))
    return found


def _stating(source: Source) -> set[int]:
    """The sentences that state something: a claim, or someone saying something ("urged both sides to …"),
    in words enough to be a fact, ended as a statement is. A caption, a photo credit, a section heading, a
    lone quotation mark, a question (a columnist's rhetorical one, a heading's), a lead-in ending in a colon
    or a sentence cut short states nothing, and is neither shared nor unique."""
    claimed = {claim.evidence.start for claim in source.analysis.claims}
    cues = sorted(quote.cue_span.start for quote in source.analysis.quotes)
    return {
        s.index for s in source.analysis.sentences
        if len(s.text.split()) >= MIN_FACT_WORDS and s.text.rstrip(_CLOSING).endswith((".", "!"))
        and (s.start in claimed or bisect_left(cues, s.start) < len(cues) and cues[bisect_left(cues, s.start)] < s.end)
    }  # fmt: skip


def _telling(number: Number) -> bool:
    """A number that can be a detail of one outlet's own: a count or measure of something beyond one or two.
    "Two committees", "one reason", "a day after" repeat what the others say in other words (judged on
    compare-real-dev: such details were wrong 5 times in 6)."""
    return bool(number.unit) and number.value > 2


def _near(value: float, values: list[float]) -> bool:
    """Whether another outlet gives this figure, rounded or under another noun ("43 percent" / "43.4%", "31
    factories" / "30 plants" is a dispute, not a detail): within 2 % of it."""
    at = bisect_left(values, value * 0.98)
    return at < len(values) and values[at] <= value * 1.02


def _figure(number: Number) -> tuple[str | None, float]:
    """A number and what it counts, people as people: "400 residents" here is "400 people" there."""
    unit = "person" if number.unit in PEOPLE else UNIT_FAMILIES.get(number.unit or "", number.unit)
    return unit, round(number.value, 3)


def _name_words(surface: str) -> set[str]:
    """The words of a name that name something (three letters or more, no possessive): a name another
    outlet writes with one of them ("the House" / "House of Representatives", "Hunter Biden's" / "Biden")
    is no detail of one outlet's own."""
    return {w for w in re.findall(r"[^\W\d_]{3,}", surface.casefold().replace("’s", "").replace("'s", "")) if w not in _NOT_NAME}


def _shares_name_word(words: set[str], theirs: list[str]) -> bool:
    """A name word another outlet writes (`theirs`: sorted), or writes longer or shorter: "Bidens" / "Biden",
    "Calif." / "California", "Russia" / "Russian" (the shorter of four letters or more)."""
    for word in words:
        at = bisect_left(theirs, word)
        if at < len(theirs) and (theirs[at] == word or len(word) >= 4 and theirs[at].startswith(word)):
            return True
        for end in range(4, len(word)):
            prefix = word[:end]
            at = bisect_left(theirs, prefix)
            if at < len(theirs) and theirs[at] == prefix:
                return True
    return False


def _names_outlet(surface: str, outlet: str) -> bool:
    """"the Ledger" in The Northern Ledger, "Harbour Herald" in Harbour Herald: the outlet naming itself."""
    surface, outlet = surface.casefold().removeprefix("the "), outlet.casefold()
    return surface in outlet or outlet in surface


def canonical_entities(analyses: Iterable[Analysis]) -> dict[str, str]:
    """Each entity id of a story's articles → the one id of its real-world thing (nlp/linking.py)."""
    return link_across(Counter(mention.entity_id for analysis in analyses for mention in analysis.mentions))


def _entities(sources: Sequence[Source], canonical: dict[str, str]) -> list[EntityForms]:
    """Each thing the story names, linked across spellings, most mentioned first."""
    surfaces: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for source in sources:
        for mention in source.analysis.mentions:
            surfaces[canonical[mention.entity_id]][source.article.outlet][mention.surface] += 1
    found = []
    for entity, by_outlet in surfaces.items():
        everywhere = Counter(s for counter in by_outlet.values() for s in counter.elements())
        forms = {outlet: dict(counter) for outlet, counter in sorted(by_outlet.items())}
        found.append(EntityForms(entity, everywhere.most_common(1)[0][0], entity.partition(":")[0], forms))
    return sorted(found, key=lambda e: (-sum(sum(f.values()) for f in e.forms.values()), e.id))


def _timeline(sources: Sequence[Source]) -> list[TimelineEntry]:
    """Each day, week, month or year the sources date a claim to ("Saturday afternoon" is Saturday; "in
    September" is 2024-09; "last week" 2024-W45), with the sentences that do so (one per sentence and
    period), in time order — a period before the days it holds."""
    periods: dict[tuple[str, str], dict[tuple[str, int], Evidence]] = defaultdict(dict)
    for source in sources:
        by_start = {sentence.start: sentence.index for sentence in source.analysis.sentences}
        for claim in source.analysis.claims:
            for placed in filter(None, map(_period, claim.dates)):
                if claim.evidence.start in by_start:
                    index = by_start[claim.evidence.start]
                    periods[placed].setdefault((source.article.id, index), _evidence(source, index))
    return [
        TimelineEntry(value, granularity, min((e.text for e in events.values()), key=len), tuple(events.values()))
        for (value, granularity), events in sorted(periods.items(), key=lambda item: _period_start(*item[0]))
    ]


def _period(value: str) -> tuple[str, str] | None:
    """(value, granularity) of a time value the timeline places: a day, an ISO week, a month or a year; None
    for a bare clock time, a duration, a season, a quarter or a decade."""
    if day := day_of(value):
        return day, "day"
    return next(((value, granularity) for pattern, granularity in PERIODS if pattern.fullmatch(value)), None)


def _period_start(value: str, granularity: str) -> tuple[date, int]:
    """Where a period begins, coarser first on the same day: 2024 < 2024-11 < 2024-W45 < 2024-11-04."""
    if granularity == "week":
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1), 2
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]), {"year": 0, "month": 1, "day": 3}[granularity]
