"""Contradictions between sources: precision first — a false contradiction is worse than a missed one.

Claims are compared only where two articles report the same fact (an aligned sentence pair), except
denials, which are looked for across the story (a denied or negated claim meets every claim of another
source with the same predicate), and four narrow number rules that need no alignment. Kinds:
- number: the same kind of quantity (a count, one currency, a percentage; homes and households are one
  count; "90 seconds" and "two minutes" one length of time) with different values; across the story, one thing measured twice ("the 410-kilometre line" /
  "the 440-kilometre line"), the only amount of one currency in each article, both said of a cost, or
  the one count of the dead, injured or arrested each article gives ("two were injured" / "three hurt"),
  or the one tally of a vote ("31 to 18" / "voted 29 to 20");
- date: one verb (or a synonym) dated to exactly one day on each side, and the days differ; or one time
  of day on each side, the same day, an hour or more apart ("at about 3 a.m." / "at about 5 a.m.");
- place: each sentence places it ("in", "at", "near") in exactly one named place, the same verb, and the
  places differ — neither a country nor a region, which may hold the other ("in Odesa" / "in Ukraine");
- negation: the same predicate affirmed by one source and negated by the other in its own voice, or two
  opposite outcomes of data/antonyms.tsv said of the same thing ("approved the plan" / "rejected the
  plan", "the bridge reopened" / "the bridge remained closed");
- denial: one source reports the claim, the other reports it denied ("X denied…", "reports that … are
  false") or negated by someone it quotes ("There was no mine alert," the director said); or one speaker
  admits in one source what they deny in the other ("Calder admitted taking…" / "Calder denied taking…");
- attribution: one source says X has not commented, did not respond, declined to comment or was not
  available for comment, another quotes X (or X's managing director, chief executive or spokesperson,
  speaking of X); or one says X has not said whether (how, when…) something happens, and another quotes
  X on it ("has not said whether customers will be compensated" / "We will compensate every customer").
Across the story, too: an absence ("No deaths were reported", "Nobody was hurt") meets a report of the
event ("One person died"); a negated "there was" or "is" meets what another source takes for granted
("There was no mine alert" / "closed because of a mine alert"; "Brandl is not a suspect" / "named Brandl
as a suspect"); and a cause not yet known meets a cause given ("the cause of the smoke was not known" /
"the smoke came from a laptop battery").
Hedged and attributed claims are compared as claims of their sources; the explanation says who says what.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache, partial
from itertools import combinations

from manysides.compare.align import AlignedPair, Source
from manysides.wordlists import rows
from manysides.model import Claim, Contradiction, Number, Quote, Span
from manysides.nlp.claims import AGE, DENIAL_CUES, SCALE_NOUNS, unsaid
from manysides.nlp.entities import demonyms, fold
from manysides.nlp.time import day_of

COUNT_TOLERANCE = 0.005  # relative: "1,200" and "1,200.0" agree; "1,200" and "1,500" do not
PERCENT = "%"
CURRENCIES = frozenset(("EUR", "USD", "GBP", "JPY"))
PEOPLE = frozenset("people person resident villager passenger civilian worker soldier victim customer guest patient crew".split())
# Counts of one thing under different nouns ("12,000 households" / "15,000 homes").
UNIT_FAMILIES = {"home": "household", "house": "household", "dwelling": "household", "property": "household"}
DURATION = "duration"
# Lengths, weights, speeds: one sentence gives several of one thing in different roles ("struck at a depth of
# 10 kilometres" / "was felt 80 kilometres away"), so two of them are one quantity only with one verb.
AREAS = ("hectare", "acre")  # what a fire burned, a flood covered: one area of one thing in a story
MEASURES = frozenset("kilometre kilometer km mile metre meter m foot feet inch centimetre cm kilogram kg tonne ton litre gallon degree mph".split())
# What a measure measures, named ("a temperature of 36.4C") or as the adjective after it ("200 metres tall").
DIMENSIONS = {"temperature": "temperature", "height": "height", "depth": "depth", "length": "length", "width": "width",
              "speed": "speed", "weight": "weight", "distance": "distance", "altitude": "height"}  # fmt: skip
DIMENSION_ADJECTIVES = {"tall": "height", "high": "height", "deep": "depth", "long": "length", "wide": "width", "heavy": "weight"}
_AFTER_MEASURE = re.compile(r"\s*[a-z]*\s+(tall|high|deep|long|wide|heavy)\b")
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800, "month": 2_629_800, "year": 31_557_600}
# Words that say what an amount is, by kind: one kind on both sides makes two amounts one ("agreed to buy … for
# £1.2 billion" / "Morlan Bank's £1.5 billion takeover"); each other word is a kind of its own.
MONEY_WORDS = {word: word for word in "cost costs costing price priced fine fined budget worth paid pay compensation damages loan".split()} | {
    word: "sale" for word in "buy buys bought sell sells sold sale takeover acquisition acquire acquires acquired".split()
}
IRREGULAR_PLURALS = {"child": "children", "man": "men", "woman": "women", "person": "people", "foot": "feet", "mouse": "mice"}
_SINGULARS = {plural: singular for singular, plural in IRREGULAR_PLURALS.items() if singular != "person"}
_IRREGULAR = {"fall": ("fell", "fallen"), "rise": ("rose", "risen"), "win": ("won",), "lose": ("lost",),
              "uphold": ("upheld",), "forbid": ("forbade", "forbidden"), "break": ("broke", "broken")}  # forms of antonyms.tsv verbs
_PREPOSITIONS = frozenset("on in at by to for with from after before into over under about during".split())
_ADMISSION_CUES = ("admit", "confess", "acknowledg")
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_CLOCK = re.compile(r"T(\d\d):(\d\d)")
_TO_COME = frozenset("will would ll to expect expects expected could should may might shall".split())
COPULAS = frozenset(("be", "remain", "stay"))
LIGHT_VERBS = frozenset("be have do say make get go take give".split())
_FUNCTION_WORDS = frozenset("the a an of in on at to for from by with and or its their his her it they that this".split())
_WORD = re.compile(r"\w+(?:['’]s)?")
NO_COMMENT_VERBS = frozenset("comment respond reply answer".split())
UNSAID_VERBS = frozenset("say confirm disclose reveal specify explain".split())  # "has not said whether…"
# What "did not say how long the evacuation would last" asks, without its question: the evacuation
QUESTION_WORDS = frozenset("whether if how why when what who where which long last many much soon would will could be".split())
STAFF_WORDS = frozenset("employee worker staff member insider source".split())
ROLE_WORDS = frozenset("spokesperson spokesman spokeswoman official officials office press".split())
# A speaker who speaks for the organisation the sentence is about: the role opens the description
# ("managing director Anna Lind"), so "fire chief" and "a police spokesman" do not count.
_SPOKESPERSON = re.compile(
    r"(?:the |its |a |an )?(?:company's |firm's )?(?:managing director|chief executive|ceo|chair(?:man|woman)?|"
    r"owner|founder|general manager|spokes(?:person|man|woman))\b",
    re.IGNORECASE,
)
SPEAKER_PRONOUNS = frozenset(("it", "they", "he", "she", "we", "i"))
NOBODY = ("no ", "nobody", "none", "neither")  # "no one", "no deaths", "nobody", "none of the crew", "neither man"
# Events an absence or "escaped unhurt" denies, with the stem of their noun, and the verbs that report the
# event through that noun ("treated for injuries", "died of wounds").
IMPLIES = {"destroy": "damage"}  # a report of the first is a report of the second: "burned down" / "No homes were damaged"
EVENT_NOUNS = {"die": ("death", "fatal"), "injure": ("injur", "wound", "inhalation", "burns", "fracture"), "arrest": ("arrest",)}
HOSPITAL = "hospital"
SUFFERING_VERBS = frozenset("treat take suffer sustain hospitalise hospitalize admit need require".split())
# Ways of getting to (or out of) a hospital, which only a patient has: "were flown to hospital", "rushed to
# hospital", "was released from hospital", "discharged from hospital".
HOSPITAL_VERBS = SUFFERING_VERBS | frozenset("fly airlift rush bring carry release discharge".split())
# A subject that counts or points at people without naming them: "Six of them", "Both", "They".
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve both all each them they he she".split())
_CAUSE = re.compile(r"\b(?:because of|due to|after|following|caused by|triggered by)\s+(.+)", re.IGNORECASE)
_NOT_COMPLEMENT = _FUNCTION_WORDS | {"no"}
_OPEN_QUESTION = re.compile(
    r"\b(?:too early to (?:say|tell|know)|not (?:yet )?(?:known|clear)|unclear|(?:trying|working|seeking) to "
    r"(?:establish|determine|find out|understand)|investigating|do(?:es)? not (?:yet )?know|did not know)\b[^.;]*\bwhat\b",
    re.IGNORECASE,
)
_GIVEN_CAUSE = re.compile(r"\b(?:caused by|due to|because of|blamed on)\b", re.IGNORECASE)
_MARGIN_BEFORE = re.compile(
    r"\b(?:by|majority of|margin of|lead of)\s+(?:(?:about|some|nearly|almost|just|only|more than|over|around)\s+)?$",
    re.IGNORECASE,
)
_COMMENT_ON = re.compile(r"\bcomment(?:ed|ing)?\s+on\s+([^,.;]+)", re.IGNORECASE)
NARROWING_WORDS = frozenset("individual specific particular detail personal ongoing pending legal speculation operational".split())
_REFUSAL = re.compile(r"\b(?:no comment|(?:declin|refus)\w* to (?:comment|discuss)|(?:not|n[o’']t) (?:comment|discuss))", re.IGNORECASE)
_DECLINED = re.compile(r"\b(?:declin|refus)\w* to comment\b", re.IGNORECASE)
_VOTE = re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballot)\b", re.IGNORECASE)  # "voted 29 to 20"
_SCORE = re.compile(r"\b(?:beat|beating|won|win|wins|lost|lose|loses|drew|draw|defeat(?:ed|ing)?)\b", re.IGNORECASE)  # "beat Dunmere 2-1"
_TALLY = re.compile(r"(?<![-–\d])\b(\d{1,4}) ?(?:votes? )?(?:to|-|–) ?(\d{1,4})\b(?![-–]\d|\s*(?:%|percent|per cent))")
PLACE_TYPES = frozenset(("GPE", "LOC", "FAC"))
_AT_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:town of\s+|city of\s+|village of\s+)?$", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"(?<![\w.,])([\d.,]+|[a-z]+)-([a-z]+(?:-[a-z]+)*) ([a-z]+)")  # "500-berth marina"
_OWNS = re.compile(r"(?:\s+[\w-]+){0,2}['’]s\b")  # after "Brisa" in "Brisa port's North Quay"
_AT_OWNED_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+['’]s\s+$", re.IGNORECASE)
_SITE_WORDS = frozenset("quay pier wharf dock terminal street road avenue square park gardens bridge station gate airport harbour".split())
STREET_WORDS = frozenset("street road avenue lane crescent drive terrace grove close mews".split())
_REGION_WORDS = frozenset("region province state county district valley coast north south east west northern southern eastern western central".split())


ActCounts = dict[tuple[str, str | None], tuple[Claim, Number | None]]  # (act, counted noun) → its one count
Tally = tuple[tuple[str, str], Claim]  # ("vote" or "score", "31 to 18") and a claim of its sentence
Silence = tuple[Claim, frozenset[str], frozenset[str]]  # "X has not commented", X's words, the question's words
Voice = tuple[Quote, Claim, frozenset[str], frozenset[str], str | None]  # a quote, its claim, speaker's and said words, role
Statements = tuple[list[Claim], dict[str, list[Claim]]]  # denials; affirmed claims by synonym group


def find_contradictions(sources: Sequence[Source], pairs: Iterable[AlignedPair]) -> list[Contradiction]:
    by_id = {source.article.id: source for source in sources}
    found: dict[tuple[str, ...], Contradiction] = {}
    claim_pairs: set[tuple[str, frozenset[Claim]]] = set()

    def keep(contradiction: Contradiction) -> None:
        # One per outlet pair and disputed content: in a big story twenty articles may repeat "1,200"
        # against "1,500", and the explanation (outlets, values, who denies) is the same for all of them.
        # And one per kind and pair of claims, when two rules find the same one (aligned, and across the
        # story); two kinds on one pair stay two: "5.2 percent from January 2" / "4.8 percent from January 5".
        c = contradiction
        key = ("negation" if c.kind == "denial" else c.kind, frozenset((c.first, c.second)))  # one X / not-X per pair
        if key in claim_pairs:
            return
        claim_pairs.add(key)
        row = _antonyms().get((_outcome(c.first), _outcome(c.second))) if c.kind in ("negation", "denial") else None
        if row is not None:  # a headline and its first sentence: "approves" / "approved"
            found.setdefault((c.kind, c.first.evidence.article_id, c.second.evidence.article_id, row), c)
        else:
            found.setdefault((c.kind, c.explanation, c.first.predicate, c.second.predicate), c)

    # (article id, sentence start) → the sentence's claims, and its admissions and denials as claims
    claims_at: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    acts_at: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for source in sources:
        for claim in source.analysis.claims:
            claims_at[(source.article.id, claim.evidence.start)].append(claim)
        for act in _speech_acts(source):
            acts_at[(source.article.id, act.evidence.start)].append(act)

    def of_sentence(index: dict[tuple[str, int], list[Claim]], source: Source, sentence_index: int) -> list[Claim]:
        return index.get((source.article.id, source.analysis.sentences[sentence_index].start), [])

    places = {source.article.id: _places_by_sentence(source) for source in sources}  # each sentence's, once
    for pair in pairs:
        first, second = by_id[pair.first[0]], by_id[pair.second[0]]
        claims_a, claims_b = of_sentence(claims_at, first, pair.first[1]), of_sentence(claims_at, second, pair.second[1])
        place_a = places[first.article.id].get(first.analysis.sentences[pair.first[1]].start, {})
        place_b = places[second.article.id].get(second.analysis.sentences[pair.second[1]].start, {})
        for contradiction in _in_aligned(first, claims_a, place_a, second, claims_b, place_b):
            keep(contradiction)
        acts_a, acts_b = of_sentence(acts_at, first, pair.first[1]), of_sentence(acts_at, second, pair.second[1])
        admission = _admitted_and_denied(first, acts_a, second, acts_b)
        if admission is not None:
            keep(admission)
    act_counts = {source.article.id: _act_counts(source) for source in sources}  # each article's, once
    tallies = {source.article.id: _tally(source) for source in sources}
    silences = {source.article.id: _silences(source) for source in sources}
    voices = {source.article.id: _voices(source) for source in sources}
    statements = {source.article.id: _statements(source) for source in sources}
    for first, second in combinations(sources, 2):
        for contradiction in _denials(first, second, statements):
            keep(contradiction)
        for contradiction in _measures(first, second):
            keep(contradiction)
        for contradiction in _disputed_counts(first, act_counts[first.article.id], second, act_counts[second.article.id]):
            keep(contradiction)
        tally = _tallies(first, tallies[first.article.id], second, tallies[second.article.id])
        if tally is not None:
            keep(tally)
        for contradiction in _no_comment(first, second, silences, voices):
            keep(contradiction)
        for contradiction in _absences(first, second):
            keep(contradiction)
        for contradiction in _presupposed(first, second):
            keep(contradiction)
        for contradiction in _unknown_cause(first, second):
            keep(contradiction)
    return list(found.values())


def _in_aligned(
    first: Source, claims_a: list[Claim], place_a: dict[str, str], second: Source, claims_b: list[Claim], place_b: dict[str, str]
) -> Iterator[Contradiction]:
    place = _place_conflict(first, claims_a, place_a, second, claims_b, place_b)
    if place is not None:
        yield place
    text_a = claim_sentence(first, claims_a[0]) if claims_a else ""
    text_b = claim_sentence(second, claims_b[0]) if claims_b else ""
    outcomes_a, outcomes_b = {_outcome(c) for c in claims_a}, {_outcome(c) for c in claims_b}
    numbers = _number_conflict(claims_a, text_a, claims_b, text_b)
    if numbers is not None and not _state_at_two_moments(numbers[0][0], numbers[1][0]):
        (claim_a, a), (claim_b, b) = numbers
        yield _number_contradiction(first, claim_a, a, second, claim_b, b)
    for claim_a in claims_a:
        for claim_b in claims_b:
            hour = _hour_conflict(claim_a, claim_b)
            if hour is not None:
                yield Contradiction("date", claim_a, claim_b, f"{first.article.outlet}: {hour[0]}; {second.article.outlet}: {hour[1]}")
            same_verb = _same_predicate(claim_a, claim_b)
            if not same_verb and (_outcome(claim_a), _outcome(claim_b)) not in _antonyms():
                continue  # every rule below needs one verb (or a synonym), or two opposite outcomes
            moments = _moments(claim_a, claim_b)
            if same_verb and claim_a.predicate not in COPULAS and moments and _of_one_thing(claim_a, claim_b):
                day_a, day_b = moments  # a state ("was closed") may hold on both
                yield Contradiction(
                    "date", claim_a, claim_b, f"{first.article.outlet} dates it {day_a}; {second.article.outlet}, {day_b}"
                )
            if _same_statement(claim_a, claim_b) and claim_a.polarity != claim_b.polarity:
                affirmed, negated = (claim_a, claim_b) if claim_b.polarity == "negated" else (claim_b, claim_a)
                if not _agent_denied_only(affirmed, negated):
                    yield _negation_or_denial(first, claim_a, second, claim_b)
            elif _opposed(first, claim_a, second, claim_b) and not (outcomes_a & {_outcome(claim_b)} or outcomes_b & {_outcome(claim_a)}):
                # a sentence telling both outcomes tells a sequence: "was shut at 6.15pm and reopened just after 8pm"
                kind = "denial" if "deny" in (claim_a.predicate, claim_b.predicate) else "negation"
                yield Contradiction(
                    kind, claim_a, claim_b,
                    f"{_voice(first, claim_a)} {_said(first, claim_a)}; {_voice(second, claim_b)} {_said(second, claim_b)}",
                )  # fmt: skip


def _of_one_thing(first: Claim, second: Claim) -> bool:
    """Subjects or objects sharing a word, or a pronoun subject that may be either's ("witnesses saw two men
    near the spot where it began"): "A fire broke out on Monday" / "Investigators began work on Tuesday" are two acts."""
    if any(claim.subject.casefold() in SPEAKER_PRONOUNS for claim in (first, second)):
        return True
    return bool(_content_words(first) & _content_words(second))


