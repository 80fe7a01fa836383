"""Wire copies are found; two outlets telling the same facts in their own words are not copies."""

from manysides.stories.syndication import CopyFinder, signature, similarity

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
