"""URLs fetched with a real HTTP client from servers on 127.0.0.1 (and 127.0.0.2), by the CLI's rules and the web's."""

import ipaddress
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from manysides.errors import InputError
from manysides.ingest import ReadOptions, read
from manysides.ingest import url as url_module
from manysides.ingest.url import check_public_url, fetch
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


# --- public-only fetching: what the web app's Add page may reach ------------------------------------------


@contextmanager
def server_on(address: str, location: str | None = None):
    """A real HTTP server on `address` that redirects to `location` (or serves a line); yields (base, hits)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(302 if location else 200)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "20")
            self.end_headers()
            self.wfile.write(b"The secret is safe.\n")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((address, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{address}:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"), ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"), ("172.16.5.4", "a private address"), ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"), ("224.0.0.1", "a multicast address"), ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"), ("::", "an unspecified address"), ("240.0.0.1", "a reserved address"),
        ("::ffff:127.0.0.1", "a loopback address"), ("::ffff:10.0.0.1", "a private address"), ("fd00::1", "a private address"),
        ("100.64.0.1", "a private address"),  # shared address space (carrier-grade NAT)
    ],
)  # fmt: skip
def test_addresses_that_are_not_public(address, why):
    assert url_module._not_public(ipaddress.ip_address(address)) == why


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::ffff:8.8.8.8", "1.1.1.1"])
def test_public_addresses_pass(address):
    assert url_module._not_public(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("value", ["/etc/passwd", "file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "etc/passwd"])
def test_only_http_urls_pass_the_public_check(value):
    with pytest.raises(InputError) as refused:
        check_public_url(value)
    assert refused.value.reason == "refused: only http(s) URLs can be added from the web"


def test_a_loopback_url_is_refused_by_the_public_check_and_by_the_connection(local_web):
    url = local_web.serve("/story.txt", "The ferry ran aground on Thursday.", "text/plain")
    with pytest.raises(InputError, match=r"refused: 127\.0\.0\.1 is 127\.0\.0\.1, a loopback address"):
        check_public_url(url)
    with pytest.raises(InputError, match="refused: 127.0.0.1 is 127.0.0.1, a loopback address"):
        fetch(url, 10_000, allow_private=False)  # no early check here: the connection itself refuses
    localhost = url.replace("127.0.0.1", "localhost")
    with pytest.raises(InputError, match="refused: localhost is 127.0.0.1, a loopback address"):
        fetch(localhost, 10_000, allow_private=False)  # a name is judged by what it resolves to
    assert fetch(url, 10_000).content == b"The ferry ran aground on Thursday."  # the CLI may fetch it


def test_without_private_urls_the_ingest_readers_refuse_loopback(local_web):
    url = local_web.serve("/story.txt", "The ferry ran aground on Thursday.", "text/plain")
    [error] = read_all(url, allow_private_urls=False)  # as the web app reads
    assert isinstance(error, InputError) and error.reason.startswith("refused: 127.0.0.1 is 127.0.0.1, a loopback")
    [article] = read_all(url)  # as the CLI reads
    assert article.text == "The ferry ran aground on Thursday."


def test_every_redirect_hop_is_checked_again(monkeypatch):
    """127.0.0.1 stands in for a public server here (the one change to the rules, so that a test without
    a network can have one); it redirects to 127.0.0.2, which must never be contacted."""
    judge = url_module._not_public
    monkeypatch.setattr(url_module, "_not_public", lambda a: None if str(a) == "127.0.0.1" else judge(a))
    with server_on("127.0.0.2") as (private, private_hits):
        with server_on("127.0.0.1", private + "/secret") as (public, public_hits):
            with pytest.raises(InputError, match=r"refused: 127\.0\.0\.2 is 127\.0\.0\.2, a loopback address"):
                fetch(public + "/story", 10_000, allow_private=False)
            assert fetch(public + "/story", 10_000).content.startswith(b"The secret")  # the CLI follows it
    assert public_hits == ["/story", "/story"] and private_hits == ["/secret"]  # only the CLI's fetch reached it


def test_a_redirect_to_a_file_url_is_refused_even_for_the_cli():
    with server_on("127.0.0.1", "file:///etc/passwd") as (base, _):
        with pytest.raises(InputError, match="refused: redirected to 'file:/etc/passwd', not an http"):
            fetch(base + "/story", 10_000)


def test_redirects_are_bounded():
    with server_on("127.0.0.1", "/again") as (base, hits):
        with pytest.raises(InputError, match="more than 5 redirects"):
            fetch(base + "/story", 10_000)
    assert len(hits) == 6