def _moments(first: Claim, second: Claim) -> tuple[str, str] | None:
    """The day each claim is dated to when each has one and they differ; failing days on both sides, the month
    ("closes its bakery in March" / "in June"); failing months, the year ("expected to be completed in 2027" /
    "in 2028")."""
    for dated in (_days, partial(_periods, pattern=_MONTH), partial(_periods, pattern=_YEAR)):
        a, b = dated(first), dated(second)
        if a or b:
            return (min(a), min(b)) if len(a) == 1 and len(b) == 1 and a != b else None
    return None


def _state_at_two_moments(first: Claim, second: Claim) -> bool:
    """A state ("be", "remain") dated to two days: "35 percent contained on Tuesday evening" / "20 percent
    contained by Wednesday morning" are two readings of one measure, not two versions of one. An event on
    two days is another matter: "will rise by 5.2 percent from January 2" / "by 4.8 percent from January 5"
    dispute both."""
    return first.predicate in COPULAS and second.predicate in COPULAS and _moments(first, second) is not None


def claim_sentence(source: Source, claim: Claim) -> str:
    """The sentence a claim was read from (its evidence), as the article writes it."""
    return source.article.text[claim.evidence.start : claim.evidence.end]


def _admitted_and_denied(first: Source, acts_a: list[Claim], second: Source, acts_b: list[Claim]) -> Contradiction | None:
    """One speaker admitting in one source what they deny in the other, in aligned sentences ("Calder
    admitted taking 80,000 pounds" / "Calder denied taking 80,000 pounds"). The two speech acts are the
    claims compared: what was admitted is often no clause of its own ("taking …")."""
    for a in acts_a:
        for b in acts_b:
            if {a.predicate, b.predicate} == {"admit", "deny"} and _content_words_of(a.subject) & _content_words_of(b.subject):
                (admitted, in_a), (denied, in_b) = ((a, first), (b, second)) if a.predicate == "admit" else ((b, second), (a, first))
                return Contradiction(
                    "denial", admitted, denied,
                    f"in {in_a.article.outlet}, {admitted.subject} admits it; in {in_b.article.outlet}, {denied.subject} denies it",
                )  # fmt: skip
    return None


