"""Wire copies are found; two outlets telling the same facts in their own words are not copies."""

import pytest

from manysides.stories.syndication import CopyFinder, shingles, signature, similarity

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

WIRE = (
    "BRENLOW — Engineers found cracks in the spillway of the Brenlow Reservoir dam on Thursday, and about "
    "1,200 residents of Astley Marsh and Coldbeck were moved overnight as a precaution, the regional water "
    "authority said. Water was being released through the main outlet to lower the level of the reservoir, "
    "a spokeswoman for the authority said, adding that the dam was being watched around the clock. Police "
    "closed the road below the dam and asked people to stay away from the river banks until further notice."
)
REPRINT = (
    "Brenlow dam: villages evacuated. " + WIRE.replace("BRENLOW — ", "").rsplit(" Police", 1)[0]
)  # new headline, dateline dropped, last sentence trimmed
OWN_WORDS = (
    "Hundreds of people spent the night in a school hall after inspectors discovered damage to the Brenlow "
    "dam's spillway. The authority is lowering the reservoir by opening its main outlet. Officers have shut "
    "the B4410 and residents of the two villages were told it could be days before they return home."
)


def test_a_reprint_with_a_new_headline_and_a_trimmed_end_is_a_copy():
    finder = CopyFinder()
    assert finder.add("wire", signature(WIRE)) is None
    assert finder.add("reprint", signature(REPRINT)) == "wire"


def test_the_same_facts_in_other_words_are_not_a_copy():
    finder = CopyFinder()
    finder.add("wire", signature(WIRE))
    assert finder.add("own words", signature(OWN_WORDS)) is None
    assert similarity(signature(WIRE), signature(OWN_WORDS)) < 0.2


def test_a_copy_of_a_copy_points_at_the_first_original():
    finder = CopyFinder()
    finder.add("wire", signature(WIRE))
    finder.add("reprint", signature(REPRINT))
    assert finder.add("reprint of the reprint", signature("Update: " + REPRINT)) == "wire"


def test_signatures_do_not_change_between_runs():
    assert similarity(signature(WIRE), signature(WIRE)) == 1.0
    assert signature(WIRE)[:4].tolist() == signature(WIRE)[:4].tolist()


def test_the_estimate_follows_the_true_overlap_of_the_5_grams():
    words = [f"word{n}" for n in range(400)]
    for shared in (0, 100, 200, 300):
        first = " ".join(words[:200])
        second = " ".join(words[200 - shared : 400 - shared])
        a, b = shingles(first), shingles(second)
        true = len(a & b) / len(a | b)
        assert abs(similarity(signature(first), signature(second)) - true) < 0.12, (shared, true)


def test_two_short_reports_of_one_strike_are_not_copies():
    """They share three 5-grams in 80; an order-keeping linear hash once estimated 0.67 for this pair."""
    first = (
        "About 3,000 nurses walked out at Lindmark's three public hospitals on Tuesday in a dispute over pay. "
        "The nurses' union said the strike would last 48 hours. Emergency care continued. The health ministry "
        "said it had offered a rise of 4 percent. Union leader Grace Adeyemi said the offer was \"an insult\"."
    )
    second = (
        "Some 3,000 nurses at Lindmark's public hospitals began a 48-hour strike on Tuesday. The health ministry "
        "said it had offered nurses a pay rise of 6 percent. Planned operations were postponed, but emergency "
        "departments stayed open."
    )
    assert similarity(signature(first), signature(second)) < 0.2
