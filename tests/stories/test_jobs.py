"""Stories in the store: placement on ingest, continuing runs, manual merge and split that a rebuild keeps.

Runs on a real SQLite file and the real PostgreSQL server. Analyses are built by hand (sentences and
entity mentions found by their surface forms), so these tests need no language model.
"""

from datetime import date

import pytest

from sqlalchemy import text as sql

from manysides.errors import InputError, NotFoundError, StoreError
from manysides.jobs import merge_stories, split_story
from manysides.model import Analysis, Article, Mention, Sentence
from manysides.pipeline import place_in_stories
from manysides.store import Store
from manysides.stories.cluster import Clusterer
from manysides.stories.features import decode_features

DAM = [
    ("Harbour Herald", "Engineers found cracks in the Brenlow dam spillway; Coldbeck and Astley Marsh were evacuated."),
    ("Northern Ledger", "Cracks in the spillway of the Brenlow dam forced Coldbeck and Astley Marsh residents out."),
    ("Civic Courier", "The Brenlow dam spillway cracks: the water authority denies ignoring warnings about Coldbeck."),
]
COURT = [
    ("Harbour Herald", "A Halden court fined the ride-hailing firm Zipto 2.1 million euros over drivers' pay."),
    ("Meridian Wire", "Zipto was fined 2.1 million euros by the Halden district court over how it paid drivers."),
]
NAMES = {"Brenlow": "place:brenlow", "Coldbeck": "place:coldbeck", "Astley Marsh": "place:astley marsh",
         "Halden": "place:halden", "Zipto": "org:zipto"}


def store_analysed(store: Store, outlet: str, text: str, day: date) -> Article:
    article = Article.create(outlet=outlet, text=text, title=text.split(";")[0][:60], published=day)
    store.add_article(article)
    mentions = tuple(
        Mention(text.index(name), text.index(name) + len(name), name, entity, entity.split(":")[0].upper())
        for name, entity in NAMES.items()
        if name in text
    )
    store.save_analysis(Analysis(article.id, (Sentence(0, 0, len(text), text),), mentions, (), (), ()), "test")
    return article


@pytest.fixture
def store(db_url):
    with Store(db_url) as store:
        yield store


def test_articles_of_two_events_make_two_stories_and_a_second_run_continues(store):
    dam = [store_analysed(store, outlet, text, date(2024, 11, 8)) for outlet, text in DAM[:2]]
    court = [store_analysed(store, outlet, text, date(2024, 11, 9)) for outlet, text in COURT]
    first_run = list(place_in_stories(store))
    assert [p.article_id for p in first_run] == [a.id for a in dam + court]
    assert len({p.story_id for p in first_run}) == 2

    late = store_analysed(store, *DAM[2], date(2024, 11, 10))
    (placement,) = place_in_stories(store)  # only the new article; the stored ones are replayed, not redone
    assert placement.article_id == late.id and placement.story_id == first_run[0].story_id
    assert placement.probability is not None

    overviews = {o.id: o for o in store.story_overviews()}
    dam_story = overviews[first_run[0].story_id]
    assert dam_story.articles == 3 and dam_story.outlets == ("Civic Courier", "Harbour Herald", "Northern Ledger")
    assert (dam_story.first, dam_story.last) == (date(2024, 11, 8), date(2024, 11, 10))
    assert "Brenlow" in dam_story.label
    assert [o.id for o in store.story_overviews(outlet="meridian wire")] == [first_run[2].story_id]
    assert [o.id for o in store.story_overviews(since=date(2024, 11, 10))] == [dam_story.id]