def _speech_acts(source: Source) -> Iterator[Claim]:
    """The article's admissions and denials as claims of their speakers ("admit" or "deny", and what), each
    with its sentence as evidence."""
    starts = [sentence.start for sentence in source.analysis.sentences]
    for quote in source.analysis.quotes:
        cue = quote.cue.casefold()
        act = "admit" if cue.startswith(_ADMISSION_CUES) else "deny" if cue.startswith(DENIAL_CUES) else None
        at = bisect_right(starts, quote.cue_span.start) - 1
        if act is None or at < 0 or quote.cue_span.start >= source.analysis.sentences[at].end:
            continue
        sentence = source.analysis.sentences[at]
        content = source.article.text[quote.content.start : quote.content.end]
        yield Claim(quote.speaker, act, content, "affirmed", "asserted", Span(source.article.id, sentence.start, sentence.end), (), (), None)


def _place_conflict(
    first: Source, claims_a: list[Claim], place_a: dict[str, str], second: Source, claims_b: list[Claim], place_b: dict[str, str]
) -> Contradiction | None:
    """One place each side (`_places`), different, and a verb the two sentences share (not a light one). Streets
    are compared when both sides name one, else towns and sites: "on Elm Crescent in Norbury" against "in
    Oak Crescent, Norbury" is two streets, against "in Norbury" one town."""
    if not claims_a or not claims_b:
        return None
    streets_a, streets_b = ({k: v for k, v in places.items() if _is_street(k)} for places in (place_a, place_b))
    if streets_a and streets_b:
        place_a, place_b = streets_a, streets_b
    else:
        place_a, place_b = ({k: v for k, v in places.items() if not _is_street(k)} for places in (place_a, place_b))
    if len(place_a) != 1 or len(place_b) != 1 or place_a.keys() == place_b.keys():
        return None
    for a in claims_a:
        for b in claims_b:
            if _same_predicate(a, b) and a.predicate.split()[0] not in LIGHT_VERBS:
                (name_a,), (name_b,) = place_a.values(), place_b.values()
                return Contradiction("place", a, b, f"{first.article.outlet}: {name_a}; {second.article.outlet}: {name_b}")
    return None


def _places_by_sentence(source: Source) -> dict[int, dict[str, str]]:
    """Sentence start → its places (`_places`), for the sentences that have a claim."""
    sentences = {claim.evidence.start: claim.evidence.end for claim in source.analysis.claims}
    return {start: _places(source, start, end) for start, end in sentences.items()}


def _places(source: Source, start: int, end: int) -> dict[str, str]:
    """Folded name → surface of each town, site or area a sentence puts something in, at or near (a street
    also "on"); empty when one of them is a country or a region, which may hold the other place."""
    text, found = source.article.text, {}
    for mention in source.analysis.mentions:
        if not start <= mention.start < end:
            continue
        name = fold(mention.surface)
        street = _is_street(name)  # the small model calls "Oak Crescent" an organisation
        if mention.type in PLACE_TYPES or street:
            if _OWNS.match(text, mention.end):
                continue  # "at the Brisa port's North Quay": the place is the quay, the port holds it
            before = text[max(0, mention.start - 40) : mention.start]
            if not (_AT_PLACE.search(before) or _AT_OWNED_PLACE.search(before) or street and before.endswith(" on ")):
                continue
            words = set(name.split())
            if f"place:{name}" in _countries() or (words & _REGION_WORDS and not words & _SITE_WORDS):
                return {}  # "North Quay" is a site, "North Kestria" a region
            found[name] = mention.surface
    return found


def _is_street(name: str) -> bool:
    return name.rsplit(" ", 1)[-1] in STREET_WORDS


@cache
def _countries() -> frozenset[str]:
    return frozenset(demonyms().values())


def _measures(first: Source, second: Source) -> Iterator[Contradiction]:
    """Numbers compared across the whole story, where the sentences need not align: the same thing measured
    ("the 410-kilometre line" / "the 440-kilometre line": one subject but for the number), a named person's
    age ("Hale, 52," / "Peter Hale, aged 53"), the only area in each article said of one subject ("the
    wildfire" / "the blaze"), the only amount of one currency in each article said of one thing ("The
    satellite was worth about 120 million euros" / "the loss of the 95 million euro satellite"), or each
    article's one amount of one kind — a cost, a price, a fine, a sale (`MONEY_WORDS`): "agreed to buy the
    society for £1.2 billion" / "after Morlan Bank's £1.5 billion takeover", whatever else the articles pay."""
    numbers_a = [(c, n) for c in first.analysis.claims for n in c.numbers if n.unit is not None]
    numbers_b = [(c, n) for c in second.analysis.claims for n in c.numbers if n.unit is not None]
    measured_a, measured_b = _measured_things(numbers_a), _measured_things(numbers_b)
    for key in measured_a.keys() & measured_b.keys():
        (claim_a, a), (claim_b, b) = measured_a[key][0], measured_b[key][0]
        if _one_value(measured_a[key]) and _one_value(measured_b[key]) and _differ(a, b):
            yield _number_contradiction(first, claim_a, a, second, claim_b, b)
    ages_b = {n.unit: (c, n) for c, n in numbers_b if _is_age(n) and n.unit[len(AGE)].isupper()}
    for claim_a, a in numbers_a:
        if a.unit in ages_b and _differ(a, ages_b[a.unit][1]):  # a named person's age: "Hale, 52," / "Hale, 53,"
            yield _number_contradiction(first, claim_a, a, second, *ages_b[a.unit])
    for unit in AREAS:  # "A wildfire has burned about 2,000 hectares" / "The blaze has spread across 2,600 hectares"
        side_a = [(c, n) for c, n in numbers_a if n.unit == unit]
        side_b = [(c, n) for c, n in numbers_b if n.unit == unit]
        if _one_value(side_a) and _one_value(side_b) and _one_subject(side_a[0][0], side_b[0][0]):
            if _differ(side_a[0][1], side_b[0][1]):
                yield _number_contradiction(first, *side_a[0], second, *side_b[0])
    for currency in CURRENCIES:
        side_a = [(c, n) for c, n in numbers_a if n.unit == currency]
        side_b = [(c, n) for c, n in numbers_b if n.unit == currency]
        if len(side_a) == 1 and len(side_b) == 1 and _one_subject(side_a[0][0], side_b[0][0]):
            if _differ(side_a[0][1], side_b[0][1]):
                yield _number_contradiction(first, *side_a[0], second, *side_b[0])
        worded_a = [(c, n, _money_words(first, c)) for c, n in side_a]
        worded_b = [(c, n, _money_words(second, c)) for c, n in side_b]
        for kind in {kind for *_, kinds in worded_a for kind in kinds}:
            amounts_a = [(c, n) for c, n, kinds in worded_a if kind in kinds]
            amounts_b = [(c, n) for c, n, kinds in worded_b if kind in kinds]
            if _one_value(amounts_a) and _one_value(amounts_b) and _differ(amounts_a[0][1], amounts_b[0][1]):
                yield _number_contradiction(first, *amounts_a[0], second, *amounts_b[0])


