"""Attribution chains, one construction per test, on sentences of our own parsed by the real model."""

import numpy as np

from manysides.compare.align import Source
from manysides.compare.sourcing import find_chains, is_news_organisation
from manysides.model import Article
from manysides.nlp.pipeline import default_pipeline


def chains_in(text: str, outlet: str = "Harbour Herald"):
    article = Article.create(outlet=outlet, text=text)
    analysis = next(default_pipeline().analyse([article]))
    source = Source(article, analysis, np.zeros((len(analysis.sentences), 3), np.float32))
    return [(c.via, c.source, c.anonymous) for c in find_chains([source])]


def test_a_source_that_told_another_paper_is_reached_through_it_with_its_name_written_out():
    text = ("The Washington Post reported on Friday that the minister had resigned. "
            "Sources close to the minister told the Post that he had been forced out.")
    assert ("The Washington Post", "Sources close to the minister", True) in chains_in(text)


def test_an_outlet_that_reported_citing_someone_is_one_link_to_whom_it_cites():
    text = "The minister threatened tariffs, the Northern Ledger reported, citing two officials familiar with the call."
    assert chains_in(text) == [("the Northern Ledger", "two officials familiar with the call", True)]


def test_according_to_a_newspaper_that_cites_no_one():
    assert chains_in("According to the newspaper, the talks collapsed on Monday.") == [("the newspaper", None, False)]


def test_a_named_source_who_told_a_news_agency():
    assert chains_in("Marta Kowalczyk, the chief engineer, told Reuters that the dam was safe.") == [
        ("Reuters", "Marta Kowalczyk, the chief engineer,", False)
    ]


def test_what_an_outlet_was_told_itself_is_its_own_reporting():
    assert chains_in("Two engineers told the Ledger that concerns had been raised.", outlet="The Northern Ledger") == []
    assert chains_in("Rescue teams pulled nine drivers out, a spokesperson told Reuters.", outlet="Reuters") == []


def test_reporters_and_a_civil_protection_agency_are_no_news_organisations():
    assert chains_in("The mayor told reporters the road would reopen.") == []
    assert not is_news_organisation("Ana Prates, who leads the regional civil protection agency")
    assert is_news_organisation("the news agency") and is_news_organisation("Kestrel FM") and is_news_organisation("AFP")