def test_a_run_replays_the_placed_articles_from_the_features_stored_with_them(store):
    for outlet, text in DAM[:2] + COURT:
        store_analysed(store, outlet, text, date(2024, 11, 8))
    dam_story = list(place_in_stories(store))[0].story_id
    late = store_analysed(store, *DAM[2], date(2024, 11, 10))
    with store.engine.begin() as conn:  # the placed articles' analyses are not needed to replay them
        conn.execute(sql("DELETE FROM analyses WHERE article_id <> :late"), {"late": late.id})
    (replayed,) = place_in_stories(store)
    assert replayed.story_id == dam_story and replayed.probability is not None

    with store.engine.begin() as conn:  # placements stored before schema 6 carry no features: read from analyses
        conn.execute(sql("DELETE FROM story_members WHERE article_id = :late"), {"late": late.id})
        conn.execute(sql("UPDATE story_members SET features = NULL, signature = NULL"))
    with pytest.raises(StoreError, match="has no stored analysis"):
        list(place_in_stories(store))


def test_placements_stored_without_features_replay_from_their_analyses_alike(store):
    for outlet, text in DAM[:2] + COURT:
        store_analysed(store, outlet, text, date(2024, 11, 8))
    list(place_in_stories(store))
    late = store_analysed(store, *DAM[2], date(2024, 11, 10))
    (from_features,) = place_in_stories(store)
    with store.engine.begin() as conn:  # as a database from before schema version 6 has them
        conn.execute(sql("DELETE FROM story_members WHERE article_id = :late"), {"late": late.id})
        conn.execute(sql("UPDATE story_members SET features = NULL, signature = NULL"))
    (from_analyses,) = place_in_stories(store)
    assert from_analyses == from_features and from_features.probability is not None


def test_a_manual_split_and_merge_survive_a_rebuild(store):
    articles = [store_analysed(store, outlet, text, date(2024, 11, 8)) for outlet, text in DAM + COURT]
    placements = list(place_in_stories(store))
    dam_story, court_story = placements[0].story_id, placements[3].story_id

    courier = articles[2]
    split_off = split_story(store, dam_story, [courier.id[:12]])
    merge_stories(store, court_story, split_off)  # a wrong merge, on purpose: the rebuild must keep it
    list(place_in_stories(store, rebuild=True))

    members = {story: sorted(a.outlet for a, _ in store.story_members(story)) for story in (dam_story, court_story)}
    assert members[dam_story] == ["Harbour Herald", "Northern Ledger"]
    assert members[court_story] == ["Civic Courier", "Harbour Herald", "Meridian Wire"]
    assert all(p.pinned for _, p in store.story_members(court_story))
    with pytest.raises(NotFoundError):
        store.resolve_story(split_off)  # emptied by the merge


def test_a_split_names_articles_outside_the_story_in_its_error(store):
    for outlet, text in DAM + COURT:
        store_analysed(store, outlet, text, date(2024, 11, 8))
    placements = list(place_in_stories(store))
    with pytest.raises(InputError, match="not in this story"):
        split_story(store, placements[0].story_id, [placements[3].article_id])
    with pytest.raises(InputError, match="at least one article"):
        split_story(store, placements[3].story_id, [p.article_id for p in placements[3:]])


def test_a_big_storys_label_lags_during_a_run_and_is_current_when_it_ends(store):
    """Past 16 articles a label is recomputed only as the story doubles, and the run ends by relabelling."""
    flood = "Floodwater from the Brenlow dam reached Coldbeck and Astley Marsh; the floodwater rose, and floodwater"
    texts = [f"{text} Report {n}." for n in range(6) for _, text in DAM[:2] + DAM[:1]]
    texts += [f"{flood} kept rising, report {n}." for n in range(10)]  # 26 articles: the last 10 change the label
    for n, text in enumerate(texts):
        store_analysed(store, f"Outlet {n}", text, date(2024, 11, 8))
    placements = list(place_in_stories(store))
    [story] = {p.story_id for p in placements}
    clusterer = Clusterer()  # the story as a later run replays it
    for article, placement, features, _ in store.placed_articles():
        clusterer.add(decode_features(article.id, features), placement.story_id)
    assert store.story_label(story) == clusterer.stories[story].label()  # "… · dam"; at the 16th it was "… · spillway"