def _disputed_counts(first: Source, counts_a: ActCounts, second: Source, counts_b: ActCounts) -> Iterator[Contradiction]:
    """Counts of one act compared across the story, where the sentences need not align ("One dock worker was
    killed and two were injured" / "Three other workers were hurt"; "Three libraries will close" / "will
    close four libraries"): one count of each act and noun per article, said in the article's voice or a
    source's, never hedged."""
    for key in counts_a.keys() & counts_b.keys():
        (claim_a, a), (claim_b, b) = counts_a[key], counts_b[key]
        if a is not None and b is not None and _differ(a, b):
            yield _number_contradiction(first, claim_a, a, second, claim_b, b)


def _tallies(first: Source, tally_a: Tally | None, second: Source, tally_b: Tally | None) -> Contradiction | None:
    """Two tallies of one vote ("The vote was 31 to 18" / "voted 29 to 20") or scores of one match ("beat
    Dunmere Athletic 2-1" / "beating Dunmere Athletic 2-0"), each article's only one."""
    if tally_a is None or tally_b is None or tally_a[0] == tally_b[0] or tally_a[0][0] != tally_b[0][0]:
        return None  # a vote is no match
    ((_, votes_a), claim_a), ((_, votes_b), claim_b) = tally_a, tally_b
    return Contradiction("number", claim_a, claim_b, f"{first.article.outlet}: {votes_a}; {second.article.outlet}: {votes_b}")


def _tally(source: Source) -> Tally | None:
    """The article's one vote tally ("31 to 18", "31-18") or match score ("2-1"), with its kind and a claim of
    its sentence, or None."""
    found: dict[tuple[str, str], Claim] = {}
    for claim in source.analysis.claims:
        sentence = claim_sentence(source, claim)
        kind = "vote" if _VOTE.search(sentence) else "score" if _SCORE.search(sentence) else None
        for match in _TALLY.finditer(sentence) if kind else ():
            found.setdefault((kind, f"{int(match[1])} to {int(match[2])}"), claim)
    return next(iter(found.items())) if len(found) == 1 else None


def _act_counts(source: Source) -> ActCounts:
    """(act, counted noun) → the one count the article gives of it (None for a number when it gives several
    different ones: then it is not one count). The act is a death, injury or arrest however worded ("treated
    for injuries"), else the verb's synonym group — not a light verb or a copula ("has 3 million customers")."""
    act_counts: ActCounts = {}
    for claim in source.analysis.claims:
        if claim.polarity != "affirmed" or claim.modality not in ("asserted", "reported"):
            continue
        event = next((e for e in EVENT_NOUNS if _group(claim.predicate) == e or _suffered(claim, e)), None)
        if event is None and claim.predicate.split()[0] not in LIGHT_VERBS | COPULAS:
            event = _group(claim.predicate)  # any act: "Three libraries will close" / "will close four libraries"
        for number in claim.numbers if event else ():
            if number.unit is None or _is_age(number) or _is_margin(claim_sentence(source, claim), number):
                continue  # "a woman aged 52 was arrested" is one arrest; "won by 1,870 votes" is no count of votes
            if _measured(claim, number) is not None:
                continue  # "Three of the city's nine libraries will close": nine is the city's, not the closures'

            unit = _unit(number)
            if event in EVENT_NOUNS and unit is not None and unit.startswith(EVENT_NOUNS[event]):
                unit = "people"  # "Police made 12 arrests" counts the people arrested
            key = (event, unit)
            seen = act_counts.get(key)
            act_counts[key] = (claim, number) if seen is None or (seen[1] is not None and not _differ(seen[1], number)) else (claim, None)
    return act_counts


def _measured_things(numbers: list[tuple[Claim, Number]]) -> dict[tuple[str | None, str], list[tuple[Claim, Number]]]:
    """(unit, the thing measured) → the article's numbers of it (`_measured`)."""
    measured: dict[tuple[str | None, str], list[tuple[Claim, Number]]] = defaultdict(list)
    for claim, number in numbers:
        if (thing := _measured(claim, number)) is not None:
            measured[(_unit(number), thing)].append((claim, number))
    return measured


def _measured(claim: Claim, number: Number) -> str | None:
    """The thing a number measures when it is an attribute of a noun, in the subject or the object: 'The
    410-kilometre line' → '#-kilometre line', 'blocked the construction of a 500-berth marina' → '#-berth
    marina'; or something's whole count in the subject: "The school's 240 pupils" → "the school's # pupils".
    A bare count ('five drivers' / 'nine drivers') is no measure of one thing."""
    if not number.text or _is_age(number):
        return None
    for phrase in (claim.subject, claim.object):
        for attribute in _ATTRIBUTE.finditer(phrase.casefold()) if f"{number.text}-" in phrase else ():
            if attribute[1] == number.text.casefold():
                return f"#-{attribute[2]} {_singular(attribute[3])}"
    subject = claim.subject.replace("’", "'")
    if f"'s {number.text} " not in subject:
        return None
    return " ".join(subject.casefold().replace(number.text.casefold(), "#").split())


def _money_words(source: Source, claim: Claim) -> set[str]:
    sentence = claim_sentence(source, claim).casefold()
    return {MONEY_WORDS[word] for word in _WORD.findall(sentence) if word in MONEY_WORDS}


def _number_contradiction(first: Source, claim_a: Claim, a: Number, second: Source, claim_b: Claim, b: Number) -> Contradiction:
    return Contradiction(
        "number", claim_a, claim_b, f"{first.article.outlet}: {_worded(a)}; {second.article.outlet}: {_worded(b)}"
    )


def _worded(number: Number) -> str:
    """ "12 batches", "€2.1 million", "6 percent", "magnitude 4.1"."""
    if number.unit in SCALE_NOUNS:
        return f"{number.unit} {number.text}"
    if number.unit == PERCENT and "%" not in number.text:
        return f"{number.text} percent"
    return f"{number.text}{_unit_text(number)}"


def _denials(first: Source, second: Source, statements: dict[str, Statements]) -> Iterator[Contradiction]:
    for source_a, source_b in ((first, second), (second, first)):
        denials, _ = statements[source_a.article.id]
        _, affirmed = statements[source_b.article.id]
        for denied in denials:
            # "nobody was hurt" and "nobody was injured" agree: only an affirmed claim meets a denial
            for claim in affirmed.get(_group(denied.predicate), ()):
                if _same_statement(claim, denied) and not _agent_denied_only(claim, denied):
                    yield _negation_or_denial(source_b, claim, source_a, denied)


def _statements(source: Source) -> Statements:
    """The article's denials and negations, and its affirmed claims by synonym group (what a denial meets)."""
    denials = [claim for claim in source.analysis.claims if _denying(claim)]
    affirmed: dict[str, list[Claim]] = defaultdict(list)
    for claim in source.analysis.claims:
        if claim.polarity == "affirmed" and not _denying(claim):
            affirmed[_group(claim.predicate)].append(claim)
    return denials, affirmed


