"""Claims, one rule per test, on sentences of our own parsed by the real model."""

from datetime import date

from manysides.model import Article
from manysides.nlp.pipeline import default_pipeline


def claims_of(text: str, published: date = date(2025, 6, 13)):
    article = Article.create(outlet="Test Desk", text=text, published=published)
    return next(default_pipeline().analyse([article])).claims


def claim_with(text: str, predicate: str):
    found = [claim for claim in claims_of(text) if claim.predicate == predicate]
    assert len(found) == 1, claims_of(text)
    return found[0]


def test_an_assertion_in_the_articles_own_voice():
    claim = claim_with("Engineers found cracks in the spillway of the dam.", "find")
    assert (claim.subject, claim.object) == ("Engineers", "cracks in the spillway of the dam")
    assert (claim.polarity, claim.modality, claim.attribution) == ("affirmed", "asserted", None)


def test_a_reported_clause_is_the_claim_and_the_speech_verb_is_not():
    claims = claims_of("The water authority said the dam was safe.")
    assert [c.predicate for c in claims] == ["be"]
    assert claims[0].modality == "reported" and claims[0].attribution == "The water authority"


def test_a_denial_cue_makes_the_reported_claim_denied():
    claim = claim_with("The company denied that it had sold the data.", "sell")
    assert claim.modality == "denied" and claim.attribution == "The company"


def test_no_evidence_that_it_happened_denies_it():
    claim = claim_with("Police said there was no evidence that the fire had been started deliberately.", "start")
    assert (claim.subject, claim.polarity, claim.modality) == ("the fire", "affirmed", "denied")


def test_what_a_source_has_not_said_is_a_claim_of_silence_not_its_statement():
    claims = claims_of("Lumen Networks has not said whether customers will be compensated.")
    assert [(c.subject, c.predicate, c.object, c.polarity) for c in claims] == [
        ("Lumen Networks", "say", "whether customers will be compensated", "negated")
    ]


def test_an_amount_in_a_currency_before_its_noun_is_money():
    claim = claim_with("The loss of the 95 million euro satellite will delay forecasts.", "delay")
    assert [(n.value, n.unit) for n in claim.numbers] == [(95_000_000, "EUR")]


def test_a_verb_that_carries_an_event_noun_says_the_events_verb():
    assert claim_with("The barrier had passed an inspection that afternoon.", "inspect").subject == "The barrier"
    assert claim_with("Police carried out a search of the house.", "search").subject == "Police"
    assert [c.predicate for c in claims_of("The council passed the budget.")] == ["pass"]  # no event noun: the verb stays


def test_a_go_ahead_approves_and_a_rule_coming_into_force_starts():
    assert claim_with("The energy minister gave the go-ahead for the wind farm.", "approve").subject == "The energy minister"
    assert claim_with("A hosepipe ban will come into force on Friday.", "start").subject == "A hosepipe ban"
    assert claim_with("The ban took effect on Friday.", "start").subject == "The ban"


def test_an_agreement_to_act_is_a_claim_of_the_act_by_the_one_who_agreed():
    claim = claim_with("Morlan Bank has agreed to buy the society for £1.2 billion, the lenders said.", "buy")
    assert (claim.subject, claim.attribution, [n.value for n in claim.numbers]) == ("Morlan Bank", "Morlan Bank", [1.2e9])
    assert [c.predicate for c in claims_of("The mayor urged residents to stay indoors.")] == []  # who stays is not the mayor


def test_reports_called_false_are_denied_and_the_frame_is_no_claim():
    claims = claims_of("Reports that the president threatened tariffs are false, the ministry said.")
    assert [(c.subject, c.predicate, c.modality) for c in claims] == [("the president", "threaten", "denied")]


def test_reportedly_hedges():
    assert claim_with("The ruling reportedly covers data from 2021.", "cover").modality == "hedged"


def test_allegedly_alleges():
    assert claim_with("Zipto allegedly earned more than 3 million euros.", "earn").modality == "alleged"


def test_a_modal_hedges():
    assert claim_with("The aftershock may have damaged the bridge.", "damage").modality == "hedged"


def test_not_negates():
    assert claim_with("The port will not reopen this week.", "reopen").polarity == "negated"


