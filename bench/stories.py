"""Story clustering cost as the stream grows: does placing one article stay flat with 10k, 20k, 40k seen?

A synthetic stream over simulated months: story sizes drawn from a power law (most stories have one to
three articles, a few have a hundred), each story with its own words, names and a date, articles
published over the days after it, in date order. Each article is what the clusterer sees in the
product: about 120 distinct content words, a handful of entities and dates, and a 384-dimension
sentence vector near its story's. Only `Clusterer.add` is timed (the analysis is excluded).

Printed at 10k, 20k and 40k articles seen: the mean time per article over the last 2,000 placed, as a
ratio to the 10k figure measured in the same run (target ≤ 1.3 at 40k), the clustering throughput over
the whole stream (target ≥ 500 articles/s on a 2-core machine), the peak resident memory, and the
event-level BCubed F1 of the stream against its generated stories (a sanity check, not a quality figure).
Then the fixed cost every later run pays before placing anything: replaying all the placements from the
features stored with them (decoding each one's JSON and adding it to its story), per article and as a
ratio to placing one.

Then the whole job as the product runs it (`pipeline.place_in_stories` on an SQLite store: features read out
of stored analyses, copy signatures, labels, one transaction per placement) on 10,000 short invented
articles published over January–April, analysed by hand (sentences, the story's place as an entity, random
sentence vectors near the story's; no spaCy): the time per placement over the first and the last 2,000
placed (flat: ratio near 1), the total, and the longest story's span from its first to its last
publication date (bounded by `cluster.SPAN_DAYS`; before that bound they chained across months).

    python bench/stories.py [--articles 40000] [--stored 10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from wordfreq import top_n_list

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from common import bcubed  # noqa: E402

from manysides.pipeline import place_in_stories  # noqa: E402
from manysides.model import Analysis, Article, Mention, Sentence  # noqa: E402
from manysides.nlp.embeddings import to_bytes  # noqa: E402
from manysides.store import Store  # noqa: E402
from manysides.stories.cluster import SPAN_DAYS, Clusterer  # noqa: E402
from manysides.stories.features import ArticleFeatures, decode_features, encode_features  # noqa: E402

TARGET_RATIO = 1.3
TARGET_PER_SECOND = 500
CHECKPOINTS = (10_000, 20_000, 40_000)
WINDOW = 2_000
VOCABULARY = 50_000
DIMENSIONS = 384


def story_sizes(rng: np.random.Generator, articles: int) -> list[int]:
    """Power-law story sizes (exponent 2, at most 150) adding up to `articles`."""
    sizes: list[int] = []
    while sum(sizes) < articles:
        sizes.append(int(min(150, rng.zipf(2.0))))
    sizes[-1] -= sum(sizes) - articles
    return [size for size in sizes if size > 0]


def stream(articles: int, seed: int = 11) -> list[tuple[date, int, int]]:
    """(published, story, n-th article of the story), in publication order, over about a year."""
    rng = np.random.default_rng(seed)
    start = date(2025, 1, 1)
    items = []
    for story, size in enumerate(story_sizes(rng, articles)):
        day = int(rng.integers(0, 365))
        for n in range(size):
            items.append((start + timedelta(days=day + int(rng.exponential(1.5))), story, n))
    items.sort()
    return items


class Generator:
    """Makes each article's features from its story's seed: the same story always has the same words."""

    def __init__(self, seed: int = 5) -> None:
        self.seed = seed
        # Real English words: general words from the 3,000 most common, a story's own from the next 47,000.
        self.vocabulary = top_n_list("en", VOCABULARY)
        self.common = self.vocabulary[300:3_000]  # the first few hundred are mostly stop words

    def features(self, article_id: str, published: date, story: int) -> ArticleFeatures:
        story_rng = np.random.default_rng([self.seed, story])
        own_words = [self.vocabulary[int(rank)] for rank in story_rng.integers(3_000, len(self.vocabulary), size=40)]
        names = [f"name{int(n)}" for n in story_rng.integers(0, 20_000, size=6)]
        direction = story_rng.normal(size=DIMENSIONS)
        rng = np.random.default_rng([self.seed, story, int(article_id, 16) % 2**32])
        terms: dict[str, float] = {}
        for word in rng.choice(own_words, size=50):
            terms[str(word)] = terms.get(str(word), 0.0) + 1.0
        for rank in np.minimum(rng.zipf(1.5, size=70), len(self.common)) - 1:
            word = self.common[int(rank)]
            terms[word] = terms.get(word, 0.0) + 1.0
        entities = {str(name): float(rng.integers(1, 4)) for name in rng.choice(names, size=4, replace=False)}
        entities[f"date:{published.isoformat()}"] = 1.0
        vector = direction + rng.normal(scale=0.8, size=DIMENSIONS)
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        return ArticleFeatures(article_id, published, terms, entities, {key: key for key in entities}, vector)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(articles: int) -> dict[str, object]:
    items = stream(articles)
    generator = Generator()
    clusterer = Clusterer()
    timings = np.zeros(len(items))
    predicted, gold = {}, {}
    checkpoints = {}
    for index, (published, story, n) in enumerate(items):
        article_id = f"{index:011x}"
        features = generator.features(article_id, published, story)
        began = time.perf_counter()
        assignment = clusterer.add(features)
        timings[index] = time.perf_counter() - began
        predicted[article_id], gold[article_id] = assignment.story_id, str(story)
        if index + 1 in CHECKPOINTS:
            recent = timings[index + 1 - WINDOW : index + 1]
            checkpoints[index + 1] = {
                "ms_per_article": 1000 * float(recent.mean()),
                "stories": len(clusterer.stories),
                "peak_rss_mib": peak_rss_mib(),
            }
    baseline = checkpoints[CHECKPOINTS[0]]["ms_per_article"]
    for figures in checkpoints.values():
        figures["ratio_to_10k"] = figures["ms_per_article"] / baseline
    precision, recall, f1 = bcubed(predicted, gold)
    replayed, replay_seconds = Clusterer(), 0.0
    for index, (published, story, _) in enumerate(items):  # the same features again, as stored with each placement
        article_id = f"{index:011x}"
        payload = encode_features(generator.features(article_id, published, story))
        began = time.perf_counter()
        replayed.add(decode_features(article_id, payload), predicted[article_id])
        replay_seconds += time.perf_counter() - began
    replay_ms = 1000 * replay_seconds / len(items)
    return {
        "articles": len(items),
        "generated_stories": len(set(gold.values())),
        "per_second": len(items) / float(timings.sum()),
        "replay": {"ms_per_article": replay_ms, "ratio_to_placing": replay_ms / (1000 * float(timings.mean()))},
        "checkpoints": checkpoints,
        "bcubed": {"precision": precision, "recall": recall, "f1": f1},
    }


SHORT_WORDS = (
    "the council harbour ferry minister said officials on Thursday reported port storm court ruling "
    "residents evacuated water authority engineers inquiry million percent police spokesperson agreed "
    "talks border trade wheat ship earthquake damaged buildings tariffs company appeal data customers"
).split()  # one small vocabulary for all: short articles that look alike, the hard case for chaining
SYLLABLES = ("var", "ne", "holt", "kes", "sel", "dun", "mere", "bran", "low", "tar", "by", "el", "ford", "pel")


def short_articles(count: int, seed: int = 3) -> list[tuple[Article, Analysis, bytes, int]]:
    """`count` short invented articles (about 60 words) of power-law sized stories starting over January–April
    2025, each story with its own invented place; each with an analysis made by hand and its sentence vectors."""
    rng, vectors = random.Random(seed), np.random.default_rng(seed)
    found = []
    for story, size in enumerate(story_sizes(vectors, count)):
        place = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        start, direction = date(2025, 1, 1) + timedelta(days=rng.randrange(120)), vectors.normal(size=DIMENSIONS)
        for n in range(size):
            sentences = [f"In {place} " + " ".join(rng.choice(SHORT_WORDS) for _ in range(12)) + "."]
            sentences += [" ".join(rng.choice(SHORT_WORDS) for _ in range(15)).capitalize() + "." for _ in range(3)]
            text = " ".join(sentences)
            published = start + timedelta(days=int(rng.expovariate(1 / 1.5)))
            article = Article.create(outlet=f"Outlet {n % 7}", text=text, published=published, source=f"s{story}/{n}.txt")
            spans, offset = [], 0
            for index, sentence in enumerate(sentences):
                spans.append(Sentence(index, offset, offset + len(sentence), sentence))
                offset += len(sentence) + 1
            mention = Mention(3, 3 + len(place), place, f"GPE:{place.lower()}", "GPE")
            analysis = Analysis(article.id, tuple(spans), (mention,), (), (), ())
            matrix = direction + vectors.normal(scale=0.8, size=(len(spans), DIMENSIONS))
            found.append((article, analysis, to_bytes(matrix / np.linalg.norm(matrix, axis=1, keepdims=True)), story))
    return found


def run_stored(count: int) -> dict[str, object]:
    """Place `count` stored short articles with `pipeline.place_in_stories`, timing each placement."""
    items = short_articles(count)
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "bench.db")) as store:
        for article, analysis, vectors, _ in items:
            store.add_article(article)
            store.save_analysis(analysis, "bench", vectors)
        began = time.perf_counter()
        stamps = [time.perf_counter() for _ in place_in_stories(store)]
        total = time.perf_counter() - began
        per_article = np.diff(np.array([began, *stamps]))
        overviews = store.story_overviews()
        predicted = {article.id: placement.story_id for article, placement, _, _ in store.placed_articles()}
    gold = {article.id: str(story) for article, _, _, story in items}
    spans = [(o.last - o.first).days for o in overviews if o.first and o.last]
    return {
        "articles": len(items),
        "seconds": total,
        "first_2000_ms": 1000 * float(per_article[:WINDOW].mean()),
        "last_2000_ms": 1000 * float(per_article[-WINDOW:].mean()),
        "stories": len(overviews),
        "generated_stories": len(set(gold.values())),
        "longest_span_days": max(spans, default=0),
        "largest_story": max((o.articles for o in overviews), default=0),
        "bcubed_f1": bcubed(predicted, gold)[2],
    }


def print_stored(result: dict[str, object]) -> None:
    print(f"Placement job (pipeline.place_in_stories, SQLite), {result['articles']:,} short articles over January–April")
    print(f"  {result['seconds']:.1f} s in all; {result['first_2000_ms']:.2f} ms/article over the first {WINDOW:,} placed, "
          f"{result['last_2000_ms']:.2f} over the last {WINDOW:,} "
          f"(×{float(result['last_2000_ms']) / float(result['first_2000_ms']):.2f})")  # type: ignore[arg-type]
    print(f"  {result['stories']:,} stories ({result['generated_stories']:,} generated), largest {result['largest_story']} "
          f"articles, longest span {result['longest_span_days']} days (bound {SPAN_DAYS}); BCubed F1 {100 * float(result['bcubed_f1']):.1f}")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=CHECKPOINTS[-1])
    parser.add_argument("--stored", type=int, default=10_000, help="articles of the placement-job case (0: skip it)")
    parser.add_argument("--json", action="store_true", help="figures as one JSON object")
    args = parser.parse_args()
    result = run(args.articles)
    stored = run_stored(args.stored) if args.stored else None
    if args.json:
        print(json.dumps(result | {"placement_job": stored}, indent=2))
        return
    print(f"Story clustering, synthetic stream of {result['articles']:,} articles in {result['generated_stories']:,} stories")
    checkpoints = result["checkpoints"]
    assert isinstance(checkpoints, dict)
    for seen, figures in checkpoints.items():
        print(
            f"  at {seen:>6,} seen: {figures['ms_per_article']:.2f} ms/article "
            f"(×{figures['ratio_to_10k']:.2f} of 10k; target ≤ {TARGET_RATIO} at 40k), "
            f"{figures['stories']:,} stories, peak RSS {figures['peak_rss_mib']:.0f} MiB"
        )
    print(f"  throughput: {result['per_second']:,.0f} articles/s (target ≥ {TARGET_PER_SECOND})")
    replay = result["replay"]
    assert isinstance(replay, dict)
    print(f"  replay of the stored placements: {replay['ms_per_article']:.2f} ms/article "
          f"(×{replay['ratio_to_placing']:.2f} of placing one), {replay['ms_per_article'] * result['articles'] / 1000:.1f} s in all")
    scores = result["bcubed"]
    assert isinstance(scores, dict)
    print(f"  sanity: BCubed P/R/F1 against the generated stories {100 * scores['precision']:.1f} / "
          f"{100 * scores['recall']:.1f} / {100 * scores['f1']:.1f}")
    if stored:
        print_stored(stored)


if __name__ == "__main__":
    main()