def _no_comment(first: Source, second: Source, silences: dict[str, list[Silence]], voices: dict[str, list[Voice]]) -> Iterator[Contradiction]:
    """"X has not commented" / "did not respond" in one source, X quoted in the other."""
    for source_a, source_b in ((first, second), (second, first)):
        for silent, who, topic in silences[source_a.article.id]:
            for quote, spoken, speaker, said, role in voices[source_b.article.id]:
                if topic and not topic & said:
                    continue  # "has not said whether customers will be compensated": only a word on that counts
                speaks_for = role == "first" and who <= _content_words_of(spoken.subject)
                officer_of = role is not None and who & speaker  # "Lumen chief executive Nadia Corbin" speaks for Lumen Networks
                if who <= speaker or speaks_for or officer_of:
                    yield Contradiction(
                        "attribution", silent, spoken,
                        f"{source_a.article.outlet}: {silent.subject} did not comment; "
                        f"{source_b.article.outlet} quotes {quote.speaker}",
                    )  # fmt: skip
                    break


def _silences(source: Source) -> list[Silence]:
    """The article's claims that someone has not commented (or not said whether …): the claim, who (their
    words, roles aside) and the question's words when there is one."""
    found = []
    for claim in source.analysis.claims:
        if not _silent(source, claim):
            continue
        who = _content_words_of(claim.subject) - ROLE_WORDS
        if who:
            if claim.predicate in UNSAID_VERBS:
                topic = _content_words_of(claim.object) - who - QUESTION_WORDS
            else:
                topic = _comment_topic(claim_sentence(source, claim)) - who
            found.append((claim, who, topic))
    return found


def _comment_topic(sentence: str) -> frozenset[str]:
    """What someone did not comment on, when it narrows the silence to some cases: "declined to comment on
    individual cases" → {individual, case}; nothing for the story itself ("has not commented on the union's
    claims", "on the cause of the derailment"), on which any word of theirs is a comment."""
    on = _COMMENT_ON.search(sentence)
    if on is None:
        return frozenset()
    topic = _content_words_of(on[1])
    return topic if topic & NARROWING_WORDS else frozenset()


def _voices(source: Source) -> list[Voice]:
    """The article's quotes that say something, each with the claim of its sentence, the speaker's words, the
    words said, and where the speaker names a role ("first": "Managing director Anna Lind"; "within": "Lumen
    chief executive Nadia Corbin"; None)."""
    first_claim: dict[int, Claim] = {}  # sentence start → the sentence's first claim
    for claim in source.analysis.claims:
        first_claim.setdefault(claim.evidence.start, claim)
    starts = sorted(first_claim)
    found = []
    for quote in source.analysis.quotes:
        at = bisect_right(starts, quote.cue_span.start) - 1
        spoken = first_claim[starts[at]] if at >= 0 else None
        if spoken is None or quote.cue_span.start >= spoken.evidence.end or unsaid(quote):
            continue
        content = source.article.text[quote.content.start : quote.content.end]
        if _REFUSAL.search(content):
            continue  # "'No comment,' a spokesman said" is itself a refusal to comment
        said = _content_words_of(content)
        role = "first" if _SPOKESPERSON.match(quote.speaker) else ("within" if _SPOKESPERSON.search(quote.speaker) else None)
        found.append((quote, spoken, _content_words_of(quote.speaker), said, role))
    return found


def _silent(source: Source, claim: Claim) -> bool:
    """ "X has not commented", "did not respond", "was not available for comment", "could not be reached for
    comment", "declined to comment"; "has not said whether customers will be compensated" (silent on that)."""
    if claim.polarity == "negated":
        if claim.predicate in UNSAID_VERBS:
            return bool(claim.object)
        return claim.predicate.split()[0] in NO_COMMENT_VERBS or claim.object.casefold().endswith("for comment")
    if claim.predicate in ("decline", "refuse"):
        return bool(_DECLINED.search(source.article.text, claim.evidence.start, claim.evidence.end))
    return False


def _absences(first: Source, second: Source) -> Iterator[Contradiction]:
    """ "No deaths were reported" / "Nobody was injured" against another source's report that someone died
    or was injured (the same verb, a synonym or a verb that implies it — "No homes were damaged" / "Two
    homes burned down" —, or "treated for injuries"; the other report neither hedged
    nor itself a denial); "Nobody was injured" or "nobody needed hospital treatment" against "one man was
    taken to hospital"; and "their drivers escaped unhurt" against "one driver was taken to hospital with
    injuries" (a death, injury or arrest denied of someone the other report names)."""
    for source_a, source_b in ((first, second), (second, first)):
        for none in source_a.analysis.claims:
            if none.polarity != "negated":
                continue
            subject = none.subject.casefold()
            nobody = subject.startswith(NOBODY)
            # "No recount was requested": the thing denied must be what the other report names
            things = _content_words_of(subject) if subject.startswith("no ") and not subject.startswith("no one") else frozenset()
            event = _group(none.predicate)
            named_event = _event_of(things)  # "No deaths were reported", "No arrests were made" → arrest
            if event in LIGHT_VERBS and named_event:
                event = named_event
            if (not nobody or event in LIGHT_VERBS) and event not in EVENT_NOUNS:
                continue  # "No pupils were in the building" denies no event another source reports
            for claim in source_b.analysis.claims:
                if claim.polarity != "affirmed" or claim.modality not in ("asserted", "reported"):
                    continue
                cared_for = nobody and _denies_hospital_care(none, event) and _hospitalised(claim)
                reported = _group(claim.predicate)
                if not (event in (reported, IMPLIES.get(reported)) or _suffered(claim, event) or cared_for):
                    continue
                if things and not named_event and not things & _content_words_of(f"{claim.subject} {claim.object}"):
                    if not (cared_for and _no_one_named(claim.subject)):
                        continue  # "No recount was requested" / "the mayor asked residents to stay indoors"
                    # "No pupil needed hospital treatment" / "Six of them were taken to hospital": them, the pupils
                if nobody or _content_words_of(none.subject) & _content_words_of(claim.subject):
                    yield Contradiction(
                        "negation", claim, none,
                        f"{source_b.article.outlet} reports it; {source_a.article.outlet}: {none.subject.casefold()}",
                    )  # fmt: skip


def _suffered(claim: Claim, event: str) -> bool:
    """ "Eleven people were treated for minor injuries", "One driver was taken to hospital with injuries": a
    report of the event (here "injure") through its noun."""
    if event not in EVENT_NOUNS or claim.predicate not in SUFFERING_VERBS:
        return False
    return any(word.startswith(EVENT_NOUNS[event]) for word in _WORD.findall(claim.object.casefold()))


def _event_of(things: frozenset[str]) -> str | None:
    """The event a noun names ("arrests" → arrest, "deaths" → die), for "no arrests were made"."""
    return next((event for event, stems in EVENT_NOUNS.items() for word in things if word.startswith(stems)), None)


def _denies_hospital_care(none: Claim, event: str) -> bool:
    """ "Nobody was injured", "Nobody needed hospital treatment": no one hurt badly enough for a hospital."""
    return event == "injure" or HOSPITAL in none.object.casefold()


def _no_one_named(subject: str) -> bool:
    """A subject that counts or points at people without naming who: "Six of them", "Both", "Two"."""
    return all(word.isdigit() or word in _COUNT_WORDS for word in _content_words_of(subject))


def _hospitalised(claim: Claim) -> bool:
    """ "One man was taken to hospital with hypothermia", "Fourteen people were treated in hospital", "Both
    were flown to hospital", "were released from Kelton hospital"."""
    return claim.predicate in HOSPITAL_VERBS and HOSPITAL in claim.object.casefold()


def _presupposed(first: Source, second: Source) -> Iterator[Contradiction]:
    """A negated "there was" or "is" against a claim of another source that takes it for granted:
    "There was no mine alert" / "the port closed because of a mine alert"; "Brandl is not a suspect" /
    "prosecutors named Brandl as a suspect"."""
    for source_a, source_b in ((first, second), (second, first)):
        for negated in source_a.analysis.claims:
            if negated.polarity != "negated" or negated.predicate != "be":
                continue
            words = _complement_words(negated.object)
            existential = negated.subject.casefold() == "there"
            if not words or (not existential and not _content_words_of(negated.subject)):
                continue
            for claim in source_b.analysis.claims:
                if claim.polarity != "affirmed" or _denying(claim) or claim.modality in ("hedged", "alleged"):
                    continue
                if existential:  # "closed because of a mine alert"; "had been caused by a fuel leak"
                    if not all(word in claim.object.casefold() for word in words):
                        continue  # cheap test first: most claims share none of the words
                    cause = _CAUSE.search(f"caused {claim.object}" if claim.predicate == "cause" else claim.object)
                    taken = cause is not None and set(words) <= _content_words_of(cause.group(1))
                else:
                    sentence = claim_sentence(source_b, claim).casefold()
                    taken = words[0] in sentence and bool(re.search(rf"\bas (?:a|an|the) {re.escape(words[0])}\b", sentence)) and (
                        _content_words_of(negated.subject) <= _content_words(claim)
                    )
                if taken:
                    yield _negation_or_denial(source_b, claim, source_a, negated)


