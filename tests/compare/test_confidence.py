"""What can never be a contradiction, and how sure the rest are: the false friends of real coverage, in our own words."""

import math
from datetime import date

import numpy as np
import pytest

from manysides.compare.align import Source
from manysides.compare.confidence import SHOWN, Evidence, confidence, never, normalised, rate
from manysides.compare.contradictions import find_contradictions
from manysides.model import Analysis, Article, Claim, Contradiction, Quote, Sentence, Span, TimeExpr

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def source(outlet: str, text: str, claim: dict, published: date | None = None, times: tuple[TimeExpr, ...] = (), quotes: tuple[Quote, ...] = ()) -> Source:
    article = Article.create(outlet=outlet, text=text, published=published)
    built = Claim(
        claim.get("subject", "the council"), claim["predicate"], claim.get("object", ""), claim.get("polarity", "affirmed"),
        claim.get("modality", "asserted"), Span(article.id, 0, len(text)), (), tuple(claim.get("dates", ())), claim.get("attribution"),
    )  # fmt: skip
    analysis = Analysis(article.id, (Sentence(0, 0, len(text), text),), (), quotes, (built,), times)
    return Source(article, analysis, np.array([[1.0, 0.0]], np.float32))


def against(kind: str, a: Source, b: Source) -> Contradiction:
    return Contradiction(kind, a.analysis.claims[0], b.analysis.claims[0], "test")


def test_one_quotation_printed_with_a_curly_and_a_straight_apostrophe_is_one_text():
    a = source("Herald", "“We aren’t going to sign it,” the mayor said.", {"predicate": "sign", "polarity": "negated"})
    b = source("Ledger", "\"We aren't going to sign it,\" the mayor said.", {"predicate": "sign"})  # misread as affirmed
    assert normalised(a.article.text) == normalised(b.article.text)
    assert never(against("negation", a, b), a, b) == "one text"


def test_a_long_quotation_inside_two_different_sentences_is_one_text():
    quoted = "the bridge will not reopen before the spring thaw"
    a = source("Herald", f"The engineer told reporters: “{quoted}.”", {"predicate": "reopen", "polarity": "negated"})
    b = source("Ledger", f"“{quoted.capitalize()},” said the engineer, who led the inspection.", {"predicate": "reopen"})
    assert never(against("negation", a, b), a, b) == "one text"


def test_speculation_a_question_and_an_initial_refusal_are_not_asserted():
    signed = source("Herald", "The union signed the agreement on Friday.", {"subject": "The union", "predicate": "sign"})
    for text in (
        "Some have speculated that the union will not sign the agreement.",
        "Will the union sign the agreement?",
        "The union at first refused to sign the agreement.",
    ):
        other = source("Ledger", text, {"subject": "The union", "predicate": "sign", "polarity": "negated"})
        assert never(against("negation", signed, other), signed, other) == "unasserted", text


def dated(outlet: str, text: str, words: str, day: str, published: date) -> Source:
    at = text.index(words)
    time = TimeExpr(at, at + len(words), words, day, "day", published)
    return source(outlet, text, {"predicate": "hold", "dates": (day,)}, published, (time,))


def test_one_relative_day_read_against_two_publication_dates_is_one_day():
    """'last night' in an article of 2025-03-12 and in one of 2025-03-13 is one night written twice; so is
    'on Tuesday' read against two anchors a week apart. But 'on Tuesday' against 'on Wednesday', or a day
    with its month named, is what the outlets say."""
    a = dated("Herald", "The vote was held last night.", "last night", "2025-03-11", date(2025, 3, 12))
    b = dated("Ledger", "The vote was held last night.", "last night", "2025-03-12", date(2025, 3, 13))
    assert never(against("date", a, b), a, b) in ("one text", "one relative date")
    b = dated("Ledger", "Lawmakers held the vote last night, after a long debate.", "last night", "2025-03-12", date(2025, 3, 13))
    assert never(against("date", a, b), a, b) == "one relative date"
    tuesday = dated("Herald", "The vote was held on Tuesday.", "on Tuesday", "2025-03-11", date(2025, 3, 12))
    wednesday = dated("Ledger", "The vote was held on Wednesday.", "on Wednesday", "2025-03-12", date(2025, 3, 13))
    assert never(against("date", tuesday, wednesday), tuesday, wednesday) is None
    named = dated("Ledger", "The vote was held on March 10.", "on March 10", "2025-03-10", date(2025, 3, 11))
    assert never(against("date", tuesday, named), tuesday, named) is None


def test_two_articles_of_one_outlet_are_not_two_sources():
    a = source("Herald", "The council approved the budget.", {"predicate": "approve", "object": "the budget"})
    b = source("Herald", "The council did not approve the budget, its leader said.", {"predicate": "approve", "object": "the budget", "polarity": "negated"})
    assert never(against("negation", a, b), a, b) == "one outlet"


def test_a_plain_claim_against_its_negation_may_be_one():
    a = source("Herald", "The council approved the budget.", {"predicate": "approve", "object": "the budget"})
    b = source("Ledger", "The council did not approve the budget.", {"predicate": "approve", "object": "the budget", "polarity": "negated"})
    assert never(against("negation", a, b), a, b) is None


def test_a_match_between_two_long_articles_is_not_shown_where_one_between_two_short_reports_is():
    """On real coverage (long articles, thousands of sentence pairs) none of the rules' findings held when
    judged by reading; in short reports of one event nearly all do (eval/compare.py --real --fit)."""
    for kind in ("number", "date", "negation", "denial", "attribution", "place"):
        short = Evidence(similarity=0.7, shared_things=1, aligned=True, quoted=False, pairs_offered=math.log10(8 * 9))
        long = Evidence(similarity=0.7, shared_things=1, aligned=True, quoted=False, pairs_offered=math.log10(60 * 70))
        assert confidence(kind, long) < SHOWN <= confidence(kind, short), kind


def test_a_repeated_sentence_is_one_finding():
    a = source("Herald", "The council approved the budget.", {"predicate": "approve", "object": "the budget"})
    b = source("Ledger", "The council did not approve the budget.", {"predicate": "approve", "object": "the budget", "polarity": "negated"})
    again = source("Ledger", "The council did not approve the budget.", {"predicate": "approve", "object": "the budget", "polarity": "negated"})
    again = Source(again.article, again.analysis, again.vectors)
    found = [against("negation", a, b), against("negation", a, again)]
    assert len(rate(found, [a, b, again], set(), {})) == 1


def test_a_quoted_no_comment_is_no_comment():
    silent = source("Radio", "Mazars did not respond to a request for comment.", {"subject": "Mazars", "predicate": "respond", "polarity": "negated"})
    text = "“No comment,” a Mazars spokeswoman said."
    quote = Quote("a Mazars spokeswoman", Span("x", 16, 36), None, False, "said", Span("x", 37, 41), None, True,
                  Span("x", 1, 11), Span("x", 0, len(text)))  # fmt: skip
    quoted = source("Wire", text, {"subject": "a Mazars spokeswoman", "predicate": "say"}, quotes=(quote,))
    assert find_contradictions([silent, quoted], []) == []


def test_shown_is_a_probability():
    assert 0 < SHOWN < 1
