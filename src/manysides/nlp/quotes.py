"""Quotes and reported speech: who said what, through which cue, to whom.

Rules over spaCy's dependency parse, one per construction a news sentence uses to attribute:
- a speech verb with a subject and a clause: "Reyna said (that) the talks had failed";
- the clause first, the verb after: "The talks failed, officials said." / "…, said Reyna.";
- participles continuing a sentence: "…, saying the talks had failed";
- "according to X, …" and "…, according to X";
- a quotation that runs over several sentences before its cue: "“One. Two,” she said.", or is
  interrupted by it: "“One,” she said. “Two.”" (one quote, the cue inside its content, as PolNeAR marks it);
- a cue set off by commas inside what it reports: "The museum, Mr. Bush said, celebrated…";
- findings of documents and inquiries with a finite clause: "A survey found that the sluices leaked.";
- verbs of intent and judgement, with what follows them: "The union called for a moratorium",
  "The mayor criticized the authority for the late warning", "The minister vowed to rebuild the bridge";
- by layout: transcript lines ("PENCE: Well, look…") and quotations signed with a dash ("“…” ― E. Varga").
The speaker is the verb's subject (or the agent of a passive, or "according to"'s object); a
quotation's content keeps its quotation marks, reported speech drops the "that"-less trailing
punctuation. The person or outlet spoken to is the channel ("told Reuters"). A speaker with no
name in it ("officials", "a source familiar with the call") is anonymous.

Offsets follow PolNeAR's conventions (eval/quotes.py scores against them): the cue span takes its
auxiliaries ("has learned"), content stops before the sentence's final full stop or a separating comma.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from manysides.model import Mention, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "A poll shows that…", "The study found the agency had…": a source that is a document or an inquiry.
# Only with a finite clause: "found him guilty" is no attribution.
FINDING_LEMMAS = frozenset(("show", "find"))
CUE_LEMMAS = FINDING_LEMMAS | frozenset(
    """say tell add report claim state announce explain note argue insist deny confirm warn write
    acknowledge admit allege reveal learn suggest predict estimate reply respond tweet post testify
    conclude contend maintain emphasize emphasise stress indicate assert declare caution complain
    recall observe point remark disclose concede agree ask urge describe brief inform notify""".split()
)
# Attribution by a verb of intent or judgement (PolNeAR marks these as it marks speech): "vowed to triple
# the program", "blasted him for not paying taxes", "cited remarks Trump had made"; the content is
# what follows the verb in its clause. "call" and "point" only with their particle ("called for a
# moratorium", "pointed to reports") or as "called the charges unsubstantiated".
STANCE_LEMMAS = frozenset(
    "vow pledge promise demand propose expect cite mention criticize criticise blast condemn praise question accuse urge "
    "express denounce blame assure endorse".split()
)
# Left out: "want", "plan", "believe", "think", "hope" (0–30 % of them are attributions in PolNeAR dev), and
# verbs that report acts as often as words: "attacked Kharkiv", "rejected the plan" (a council's vote), "dismissed
# the coach", "defended the title" — as cues they would stop being claims another outlet can contradict.
SPEAKING_PERSONS = frozenset(("i", "we", "you"))
# Verbs that speak only beside a quotation: “…,” he continued / joked / quipped.
QUOTATION_CUES = frozenset("continue joke quip laugh shout yell exclaim sigh whisper".split())
CUE_ADVERBS = frozenset(("also", "then"))  # "has also said": PolNeAR's cue takes them (27 of 28 "also" in dev)
PHRASAL_CUES = {"call": ("for", "on"), "point": ("to",)}
_OBJECT_DEPS = frozenset(("dobj", "dative", "ccomp", "xcomp", "oprd", "prep", "attr", "acomp"))
MARK_PAIRS = {"''": "''", "“": "”", '"': '"'}  # '' first: NYT copy opens and closes quotations with two apostrophes
OPENING_MARKS = "“\"‘'"
CLOSING_MARKS = "”\"’'"
_EDGE_PUNCTUATION = " \t\n,;:—–-."
PRONOUNS = frozenset(("he", "she", "they", "i", "we", "it"))
NAMED_TYPES = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))
# A quotation ending in a comma, question or exclamation mark right before a position (its speaker or cue).
_BEFORE_CUE = re.compile(r"(“[^“”\n]{1,2000}?[,?!]”|\"[^“”\"\n]{1,2000}?[,?!]\") ?$")
_TRANSCRIPT_LINE = re.compile(
    r"^[ \t\"“]*(?P<speaker>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?P<cue>:) (?P<content>\S[^\n]*)$", re.M
)
# A headline that names its source before a colon: "Sanders: Clinton needs to…" (the article's first line).
_REACH = 2000  # how far (in characters) a quotation may run from its cue, as the patterns below allow
_HEADLINE = re.compile(r"[ \t]*(?P<speaker>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?P<cue>:) (?P<content>\S[^\n]*)")
FINDING_SOURCES = frozenset(("poll", "survey", "study", "report"))
_COLON_QUOTATION = re.compile(r"(?P<cue>:)[ \t]*(?P<content>“[^“”\n]{1,2000}?”|\"[^“”\"\n]{1,2000}?\")")
_SIGNED_QUOTATION = re.compile(
    r"(?P<content>[“\"][^\n]{1,2000}[”\"])[ \t\xa0]*(?P<cue>[―—])[ \t\xa0]*"
    r"(?P<speaker>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})[ \t\xa0.]*$",
    re.M,
)
# After the cue: what is left of its clause (no marks, no paragraph break), a comma or full stop, then a
# quotation that ends with its sentence.
_RESUMED = re.compile(r"[^“”\"\n]{0,120}?[,.:][ \t]{0,2}(“[^“”\n]{1,2000}?[.!?…]”|\"[^“”\"\n]{1,2000}?[.!?…]\")")


def find_quotes(doc: Doc, article_id: str, mentions: Iterable[Mention]) -> list[Quote]:
    """Every attribution in the parsed article, in text order."""
    named = _Names([m for m in mentions if m.type in NAMED_TYPES])
    marks = _Marks(doc_text(doc))
    found: dict[tuple[int, int], Quote] = {}
    for token in doc:
        for quote in _quotes_at(doc, token, article_id, named, marks):
            found.setdefault((quote.cue_span.start, quote.cue_span.end), quote)
    for quote in _line_quotes(doc, article_id, named):
        found.setdefault((quote.cue_span.start, quote.cue_span.end), quote)
    return sorted(found.values(), key=lambda q: q.cue_span.start)


def doc_text(doc: Doc) -> str:
    """The parsed text, joined once per doc: `Doc.text` joins every token's text anew on each call, and
    reading it once per token made the analysis quadratic in the article's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_TEXT = "manysides.text"