def _unknown_cause(first: Source, second: Source) -> Iterator[Contradiction]:
    """ "The cause of the smoke was not yet known" (or "is unclear", "has not been established") against
    another source giving it: "the smoke came from a passenger's laptop battery", "a pump failure caused
    the spill", "the fire was caused by a faulty heater" — the thing caused named on both sides."""
    for source_a, source_b in ((first, second), (second, first)):
        for unknown in source_a.analysis.claims:
            subject = _content_words_of(unknown.subject)
            if _asks_what_caused(source_a, unknown):
                subject = frozenset({"cause"}) | _content_words_of(unknown.object)  # "what had caused the illness"
            elif "cause" not in subject or not _unknown(unknown):
                continue
            things = subject - {"cause", "exact", "precise", "likely"}  # of what: "the smoke"
            if not things:
                continue
            for claim in source_b.analysis.claims:
                if claim.polarity != "affirmed" or claim.modality not in ("asserted", "reported"):
                    continue
                named = _content_words_of(claim.subject) | _content_words_of(claim.object)
                gives = claim.predicate == "cause" or (claim.predicate == "come" and claim.object.casefold().startswith("from "))
                gives = gives or bool(_GIVEN_CAUSE.search(claim.object))
                if gives and things & named:
                    yield Contradiction(
                        "negation", claim, unknown,
                        f"{_voice(source_b, claim)} gives the cause; {_voice(source_a, unknown)} says it is not known",
                    )  # fmt: skip


def _asks_what_caused(source: Source, claim: Claim) -> bool:
    """ "It was too early to say what had caused the illness", "Investigators are trying to establish what
    caused the crash": the cause as an open question."""
    return claim.subject.casefold() == "what" and claim.predicate == "cause" and bool(_OPEN_QUESTION.search(claim_sentence(source, claim)))


def _unknown(claim: Claim) -> bool:
    """ "was not (yet) known", "has not been established", "is unclear", "remains unknown"."""
    if claim.polarity == "negated":
        return claim.predicate in ("know", "establish", "determine", "confirm", "identify")
    return claim.predicate in COPULAS and (_head_word(claim.object) or "") in ("unclear", "unknown")


def _same_source(first: str, second: str | None) -> bool:
    """ "Verdant Agri" and "The plant's owner, Verdant Agri" are one source: one's words hold the other's."""
    if second is None:
        return False
    a, b = _content_words_of(first), _content_words_of(second)
    if (a ^ b) & STAFF_WORDS:
        return False  # "a zoo employee" is not "the zoo"
    return bool(a and b) and (a <= b or b <= a)


def _same_statement(first: Claim, second: Claim) -> bool:
    """Same verb or a synonym (not a light one such as "have") and a content word shared by their arguments;
    for "be", one subject and one complement: "the water was safe to drink" / "the water was not safe"."""
    if not _same_predicate(first, second):
        return False
    if first.predicate == "be":
        heads = [_head_word(claim.object) for claim in (first, second)]
        subjects = _content_words_of(first.subject) & _content_words_of(second.subject)
        return heads[0] is not None and heads[0] == heads[1] and bool(subjects - {"there", "it"})
    if first.predicate.split()[0] in LIGHT_VERBS:
        return False
    return bool(_content_words(first) & _content_words(second))


def _opposed(source_a: Source, first: Claim, source_b: Source, second: Claim) -> bool:
    """Two opposite outcomes (data/antonyms.tsv), both affirmed, neither hedged, both of one named day or both
    done or both still to come and then neither timed ("would reopen in two weeks" and "will stay closed for two weeks" agree;
    "will increase parking charges" and "parking charges will stay the same" do not), of one thing: one's
    subject is the other's object ("the plan was approved" / "rejected the plan"), or the subjects share a
    word and so do the things they act on when both name one ("approved the plan" / "rejected the plan")."""
    if (_outcome(first), _outcome(second)) not in _antonyms():
        return False
    if any(c.polarity != "affirmed" or c.modality not in ("asserted", "reported") for c in (first, second)):
        return False
    coming_a, coming_b = _to_come(source_a, first), _to_come(source_b, second)
    one_day = len(first.dates) == len(second.dates) == 1 and first.dates == second.dates and day_of(first.dates[0]) is not None
    if not one_day and (coming_a != coming_b or (coming_a and (_timed(first) or _timed(second)))):
        return False  # both still to come and neither timed: "will increase parking charges" / "will stay the same"
    # (said of one day, what was to come and what came meet: "schools will open as normal on Monday" / "Schools
    # in Kelbrook were closed on Monday")
    subject_a, subject_b = (_content_words_of(c.subject) - {"it", "they", "there"} for c in (first, second))
    object_a, object_b = (_content_words_of(_rest_of_complement(c)) for c in (first, second))
    if subject_a & object_b or object_a & subject_b:
        return True  # "the plan was approved" / "the council rejected the plan"
    if not subject_a & subject_b:
        return False
    things_a, things_b = (_things(c) for c in (first, second))  # "approved the plan" / "rejected a loan"
    return not (things_a and things_b) or bool(things_a & things_b)


def _timed(claim: Claim) -> bool:
    """A claim that says when or for how long: "would reopen in two weeks", "will stay closed until Friday"."""
    return bool(claim.dates) or any(number.unit in SECONDS for number in claim.numbers)


def _things(claim: Claim) -> frozenset[str]:
    """The words of a claim's object that name a thing: not an adjunct ("on bail", "by a third") nor a
    number ("4%")."""
    rest = _rest_of_complement(claim).strip()
    if rest.split(" ", 1)[0].casefold() in _PREPOSITIONS:
        return frozenset()
    return frozenset(word for word in _content_words_of(rest) if not word[0].isdigit())


def _outcome(claim: Claim) -> str:
    """The verb's synonym group, or for "be", "remain" or "stay" the complement's first word ("closed")."""
    if claim.predicate in COPULAS:
        return _head_word(claim.object) or claim.predicate
    return _group(claim.predicate)


def _rest_of_complement(claim: Claim) -> str:
    """The object without the outcome word of a copula: "closed to traffic" → "to traffic"."""
    if claim.predicate in COPULAS:
        return claim.object.casefold().replace(_outcome(claim), "", 1)
    return claim.object


@cache
def _antonyms() -> dict[tuple[str, str], int]:
    """(outcome, opposite outcome) both ways → its row of data/antonyms.tsv; verbs through their synonym groups."""
    pairs: dict[tuple[str, str], int] = {}
    for row, (left, right) in enumerate(rows("compare", "antonyms.tsv")):
        for a in map(str.strip, left.split(",")):
            for b in map(str.strip, right.split(",")):
                pairs.setdefault((_group(a), _group(b)), row)
                pairs.setdefault((_group(b), _group(a)), row)
    return pairs


def _voice(source: Source, claim: Claim) -> str:
    """Who says it: the outlet, or the outlet's source ("Valley Post, citing Dana Pryce,")."""
    return f"{source.article.outlet}, citing {claim.attribution}," if claim.attribution else source.article.outlet


def _said(source: Source, claim: Claim) -> str:
    """The claim's outcome word as the sentence words it ("approved", "remained closed")."""
    words = _WORD.findall(claim_sentence(source, claim))
    at = _outcome_at(words, claim)
    span = 1 if claim.predicate in COPULAS else len(claim.predicate.split())  # "broke down", "stay on"
    found = " ".join(words[at : at + span]) if at is not None else _outcome(claim)
    if claim.predicate in COPULAS and claim.predicate != "be":
        verb = next((i for i, w in enumerate(words) if w.casefold().startswith(claim.predicate[:4])), None)
        if verb is not None and at is not None and 0 < at - verb <= 3:
            return f"says {' '.join(words[verb : at + 1])}"  # "stay the same", "remained closed"
        return f"says {words[verb] if verb is not None else claim.predicate} {found}"
    return f"says {found}"


def _outcome_at(words: list[str], claim: Claim) -> int | None:
    """Where the claim's outcome word is among the sentence's words ("fell" for "fall"), if it is."""
    word = (_outcome(claim) if claim.predicate in COPULAS else claim.predicate).split()[0]  # "break" of "break down"
    stem, forms = word[: max(4, len(word) - 2)], _IRREGULAR.get(word, ())
    return next((i for i, w in enumerate(words) if w.casefold().startswith(stem) or w.casefold() in forms), None)


def _to_come(source: Source, claim: Claim) -> bool:
    """The outcome is expected, planned or conditional: "will", "would", "to" or "expected" within three
    words before it ("the road would reopen", "expected the road to stay closed", "will be closed")."""
    words = _WORD.findall(claim_sentence(source, claim))
    at = _outcome_at(words, claim)
    return at is not None and any(w.casefold() in _TO_COME for w in words[max(0, at - 3) : at])


