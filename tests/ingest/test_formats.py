"""Each format reader on our own small ferry story (tests/fixtures/ferry)."""

from datetime import date

from manysides.errors import InputError
from manysides.ingest import ReadOptions, read
from manysides.ingest.html import fragment_text, parse_html
from manysides.ingest.origin import Origin
from tests.conftest import FIXTURES

FERRY = FIXTURES / "ferry"


def articles_of(path, options=ReadOptions()):
    return list(read(str(path), options))


def test_html_page_main_text_without_navigation_scripts_or_footer():
    [article] = articles_of(FERRY / "coastline-daily.html")
    assert article.outlet == "Coastline Daily"  # og:site_name
    assert article.title == "Forty rescued as ferry grounds near Kessel Point"
    assert article.published == date(2024, 11, 8)
    assert article.language == "en"
    assert article.text.startswith("The ferry Maren Star struck a sandbank")
    assert "\n\nCoastguard commander Ilse Varga" in article.text
    for noise in ("Home", "Subscribe", "trackingPixel"):
        assert noise not in article.text


def test_html_without_site_name_takes_the_outlet_from_the_url_domain():
    page = "<html><body><article><p>" + "The harbour reopened on Monday after the inquiry. " * 8 + "</p></article></body></html>"
    article = parse_html(page, Origin(location="https://www.bay-times.example/a/1", url="https://www.bay-times.example/a/1"))
    assert article.outlet == "bay-times.example"


def test_html_page_with_no_text_is_an_error():
    item = parse_or_error("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    assert str(item) == "page.html: no article text found in the HTML page"


def parse_or_error(page):
    try:
        return parse_html(page, Origin(location="page.html", stem="page"))
    except InputError as exc:
        return exc


def test_fragment_text_keeps_paragraphs_and_drops_scripts():
    html = "<p>First <b>bold</b>\n words.</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul>"
    assert fragment_text(html) == "First bold words.\n\none\n\ntwo"


def test_json_list_gives_one_article_per_object_with_its_index():
    first, second = articles_of(FERRY / "bay-times.json")
    assert first.source.endswith("bay-times.json[1]") and second.source.endswith("bay-times.json[2]")
    assert second.published == date(2024, 11, 12)  # "November 12, 2024"
    assert first.language == "en"


def test_jsonl_keeps_the_external_id_and_reads_html_fields():
    first, second = articles_of(FERRY / "wire.jsonl")
    assert (first.external_id, first.outlet, first.source.endswith("wire.jsonl:1")) == ("wire-1001", "Meridian Wire", True)
    assert second.text == "Northsound Lines suspended its Kessel Point route on Friday.\n\nThe company said an inquiry would report within a month."


def test_jsonl_bad_lines_are_reported_and_good_lines_still_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"outlet": "A", "text": "first good"}\n'
        "{not json}\n"
        '{"outlet": "A", "text": ""}\n'
        '["a list"]\n'
        '{"outlet": "A", "text": 42}\n'
        '{"outlet": "A", "text": "bad date", "published": "2024-13-01"}\n'
        "\n"
        '{"outlet": "A", "text": "last good"}\n'
    )
    items = articles_of(path)
    messages = [str(item) for item in items if isinstance(item, InputError)]
    assert [item.text for item in items if not isinstance(item, InputError)] == ["first good", "last good"]
    assert messages == [
        f"{path}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:3: empty article: no text",
        f"{path}:4: expected a JSON object, found list",
        f"{path}:5: field 'text' must be a string, found int",
        f"{path}:6: invalid date '2024-13-01': month must be in 1..12",
    ]


def test_rss_entries_prefer_full_content_and_keep_the_local_date():
    first, second = articles_of(FERRY / "island-radio.rss")
    assert first.outlet == "Island Radio News"
    assert first.external_id == "ir-77"
    assert first.published == date(2024, 11, 8)  # 23:30 at -05:00, not the UTC 9th
    assert first.text.startswith("The coastguard praised volunteer lifeboat crews")
    assert "teaser" not in first.text
    assert second.text.startswith("The harbour authority said")  # description when there is no content


def test_atom_entry():
    [entry] = articles_of(FERRY / "northsound-blog.atom")
    assert entry.outlet == "Northsound Lines newsroom"
    assert entry.url == "https://northsound.example/news/maren-star"
    assert entry.published == date(2024, 11, 9)
    assert entry.text.endswith("All 40 passengers have returned home.")


def test_a_broken_feed_is_one_error(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title></chan")
    [item] = articles_of(path)
    assert isinstance(item, InputError)
    assert str(item).startswith(f"{path}: not a valid RSS/Atom feed (")


def test_a_feed_entry_without_text_fails_alone(tmp_path):
    path = tmp_path / "partial.rss"
    path.write_text(
        "<rss><channel><title>Bay Times</title>"
        "<item><title>Empty</title></item>"
        "<item><title>Full</title><description>The inquiry opened on Tuesday.</description></item>"
        "</channel></rss>"
    )
    empty, full = articles_of(path)
    assert str(empty) == f"{path}[1]: empty article: no text"
    assert full.text == "The inquiry opened on Tuesday."


def test_unknown_extension_is_recognised_by_its_content(tmp_path):
    feed = tmp_path / "download.bin"
    feed.write_bytes((FERRY / "island-radio.rss").read_bytes())
    page = tmp_path / "page"
    page.write_bytes((FERRY / "coastline-daily.html").read_bytes())
    assert len(articles_of(feed)) == 2
    assert articles_of(page)[0].outlet == "Coastline Daily"


def test_a_news_api_answer_saved_as_it_came_is_read_with_its_own_field_names(tmp_path):
    path = tmp_path / "newsapi.json"
    path.write_text(
        '{"status": "ok", "totalResults": 2, "articles": ['
        '{"source": {"id": null, "name": "Harbour Herald"}, "title": "Ferry grounded", "url": "https://herald.example/f",'
        ' "publishedAt": "2024-11-08T21:15:00Z", "content": "The ferry Maren Star struck a sandbank. Forty… [+2345 chars]"},'
        '{"source": {"name": "Bay Times"}, "title": "No text here", "description": "a teaser only"}]}'
    )
    article, missing = articles_of(path)
    assert (article.outlet, article.title, article.published) == ("Harbour Herald", "Ferry grounded", date(2024, 11, 8))
    assert article.text == "The ferry Maren Star struck a sandbank. Forty" and article.source.endswith("newsapi.json[1]")
    assert str(missing) == (
        f"{path}[2]: no text field: none of text, content, body, article_text, html, content_html, body_html "
        "(the object has: source, title, description)"
    )


def test_a_scrapers_field_names_are_read_as_ours(tmp_path):
    path = tmp_path / "scraped.jsonl"
    path.write_text('{"publisher": "Bay Times", "headline": "Ferry grounded", "body": "Forty were rescued.", "link": "https://bay.example/a", "pubDate": "Fri, 08 Nov 2024 21:15:00 GMT"}\n')
    [article] = articles_of(path)
    assert (article.outlet, article.title, article.text, article.url) == ("Bay Times", "Ferry grounded", "Forty were rescued.", "https://bay.example/a")
    assert article.published == date(2024, 11, 8)


def test_an_empty_json_list_is_an_error_not_silence(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]")
    assert [str(item) for item in articles_of(path)] == [f"{path}: no articles: the list is empty"]
