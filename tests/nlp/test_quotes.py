"""Attribution rules, one construction per test, on sentences of our own, parsed by the real model."""

from manysides.model import Article
from manysides.nlp.pipeline import default_pipeline


def quotes_of(text: str):
    article = Article.create(outlet="Test Desk", text=text)
    analysis = next(default_pipeline().analyse([article]))
    return [(q, lambda span: article.text[span.start : span.end]) for q in analysis.quotes]


def only_quote(text: str):
    found = quotes_of(text)
    assert len(found) == 1, [q for q, _ in found]
    return found[0]


def test_speaker_verb_and_reported_clause():
    quote, cut = only_quote("Marta Okonjo said that the spillway gates were opened on Thursday night.")
    assert quote.speaker == "Marta Okonjo" and quote.speaker_entity_id == "person:marta okonjo"
    assert quote.cue == "said" and not quote.anonymous and not quote.direct
    assert cut(quote.content) == "that the spillway gates were opened on Thursday night"


def test_clause_first_with_an_anonymous_source():
    quote, cut = only_quote("The evacuation order was issued too late, two engineers said.")
    assert quote.speaker == "two engineers" and quote.anonymous
    assert cut(quote.content) == "The evacuation order was issued too late"


def test_a_direct_quotation_keeps_its_marks_and_its_comma():
    quote, cut = only_quote("“We opened the gates because we had no choice,” Okonjo said.")
    assert quote.direct
    assert cut(quote.content) == "“We opened the gates because we had no choice,”"


def test_a_quotation_over_two_sentences_before_its_cue():
    quote, cut = only_quote("“The water rose fast. We had minutes, not hours,” said the mayor.")
    assert cut(quote.content) == "“The water rose fast. We had minutes, not hours,”"
    assert quote.speaker == "the mayor"


def test_according_to():
    quote, cut = only_quote("According to the Northvale Water Authority, 140 homes were flooded.")
    assert quote.cue == "According to" and quote.speaker == "the Northvale Water Authority"
    assert cut(quote.content) == "140 homes were flooded"


def test_told_names_the_channel():
    quote, _ = only_quote("A senior official told Reuters that the talks had stalled.")
    assert quote.channel == "Reuters" and quote.anonymous


def test_auxiliaries_belong_to_the_cue():
    quote, _ = only_quote("The Valley Post has learned that the dam's inspection was postponed twice.")
    assert quote.cue == "has learned" and quote.speaker == "The Valley Post"


def test_a_pronoun_speaker_is_the_person_named_before_it():
    found = quotes_of("Marta Okonjo visited the dam on Friday. She said the repairs would take a year.")
    (quote, _), = found
    assert quote.speaker == "She" and quote.speaker_entity_id == "person:marta okonjo" and not quote.anonymous


def test_a_sentence_without_attribution_has_no_quote():
    assert quotes_of("The spillway gates were opened on Thursday night after heavy rain.") == []


def test_a_speech_verb_inside_what_someone_said_does_not_quote_the_speaker():
    quote, cut = only_quote("Councillor Ian Morrow said villagers had warned the agency about cracks in the slope.")
    assert quote.speaker == "Councillor Ian Morrow"
    assert cut(quote.content) == "villagers had warned the agency about cracks in the slope"


def test_a_quotation_resumed_after_its_cue_is_one_quote():
    quote, cut = only_quote("“The water rose fast,” Okonjo said. “We had minutes, not hours.”")
    assert quote.speaker == "Okonjo" and quote.direct
    assert cut(quote.content) == "“The water rose fast,” Okonjo said. “We had minutes, not hours.”"


def test_a_quotation_begun_before_its_speaker_is_one_quote():
    quote, cut = only_quote("“Every gate we opened,” the mayor said, “bought the town another hour.”")
    assert cut(quote.content) == "“Every gate we opened,” the mayor said, “bought the town another hour.”"