def _head_word(phrase: str) -> str | None:
    """The first content word of a complement: "safe to drink" → "safe", "a suspect in the inquiry" → "suspect"."""
    return next(iter(_complement_words(phrase)), None)


@lru_cache(maxsize=65536)
def _complement_words(phrase: str) -> tuple[str, ...]:
    """The content words of a complement, in order: "no mine alert" → ("mine", "alert")."""
    return tuple(word for word in _WORD.findall(phrase.casefold()) if word not in _NOT_COMPLEMENT)


def _same_predicate(first: Claim, second: Claim) -> bool:
    """One verb, or two of one synonym group of data/predicates.tsv ("closed" / "shut")."""
    return _group(first.predicate) == _group(second.predicate)


def _group(predicate: str) -> str:
    """The name of the verb's synonym group, or the verb itself."""
    return _predicate_groups().get(predicate, predicate)


@cache
def _predicate_groups() -> dict[str, str]:
    """lemma → its group's name, from data/predicates.tsv."""
    return {lemma: group[0] for group in rows("compare", "predicates.tsv") for lemma in group}


def _content_words(claim: Claim) -> frozenset[str]:
    """The words of a claim's subject (`_subject_words`) and object."""
    return _subject_words(claim) | _content_words_of(claim.object)


def _subject_words(claim: Claim) -> frozenset[str]:
    """The words of a claim's subject; a pronoun subject under a speaker is the speaker: in "Quayline said it
    would appeal" and "Quayline said it would not appeal" Quayline is the one appealing."""
    speaker = claim.attribution and claim.subject.casefold() in SPEAKER_PRONOUNS
    return _content_words_of(claim.attribution if speaker else claim.subject)  # type: ignore[arg-type]


def _agent_denied_only(affirmed: Claim, negated: Claim) -> bool:
    """ "Police were called to the university" / "The university said it had not called the police": what
    the one reports done (its subject is the other's object) the other denies only of one doer."""
    done_to, doer = _subject_words(affirmed), _subject_words(negated)
    by = affirmed.object if affirmed.object.casefold().startswith("by ") else ""  # the passive's doer
    named = _content_words_of(f"{by} {affirmed.attribution or ''}")
    if negated.subject.casefold().startswith(NOBODY) or doer & named:
        return False  # "nobody called…"; "caused by a fire" / "a fire had not caused…"; engineers saying concerns were raised
    return bool(done_to & _content_words_of(negated.object)) and not done_to & doer


@lru_cache(maxsize=65536)
def _content_words_of(text: str) -> frozenset[str]:
    """The words that name things, singular, an event's noun by its group ("the blaze" names a fire)."""
    words = (_singular(word.removesuffix("'s").removesuffix("’s")) for word in _WORD.findall(text.casefold()))
    events = _event_noun_groups()
    return frozenset(events.get(word, word) for word in words if word not in _FUNCTION_WORDS)


@cache
def _event_noun_groups() -> dict[str, str]:
    """noun → its group's name, from data/event_nouns.tsv."""
    return {noun: group[0] for group in rows("compare", "event_nouns.tsv") for noun in group}


def _singular(word: str) -> str:
    """A plain plural's singular, so that "their drivers" and "one driver" share a word ("bus" stays)."""
    if word in _SINGULARS:
        return _SINGULARS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _denying(claim: Claim) -> bool:
    return claim.modality == "denied" or (claim.polarity == "negated" and claim.attribution is not None)


def _negation_or_denial(first: Source, claim_a: Claim, second: Source, claim_b: Claim) -> Contradiction:
    affirmed, other = (claim_a, claim_b) if not _denying(claim_a) and claim_a.polarity == "affirmed" else (claim_b, claim_a)
    affirmed_outlet = first.article.outlet if affirmed is claim_a else second.article.outlet
    other_outlet = second.article.outlet if affirmed is claim_a else first.article.outlet
    if other.attribution and _same_source(other.attribution, affirmed.attribution):
        return Contradiction(  # one source, two versions: "had not been inspected" / "had been inspected"
            "negation", affirmed, other, f"{affirmed_outlet} and {other_outlet} report {other.attribution} saying opposite things"
        )
    if _denying(other) or (other.attribution and not _same_source(other.attribution, affirmed.attribution)):
        who = other.attribution or other_outlet
        return Contradiction("denial", affirmed, other, f"{affirmed_outlet} reports it; in {other_outlet}, {who} denies it")
    return Contradiction("negation", affirmed, other, f"{affirmed_outlet} reports it; {other_outlet} says the opposite")


def _kind(number: Number) -> str:
    if number.unit == PERCENT:
        return PERCENT
    if number.unit in CURRENCIES:
        return number.unit  # type: ignore[return-value]
    return "count"


def _number_conflict(
    claims_a: list[Claim], text_a: str, claims_b: list[Claim], text_b: str
) -> tuple[tuple[Claim, Number], tuple[Claim, Number]] | None:
    """Two numbers of one kind that differ in two aligned sentences (`text_a`, `text_b`). Never a unit of
    which the two give one value alike — "won 11,204 votes, a majority of 1,870" / "won by 1,870 votes"
    agree, the 11,204 is another quantity —, and a margin ("by 1,870 votes", "a majority of…") is only
    compared with a margin. Then `_staged`."""
    numbers_a = [(claim, number) for claim in claims_a for number in claim.numbers]
    numbers_b = [(claim, number) for claim in claims_b for number in claim.numbers]
    agreed = {_unit(a) for _, a in numbers_a for _, b in numbers_b if _unit(a) == _unit(b) and not _differ(a, b)}
    numbers_a = [x for x in numbers_a if _unit(x[1]) not in agreed or x[1].unit is None]
    numbers_b = [x for x in numbers_b if _unit(x[1]) not in agreed or x[1].unit is None]
    for margin in (False, True):
        found = _staged(
            [x for x in numbers_a if _is_margin(text_a, x[1]) == margin], [x for x in numbers_b if _is_margin(text_b, x[1]) == margin]
        )
        if found is not None:
            return found
    return None


def _is_margin(sentence: str, number: Number) -> bool:
    """ "won by 1,870 votes", "a majority of 1,870", "a margin of 312 votes": a difference, not a count. A
    percentage after "by" is the change itself ("will raise its fares by 4.8 percent" / "will rise by an
    average of 5.2 percent"), no margin."""
    if number.unit == PERCENT:
        return False
    at = sentence.find(number.text) if number.text else -1
    return at > 0 and bool(_MARGIN_BEFORE.search(sentence, max(0, at - 40), at))


def _staged(
    numbers_a: list[tuple[Claim, Number]], numbers_b: list[tuple[Claim, Number]]
) -> tuple[tuple[Claim, Number], tuple[Claim, Number]] | None:
    """Two numbers of one kind that differ, surest pairing first: one unit said with one verb (or a synonym);
    then one unit of one quantity (`_same_quantity`); then the only number of one unit on each side, said of
    one subject ("Orme … by 212 votes" / "Orme … by a margin of 312 votes"; not lengths and weights, of
    which one sentence gives several: `MEASURES`); then the only amount of one currency or the only
    percentage on each side, said with one verb or of one subject, or the only count of people on each side
    ("1,200 residents" and "1,500 people"). Never two
    verbs the synonym table keeps apart: "one worker was killed" is no count of the injured."""
    for a in numbers_a:
        for b in numbers_b:
            if a[1].unit is not None and _unit(a[1]) == _unit(b[1]) and _same_predicate(a[0], b[0]):
                return (a, b) if _differ(a[1], b[1]) else None
            if _bare_count_of_one_act(a, b):  # "Four of them were taken to hospital" / "six were taken to hospital"
                return (a, b) if _differ(a[1], b[1]) else None
    for a in numbers_a:
        for b in numbers_b:
            if a[1].unit is not None and _unit(a[1]) == _unit(b[1]) and _same_quantity(a, b):
                return (a, b) if _differ(a[1], b[1]) else None
    for unit in {_unit(n) for _, n in numbers_a if n.unit is not None and n.unit not in MEASURES and not _is_age(n)}:
        side_a = [x for x in numbers_a if _unit(x[1]) == unit]
        side_b = [x for x in numbers_b if _unit(x[1]) == unit]
        if _one_value(side_a) and _one_value(side_b) and _one_subject(side_a[0][0], side_b[0][0], unit):
            return (side_a[0], side_b[0]) if _differ(side_a[0][1], side_b[0][1]) else None
    for kind in {_kind(n) for _, n in numbers_a}:
        side_a = [x for x in numbers_a if _kind(x[1]) == kind and (kind != "count" or x[1].unit in PEOPLE)]
        side_b = [x for x in numbers_b if _kind(x[1]) == kind and (kind != "count" or x[1].unit in PEOPLE)]
        if len(side_a) == 1 and len(side_b) == 1 and not _different_events(side_a[0][0], side_b[0][0]):
            if kind != "count" and not _one_actor_or_act(side_a[0][0], side_b[0][0]):
                continue  # "the union asks for 9 percent" / "the company has offered 5 percent"
            if _differ(side_a[0][1], side_b[0][1]):
                return side_a[0], side_b[0]
    return None