class _Names:
    """The named mentions of an article (in text order, as spaCy's entities never overlap), indexed by
    offset: looking a speaker up by scanning every mention, once per quote, was quadratic in long articles."""

    def __init__(self, named: list[Mention]) -> None:
        self.named = named
        self.starts = [m.start for m in named]
        self.people = [m for m in named if m.type == "PERSON"]
        self.people_ends = [m.end for m in self.people]
        self.people_spans = {(m.start, m.end) for m in self.people}
        self.speakers_by_end: dict[int, Mention] = {}  # end offset → the first person or organisation ending there
        for m in named:
            if m.type in ("PERSON", "ORG"):
                self.speakers_by_end.setdefault(m.end, m)

    def within(self, start: int, end: int) -> Mention | None:
        """The first mention inside [start, end]."""
        for index in range(bisect_left(self.starts, start), len(self.named)):
            m = self.named[index]
            if m.start > end:
                return None
            if m.end <= end:
                return m
        return None

    def person_before(self, position: int) -> Mention | None:
        """The last person named before a position (what "he said" refers to)."""
        index = bisect_right(self.people_ends, position)
        return self.people[index - 1] if index else None


def _line_quotes(doc: Doc, article_id: str, named: _Names) -> Iterator[Quote]:
    """Attributions made by layout, not by a verb: a transcript line ("PENCE: Well, look…") whose speaker
    is a person the article names (or that person's surname in capitals), a headline that names its source
    before a colon ("Sanders: Clinton needs to…", "Poll: …"; a name the tagger missed there counts when the
    article names that person below), a quotation after a name and a colon inside a sentence ("…doesn't
    surprise Republican pollster Daron Shaw: “Historically, …”"), and a quotation signed with a dash at the
    end of its paragraph ("“He scares me.” ― Krystal Correa")."""
    text = doc_text(doc)
    surnames = {m.entity_id.rpartition(":")[2].rpartition(" ")[2].upper() for m in named.people}
    for line in _TRANSCRIPT_LINE.finditer(text):
        speaker = line.group("speaker")
        exact = line.span("speaker") in named.people_spans
        if exact or (speaker.isupper() and speaker in surnames):
            content = _with_quotation(doc, line.start("content"), line.end("content"))
            if content is not None:
                yield _quote(doc, article_id, named, line.span("speaker"), line.span("cue"), content, channel=None)
    headline = _HEADLINE.match(text)
    if headline is not None:  # "Pence: Flowers Won't Be at Debate", "Poll: Clinton and Trump in dead heat"
        speaker = headline.span("speaker")
        named_speaker = any(m.start < speaker[1] and speaker[0] < m.end for m in named.named)
        surname = headline.group("speaker").rpartition(" ")[2].upper() in surnames  # "Lynch:", "Attorney General Loretta Lynch" below
        if named_speaker or surname or headline.group("speaker").lower() in FINDING_SOURCES:
            content = _with_quotation(doc, *headline.span("content"))
            if content is not None:
                yield _quote(doc, article_id, named, speaker, headline.span("cue"), content, channel=None)
    for colon in _COLON_QUOTATION.finditer(text):
        speaker = named.speakers_by_end.get(colon.start("cue"))
        if speaker is not None:  # the name with the words that describe it: "Republican pollster Daron Shaw"
            span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
            if span is not None:
                left = min(t.idx for t in span.root.subtree)
                yield _quote(doc, article_id, named, (left, speaker.end), colon.span("cue"), colon.span("content"), channel=None)
    for signed in _SIGNED_QUOTATION.finditer(text):
        yield _quote(doc, article_id, named, signed.span("speaker"), signed.span("cue"), signed.span("content"), channel=None)