def test_a_second_speaker_answering_is_not_the_first_speakers_quote():
    found = quotes_of("“The gates held,” Okonjo said. “They did not,” Morrow replied.")
    assert [(q.speaker, cut(q.content)) for q, cut in found] == [
        ("Okonjo", "“The gates held,”"),
        ("Morrow", "“They did not,”"),
    ]


def test_a_cue_set_off_by_commas_inside_the_clause_it_reports():
    quote, cut = only_quote("The spillway, Okonjo said, had not been inspected since 2019.")
    assert quote.speaker == "Okonjo" and quote.cue == "said"
    assert cut(quote.content) == "The spillway, Okonjo said, had not been inspected since 2019"


def test_a_quotation_the_parser_did_not_hang_on_its_verb():
    quote, cut = only_quote("“A lot of her attempts to reach out come across as pandering,” he said.")
    assert cut(quote.content) == "“A lot of her attempts to reach out come across as pandering,”"


def test_a_study_that_found_something_is_a_source_but_a_verdict_is_not():
    quote, cut = only_quote("A survey by the water authority found that the old sluices leaked.")
    assert quote.speaker == "A survey by the water authority" and quote.cue == "found"
    assert cut(quote.content) == "that the old sluices leaked"
    assert quotes_of("The jury found him guilty of arson.") == []


def test_a_transcript_line_quotes_the_person_named_in_capitals():
    found = quotes_of("Host Nadia Brenner spoke to Governor Ian Morrow on Sunday.\n\nBRENNER: Did the gates hold?\n\nMORROW: They held until midnight.")
    lines = [(q.speaker, q.cue, cut(q.content)) for q, cut in found if q.cue == ":"]
    assert lines == [("BRENNER", ":", "Did the gates hold?"), ("MORROW", ":", "They held until midnight")]
    assert quotes_of("Update: the gates were closed at midnight.") == []


def test_a_quotation_signed_with_a_dash():
    quote, cut = only_quote("“We lost the ground floor in an hour.” ― Elena Varga")
    assert quote.speaker == "Elena Varga" and quote.cue == "―" and quote.direct
    assert cut(quote.content) == "“We lost the ground floor in an hour.”"


def test_a_call_for_something_is_attributed_with_its_particle():
    quote, cut = only_quote("The teachers' union called for a moratorium on school closures.")
    assert quote.cue == "called for" and quote.speaker == "The teachers' union"
    assert cut(quote.content) == "a moratorium on school closures"


def test_a_verb_of_judgement_attributes_its_object_and_what_follows():
    quote, cut = only_quote("Mayor Ana Ruiz criticized the water authority for the late warning.")
    assert quote.cue == "criticized" and quote.speaker == "Mayor Ana Ruiz"
    assert cut(quote.content) == "the water authority for the late warning"


def test_a_vow_attributes_what_was_vowed():
    quote, cut = only_quote("The minister vowed to rebuild the bridge within a year.")
    assert quote.cue == "vowed" and cut(quote.content) == "to rebuild the bridge within a year"


def test_blame_and_concern_expressed_are_attributions_a_rejected_plan_is_not():
    quote, cut = only_quote("The union blamed the company for the delays.")
    assert (quote.speaker, quote.cue, cut(quote.content)) == ("The union", "blamed", "the company for the delays")
    quote, cut = only_quote("The minister expressed concern about the closures.")
    assert (quote.cue, cut(quote.content)) == ("expressed", "concern about the closures")
    assert quotes_of("The council rejected the plan on Tuesday.") == []  # an act: it stays a claim to compare


def test_a_speaker_after_a_dateline_starts_at_its_first_word():
    quote, _ = only_quote("RENO, Nev. (AP) — Republican hopeful Donald Trump says he will win Nevada.")
    assert quote.speaker == "Republican hopeful Donald Trump"


