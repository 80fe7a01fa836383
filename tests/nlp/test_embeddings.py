import numpy as np

from manysides.model import Analysis, Sentence
from manysides.nlp.embeddings import DIMENSIONS, SentenceEncoder, default_encoder, from_bytes, to_bytes


def test_a_paraphrase_is_closer_than_another_fact_of_the_same_story():
    vectors = default_encoder().encode(
        [
            "The dam's spillway gates were opened on Thursday night.",
            "Engineers opened the spillway of the dam late on Thursday.",
            "The town council will meet next month to discuss the budget.",
        ]
    )
    assert vectors.shape == (3, DIMENSIONS)
    paraphrase, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert paraphrase > 0.6 > unrelated


def test_vectors_are_unit_length_and_survive_storage():
    vectors = default_encoder().encode(["Officials have not commented.", "A spokesperson declined to comment."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    restored = from_bytes(to_bytes(vectors))
    assert restored.shape == vectors.shape and np.allclose(restored, vectors, atol=2e-3)


def test_no_sentences_give_an_empty_matrix_without_loading_the_model():
    encoder = SentenceEncoder()
    assert encoder.encode([]).shape == (0, DIMENSIONS)
    assert encoder._model is None


def test_a_batch_of_analyses_gets_one_matrix_each_in_order():
    def analysis(article_id, *texts):
        sentences = tuple(Sentence(i, 0, len(t), t) for i, t in enumerate(texts))
        return Analysis(article_id, sentences, (), (), (), (), ())

    batch = [analysis("a", "The dam held.", "Rain fell all night."), analysis("b"), analysis("c", "The dam held.")]
    first, empty, last = default_encoder().encode_analyses(batch)
    assert first.shape == (2, DIMENSIONS) and empty.shape == (0, DIMENSIONS) and last.shape == (1, DIMENSIONS)
    assert np.allclose(first[0], last[0], atol=1e-5)
