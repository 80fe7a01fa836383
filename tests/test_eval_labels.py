"""The labelled comparison sets in eval/data/ stay honest: every quote verbatim, every date on its weekday."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from manysides.ingest import ReadOptions, expand, read
from manysides.model import Article

EVAL_DATA = Path(__file__).parents[1] / "eval" / "data"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def is_timex_value(value: object) -> bool:
    """A day (YAML reads 2026-11-08 as a date), a month ("2026-10") or a year (1998)."""
    return isinstance(value, date) or (isinstance(value, int) and 1000 <= value <= 2999) or bool(
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value)
    )


@pytest.mark.parametrize("name", ["compare-dev", "compare-holdout"])
def test_quotes_are_verbatim_and_dates_fall_on_their_weekday(name):
    folder = EVAL_DATA / name
    articles = {
        (item.outlet, item.title): item
        for source in expand([str(folder)]).sources
        for item in read(source, ReadOptions())
        if isinstance(item, Article)
    }
    stories = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["stories"]
    assert len(stories) >= 6 and sum(len(s["articles"]) for s in stories) == len(articles)
    for story in stories:
        texts = {ref["outlet"]: articles[(ref["outlet"], ref["title"])].text for ref in story["articles"]}
        refs = [e for fact in story["shared_facts"] for e in fact["evidence"]] + story["unique_facts"]
        refs += [c[side] for c in story["contradictions"] for side in ("a", "b")]
        for ref in refs:
            assert ref["quote"] in texts[ref["outlet"]], (story["id"], ref)
        for item in story["dates"]:
            assert item["text"] in texts[item["outlet"]] and is_timex_value(item["value"]), item
            if not isinstance(item["value"], date):
                continue  # a month ("in October": 2026-10) or a year ("since 1998")
            weekday = [w for w in WEEKDAYS if w in item["text"].lower().split()]
            assert not weekday or item["value"].weekday() == WEEKDAYS.index(weekday[0]), item


SIDE = re.compile(r"[A-Za-z0-9]{16}@\d+")


@pytest.mark.parametrize("name", ["compare-real-dev", "compare-real-holdout"])
def test_real_coverage_labels_cite_articles_by_id_and_offset_only(name):
    """Labels of real articles (eval/real.py) name each sentence `ID@OFFSET` of one of the story's own articles,
    judge with the known verdicts, and say why in a few words of our own: never the article text."""
    stories = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((EVAL_DATA / name).glob("*.yaml"))]
    assert stories and all("contradictions" in story for story in stories), "every listed story is labelled"
    for story in stories:
        ids = set(story["articles"])
        sides = [c[k] for c in story["contradictions"] or [] for k in ("a", "b")]
        sides += [e for a in story.get("agreements") or [] for e in a["evidence"] + (a.get("odd") or [])]
        sides += [u["at"] for u in story.get("unique") or []]
        assert all(SIDE.fullmatch(s) and s.split("@")[0] in ids for s in sides), story["articles"]
        assert {c["real"] for c in story["contradictions"] or []} <= {True, False}
        assert {a["verdict"] for a in story.get("agreements") or []} <= {"right", "partly", "wrong"}
        assert {u["verdict"] for u in story.get("unique") or []} <= {"right", "wrong"}
        whys = [item.get("why", "") for key in ("contradictions", "agreements", "unique") for item in story.get(key) or []]
        assert all(len(why) <= 200 for why in whys)