def test_a_no_object_negates():
    assert claim_with("There was no mine alert.", "be").polarity == "negated"


def test_a_count_keeps_the_noun_it_counts():
    [number] = claim_with("About 1,200 residents were evacuated overnight.", "evacuate").numbers
    assert (number.value, number.unit, number.text) == (1200.0, "resident", "1,200")


def test_a_unit_written_onto_its_number():
    [temperature] = claim_with("Temperatures reached 35.9C in Greyhaven.", "reach").numbers
    [speed] = claim_with("Gusts reached 85mph on the coast.", "reach").numbers
    assert (temperature.value, temperature.unit, speed.value, speed.unit) == (35.9, "degree", 85, "mph")


def test_crew_members_are_counted_as_crew():
    [number] = claim_with("All 21 crew members are safe.", "be").numbers
    assert (number.value, number.unit) == (21, "crew")


def test_money_in_words_and_in_symbols():
    [words] = claim_with("Zipto earned 3 million euros from the data.", "earn").numbers
    [symbol] = claim_with("The court fined Zipto €2.4m on Tuesday.", "fine").numbers
    assert (words.value, words.unit) == (3_000_000.0, "EUR")
    assert (symbol.value, symbol.unit) == (2_400_000.0, "EUR")


def test_a_percentage():
    [number] = claim_with("The storm destroyed 25% of the harvest.", "destroy").numbers
    assert (number.value, number.unit) == (25.0, "%")


def test_dates_in_the_clause_are_resolved_and_years_are_not_numbers():
    claim = claim_with("Engineers raised concerns in 2023 and inspected the dam on Thursday.", "inspect")
    assert claim.dates == ("2025-06-12",) and claim.numbers == ()


def test_evidence_is_the_whole_sentence():
    text = "The mayor spoke first. Engineers found cracks in the spillway."
    claim = claim_with(text, "find")
    assert text[claim.evidence.start : claim.evidence.end] == "Engineers found cracks in the spillway."


def test_a_subject_the_small_model_misparses_keeps_its_number_and_loses_the_clause():
    claim = claim_with("About two tonnes of fertiliser leaked into the River Arden on Tuesday, the agency said.", "leak")
    assert claim.subject == "About two tonnes of fertiliser"
    assert [(n.value, n.unit) for n in claim.numbers] == [(2.0, "tonne")]


def test_a_participle_adjunct_is_a_claim_of_the_subject_and_its_numbers_count_for_the_event():
    text = "The Sela Marina sailed from Odesa on Tuesday carrying 45,000 tonnes of wheat."
    carried = claim_with(text, "carry")
    assert carried.subject == "The Sela Marina"
    sailed = claim_with(text, "sail")
    assert [(n.value, n.unit) for n in sailed.numbers] == [(45000.0, "tonne")]


def test_an_absence_is_the_event_negated():
    claim = claim_with("No deaths were reported, civil protection officials said.", "die")
    assert (claim.subject, claim.polarity, claim.attribution) == ("No deaths", "negated", "civil protection officials")
    linked = claim_with("No deaths have been linked to the heat, the health agency said.", "die")
    assert (linked.subject, linked.polarity) == ("No deaths", "negated")


def test_neither_of_two_denies_as_no_does():
    claim = claim_with("Neither man needed hospital treatment, a rescue team spokesman said.", "need")
    assert (claim.subject, claim.polarity) == ("Neither man", "negated")


def test_there_were_no_injuries_is_nobody_injured():
    assert claim_with("There were no injuries.", "injure").polarity == "negated"


def test_a_subject_the_small_model_reads_as_a_compound_of_the_verb():
    assert claim_with("The R9 highway links the capital Veshan with the port of Dunmere.", "link").subject == "R9 highway"


def test_a_wire_dateline_is_not_the_subject():
    claim = claim_with("HALDEN, May 20 (Meridian Wire) - The Halden District Court fined Zipto 2.1 million euros.", "fine")
    assert claim.subject == "The Halden District Court"


def test_a_relative_clause_is_a_claim_of_its_noun_and_keeps_its_date_to_itself():
    text = "Tofu, a red panda that escaped from the zoo on Saturday, was caught on Tuesday."
    escaped, caught = claim_with(text, "escape"), claim_with(text, "catch")
    assert escaped.subject == "a red panda" and escaped.dates == ("2025-06-07",)
    assert caught.dates == ("2025-06-10",)  # the relative clause's Saturday is not when it was caught


