"""Join or start a story: each test builds article features by hand, as the analysis stage would."""

import hashlib
from datetime import date, timedelta

import pytest

from manysides.stories.cluster import SPAN_DAYS, WINDOW_DAYS, Clusterer, Decision, story_id_for
from manysides.stories.features import ArticleFeatures

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

QUAKE_WORDS = {"earthquake": 3, "magnitude": 1, "buildings": 2, "damaged": 1, "tremor": 1, "residents": 1}
# What one quake's coverage says that another's does not: its place, officials, figures.
DETAILS = {
    "sao teodoro": {"sao": 3, "teodoro": 3, "5.8": 1, "town": 1, "hall": 1, "prates": 1, "forty": 1, "aftershock": 1},
    "kessan": {"kessan": 3, "valley": 1, "6.4": 1, "bridge": 2, "landslide": 1, "highway": 1, "governor": 1, "ostrov": 1},
}


def article(
    article_id: str, words: dict[str, float], entities: dict[str, float], published: date | None = None
) -> ArticleFeatures:
    names = {entity: entity.title() for entity in entities if not entity.startswith("date:")}
    return ArticleFeatures(article_id, published, dict(words), dict(entities), names, None)


def quake(article_id: str, place: str, day: str, published: date, extra: dict[str, float] | None = None) -> ArticleFeatures:
    entities = {place: 3, "civil protection agency": 1, f"date:{day}": 1}
    return article(article_id, QUAKE_WORDS | DETAILS[place] | (extra or {}), entities, published)


def test_a_second_report_of_the_same_quake_joins_the_first():
    clusterer = Clusterer()
    first = clusterer.add(quake("a" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 10), {"forty": 1}))
    second = clusterer.add(quake("b" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 11), {"shelter": 1}))
    assert first.new_story and first.story_id == story_id_for("a" * 64)
    assert not second.new_story and second.story_id == first.story_id
    assert second.probability is not None and second.probability >= clusterer.decision.threshold


def test_two_quakes_in_different_places_the_same_week_are_two_stories():
    clusterer = Clusterer()
    sao = clusterer.add(quake("a" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 10)))
    other = clusterer.add(quake("c" * 64, "kessan", "2024-11-12", date(2024, 11, 12)))
    assert other.new_story and other.story_id != sao.story_id


def test_two_quakes_three_weeks_apart_are_two_stories():
    clusterer = Clusterer()
    sao = clusterer.add(quake("a" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 10)))
    other = clusterer.add(quake("c" * 64, "kessan", "2024-11-30", date(2024, 11, 30)))
    assert other.new_story and other.story_id != sao.story_id


def test_two_calls_between_the_same_leaders_two_months_apart_are_two_stories():
    call = {"phone": 2, "call": 3, "tariffs": 1, "minutes": 1}
    leaders = {"elena reyna": 2, "martin brandt": 2}
    clusterer = Clusterer()
    first = clusterer.add(article("a" * 64, call, leaders, date(2024, 11, 8)))
    later = clusterer.add(article("b" * 64, call, leaders, date(2024, 11, 8) + timedelta(days=WINDOW_DAYS + 30)))
    assert later.new_story and later.story_id != first.story_id
    assert later.compared == ()  # outside the time window the first call is not even a candidate


def test_an_article_sharing_nothing_indexed_is_compared_with_no_story():
    clusterer = Clusterer()
    clusterer.add(quake("a" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 10)))
    unrelated = clusterer.add(article("b" * 64, {"court": 2, "fine": 1, "ride-hailing": 1}, {"zipto": 2}))
    assert unrelated.new_story and unrelated.compared == ()


def test_a_given_story_is_kept_whatever_the_decision_thinks():
    clusterer = Clusterer()
    clusterer.add(quake("a" * 64, "sao teodoro", "2024-11-09", date(2024, 11, 10)), story_id="quakes")
    placed = clusterer.add(article("b" * 64, {"court": 1}, {"zipto": 1}), story_id="quakes")
    assert placed.story_id == "quakes" and not placed.new_story and placed.probability is None
    assert clusterer.stories["quakes"].article_ids == ["a" * 64, "b" * 64]


def test_the_same_articles_in_the_same_order_give_the_same_stories():
    court = {"court": 2, "fine": 1, "ride-hailing": 1, "drivers": 1, "ruling": 1}
    stream = [
        quake(hashlib.sha256(bytes([i])).hexdigest(), "sao teodoro", "2024-11-09", date(2024, 11, 10))
        if i % 2
        else article(hashlib.sha256(bytes([i])).hexdigest(), court, {"zipto": 2, "halden": 1}, date(2024, 11, 10))
        for i in range(8)
    ]
    runs = []
    for _ in range(2):
        clusterer = Clusterer()
        runs.append([clusterer.add(features).story_id for features in stream])
    assert runs[0] == runs[1]
    assert len(set(runs[0])) == 2


def test_the_story_label_names_what_most_of_its_articles_name():
    clusterer = Clusterer()
    for i in range(3):
        clusterer.add(quake(f"{i:064d}", "sao teodoro", "2024-11-09", date(2024, 11, 10)), story_id="s")
    assert clusterer.stories["s"].label().startswith("Sao Teodoro")
    assert "2024" not in clusterer.stories["s"].label()  # dates are not names


def test_the_label_counts_a_short_form_for_its_full_name_and_adds_what_happened():
    clusterer = Clusterer()
    words = {"tariffs": 3, "call": 2, "brandt": 2, "reyna": 2}
    for i, people in enumerate(({"liesel brandt": 2, "tomas reyna": 2}, {"brandt": 2, "tomas reyna": 1},
                                {"liesel brandt": 1, "reyna": 1, "european": 1})):
        clusterer.add(article(f"{i:064d}", words, people), story_id="s")
    # "Brandt" is Liesel Brandt's short form; "European", named by one article of three, labels nothing
    assert clusterer.stories["s"].label() == "Liesel Brandt · Tomas Reyna · tariffs"


def test_the_label_drops_a_possessive_ending_but_keeps_a_saints_name():
    clusterer = Clusterer()
    names = {"darrow bank": "Darrow Bank's", "st aidan": "St Aidan's"}
    for i in range(2):
        words = {"aidan": 5, "tarnby": 4, "outage": 3}  # a name's word, and a name the recogniser missed
        clusterer.add(ArticleFeatures(f"{i:064d}", None, words, {"darrow bank": 2, "st aidan": 1, "tarnby": 1}, names, None), "s")
    assert clusterer.stories["s"].label() == "Darrow Bank · St Aidan's · outage"


def test_the_shipped_decision_says_what_it_was_fitted_on():
    decision = Decision.default()
    assert "ECB+" in decision.fitted_on
    assert 0.0 < decision.threshold < 1.0
    assert Decision.from_json(decision.to_json()) == decision


def test_a_story_stops_growing_once_its_span_would_pass_the_bound():
    """Each report comes within the join window of the last one, but the story may not run on for months."""
    clusterer = Clusterer()
    start = date(2025, 1, 6)
    ids = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(8)]
    placed = [clusterer.add(quake(ids[n], "sao teodoro", "2025-01-05", start + timedelta(days=5 * n))) for n in range(8)]
    assert [p.new_story for p in placed] == [True, False, False, True, False, False, True, False]  # days 0, 15, 30
    assert all((story.last - story.first).days <= SPAN_DAYS for story in clusterer.stories.values())
