"""Claims: one checkable statement per clause — who or what, did what, to what — and how the article holds it.

A claim is a verb with a subject in the dependency parse (or a verb sharing the subject of the verb it
is coordinated with). Speech verbs that introduce a quote are not claims themselves: the clause they
report is, with the speaker as its attribution. The reporter's stance (`modality`) is, strongest first:
- denied: reported through a denial cue ("the company denied that it sold the data"), framed as false
  ("reports that the president threatened tariffs are false") or as unsupported ("there was no evidence
  that the fire had been started deliberately");
- alleged: "allegedly", or reported through "allege"/"claim";
- hedged: "reportedly", "apparently", "may", "could", "appears to"…;
- reported: inside what someone said;
- asserted: the article says it in its own voice.
Polarity is negated for "not" (also before a complement: "pleaded not guilty"), "never", "no longer",
or a "no" object ("There was no mine alert"); an absence ("No deaths were reported") is read as the
event's own verb negated ("die"), and so is "escaped unhurt" ("injure"). A participle adjunct ("sailed
on Tuesday, carrying 45,000 tonnes") is a claim of the main verb's subject; a relative clause ("a panda
that escaped on Saturday") is a claim of its noun.
Numbers keep their unit: the noun they count, a currency or "%"; a duration is a number ("for six hours"
→ 6 hour); a person's age is "age:" and the person's word ("Hale, 52," → age:Hale, "a 52-year-old
driver" → age:driver, "a woman aged 52"). Dates are the normalised time expressions inside the clause.
Evidence is the whole sentence, the unit readers compare.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import replace
from heapq import heappop, heappush
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from manysides.model import Claim, Number, Quote, Span, TimeExpr
from manysides.nlp.quotes import doc_text
from manysides.nlp.time import day_named

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj", "expl"))
CLAUSES = frozenset(("ROOT", "conj", "ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis"))
RELATIVE_PRONOUNS = frozenset(("WDT", "WP"))  # that, which, who
OBJECTS = ("dobj", "attr", "acomp", "oprd", "dative", "pobj")
NEGATIONS = frozenset(("not", "n't", "never", "no", "nobody", "nothing", "nowhere", "neither", "nor"))
HEDGES = frozenset(
    """reportedly apparently possibly probably likely purportedly seemingly supposedly perhaps presumably
    unconfirmed""".split()
)
ALLEGED = frozenset(("allegedly", "alleged", "reputedly"))
MODALS = frozenset(("may", "might", "could"))
HEDGING_VERBS = frozenset(("seem", "appear"))
# Stems of cue words, so "denied", "denies" and "denying" all count.
DENIAL_CUES = ("deny", "deni", "reject", "dismiss", "refut", "rebut", "disput")
ALLEGING_CUES = ("alleg", "claim")
REPORT_NOUNS = frozenset(
    "report reports claim claims allegation allegations suggestion suggestions rumour rumours rumor rumors".split()
)
FALSE_WORDS = frozenset("false untrue wrong baseless unfounded fabricated inaccurate incorrect fake groundless".split())
# Verbs that carry an event noun ("passed an inspection", "an inquiry was opened"), and the nouns' own verbs.
SUPPORT_VERBS = frozenset(
    ("pass", "fail", "undergo", "carry out", "conduct", "hold", "make", "open", "launch", "begin", "start", "give", "take")
)
EVENT_NOUNS = {
    "inspection": "inspect", "investigation": "investigate", "inquiry": "investigate", "search": "search",
    "arrest": "arrest", "raid": "raid", "review": "review", "test": "test", "check": "check", "evacuation": "evacuate",
    "vote": "vote", "talk": "talk", "interview": "interview", "repair": "repair", "visit": "visit",
    "go-ahead": "approve", "approval": "approve", "effect": "start",  # "gave the go-ahead", "took effect"
}
NO_EVIDENCE_NOUNS = frozenset("evidence sign indication proof suggestion".split())  # "no evidence that X": X denied
# "No deaths were reported", "There were no injuries", "No deaths have been linked to the heat": an absence,
# read as the event's verb negated ("nobody died"), so that it meets "One person died" in another report.
ABSENCE_NOUNS = {"death": "die", "fatality": "die", "injury": "injure", "arrest": "arrest"}
ABSENCE_VERBS = frozenset(("report", "record", "confirm", "be", "occur", "link", "attribute", "connect"))
UNHURT = frozenset(("unhurt", "unharmed", "uninjured", "unscathed"))
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "euro": "EUR", "dollar": "USD", "pound": "GBP"}
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?)([DWMYHS])$")
_DURATION_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "TH": "hour", "TM": "minute", "TS": "second"}
AGE = "age:"
SCALE_NOUNS = frozenset(("magnitude", "category", "level", "grade", "force", "tier", "phase"))  # before their number
_AGED = frozenset(("aged", "age"))
_NUMERIC = re.compile(r"^([€$£¥]?)(\d[\d,]*(?:\.\d+)?)(k|m|bn)?$", re.IGNORECASE)
# A unit written onto its number, "36.4C", "85mph", "10km" (one token); "5m" stays five million.
_ATTACHED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(°?C|°?F|mph|kph|km|kg|cm|mm|ft)$")
_ATTACHED_UNITS = {"C": "degree", "°C": "degree", "F": "degree", "°F": "degree"}


def find_claims(doc: Doc, article_id: str, quotes: Sequence[Quote], times: Sequence[TimeExpr]) -> list[Claim]:
    """Every claim of the parsed article, in text order."""
    denied = set(_framed_as_false(doc))
    cues: dict[int, Quote] = {}  # character offset → the first quote whose cue covers it
    for quote in quotes:
        for position in range(quote.cue_span.start, quote.cue_span.end):
            cues.setdefault(position, quote)
    enclosing, indexed = _Enclosing(quotes), _Times(times)
    claims = []
    for token in doc:
        if not _is_clause_verb(token) or _is_false_frame(token):
            continue
        subject = _subject(token) or _reported_infinitive_subject(token, cues)
        if subject is None:
            continue
        cued = cues.get(token.idx)
        if cued is not None:
            if unsaid(cued):  # "Lumen has not said whether customers will be compensated": a claim of silence
                claim = _claim(doc, token, subject, article_id, None, False, indexed)
                claims.append(replace(claim, object=doc_text(doc)[cued.content.start : cued.content.end]))
            continue
        quote = enclosing.at(token.idx)
        if quote is not None and unsaid(quote):
            continue  # what the speaker did not say is no claim of theirs, nor the article's
        claims.append(_claim(doc, token, subject, article_id, quote, token.i in denied, indexed))
    return claims


class _Enclosing:
    """The first quote (in the quotes' order) whose content covers a position, for positions asked in
    increasing order: one sweep over the quotes by start, where scanning all of them for every verb was
    quadratic in long articles. A heap holds the quotes begun so far by their order; those that ended
    before the position asked leave it for good."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = quotes
        self.by_start = sorted(range(len(quotes)), key=lambda k: quotes[k].content.start)
        self.begun = 0
        self.open: list[tuple[int, int]] = []  # (order, end) of the quotes begun and not known to be over
        self.last = 0

    def at(self, position: int) -> Quote | None:
        assert position >= self.last, "positions must be asked in increasing order"
        self.last = position
        while self.begun < len(self.by_start) and self.quotes[self.by_start[self.begun]].content.start <= position:
            order = self.by_start[self.begun]
            heappush(self.open, (order, self.quotes[order].content.end))
            self.begun += 1
        while self.open and self.open[0][1] <= position:
            heappop(self.open)
        return self.quotes[self.open[0][0]] if self.open else None


class _Times:
    """The article's time expressions indexed by offset: a claim looks only at those that start within its
    clause's stretch of text, where scanning all of them for every claim was quadratic in long articles."""

    def __init__(self, times: Sequence[TimeExpr]) -> None:
        self.times = times
        self.by_start = sorted(range(len(times)), key=lambda k: times[k].start)
        self.starts = [times[k].start for k in self.by_start]
        self.covered = frozenset(position for time in times for position in range(time.start, time.end))

    def near(self, clause: list[Token]) -> list[TimeExpr]:
        """The expressions that start between the clause's first and last character, in the article's order."""
        if not clause:
            return []
        first, last = min(t.idx for t in clause), max(t.idx + len(t.text) for t in clause)
        found = self.by_start[bisect_left(self.starts, first) : bisect_left(self.starts, last)]
        return [self.times[k] for k in sorted(found)]


def unsaid(quote: Quote) -> bool:
    """A negated cue: "has not said whether…", "would not say how many…", "did not confirm…"."""
    return any(word in ("not", "n't", "never") for word in quote.cue.lower().replace("n't", " n't").split())


def _claim(
    doc: Doc, verb: Token, subject: Token, article_id: str, quote: Quote | None, framed_false: bool, times: _Times
) -> Claim:
    clause = _clause_tokens(verb)
    inside = {token.i for token in verb.subtree}
    # A subject outside the verb's subtree is the noun phrase without the verb's clause; when the verb
    # hangs from it (a relative clause, the small model's "Two tonnes leaked…" misparse) its numbers count too.
    subject_tokens = [token for token in subject.subtree if token.i not in inside]
    if verb.head.i == subject.i and subject.i not in inside:
        clause = sorted([*clause, *subject_tokens], key=lambda token: token.i)
    sentence = verb.sent
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    subject_text = _span_text(subject_tokens) if subject.i not in inside else _text(subject)
    unhurt = _unhurt(verb)
    stated = _modal_complement(verb)  # "no customer had been able to see…" says "see"
    subject_text, predicate, object_text = _absence(verb) or (
        (subject_text, "injure", "") if unhurt else (subject_text, _predicate(stated or verb), _object(stated or verb))
    )
    unable = stated is not None and stated.head.lower_ == "unable"
    return Claim(
        subject=subject_text,
        predicate=predicate,
        object=object_text,
        polarity="negated" if unhurt or (_negated(verb) != unable) else "affirmed",
        modality=_modality(verb, quote, framed_false),
        evidence=Span(article_id, start, start + len(sentence.text.strip())),
        numbers=tuple(_numbers(clause, times)),
        dates=tuple(_dates(times, clause)),
        attribution=quote.speaker if quote is not None else None,
    )


def _dates(times: _Times, clause: list[Token]) -> Iterator[str]:
    """The values of the clause's time expressions (durations are numbers), and the day a clock time is
    joined to ("at about 6.30 a.m. on Friday" dates the clause to that Friday as well). A possessive dates
    its noun, not the clause: "Engineers are inspecting bridges after Wednesday's earthquake"."""
    text = doc_text(clause[0].doc) if clause else ""
    for time in times.near(clause):
        if text.startswith(("'s", "’s"), time.end):
            continue
        if time.granularity != "duration" and _within(time, clause):
            yield time.value
            if time.granularity == "time" and (day := day_named(time)) is not None:
                yield day


def _is_clause_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in CLAUSES:
        return False
    return not (token.pos_ == "AUX" and token.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl"))


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or for a coordinated verb ("crashed and burned") its head verb's."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            # "a red panda that escaped on Saturday": the panda escaped, not "that"
            return verb.head if verb.dep_ == "relcl" and child.tag_ in RELATIVE_PRONOUNS else child
    if (verb.dep_ == "conj" or _participle_adjunct(verb)) and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "sailed on Tuesday carrying 45,000 tonnes": the ship carried them
    if verb.dep_ == "relcl":
        return verb.head  # "the engineers who found the cracks": the engineers found
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # the small model's misparse of "Two tonnes leaked into the river, the agency said."
    if verb.dep_ == "ROOT":
        for child in verb.lefts:  # the small model's "The R9 highway links…": the subject as a compound
            if child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def _reported_infinitive_subject(verb: Token, cues: dict[int, Quote]) -> Token | None:
    """The subject of a cue verb whose reported content is an infinitive of its own doing: "Morlan Bank has
    agreed to buy the society for £1.2 billion" — Morlan Bank is to buy it. Not when the cue has an object,
    who may be the doer instead ("urged residents to leave")."""
    cue = verb.head
    if verb.dep_ != "xcomp" or any(child.dep_ in ("dobj", "dative") for child in cue.children):
        return None
    if cue.idx not in cues:
        return None
    return next((child for child in cue.children if child.dep_ == "nsubj"), None)


def _absence(verb: Token) -> tuple[str, str, str] | None:
    """(subject, predicate, object) of "No deaths were reported" as "No deaths / die / ''", or None."""
    if verb.lemma_.lower() not in ABSENCE_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") and _determined_by_no(child):
            if (event := ABSENCE_NOUNS.get(child.lemma_.lower())) is not None:
                return _text(child), event, ""
    return None


def _unhurt(verb: Token) -> bool:
    """ "Their drivers escaped unhurt", "The crew were uninjured": read as "were not injured", so that it
    meets a report of their injuries."""
    return any(child.lower_ in UNHURT and child.dep_ in ("acomp", "advmod", "oprd", "xcomp") for child in verb.children)


def _modal_complement(verb: Token) -> Token | None:
    """The verb of "be able to V", "be unable to V" or "had to V", which is what such a clause states ("Some
    450 people had to leave their homes" reports people leaving; "has to find" is still to be done), or None."""
    if verb.tag_ == "VBD" and verb.lemma_ == "have" and not any(child.dep_ == "dobj" for child in verb.children):
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if verb.lemma_ != "be":
        return None
    for child in verb.children:
        if child.dep_ == "acomp" and child.lower_ in ("able", "unable"):
            return next((c for c in child.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    return None


def _participle_adjunct(verb: Token) -> bool:
    """ "…, trapping at least 14 trucks": a present participle without a subject of its own, whose doer is
    the subject of the verb it hangs from."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in verb.children)


def _predicate(verb: Token) -> str:
    """The verb's lemma and particle ("break down"); for a verb that only carries an event noun, the event's
    own verb: "passed an inspection", "carried out a search", "held talks", "gave the go-ahead" say "inspect",
    "search", "talk", "approve"; "came into force" and "took effect" say "start"."""
    particles = [child.text.lower() for child in verb.children if child.dep_ == "prt"]
    predicate = " ".join([_lemma(verb), *particles])
    if predicate in SUPPORT_VERBS:
        event = next((_noun_lemma(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if event in EVENT_NOUNS:
            return EVENT_NOUNS[event]
    if predicate == "come" and any(c.lower_ == "into" and any(g.lower_ == "force" for g in c.children) for c in verb.children):
        return "start"  # "the ban will come into force on Friday"
    return predicate


def _noun_lemma(noun: Token) -> str:
    """The noun's lemma; "go-ahead", which the tokenizer splits, whole."""
    if noun.lower_ == "ahead" and noun.i > 1 and noun.doc[noun.i - 2].lower_ == "go":
        return "go-ahead"
    return noun.lemma_.lower()


def _lemma(verb: Token) -> str:
    """The verb's lemma, mending the small model's "fined" → "fin" (the commoner word of "fin"/"fine" wins)."""
    lemma = verb.lemma_.lower()
    if verb.lower_ == lemma + "ed" and zipf_frequency(lemma + "e", "en") > zipf_frequency(lemma, "en"):
        return lemma + "e"
    return lemma


def _object(verb: Token) -> str:
    for dep in OBJECTS:
        for child in verb.children:
            if child.dep_ == dep:
                return _text(child)
    for child in verb.children:
        if child.dep_ in ("prep", "agent"):
            return _text(child)
    return ""


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("acomp", "oprd") and child.pos_ == "ADJ" and any(d.dep_ == "neg" for d in child.children):
            return True  # "pleaded not guilty", "was found not guilty"
        if child.dep_ in (*OBJECTS, *SUBJECTS) and _determined_by_no(child):
            return True  # "There was no mine alert", "No deaths were reported"
        if child.dep_ in SUBJECTS and child.lower_ in ("nobody", "nothing", "none"):
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(d.lower_ == "no" for d in child.children):
            return True
    return False


def _determined_by_no(noun: Token) -> bool:
    """ "No deaths", "no mine alert", "Neither man" (needed hospital treatment)."""
    return any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in noun.children)


def _modality(verb: Token, quote: Quote | None, framed_false: bool) -> str:
    cue = quote.cue.split()[-1].lower() if quote is not None and _complement_of_cue(verb, quote) else ""
    if framed_false or cue.startswith(DENIAL_CUES):
        return "denied"
    words = {child.lower_ for child in verb.children if child.dep_ in ("advmod", "amod", "aux")}
    if words & ALLEGED or cue.startswith(ALLEGING_CUES):
        return "alleged"
    if words & HEDGES or words & MODALS or verb.head.lemma_ in HEDGING_VERBS and verb.dep_ == "xcomp":
        return "hedged"
    return "reported" if quote is not None else "asserted"


def _complement_of_cue(verb: Token, quote: Quote) -> bool:
    """Is the verb what the cue reports ("denied that it sold…"), not a clause hanging off it ("…, after
    engineers found cracks")? Only then does a denying or alleging cue colour it."""
    token = verb
    while not (quote.cue_span.start <= token.idx < quote.cue_span.end):
        if token.dep_ not in ("ccomp", "xcomp", "conj", "csubj", "pcomp", "pobj") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _is_false_frame(verb: Token) -> bool:
    """ "…are false": the verb of a denial frame, not a claim of its own."""
    return verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in FALSE_WORDS for c in verb.children)


def _framed_as_false(doc: Doc) -> Iterator[int]:
    """Token indexes of the verbs inside "reports that X … are false" and "there was no evidence that X"
    ("found no sign that X"): X is denied."""
    for token in doc:
        if token.lemma_.lower() in NO_EVIDENCE_NOUNS and _determined_by_no(token):
            yield from (child.i for child in token.children if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"))
            continue
        if not _is_false_frame(token):
            continue
        for subject in token.children:
            if subject.dep_ in SUBJECTS and subject.lower_ in REPORT_NOUNS:
                for inner in subject.subtree:
                    if inner is not subject and inner.pos_ in ("VERB", "AUX") and inner.dep_ in ("ccomp", "acl", "relcl"):
                        yield inner.i


def _clause_tokens(verb: Token) -> list[Token]:
    """The verb's subtree without the clauses of other claim verbs below it, a relative clause of one of
    its nouns included ("Tofu, a panda that escaped on Saturday, was caught on Tuesday" is caught on
    Tuesday only). A participle adjunct stays: it is a claim of its own, and its numbers also belong to
    the event ("sailed … carrying 45,000 tonnes")."""
    nested = {
        inner.i
        for child in verb.subtree
        if child.i != verb.i and child.pos_ in ("VERB", "AUX") and not _participle_adjunct(child)
        and (child.dep_ in ("ccomp", "conj", "advcl", "parataxis") and child.head.i == verb.i or child.dep_ == "relcl")
        for inner in child.subtree
    }
    return [token for token in verb.subtree if token.i not in nested]


def _within(time: TimeExpr, clause: list[Token]) -> bool:
    return any(token.idx <= time.start < token.idx + len(token.text) for token in clause)


def _numbers(clause: list[Token], times: _Times) -> Iterator[Number]:
    """Counts, amounts and percentages in the clause, and durations ("for five days" → 5 day); years and
    other parts of dates are left to `dates`."""
    for time in times.near(clause):
        duration = _DURATION.match(time.value) if time.granularity == "duration" else None
        unit = _DURATION_UNITS.get(duration.group(1) + duration.group(3)) if duration else None
        if duration and unit and _within(time, clause):
            yield Number(float(duration.group(2)), unit, time.text)
    seen: set[int] = set()
    for token in clause:
        if token.i in seen or not (token.like_num or _NUMERIC.match(token.text) or _ATTACHED.match(token.text)):
            continue
        if token.lower_ == "one" and token.dep_ not in ("nummod", "quantmod", "compound"):
            continue  # "no one", "one of them": a pronoun, not a count
        if token.idx in times.covered:
            continue
        run = [token]
        while (nxt := token.doc[run[-1].i + 1] if run[-1].i + 1 < len(token.doc) else None) is not None and (
            nxt.lower_ in _SCALES or nxt.like_num
        ):
            run.append(nxt)
        seen.update(t.i for t in run)
        value = _value(run)
        if value is not None:
            yield Number(value, _unit(run), token.doc[run[0].i : run[-1].i + 1].text)


def _value(run: list[Token]) -> float | None:
    value: float | None = None
    for token in run:
        lower = token.lower_
        if lower in _SCALES:
            value = (value or 1.0) * _SCALES[lower]
            continue
        if lower in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[lower]) if value is None else value * _NUMBER_WORDS[lower]
            continue
        if (attached := _ATTACHED.match(token.text)) is not None:
            return float(attached.group(1).replace(",", ""))
        match = _NUMERIC.match(token.text)
        if match is None:
            return value
        number = float(match.group(2).replace(",", ""))
        value = number * _SCALES[match.group(3).lower()] if match.group(3) else number
    return value


def _unit(run: list[Token]) -> str | None:
    first, last = run[0], run[-1]
    if (attached := _ATTACHED.match(first.text)) is not None:
        return _ATTACHED_UNITS.get(attached.group(2), attached.group(2).lower())  # "36.4C": degrees
    symbol = _NUMERIC.match(first.text)
    if symbol and symbol.group(1):
        return _CURRENCIES[symbol.group(1)]
    before = first.nbor(-1) if first.i > 0 else None
    if before is not None and before.lower_ in SCALE_NOUNS:
        return before.lower_  # "a magnitude 4.3 earthquake" measures the quake's magnitude, counts no quakes
    age = _age_of(first, before) if len(run) == 1 else None
    if age is not None:
        return age
    if before is not None and before.text in _CURRENCIES:
        return _CURRENCIES[before.text]
    after = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if after is not None and (after.text == "%" or after.lower_ in ("percent", "per")):
        return "%"
    if after is not None and after.lower_ in _CURRENCIES:
        return _CURRENCIES[after.lower_]  # "the 95 million euro satellite": an amount, not a count of satellites
    if last.dep_ in SUBJECTS and last.pos_ == "NUM" and last.head.dep_ == "conj":
        # "One worker was killed and two were injured": two workers, the noun of the first clause's count
        counted = _subject(last.head.head)
        if counted is not None and any(child.dep_ == "nummod" for child in counted.children):
            return counted.lemma_.lower()
    head = last
    while head.head.i != head.i and head.dep_ in ("nummod", "compound", "quantmod", "amod") and (
        head.pos_ in ("NUM", "ADJ", "ADV") or head in run  # a capitalised "Eleven" may be tagged PROPN
    ):
        head = head.head  # "3 million euros": 3 → million → euros
    if head.pos_ in ("NOUN", "PROPN") and head not in run:
        lemma = head.lemma_.lower()
        group = next((c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        if lemma == "member" and group is not None:
            return group.lemma_.lower()  # "21 crew members" counts the crew, as "19 crew" does
        return _CURRENCIES.get(lemma, lemma)
    return None


def _age_of(number: Token, before: Token | None) -> str | None:
    """ "age:" and the word of the person whose age the number is, or None: "Hale, 52," (a number set off
    by commas after a noun), "a 52-year-old driver", "a woman aged 52"."""
    doc = number.doc
    after = doc[number.i + 1 : number.i + 4]
    if [t.lower_ for t in after] in (["-", "year", "-"], ["-", "years", "-"]) and number.i + 4 < len(doc) and doc[number.i + 4].lower_ == "old":
        old = doc[number.i + 4]
        person = old.head if old.dep_ == "amod" and old.head.pos_ in ("NOUN", "PROPN") else None
    elif before is not None and before.lower_ in _AGED:
        person = before.head if before.dep_ in ("amod", "acl") else None
    elif number.dep_ in ("appos", "npadvmod") and before is not None and before.text == "," and number.i + 1 < len(doc) and doc[number.i + 1].text in (",", "."):
        person = number.head  # the small model may call a name opening the sentence an adverb ("Pike, 61, took…")
        if person.pos_ not in ("NOUN", "PROPN") and person.is_title and person.i == person.sent.start and person.i == before.i - 1:
            return AGE + person.text
    else:
        return None
    if person is None or person.pos_ not in ("NOUN", "PROPN"):
        return None
    return AGE + (person.text if person.pos_ == "PROPN" else person.lemma_.lower())


def _span_text(tokens: list[Token]) -> str:
    """The text of a run of tokens, cut before the first gap (the verb's clause inside a noun phrase)."""
    run = [tokens[0]]
    for token in tokens[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    return tokens[0].doc[run[0].i : run[-1].i + 1].text.strip().rstrip(" ,")


def _text(token: Token) -> str:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i : tokens[-1].i + 1].text.strip()  # a blanked dateline leaves spaces
