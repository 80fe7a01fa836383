"""End to end in real headless Chromium (Debian's, driven by Playwright): the pages as a reader uses them.

The browser is /usr/bin/chromium, installed by scripts/system-deps.sh; Playwright never downloads one.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from manysides.store import Store
from manysides.web.security import WebSettings
from manysides.web.server import running
from tests.conftest import EXPECTED

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(example_db) -> Iterator[str]:
    with running(example_db) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(hostile_db) -> Iterator[str]:
    with running(hostile_db) as url:
        yield url


def test_open_the_stories_then_a_story_then_click_a_contradiction(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/")
    assert page.locator("table.stories tbody tr").count() == len(EXPECTED["stories"])
    page.locator("table.stories a", has_text="Zipto").click()
    page.wait_for_selector("#contradictions")
    link = page.locator("a[data-targets]").first
    first, second = link.get_attribute("data-targets").split()
    link.click()
    for anchor in (first, second):
        assert "highlight" in page.locator(f"#{anchor}").get_attribute("class")
    assert page.locator(".highlight").count() == 2
    page.close()


def test_a_hostile_article_runs_no_script(browser, hostile_site):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(hostile_site + "/")
    page.locator("table.stories a").first.click()
    page.wait_for_selector("#side-by-side")
    page.locator("a", has_text="Evil").first.click()
    page.wait_for_selector("article")
    assert "<script>alert(1)</script>" in page.locator("article").inner_text()  # shown as text
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('article script, article img').length") == 0
    page.close()


def test_upload_a_file_and_see_it_in_the_stories(browser, tmp_path):
    db = str(tmp_path / "upload.db")
    article = tmp_path / "island-radio.txt"
    article.write_text(
        "outlet: Island Radio\ndate: 2024-11-09\ntitle: Ferry grounding: crews praised\n\n"
        "The coastguard praised lifeboat crews after a ferry ran aground near Kessel Point on Thursday.\n",
        encoding="utf-8",
    )
    with running(db) as site:
        page = browser.new_page()
        page.goto(site + "/add")
        page.set_input_files("#files", str(article))
        page.get_by_role("button", name="Add").click()
        page.wait_for_selector("#results")
        assert page.locator("section[aria-labelledby=results] tbody td").first.inner_text() == "island-radio.txt"
        page.goto(site + "/add")  # the analysis runs in the background: the Add page says when it is done
        while "waiting" in (status := page.locator("#analysis").inner_text()) or "Analysing" in status:
            page.wait_for_timeout(250)
            page.reload()
        assert status.startswith("Done"), status
        page.get_by_role("link", name="manysides").first.click()
        assert page.locator("table.stories tbody tr").count() == 1
        assert "Island Radio" in page.locator("table.stories").inner_text()
        page.close()


def test_a_page_on_another_origin_that_posts_to_add_stores_nothing(browser, tmp_path, local_web):
    """The user has the app open; a page elsewhere on this machine auto-submits a form to its Add page.
    The server allows private URLs, so only the cross-site checks stand in the way."""
    article = local_web.serve("/story.txt", "outlet: Harbour Herald\n\nA ferry ran aground on Thursday.\n", "text/plain")
    db = str(tmp_path / "csrf.db")
    with running(db, WebSettings(allow_private_urls=True)) as site:
        attack = local_web.serve(
            "/attack",
            f'<!DOCTYPE html><form method="post" action="{site}/add" enctype="multipart/form-data">'
            f'<input name="url" value="{article}"><input name="csrf_token" value="guessed"></form>'
            "<script>document.forms[0].submit()</script>",
        )
        page = browser.new_page()
        page.goto(site + "/add")  # the app's cookies are in this browser
        with page.expect_response(site + "/add") as posted:
            page.goto(attack)
        assert posted.value.status == 403 and posted.value.request.method == "POST"
        assert "cross-site request refused" in page.locator("main").inner_text()
        with Store(db) as store:
            assert store.count_articles() == 0
        page.goto(site + "/add")  # the same URL through the app's own form is stored: the refusal was the guard's
        page.fill("#url", article)
        page.get_by_role("button", name="Add").click()
        page.wait_for_selector("#results")
        page.close()
    with Store(db) as store:
        assert store.count_articles() == 1