def _quotes_at(doc: Doc, token: Token, article_id: str, named: _Names, marks: _Marks) -> Iterator[Quote]:
    if token.lower_ == "according" and (to := _child(token, "prep", "to")) is not None:
        pobj = _child(to, "pobj")
        if pobj is None:
            return
        clause = token.head if token.head.i != token.i else None
        cue = (token.idx, to.idx + len(to))
        content = _with_quotation(doc, *_span_without(doc, clause, exclude=token)) if clause is not None else None
        if content is not None:
            yield _quote(doc, article_id, named, _subtree(pobj), cue, content, channel=None)
        return
    lemma = token.lemma_
    known = lemma in CUE_LEMMAS or lemma in STANCE_LEMMAS or lemma in PHRASAL_CUES or lemma in QUOTATION_CUES
    if token.pos_ not in ("VERB", "AUX") or not known:
        return
    speaker = _speaker(token)
    if speaker is None:
        return
    text = doc_text(doc)
    particle = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in PHRASAL_CUES.get(lemma, ())), None)
    if lemma in STANCE_LEMMAS or lemma in PHRASAL_CUES:
        if text[speaker[0] : speaker[1]].lower() in SPEAKING_PERSONS or marks.in_quotation(token.idx):
            return  # "we expect", “Nobody expected it”: a quoted speaker's own words, not the reporter's attribution
        if _child(token, "nsubj") is None and _in_reported_clause(token):
            return  # "Harrow said residents were calm and praised…": a subject borrowed from a reported clause
        content = _object_content(doc, token, particle)
    elif lemma in QUOTATION_CUES:  # “…,” he continued.
        content = _quotation_before(text, min(speaker[0], token.idx))
    else:
        content = _content(doc, token) or _quotation_before(text, min(speaker[0], token.idx))
    if content is None:
        return
    cue_tokens = [t for t in token.children if t.dep_ in ("aux", "auxpass", "neg") and t.i < token.i] + [token]
    cue_tokens += [t for t in token.children if t.lower_ in CUE_ADVERBS and _next_to(t, token)]
    cue_tokens += [t for t in token.children if t.dep_ == "prt"] + ([particle] if particle is not None else [])
    cue = (min(t.idx for t in cue_tokens), max(t.idx + len(t) for t in cue_tokens))
    if text[cue[1] : cue[1] + 1] == ":" and content[0] > cue[1]:
        cue = (cue[0], cue[1] + 1)  # "He said: “…”": the colon introduces the quotation, part of the cue
    content = _whole_quotation(text, content, speaker, cue)
    yield _quote(doc, article_id, named, speaker, cue, content, channel=_channel(token))


