"""Attribution chains (pure): an article that reports what another news organisation reported, and whom
that organisation cites — the outlet → the Post → "sources close to the minister".

Two constructions make a link, read from the quotes the analysis found:
- a source told a news organisation ("Sources close to the minister told the Post that…", "chief engineer
  Marta Kowalczyk told Meridian Wire"): via the organisation, from the speaker;
- a news organisation is the speaker ("the Northern Ledger reported, citing two officials familiar with the
  call", "according to the newspaper"): via the organisation, from whom it cites in the same sentence
  ("citing …"), or from no one named.
A news organisation is an outlet of the registry the caller passes (the built-in outlets with the user's
`--outlets` file on top; by name or alias, not by a close spelling), a name ending in a masthead word
("Post", "Times", "Herald", "Ledger", "FM"…), or a description of one ("the newspaper", "state
television"). A short name is written out when the article named the organisation before ("the Post"
after "The Washington Post"). An outlet telling or citing itself ("told the Ledger" in the Ledger) is no
chain: that is the outlet's own reporting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from manysides.compare.align import Source
from manysides.model import Chain, Evidence, Quote, Sentence
from manysides.outlets.registry import Registry, default_registry, normalise

MASTHEAD_WORDS = frozenset(
    "post times herald journal gazette tribune telegraph guardian courier ledger news chronicle observer standard "
    "express mail mirror independent wire bulletin daily fm radio tv television press sun star globe dispatch "
    "examiner inquirer register review echo argus advertiser".split()
)
# Nouns that name a news organisation by what it is; "agency", "network", "channel" and "site" only after
# "news" ("the news agency"): a civil protection agency is none.
MEDIA_WORDS = frozenset("newspaper daily broadcaster television tv radio magazine tabloid broadsheet media".split())
_CITING = re.compile(r"\bciting\s+(?P<source>[^,.;:]+)")
_NAME = r"(?:[A-Z][\w'’&-]*\s+){0,4}"  # up to four capitalised words before a masthead word


def find_chains(sources: Sequence[Source], registry: Registry | None = None) -> list[Chain]:
    """Every link from an article through another news organisation, once per sentence and organisation.
    `registry`: the outlets that are news organisations (see `is_news_organisation`)."""
    found: dict[tuple[str, int, str], Chain] = {}
    for source in sources:
        for chain in _chains_of(source, registry):
            found.setdefault((chain.evidence.article_id, chain.evidence.start, normalise(chain.via)), chain)
    return list(found.values())


def _chains_of(source: Source, registry: Registry | None) -> Iterator[Chain]:
    text = source.article.text
    for quote in source.analysis.quotes:
        sentence = _sentence_of(source, quote)
        if sentence is None:
            continue
        if quote.channel and is_news_organisation(quote.channel, registry):
            via, cited, anonymous = quote.channel, quote.speaker, quote.anonymous
        elif is_news_organisation(quote.speaker, registry):
            via, cited, anonymous = quote.speaker, None, False
            citing = _CITING.search(sentence.text)
            if quote.cue.lower().startswith("cit"):  # the quote is the citing itself: "…, citing two officials"
                span: tuple[int, int] | None = (quote.content.start, quote.content.end)
            elif citing is not None:
                span = (sentence.start + citing.start("source"), sentence.start + citing.end("source"))
            else:
                span = None
            if span is not None:
                cited = text[span[0] : span[1]].strip()
                anonymous = not any(span[0] <= m.start < span[1] for m in source.analysis.mentions)
        else:
            continue
        via = _written_out(text, via, quote.cue_span.start)
        if not _is_own(source.article.outlet, via):
            evidence = Evidence(source.article.id, source.article.outlet, sentence.start, sentence.end, sentence.text)
            yield Chain(evidence, via, cited, anonymous)


@lru_cache(maxsize=4096)
def is_news_organisation(name: str, registry: Registry | None = None) -> bool:
    """ "Reuters", "the Northern Ledger", "Kestrel FM", "the newspaper", "state television", "the news agency" —
    not "reporters", nor "Ana Prates, who leads the civil protection agency" (the phrase before a comma counts).

    `registry`: the caller's outlets (jobs passes the built-in ones with the user's `--outlets` file on top);
    None: the built-in ones, for sources built by hand in tests."""
    head = name.replace("’", "'").split(",")[0]
    words = head.split()
    if not words:
        return False
    last = words[-1].strip(".'").casefold()
    if last in MEDIA_WORDS or (len(words) > 1 and words[-2].casefold() == "news"):
        return True
    if last in MASTHEAD_WORDS and words[-1][:1].isupper():
        return True
    return (registry or default_registry()).resolve(head).by in ("name", "domain")


def _written_out(text: str, via: str, before: int) -> str:
    """ "the Post" → "The Washington Post" when the article named it so before this point."""
    words = via.split()
    if len(words) != 2 or words[0].casefold() != "the":
        return via
    fuller = [m.group(0).strip() for m in re.finditer(rf"\b{_NAME}{re.escape(words[1])}\b", text[:before])]
    longer = [name for name in fuller if len(name.split()) > 1 and name.casefold() != via.casefold()]
    return longer[0] if longer else via


def _is_own(outlet: str, via: str) -> bool:
    """ "the Ledger" in The Northern Ledger; "Reuters" in Reuters."""
    own, other = normalise(outlet), normalise(via)
    return bool(other) and (own == other or own.endswith(f" {other}") or other.endswith(f" {own}"))


def _sentence_of(source: Source, quote: Quote) -> Sentence | None:
    return next((s for s in source.analysis.sentences if s.start <= quote.cue_span.start < s.end), None)