def test_a_bare_count_takes_the_noun_of_the_count_it_is_coordinated_with():
    injured = claim_with("One dock worker was killed and two were injured.", "injure")
    assert [(n.value, n.unit) for n in injured.numbers] == [(2.0, "worker")]
    killed = claim_with("One dock worker was killed and two were injured.", "kill")
    assert [(n.value, n.unit) for n in killed.numbers] == [(1.0, "worker")]


def test_escaping_unhurt_is_not_being_injured():
    claim = claim_with("Two cars were caught in the slide, but their drivers escaped unhurt.", "injure")
    assert (claim.subject, claim.polarity) == ("their drivers", "negated")


def test_not_before_a_complement_negates():
    assert claim_with("Ruth Calder pleaded not guilty to fraud.", "plead").polarity == "negated"
    assert claim_with("Ruth Calder pleaded guilty to fraud.", "plead").polarity == "affirmed"


def test_a_duration_in_hours_is_a_number():
    [number] = claim_with("The blaze burned for six hours.", "burn").numbers
    assert (number.value, number.unit) == (6, "hour")


def test_an_age_is_the_age_of_the_person_it_describes():
    ages = [
        [(n.value, n.unit) for n in claim_with(text, "deny").numbers]
        for text in ("Hale, 52, denied the charge.", "Peter Hale, aged 52, denied the charge.", "The 52-year-old driver denied the charge.")
    ]
    assert ages == [[(52, "age:Hale")], [(52, "age:Hale")], [(52, "age:driver")]]
    assert [n.unit for n in claim_with("Shares rose to 52, up from 40.", "rise").numbers] == [None, None]


def test_the_age_of_a_name_the_model_takes_for_an_adverb():
    [age, clients] = claim_with("Pike, 61, took money from 37 clients.", "take").numbers
    assert (age.value, age.unit, clients.unit) == (61, "age:Pike", "client")


def test_being_able_to_do_something_states_the_doing():
    claim = claim_with("The bank said no customer had been able to see another customer's details.", "see")
    assert (claim.subject, claim.object, claim.polarity) == ("no customer", "another customer's details", "negated")


def test_being_unable_to_do_something_denies_it():
    claim = claim_with("Residents were unable to leave their homes.", "leave")
    assert claim.polarity == "negated"


def test_having_had_to_leave_reports_leaving_but_having_to_is_still_to_come():
    left = claim_with("Some 450 people had to leave their homes on Tuesday night.", "leave")
    assert (left.subject, left.polarity, [n.value for n in left.numbers]) == ("Some 450 people", "affirmed", [450])
    assert [c.predicate for c in claims_of("The council has to find two million pounds.")] == ["have"]


def test_a_capitalised_count_at_the_start_of_a_sentence_counts_its_noun():
    claims = claims_of("A barrier collapsed on Saturday.\n\nEleven people were treated for minor injuries at the scene.")
    [treated] = [c for c in claims if c.predicate == "treat"]
    assert [(n.value, n.unit) for n in treated.numbers] == [(11, "people")]


def test_a_clause_timed_on_a_named_day_is_dated_to_that_day_too():
    [wrecked] = claims_of("An explosion wrecked a house at about 6.30 a.m. on Friday.", published=date(2026, 3, 27))
    assert wrecked.dates == ("2026-03-27T06:30", "2026-03-27")
    [happened] = claims_of("The blast happened at about 5.30 a.m.", published=date(2026, 3, 27))
    assert happened.dates == ("2026-03-27T05:30",)  # the article's day only by default: no day of its own


def test_a_possessive_date_dates_its_noun_not_the_clause():
    [inspecting] = claims_of("Engineers are inspecting bridges after Wednesday's earthquake.", published=date(2026, 11, 19))
    assert inspecting.dates == ()


def test_a_number_after_a_scale_noun_is_a_measure_on_that_scale():
    [hit] = claims_of("A magnitude 4.3 earthquake hit the valley.")
    assert [(n.value, n.unit) for n in hit.numbers] == [(4.3, "magnitude")]