def _speaker(verb: Token) -> tuple[int, int] | None:
    if (agent := _child(verb, "agent")) is not None and (pobj := _child(agent, "pobj")) is not None:
        return _subtree(pobj)
    if (subject := _child(verb, "nsubj")) is not None:
        return _subtree(subject)
    # "…, saying …" and "… and added …" speak with the subject of the verb they continue, and so does
    # "responded … by saying …".
    governor = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
    if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and governor.i != verb.i:
        if (subject := _child(governor, "nsubj")) is not None:
            return _subtree(subject)
    return None


def _content(doc: Doc, verb: Token) -> tuple[int, int] | None:
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i), None)
    if verb.lemma_ in FINDING_LEMMAS:
        finite = clause is not None and clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX")
        return _with_quotation(doc, *_subtree(clause)) if finite and _child(clause, "nsubj") is not None else None
    if clause is not None:  # its subtree starts with "that" when there is one: PolNeAR's content keeps it
        return _with_quotation(doc, *_subtree(clause))
    before = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i), None)
    # "The talks failed, officials said": the verb hangs off the clause it reports; in "X, but Y,
    # a source said" it hangs off the second conjunct, and the content is both.
    reported = verb.dep_ == "ccomp" and verb.head.lemma_ in CUE_LEMMAS  # "Morrow said villagers had warned…"
    if verb.dep_ in ("parataxis", "ccomp", "conj") and verb.head.i < verb.i and not reported:
        head = verb.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        start, whole_end = _subtree(head)
        end = _subtree(before)[1] if before is not None else _span_without(doc, head, exclude=verb)[1]
        if whole_end > _subtree(verb)[1]:  # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
            end = whole_end
        return _with_quotation(doc, start, end)
    # "The museum, Mr. Bush said, celebrated his heroes": the cue set off by commas inside the clause it
    # reports; the content is the whole clause, the cue within it (PolNeAR's two fragments).
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i > verb.i and verb.head.lemma_ not in CUE_LEMMAS:
        if _subtree(verb.head)[0] < _subtree(verb)[0]:
            return _with_quotation(doc, *_subtree(verb.head))
    # "…, sources said." and "“…,” said Reyna." parse the content as the verb's own child before it.
    if before is not None:
        return _with_quotation(doc, *_subtree(before))
    return None


