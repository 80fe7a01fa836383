import pytest

from manysides.model import Article, article_id, clean_text

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def test_clean_text_keeps_paragraphs_and_drops_layout_noise():
    raw = "First line.  \r\nstill first paragraph.\r\n\r\n\r\n\r\nSecond\u00a0paragraph.\n"
    assert clean_text(raw) == "First line.\nstill first paragraph.\n\nSecond paragraph."


def test_same_text_rewrapped_is_the_same_article():
    one = article_id("Harbour Herald", "The ferry ran aground.\nAll 40 passengers are safe.")
    two = article_id("harbour  herald", "The ferry ran aground. All 40\u00a0passengers are safe.")
    assert one == two


def test_same_text_from_another_outlet_is_another_article():
    text = "The ferry ran aground."
    assert article_id("Harbour Herald", text) != article_id("Bay Times", text)


def test_create_cleans_text_and_derives_id():
    article = Article.create(outlet=" Bay  Times ", text="  A ferry ran aground.\r\n")
    assert article.outlet == "Bay Times"
    assert article.text == "A ferry ran aground."
    assert article.id == article_id("Bay Times", "A ferry ran aground.")
    assert article.word_count == 4
