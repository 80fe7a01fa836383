"""The web app as a team runs it: what it may fetch, which hosts and forms it accepts, who may write, how it fails.

Real SQLite stores, the app through FastAPI's TestClient, and conftest's real HTTP server on 127.0.0.1.
"""

import re
from dataclasses import replace

import pytest

from manysides.errors import ConfigError
from manysides.model import Article
from manysides.store import Store
from manysides.web.security import WebSettings, serve_settings
from tests.conftest import corrupt
from tests.web.conftest import csrf_token, local_client

TEXT = "outlet: Harbour Herald\ndate: 2024-11-11\ntitle: Ferry aground\n\nA ferry ran aground near Kessel Point on Thursday.\n"


def stored(db: str) -> int:
    with Store(db) as store:
        return store.count_articles()


def add(client, token: str | None = None, **form):
    return client.post("/add", data=form | {"csrf_token": token if token is not None else csrf_token(client)})


@pytest.mark.parametrize("value", ["/etc/passwd", "file:///etc/passwd", "etc/hostname", "ftp://127.0.0.1/x"])
def test_the_add_page_never_reads_a_path_or_a_file_url(tmp_path, value):
    db = str(tmp_path / "web.db")
    client = local_client(db)
    page = add(client, url=value)
    assert page.status_code == 200
    assert "only http(s) URLs can be added from the web" in page.text
    assert "root:" not in page.text and stored(db) == 0


def test_a_loopback_url_is_refused_unless_private_urls_are_allowed(tmp_path, local_web):
    url = local_web.serve("/story.txt", TEXT, "text/plain")
    db = str(tmp_path / "web.db")
    page = add(local_client(db), url=url)
    assert "refused: 127.0.0.1 is 127.0.0.1, a loopback address (the web app fetches only public addresses)" in page.text
    assert stored(db) == 0
    intranet = local_client(db, WebSettings(allow_private_urls=True))
    assert re.search(r"<tr><td>http://127\.0\.0\.1:\d+/story\.txt</td><td>1</td><td>0</td>", add(intranet, url=url).text)
    assert stored(db) == 1


