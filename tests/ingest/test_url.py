"""URLs fetched with a real HTTP client from a server on 127.0.0.1."""

import socket

from manysides.errors import InputError
from manysides.ingest import ReadOptions, read
from tests.conftest import FIXTURES

FERRY = FIXTURES / "ferry"


def read_all(url, **options):
    return list(read(url, ReadOptions(**options)))


def test_an_html_page_by_url(local_web):
    url = local_web.serve("/news/ferry", (FERRY / "coastline-daily.html").read_bytes())
    [article] = read_all(url)
    assert article.outlet == "Coastline Daily"
    assert article.url == url
    assert article.source == url


def test_a_feed_by_url(local_web):
    url = local_web.serve("/rss", (FERRY / "island-radio.rss").read_bytes(), "application/rss+xml")
    assert [a.external_id for a in read_all(url)] == ["ir-77", "ir-78"]


def test_a_feed_served_as_generic_xml_is_recognised_by_content(local_web):
    url = local_web.serve("/feed", (FERRY / "northsound-blog.atom").read_bytes(), "text/xml")
    [entry] = read_all(url)
    assert entry.outlet == "Northsound Lines newsroom"


def test_a_plain_text_url_without_outlet_takes_the_domain(local_web):
    url = local_web.serve("/story.txt", "The ferry ran aground on Thursday.", "text/plain")
    [article] = read_all(url)
    assert article.outlet == "127.0.0.1"


def test_http_errors_name_the_url_and_status(local_web):
    url = local_web.serve("/gone", "gone", "text/plain", status=404)
    [error] = read_all(url)
    assert isinstance(error, InputError)
    assert str(error) == f"{url}: HTTP 404 Not Found"


def test_unreachable_url(local_web):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    [error] = read_all(url)
    assert str(error).startswith(f"{url}: unreachable: ")


def test_oversized_download_is_refused(local_web):
    url = local_web.serve("/big", "x" * 5000, "text/plain")
    [error] = read_all(url, max_file_bytes=1000)
    assert str(error) == f"{url}: too large: 5,000 bytes over the limit of 1,000 (see --max-file-size)"
