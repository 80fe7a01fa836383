"""Analysis throughput: articles/s and words/s of the nlp stage, and where the time goes.

Generates news-length articles (≈ 500 words) by recombining sentences of our own example corpus,
then measures, in the same run:
  - spaCy alone (`nlp.pipe` over the same texts): the baseline;
  - the whole stage as `jobs.analyse` runs it: `Pipeline.analyse` (boilerplate, spaCy, entities,
    dates, building records) and, per batch of 16 analyses, the sentence vectors (timed apart);
our own code is the analysis time minus spaCy alone. Peak resident memory is read after a quarter
of the corpus and at the end: flat means the stage streams.

Targets (issue 3): our own code ≤ 15 % of the total; ≥ 6 articles/s end to end on 2 cores.

    python bench/analysis.py [--articles 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import time
from itertools import islice
from datetime import date, timedelta
from pathlib import Path

from manysides.ingest import ReadOptions, expand, read
from manysides.model import Article
from manysides.nlp.boilerplate import boilerplate_spans, mask
from manysides.nlp.embeddings import SentenceEncoder
from manysides.nlp.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TARGET_ARTICLES_PER_SECOND = 6.0
TARGET_OWN_SHARE = 0.15


def sentences_of_corpus() -> list[str]:
    found: list[str] = []
    for source in expand([str(CORPUS)]).sources:
        for item in read(source, ReadOptions()):
            if isinstance(item, Article):
                found += [s for s in re.split(r"(?<=[.!?\"])\s+", item.text) if len(s.split()) > 4]
    return found


def generate(count: int, words: int = 500, seed: int = 11) -> list[Article]:
    rng, pool = random.Random(seed), sentences_of_corpus()
    articles = []
    for n in range(count):
        paragraphs, size = [], 0
        while size < words:
            paragraph = " ".join(rng.sample(pool, 3))
            paragraphs.append(paragraph)
            size += len(paragraph.split())
        text = "By Staff Reporter\n\n" + "\n\n".join(paragraphs) + f"\n\nRead more: story {n}"
        published = date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))
        articles.append(Article.create(outlet=f"Outlet {n % 7}", text=text, published=published))
    return articles


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()

    articles = generate(args.articles)
    words = sum(a.word_count for a in articles)
    pipeline = Pipeline()
    start = time.perf_counter()
    nlp = pipeline.nlp
    load_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for _ in nlp.pipe((mask(a.text, boilerplate_spans(a.text)) for a in articles), batch_size=pipeline.batch_size):
        pass
    spacy_seconds = time.perf_counter() - start

    encoder = SentenceEncoder()
    start = time.perf_counter()
    encoder.encode(["The encoder loads before it is timed."])
    encoder_load_seconds = time.perf_counter() - start

    quarter = max(1, len(articles) // 4)
    rss_at_quarter = 0.0
    sentences = 0
    embedding_seconds = 0.0
    start = time.perf_counter()
    analyses = pipeline.analyse(articles)
    count = 0
    while batch := list(islice(analyses, 16)):
        began = time.perf_counter()
        encoder.encode_analyses(batch)  # as jobs.analyse does
        embedding_seconds += time.perf_counter() - began
        sentences += sum(len(analysis.sentences) for analysis in batch)
        count += len(batch)
        if count >= quarter and not rss_at_quarter:
            rss_at_quarter = max_rss_mib()
    total_seconds = time.perf_counter() - start
    rss_at_end = max_rss_mib()

    analysis_seconds = total_seconds - embedding_seconds
    own_seconds = max(0.0, analysis_seconds - spacy_seconds)
    result = {
        "articles": len(articles),
        "words": words,
        "sentences": sentences,
        "model_load_seconds": round(load_seconds, 2),
        "encoder_load_seconds": round(encoder_load_seconds, 2),
        "spacy_seconds": round(spacy_seconds, 2),
        "embedding_seconds": round(embedding_seconds, 2),
        "embedding_sentences_per_second": round(sentences / embedding_seconds),
        "total_seconds": round(total_seconds, 2),
        "articles_per_second": round(len(articles) / total_seconds, 2),
        "words_per_second": round(words / total_seconds),
        "spacy_words_per_second": round(words / spacy_seconds),
        "share": {
            "spacy": round(spacy_seconds / total_seconds, 3),
            "embeddings": round(embedding_seconds / total_seconds, 3),
            "own_code": round(own_seconds / total_seconds, 3),
        },
        "max_rss_mib": {"after_quarter": round(rss_at_quarter, 1), "at_end": round(rss_at_end, 1)},
        "targets_met": {
            "articles_per_second": len(articles) / total_seconds >= TARGET_ARTICLES_PER_SECOND,
            "own_code_share": own_seconds / total_seconds <= TARGET_OWN_SHARE,
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Analysis benchmark, {len(articles):,} generated articles, {words:,} words (model load {load_seconds:.1f} s)")
    print(f"  spaCy alone (baseline)   {words / spacy_seconds:>8,.0f} words/s")
    print(f"  sentence vectors alone   {sentences / embedding_seconds:>8,.0f} sentences/s ({sentences:,} sentences)")
    print(
        f"  whole nlp stage          {words / total_seconds:>8,.0f} words/s   {len(articles) / total_seconds:.1f} articles/s"
        f"   ×{spacy_seconds / total_seconds:.2f} of spaCy alone"
    )
    print(
        f"  where the time goes      spaCy {100 * spacy_seconds / total_seconds:.1f} %, sentence vectors "
        f"{100 * embedding_seconds / total_seconds:.1f} %, our own code {100 * own_seconds / total_seconds:.1f} % "
        f"(target ≤ {100 * TARGET_OWN_SHARE:.0f} %)"
    )
    print(f"  max RSS                  {rss_at_quarter:.0f} MiB after {quarter:,} articles, {rss_at_end:.0f} MiB at the end")
    verdict = "met" if result["targets_met"]["articles_per_second"] else "NOT met"
    print(f"  target ≥ {TARGET_ARTICLES_PER_SECOND:g} articles/s end to end: {verdict}")


if __name__ == "__main__":
    main()