def _one_actor_or_act(first: Claim, second: Claim) -> bool:
    """The same verb (or a synonym), or subjects sharing a word: an amount or a percentage said of one thing."""
    return _same_predicate(first, second) or bool(_content_words_of(first.subject) & _content_words_of(second.subject))


def _bare_count_of_one_act(a: tuple[Claim, Number], b: tuple[Claim, Number]) -> bool:
    """Two counts, one of them of no noun ("Four of them", "six"), each its claim's only number, with one verb
    (or a synonym) and the same words after it ("were taken to hospital"): one count of one act."""
    (claim_a, number_a), (claim_b, number_b) = a, b
    if None not in (number_a.unit, number_b.unit) or len(claim_a.numbers) != 1 or len(claim_b.numbers) != 1:
        return False
    if not (float(number_a.value).is_integer() and float(number_b.value).is_integer()) or _is_age(number_a) or _is_age(number_b):
        return False
    same_object = claim_a.object.casefold().strip() == claim_b.object.casefold().strip() != ""
    return same_object and _same_predicate(claim_a, claim_b)


def _one_value(numbers: list[tuple[Claim, Number]]) -> bool:
    """One number, perhaps in two claims of its sentence ("won …, beating Devereux by 212 votes")."""
    return bool(numbers) and not any(_differ(numbers[0][1], number) for _, number in numbers)


def _one_subject(first: Claim, second: Claim, counted: str | None = None) -> bool:
    """Subjects sharing a content word, and no two verbs the synonym table keeps apart: "The river peaked at
    4.8 metres" / "The river reached its highest level, 5.1 metres" — one thing, one measure. When the only
    word they share is the noun `counted`, they say one thing only with one verb (or a synonym): "Nine
    children were treated for injuries" / "Two children were flown to hospital" count two groups."""
    shared = {word for word in _content_words_of(first.subject) & _content_words_of(second.subject) if not word[0].isdigit()}
    if counted is not None and shared <= {counted} and not _same_predicate(first, second):
        return False
    return bool(shared) and not _different_events(first, second)


def _same_quantity(a: tuple[Claim, Number], b: tuple[Claim, Number]) -> bool:
    """Money and head counts are one quantity in two aligned sentences whatever the verb ("fined 2.1 million"
    / "ordered to pay €2.4 million"), a percentage when the verb or the subject is one, and so is a count of the subject ("60 firefighters fought" / "80
    firefighters were called"); other measures only with the same verb (a quake's depth is not how far
    away it was felt, though both are in kilometres); one person's age is one quantity too."""
    if _different_events(a[0], b[0]):
        return False
    unit = _unit(a[1])
    if unit == PERCENT:
        return _one_actor_or_act(a[0], b[0])  # "the union wants 9 percent" / "the company offered 5 percent"
    if unit in CURRENCIES or unit in PEOPLE or unit == "household" or _is_age(a[1]):
        return True
    if unit in SCALE_NOUNS:  # "An earthquake of magnitude 5.8" / "A magnitude 4.2 aftershock": two quakes
        return any(not word[0].isdigit() for word in _content_words_of(a[0].subject) & _content_words_of(b[0].subject) - {unit})
    if unit in MEASURES and (dimension := _dimension(*a)) is not None and dimension == _dimension(*b):
        return True  # "a temperature of 36.4C" / "Temperatures reached 35.9C"; "stand 200 metres tall" / "180 metres high"
    return a[1].text in a[0].subject and b[1].text in b[0].subject


def _dimension(claim: Claim, number: Number) -> str | None:
    """What a length, weight, speed or temperature measures when the claim names it: a dimension noun in its
    subject or object ("a temperature of 36.4C", "Temperatures reached 35.9C") or an adjective after the
    number ("200 metres tall"). "Struck at a depth of 10 kilometres" and "felt 80 kilometres away" name
    two different things, "was felt 80 kilometres away" none."""
    text = f"{claim.subject} {claim.object}".casefold()
    at = text.find(number.text.casefold()) if number.text else -1
    if at >= 0 and (after := _AFTER_MEASURE.match(text, at + len(number.text))) is not None:
        return DIMENSION_ADJECTIVES[after[1]]
    named = {DIMENSIONS[word] for word in _content_words_of(text) if word in DIMENSIONS}
    return next(iter(named)) if len(named) == 1 else None


def _different_events(first: Claim, second: Claim) -> bool:
    """Two verbs of two different groups of the synonym table ("kill" and "injure"), a hospital on one side
    only ("Nine children were treated for injuries" / "Two children were flown to hospital" count two
    groups), or a possession on one side only (a total against a part)."""
    if _to_hospital(first) != _to_hospital(second) or (first.predicate == "have") != (second.predicate == "have"):
        return True  # "Darrow Bank has around 3 million customers" is its total, not those the outage hit
    groups = _predicate_groups()
    return first.predicate in groups and second.predicate in groups and not _same_predicate(first, second)


def _to_hospital(claim: Claim) -> bool:
    """A hospital in the object's first phrase: "flown to hospital", not "for injuries, three of them in hospital"."""
    return HOSPITAL in claim.object.split(",", 1)[0].casefold()


def _unit(number: Number) -> str | None:
    """What a number counts or measures, with one name for one kind: homes and households; every length of
    time ("90 seconds" and "two minutes" are one quantity)."""
    if number.unit in SECONDS:
        return DURATION
    return UNIT_FAMILIES.get(number.unit, number.unit) if number.unit else None


def _differ(a: Number, b: Number) -> bool:
    first, second = _amount(a), _amount(b)
    return abs(first - second) > COUNT_TOLERANCE * max(abs(first), abs(second))


def _amount(number: Number) -> float:
    """The value in one scale for its kind: a duration in seconds."""
    return number.value * SECONDS.get(number.unit or "", 1)


def _days(claim: Claim) -> set[str]:
    """The days a claim is dated to ("Saturday afternoon" is on Saturday)."""
    return set(filter(None, map(day_of, claim.dates)))


def _periods(claim: Claim, pattern: re.Pattern[str]) -> set[str]:
    """The months (`_MONTH`: "in March" → 2027-03) or years (`_YEAR`: "in 2027") a claim is dated to."""
    return {value for value in claim.dates if pattern.fullmatch(value)}


def _is_age(number: Number) -> bool:
    return number.unit is not None and number.unit.startswith(AGE)


def _hour_conflict(first: Claim, second: Claim) -> tuple[str, str] | None:
    """One verb (or a synonym), or one event named in both subjects ("the blast, which happened at about 5.30
    a.m." / "An explosion wrecked a house at about 6.30 a.m."), at one time of day on each side, the same day
    or no day named on one side, an hour or more apart ("broke out at about 3 a.m." / "started at about 5 a.m."), or five
    minutes when both give the minute exactly ("struck at 3.12am" / "struck at 3.20am"): the two times, or None."""
    times_a = {value for value in first.dates if _CLOCK.search(value)}
    times_b = {value for value in second.dates if _CLOCK.search(value)}
    if len(times_a) != 1 or len(times_b) != 1:
        return None
    events = _event_noun_groups().values()
    shared = _content_words_of(first.subject) & _content_words_of(second.subject)
    if not (_same_predicate(first, second) or any(word in events for word in shared)):
        return None
    (a,), (b,) = times_a, times_b
    clock_a, clock_b = _CLOCK.search(a), _CLOCK.search(b)
    named_a, named_b = a[:10] in first.dates, b[:10] in second.dates  # "at about 2pm" names no day of its own
    if (named_a and named_b and a[:10] != b[:10]) or clock_a is None or clock_b is None:
        return None
    minutes_a, minutes_b = (int(c[1]) * 60 + int(c[2]) for c in (clock_a, clock_b))
    exact = int(clock_a[2]) % 15 and int(clock_b[2]) % 15  # "3.12am" / "3.20am", not "about 3.30" / "3.45"
    return (clock_a[0][1:], clock_b[0][1:]) if abs(minutes_a - minutes_b) >= (5 if exact else 60) else None


def _unit_text(number: Number) -> str:
    """ " workers" after "two", "" after "€2.1 million" or "15%", " years old" after an age."""
    if _is_age(number):
        return " years old"
    if number.unit is None or number.unit == PERCENT or number.unit in number.text.casefold():
        return ""
    return f" {number.unit}" if number.value == 1 else f" {_plural(number.unit)}"


def _plural(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun in CURRENCIES or noun == "people" or (noun.endswith("s") and not noun.endswith("ss")):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ss", "x", "ch", "sh")) else "s")