def _in_reported_clause(token: Token) -> bool:
    """Whether the token hangs, through its heads, off the clause a speech verb reports."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.lemma_ in CUE_LEMMAS:
            return True
        token = token.head
    return False


def _next_to(adverb: Token, verb: Token) -> bool:
    """Whether only auxiliaries stand between an adverb and its verb ("has also said", not "Also, he said")."""
    between = adverb.doc[adverb.i + 1 : verb.i]
    return adverb.i < verb.i and all(t.dep_ in ("aux", "auxpass", "neg") for t in between)


class _Marks:
    """Where the line breaks and quotation marks of a text are, so that the marks of a paragraph up to a
    position are counted by bisection: counting them in the paragraph's text, once per cue, was quadratic
    in an article of one long line."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.found = {mark: [m.start() for m in re.finditer(mark, text)] for mark in ("“", "”", '"', "''")}

    def count(self, mark: str, start: int, end: int) -> int:
        """How many times `mark` occurs in text[start:end] (as `str.count` counts it)."""
        found = self.found[mark]
        return bisect_right(found, end - len(mark)) - bisect_left(found, start)

    def in_quotation(self, position: int) -> bool:
        """Whether a position lies inside a quotation opened earlier in its paragraph."""
        index = bisect_left(self.breaks, position)
        start = self.breaks[index - 1] + 1 if index else 0
        return (
            self.count("“", start, position) > self.count("”", start, position)
            or self.count('"', start, position) % 2 == 1
            or self.count("''", start, position) % 2 == 1
        )


def _object_content(doc: Doc, verb: Token, particle: Token | None) -> tuple[int, int] | None:
    """What a verb of intent or judgement attributes: its objects and complements after it, from the first
    to the last ("blasted [him for not paying taxes]", "vowed [to triple the program]"); after a particle,
    what the particle governs ("called for [a moratorium]"). Leading prepositions are circumstances, not
    content ("criticised in a speech the plan…")."""
    if particle is not None:
        objects = [c for c in particle.children if c.i > particle.i] + [
            c for c in verb.children if c.i > particle.i and c.dep_ in _OBJECT_DEPS
        ]
    else:
        objects = [c for c in verb.children if c.i > verb.i and c.dep_ in _OBJECT_DEPS]
        while objects and objects[0].dep_ == "prep":
            objects.pop(0)
        if verb.lemma_ in PHRASAL_CUES and not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in objects):
            return None  # "called a meeting", "pointed the way"
    if not objects:
        return None
    return _with_quotation(doc, _subtree(objects[0])[0], max(_subtree(c)[1] for c in objects))