def test_a_post_without_the_csrf_token_or_from_another_origin_writes_nothing(tmp_path):
    db = str(tmp_path / "web.db")
    client = local_client(db)
    upload = {"files": ("herald.txt", TEXT.encode(), "text/plain")}
    assert client.post("/add", files=upload).status_code == 403  # no token
    assert client.post("/add", files=upload, data={"csrf_token": "0" * 64}).status_code == 403  # a forged one
    other = client.post("/add", files=upload, data={"csrf_token": csrf_token(client)}, headers={"Origin": "http://127.0.0.1:9999"})
    assert other.status_code == 403 and "cross-site request refused: it came from http://127.0.0.1:9999" in other.text
    referred = client.post("/add", files=upload, data={"csrf_token": csrf_token(client)}, headers={"Referer": "http://evil.example/x"})
    assert referred.status_code == 403
    assert stored(db) == 0
    same = client.post("/add", files=upload, data={"csrf_token": csrf_token(client)}, headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 200 and stored(db) == 1


def test_the_csrf_token_is_bound_to_the_browsers_cookie(tmp_path):
    db = str(tmp_path / "web.db")
    mine, theirs = local_client(db), local_client(db)
    token = csrf_token(theirs)  # a token from another browser (an attacker's own visit)
    csrf_token(mine)
    assert add(mine, token=token, url="https://example.invalid/").status_code == 403


def test_unknown_host_headers_are_refused(tmp_path):
    db = str(tmp_path / "web.db")
    client = local_client(db)
    rebound = client.get("/", headers={"Host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "unknown host &#39;attacker.example:8000&#39;" in rebound.text
    assert rebound.headers["x-frame-options"] == "DENY"
    assert client.get("/api/stories", headers={"Host": "attacker.example"}).json()["detail"].startswith("unknown host")
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    team = local_client(db, WebSettings(host="0.0.0.0", allowed_hosts=("news.example.org",)))
    assert team.get("/", headers={"Host": "news.example.org"}).status_code == 200
    assert team.get("/", headers={"Host": "other.example.org"}).status_code == 400


def test_a_token_guards_writes_by_bearer_header_or_sign_in(tmp_path):
    db = str(tmp_path / "web.db")
    client = local_client(db, WebSettings(host="0.0.0.0", token="s3cret-team-token"))
    upload = {"files": ("herald.txt", TEXT.encode(), "text/plain")}
    assert client.get("/").status_code == 200  # reading needs no token
    assert "sign in" in client.get("/add").text
    refused = client.post("/add", files=upload, data={"csrf_token": csrf_token(client)})
    assert refused.status_code == 401 and stored(db) == 0
    wrong = client.post("/add", files=upload, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and stored(db) == 0
    by_script = client.post("/add", files=upload, headers={"Authorization": "Bearer s3cret-team-token"})
    assert by_script.status_code == 200 and stored(db) == 1  # a script's bearer token needs no CSRF token
    login = client.get("/login").text
    form_token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', login).group(1)
    assert client.post("/login", data={"token": "guess", "csrf_token": form_token}).status_code == 401
    signed_in = client.post("/login", data={"token": "s3cret-team-token", "csrf_token": form_token}, follow_redirects=False)
    assert signed_in.status_code == 303 and "manysides_auth" in signed_in.headers["set-cookie"]
    assert "sign in" not in client.get("/add").text
    second = {"files": ("other.txt", TEXT.replace("Thursday", "Friday").encode(), "text/plain")}
    assert client.post("/add", files=second, data={"csrf_token": csrf_token(client)}).status_code == 200
    assert stored(db) == 2


def test_serving_beyond_loopback_needs_a_token_unless_told_otherwise():
    with pytest.raises(ConfigError, match="--host 0.0.0.0: serving beyond this machine needs a token"):
        serve_settings("0.0.0.0", (), None, no_auth=False, allow_private_urls=False)
    assert serve_settings("0.0.0.0", (), "t0ken", no_auth=False, allow_private_urls=False).token == "t0ken"
    assert serve_settings("0.0.0.0", (), "t0ken", no_auth=True, allow_private_urls=False).token is None
    assert serve_settings("127.0.0.1", (), None, no_auth=False, allow_private_urls=False).token is None
    assert serve_settings("::1", (), None, no_auth=False, allow_private_urls=False).token is None


def test_a_server_error_is_a_plain_page_with_the_security_headers(tmp_path):
    db = str(tmp_path / "web.db")
    with Store(db) as store:
        store.add_article(Article.create(outlet="Harbour Herald", text="A ferry ran aground on Thursday."))
    corrupt(db)
    client = local_client(db, raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 500 and "<h1>Server error</h1>" in page.text and "The database could not be read." in page.text
    assert "Traceback" not in page.text and "sqlite" not in page.text.lower()
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
    api = client.get("/api/stories")
    assert api.status_code == 500 and api.json() == {"detail": "The database could not be read. The server's log has the details."}
    assert api.headers["x-frame-options"] == "DENY"


def test_only_http_links_are_links_and_bidi_controls_are_not_shown(tmp_path):
    """An old database holds what ingest now cleans: a javascript: URL, bidi overrides in names and text."""
    db = str(tmp_path / "web.db")
    plain = Article.create(outlet="Harbour Herald", text="A ferry ran aground on Thursday.")
    hostile = replace(
        plain, outlet="Evil\u202eGazette", title="\u2066Ferry\u2069 \u200faground", url="javascript:alert(document.cookie)",
        text="Crews \u202ddenied\u202c the claim.",
    )  # fmt: skip
    safe = replace(Article.create(outlet="Fair Herald", text="The ferry was refloated."), url="https://example.org/ferry")
    with Store(db) as store:
        store.add_article(hostile)
        store.add_article(safe)
    client = local_client(db)
    page = client.get(f"/articles/{hostile.id}").text
    assert 'href="javascript:' not in page and "<code>javascript:alert(document.cookie)</code>" in page
    assert "EvilGazette" in page and "Ferry aground" in page and "Crews denied the claim." in page
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert control not in page
    assert '<a href="https://example.org/ferry" rel="noopener noreferrer nofollow">original</a>' in client.get(f"/articles/{safe.id}").text
    outlets = client.get("/outlets").text
    assert "EvilGazette" in outlets and "\u202e" not in outlets
