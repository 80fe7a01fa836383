"""Sentence alignment across articles on hand-built vectors: mutual best matches above the threshold."""

import numpy as np
import pytest

from manysides.compare.align import ALIGN_THRESHOLD, NUMBER_ALLOWANCE, SECOND_THRESHOLD, AlignedPair, Source, aligned_pairs, facts
from manysides.model import Analysis, Article, Sentence

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def source(outlet: str, rows: list[list[float]], copy_of: str | None = None, texts: list[str] | None = None) -> Source:
    texts = texts or [f"{outlet.lower()}{i}" for i in range(len(rows))]  # no shared words: vectors decide
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    sentences = tuple(Sentence(i, int(starts[i]), int(starts[i]) + len(t), t) for i, t in enumerate(texts))
    article = Article.create(outlet=outlet, text=" ".join(s.text for s in sentences))
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Source(article, Analysis(article.id, sentences, (), (), (), ()), vectors, copy_of)


def test_only_mutual_best_pairs_above_the_threshold_align():
    herald = source("Herald", [[1, 0, 0], [0, 1, 0]])
    ledger = source("Ledger", [[0.9, 0.1, 0], [0.6, 0.5, 0.6], [0, 0, 1]])
    pairs = aligned_pairs([herald, ledger])
    assert [(p.first, p.second) for p in pairs] == [((herald.article.id, 0), (ledger.article.id, 0))]
    assert pairs[0].similarity >= ALIGN_THRESHOLD


def test_a_wire_copy_is_not_aligned_with_its_original():
    wire = source("Wire", [[1, 0, 0]])
    reprint = source("Post", [[1, 0, 0]], copy_of=wire.article.id)
    assert aligned_pairs([wire, reprint]) == []


def test_a_fact_never_takes_two_sentences_of_one_article():
    a, b, c = ("a", 0), ("b", 0), ("b", 1)
    groups = facts([AlignedPair(a, b, 0.9), AlignedPair(a, c, 0.8)])
    assert groups == [[a, b]]


def test_facts_join_pairs_that_share_a_sentence():
    a, b, c = ("a", 0), ("b", 3), ("c", 1)
    assert facts([AlignedPair(a, b, 0.9), AlignedPair(b, c, 0.7)]) == [[a, b, c]]


def test_groups_merged_earlier_do_not_lose_later_facts():
    a, b, c, d, e, f, g, h = ((name, 0) for name in "abcdefgh")
    pairs = [
        AlignedPair(a, b, 0.99), AlignedPair(c, d, 0.98), AlignedPair(e, f, 0.97),
        AlignedPair(b, c, 0.96),  # joins the first two groups
        AlignedPair(g, h, 0.95),  # a new group after the join must not replace e–f
    ]
    assert sorted(facts(pairs)) == [[a, b, c, d], [e, f], [g, h]]


def test_shared_words_lift_a_paraphrase_the_vectors_alone_would_miss():
    said = ["The notice was issued on Tuesday evening.", "Bottled water is handed out."]
    told = ["Officials issued the notice on Tuesday evening after tests.", "Schools stay open."]
    rows_a, rows_b = [[1, 0, 0], [0, 1, 0]], [[0.42, 0, 0.91], [0, 0.3, 0.95]]  # cosine 0.42: below the threshold
    herald, ledger = source("Herald", rows_a, texts=said), source("Ledger", rows_b, texts=told)
    [pair] = aligned_pairs([herald, ledger])
    assert (pair.first[1], pair.second[1]) == (0, 0) and pair.similarity >= ALIGN_THRESHOLD


def test_a_sentence_saying_two_things_aligns_with_both_of_their_sentences():
    # The Gazette's one sentence says what the Times says in two: the second Times sentence is the
    # first one's runner-up, and aligns one way because it is close enough.
    times = source("Times", [[1, 0.2, 0], [0.5, 1, 0]])
    gazette = source("Gazette", [[0.9, 0.3, 0], [0, 0, 1]])
    pairs = aligned_pairs([times, gazette])
    assert {(p.first[1], p.second[1], p.mutual) for p in pairs} == {(0, 0, True), (1, 0, False)}
    assert sorted(facts(pairs)) == [[(times.article.id, 0), (gazette.article.id, 0)], [(times.article.id, 1), (gazette.article.id, 0)]]


def test_a_one_way_pair_never_joins_two_facts():
    a, b, c, d = ("a", 0), ("b", 0), ("c", 0), ("a", 1)
    pairs = [AlignedPair(a, b, 0.9), AlignedPair(c, d, 0.8), AlignedPair(b, c, 0.7, mutual=False)]
    assert sorted(facts(pairs)) == [[a, b], [d, c]]


def test_a_one_way_pair_that_shares_a_number_needs_only_the_mutual_threshold():
    # "8,000 homes" in both: the runner-up aligns at the mutual threshold, below SECOND_THRESHOLD.
    def times(second: str) -> Source:
        return source("Times", [[1, 0, 0], [0.1, 0.5, 0.1]], texts=["boil notice issued", second])

    gazette = source("Gazette", [[0.9, 0.3, 0], [0, 0, 1]], texts=["notice covers 8,000 homes", "sandbags delivered"])
    with_number, without = times("8,000 homes affected"), times("many homes affected")
    one_way = [p for p in aligned_pairs([with_number, gazette]) if not p.mutual]
    assert [(p.first[1], p.second[1]) for p in one_way] == [(1, 0)]
    assert ALIGN_THRESHOLD <= one_way[0].similarity < SECOND_THRESHOLD
    assert [p for p in aligned_pairs([without, gazette]) if not p.mutual] == []


def test_a_mutual_pair_giving_one_number_may_fall_a_little_short_of_the_threshold():
    # "About 3,500 residents have been evacuated" / "Around 3,500 people have left their homes"
    rows_a, rows_b = [[1, 0, 0], [0, 1, 0]], [[0.41, 0, 0.91], [0, 0.2, 0.98]]
    def pair_of(first: str) -> list[AlignedPair]:
        herald = source("Herald", rows_a, texts=[first, "schools opened"])
        return aligned_pairs([herald, source("Ledger", rows_b, texts=["3,500 left", "winds rose"])])

    [pair] = pair_of("3,500 evacuated")
    assert ALIGN_THRESHOLD - NUMBER_ALLOWANCE <= pair.similarity < ALIGN_THRESHOLD
    assert pair_of("many evacuated") == []