def test_continued_speaks_beside_a_quotation_and_not_elsewhere():
    quote, cut = only_quote("“We will rebuild the bridge,” the mayor continued.")
    assert (quote.cue, cut(quote.content)) == ("continued", "“We will rebuild the bridge,”")
    assert quotes_of("The rain continued through the night.") == []


def test_the_colon_after_a_speech_verb_belongs_to_the_cue():
    quote, cut = only_quote("Okonjo said: “We had minutes, not hours.”")
    assert quote.cue == "said:" and cut(quote.content) == "“We had minutes, not hours.”"


def test_acts_and_beliefs_are_no_attributions():
    assert quotes_of("Government forces attacked the port and the council rejected the plan.") == []
    assert quotes_of("Residents want a new bridge, and the mayor called a meeting.") == []


def test_a_quoted_speakers_own_expectation_is_not_a_second_attribution():
    quote, _ = only_quote("“We expect the water to fall by Friday,” Okonjo said.")
    assert quote.cue == "said" and quote.speaker == "Okonjo"


def test_a_quotation_after_its_cue_runs_to_its_closing_mark():
    quote, cut = only_quote("Okonjo told reporters: “We had minutes. Nobody expected the water so fast.”")
    assert cut(quote.content) == "“We had minutes. Nobody expected the water so fast.”" and quote.direct


def test_two_apostrophes_are_one_quotation_mark():
    quote, cut = only_quote("''We had minutes, not hours,'' said Marta Okonjo, the county's emergency manager.")
    assert cut(quote.content) == "''We had minutes, not hours,''" and quote.direct


def test_a_headline_that_names_its_source_before_a_colon():
    found = quotes_of("Marta Okonjo: Dam repairs will take a year\n\nThe spillway gates were opened on Thursday night.")
    (quote, cut), = found
    assert quote.speaker == "Marta Okonjo" and quote.cue == ":" and cut(quote.content) == "Dam repairs will take a year"


def test_a_headline_source_the_tagger_missed_counts_when_the_article_names_the_person():
    found = quotes_of("Okonjo: Dam repairs will take a year\n\nThe engineer, Marta Okonjo, spoke on Thursday.")
    assert [(quote.speaker, quote.cue, cut(quote.content)) for quote, cut in found] == [("Okonjo", ":", "Dam repairs will take a year")]


def test_a_quotation_after_a_name_and_a_colon_is_that_persons():
    quote, cut = only_quote("The surge does not surprise Republican pollster Daron Shaw: “Historically, outsiders do well early.”")
    assert (quote.speaker, quote.cue) == ("Republican pollster Daron Shaw", ":")
    assert cut(quote.content) == "“Historically, outsiders do well early.”"
    assert quotes_of("Her answer: “No.”") == []  # no one named before the colon


def test_a_headline_label_before_a_colon_is_no_source():
    assert quotes_of("Update: Dam repairs will take a year\n\nThe spillway gates were opened on Thursday night.") == []


def test_also_belongs_to_the_cue_but_not_a_sentence_adverb():
    quote, _ = only_quote("The mayor has also said that the repairs would take a year.")
    assert quote.cue == "has also said"
    quote, _ = only_quote("Also, the mayor said that the repairs would take a year.")
    assert quote.cue == "said"


def test_a_stance_verb_does_not_borrow_a_subject_from_a_reported_clause():
    quote, _ = only_quote("The mayor said the town was ready and praised the emergency services.")
    assert (quote.speaker, quote.cue) == ("The mayor", "said")  # never "the town … praised"
    quote, _ = only_quote("The minister met the families and pledged to rebuild the bridge.")
    assert (quote.speaker, quote.cue) == ("The minister", "pledged")


def test_by_saying_speaks_with_the_subject_of_the_verb_it_completes():
    quote, cut = only_quote("The mayor responded to the critics on Wednesday by saying the repairs were on schedule.")
    assert (quote.speaker, quote.cue) == ("The mayor", "saying")
    assert cut(quote.content) == "the repairs were on schedule"
