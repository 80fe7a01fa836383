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
