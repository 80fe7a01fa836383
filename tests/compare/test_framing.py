"""Wording per outlet: word choices for one thing, loaded terms with their sentences, distinctive words."""

import re

import numpy as np
import pytest

from manysides.compare.align import Source
from manysides.compare.framing import distinctive_words, loaded_terms, word_choices
from manysides.model import Analysis, Article, Sentence

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def source(outlet: str, text: str) -> Source:
    article = Article.create(outlet=outlet, text=text)
    sentences = tuple(
        Sentence(i, m.start(), m.end(), m.group()) for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]", article.text))
    )
    sentences = tuple(Sentence(s.index, s.start + len(s.text) - len(s.text.lstrip()), s.end, s.text.strip()) for s in sentences)
    return Source(article, Analysis(article.id, sentences, (), (), (), ()), np.ones((len(sentences), 3), np.float32))


def test_the_words_each_outlet_chooses_for_one_thing_are_counted():
    a = source("Ledger", "The war entered its third year. Officials said the war would end soon.")
    b = source("Wire", "The conflict entered its third year. The special military operation continues, the ministry said.")
    [war] = [choice for choice in word_choices([a, b]) if choice.concept == "war"]
    assert war.forms == {"Ledger": {"war": 2}, "Wire": {"conflict": 1, "special military operation": 1}}


def test_one_word_for_a_thing_everywhere_is_no_word_choice():
    a, b = source("Ledger", "The war went on."), source("Wire", "The war went on and on.")
    assert [choice.concept for choice in word_choices([a, b])] == []


def test_a_word_inside_another_is_not_counted():
    a, b = source("Ledger", "The warden spoke of wars."), source("Wire", "A conflicted warden spoke.")
    assert word_choices([a, b]) == []  # "warden", "conflicted": not war or conflict; "wars" counts, alone


def test_loaded_terms_come_with_every_sentence_that_uses_them():
    a = source("Courier", "Campaigners slammed the regime. The company said little. Critics slammed it again.")
    found = {(t.term, t.category, t.count): [e.text for e in t.evidence] for t in loaded_terms([a])}
    assert found == {
        ("slammed", "intensifier", 2): ["Campaigners slammed the regime.", "Critics slammed it again."],
        ("regime", "pejorative", 1): ["Campaigners slammed the regime."],
    }
    [evidence] = [t for t in loaded_terms([a]) if t.term == "regime"][0].evidence
    assert a.article.text[evidence.start : evidence.end] == evidence.text


def test_distinctive_words_are_what_one_outlet_repeats_and_the_others_do_not_use():
    shared = "The council met on Monday to discuss the budget for the new year. "
    a = source("Ledger", shared * 3 + "Austerity hits schools. Austerity hits libraries. " * 3 + "Austerity again.")
    b = source("Wire", shared * 3 + "The budget grows by two percent. Spending on schools rises.")
    words = {(w.outlet, w.word) for w in distinctive_words([a, b])}
    assert ("Ledger", "austerity") in words
    assert not any(word in ("council", "budget") for _, word in words)  # both use them alike
    assert all(w.z >= 1.645 and w.count >= 2 for w in distinctive_words([a, b]))


def test_one_outlet_has_nothing_to_stand_apart_from():
    assert distinctive_words([source("Ledger", "Austerity, austerity, austerity.")]) == []