def _with_quotation(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Trim separators; widen to the quotation marks around the content, across sentences if open."""
    text = doc_text(doc)
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    if end <= start:
        return None
    closing = end
    while closing < len(text) and text[closing] in ".,!?":
        closing += 1
    if text[end - 1] not in CLOSING_MARKS and closing < len(text) and text[closing] in CLOSING_MARKS:
        # “Words,” she said: the comma and the mark belong to the quotation ('' is one mark in NYT copy)
        end = closing + (2 if text.startswith("''", closing) else 1)
    opening = next((mark for mark in MARK_PAIRS if text.endswith(mark, 0, start)), None)
    if opening is not None and text.endswith(MARK_PAIRS[opening], start, end):
        return start - len(opening), end  # the parse left the opening mark out
    if opening is not None and text[end - 1] not in CLOSING_MARKS:
        # she said: “One. Two.” — the parse gave the first sentence only; the quotation runs to its mark
        close = text.find(MARK_PAIRS[opening], end, min(len(text), end + _REACH))
        if close >= 0 and "\n" not in text[end:close] and (opening != "“" or "“" not in text[end:close]):
            return start - len(opening), close + len(MARK_PAIRS[opening])
    if text[end - 1] in CLOSING_MARKS and text[start] not in OPENING_MARKS:
        inside = text[start : end - 1]
        if "“" not in inside and inside.count('"') % 2 == 0:  # opened before the content, maybe sentences before
            reach = max(0, start - _REACH + 1)  # no further back than the reach: searching to the text's start was quadratic
            opening = max(text.rfind("“", reach, start), text.rfind('"', reach, start))
            if opening >= 0 and text.rfind("”", opening, start) < 0:
                start = opening
    return start, end


def _quotation_before(text: str, position: int) -> tuple[int, int] | None:
    """“A lot of it comes across as pandering,” he said. — a quotation that ends right before its speaker
    and cue, for when the parser did not hang it on the verb."""
    found = _BEFORE_CUE.search(text, max(0, position - _REACH), position)
    return found.span(1) if found is not None else None


def _whole_quotation(text: str, content: tuple[int, int], speaker: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """A quotation interrupted by its cue is one quote; the content runs over both parts and the cue
    between them (PolNeAR marks them as one content in two fragments):
    - “One,” she said. “Two.” — resumed after the cue, when the second part ends its sentence (not
      “Two,” he replied.) and no paragraph lies between;
    - “One,” Tester said, “two.” — begun right before the speaker."""
    start, end = content
    if text[start] not in OPENING_MARKS or text[end - 1] not in CLOSING_MARKS:
        return content
    first, last = min(speaker[0], cue[0]), max(speaker[1], cue[1])
    if end <= first and (resumed := _RESUMED.match(text, last)) is not None:
        return start, resumed.end()
    if start >= last and (begun := _quotation_before(text, first)) is not None:
        return begun[0], end
    return content


def _channel(verb: Token) -> str | None:
    """Whom it was told: "told Reuters", "told the Northern Ledger"."""
    if verb.lemma_ != "tell":
        return None
    target = _child(verb, "dobj") or _child(verb, "dative")
    if target is None or target.pos_ not in ("PROPN", "NOUN"):
        return None
    start, end = _subtree(target)
    return doc_text(verb.doc)[start:end]


def _quote(
    doc: Doc,
    article_id: str,
    named: _Names,
    speaker: tuple[int, int],
    cue: tuple[int, int],
    content: tuple[int, int],
    channel: str | None,
) -> Quote:
    text = doc_text(doc)
    speaker_start, speaker_end = _trimmed(text, *speaker)
    entity = named.within(speaker_start, speaker_end)
    pronoun = text[speaker_start:speaker_end].lower() in PRONOUNS
    if entity is None and pronoun:  # "he said": the last person named before it
        entity = named.person_before(speaker_start)
    direct = text[content[0]] in OPENING_MARKS and text[content[1] - 1] in CLOSING_MARKS
    evidence_start = min(doc[doc.char_span(*content, alignment_mode="expand").start].sent.start_char, speaker_start)
    evidence_end = doc[doc.char_span(*cue, alignment_mode="expand").start].sent.end_char
    return Quote(
        speaker=text[speaker_start:speaker_end],
        speaker_span=Span(article_id, speaker_start, speaker_end),
        speaker_entity_id=entity.entity_id if entity else None,
        anonymous=entity is None and not pronoun,
        cue=text[cue[0] : cue[1]],
        cue_span=Span(article_id, *cue),
        channel=channel,
        direct=direct,
        content=Span(article_id, *content),
        evidence=Span(article_id, min(evidence_start, content[0]), max(evidence_end, content[1])),
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A speaker without the blanks left where a dateline was cut out ("RENO, Nev. (AP) — Donald Trump says…").
    Its commas stay: PolNeAR's sources keep the one that closes an apposition (trimming it: source F1 −2.4)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _child(token: Token, dep: str, lower: str | None = None) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep and (lower is None or c.lower_ == lower)), None)


def _subtree(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _span_without(doc: Doc, head: Token, exclude: Token) -> tuple[int, int]:
    """The head's subtree without the excluded token's subtree, as one contiguous span."""
    excluded = {t.i for t in exclude.subtree}
    kept = [t for t in head.subtree if t.i not in excluded]
    if exclude.i > head.i:
        kept = [t for t in kept if t.i < min(excluded)]
    else:
        kept = [t for t in kept if t.i > max(excluded)]
    if not kept:
        return head.idx, head.idx
    return kept[0].idx, kept[-1].idx + len(kept[-1])
