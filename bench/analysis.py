"""Analysis throughput: articles/s and words/s of the nlp stage, and where the time goes.

Generates news-length articles (≈ 500 words) by recombining sentences of our own example corpus,
then measures, in the same run:
  - spaCy alone (`nlp.pipe` over the same texts): the baseline;
  - the whole stage as `pipeline.analyse` runs it: `Pipeline.analyse` (boilerplate, spaCy, entities,
    dates, building records) and, per batch of 16 analyses, the sentence vectors (timed apart);
our own code is the analysis time minus spaCy alone. Peak resident memory is read after a quarter
of the corpus and at the end: flat means the stage streams.

Targets (issue 3): our own code ≤ 15 % of the total; ≥ 6 articles/s end to end on 2 cores.

`--long` measures instead one article at a time, of 1 KB, 10 KB, 100 KB and 1 MB (paragraphs of the same
recombined sentences), then two pathological 1 MB articles: the whole text on one line, and one line with
no full stop. For each: seconds, words, sentences, ms per word of the analysis (wall clock, and CPU time,
which a busy shared machine disturbs less) and of the sentence vectors, and the analysis's ms per word as a
ratio to the 1 KB one. Small sizes are repeated (different texts) until about 100 KB have been analysed,
so their figure is not one noisy tenth of a second. Peak RSS is the process's so far (smallest size first).

Targets (issue 24): ms per word flat, ≤ 1.5× the 1 KB one at 1 MB; a 1 MB article analysed in < 60 s and
< 2 GB.

    python bench/analysis.py [--articles 1000] [--json]
    python bench/analysis.py --long [--sizes 1000,10000] [--no-vectors] [--json]
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
LONG_SIZES = (1_000, 10_000, 100_000, 1_000_000)
LONG_REPEAT_CHARS = 100_000  # small sizes are repeated until this much text has been analysed
TARGET_PER_WORD_RATIO = 1.5
TARGET_LONG_SECONDS = 60.0


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


def long_text(size: int, shape: str, seed: int) -> str:
    """About `size` characters of paragraphs recombined from the corpus ("paragraphs"), the same on one line
    ("one line"), or on one line with every full stop, question and exclamation mark made a comma
    ("no full stops")."""
    rng, pool = random.Random(seed), _pool()
    paragraphs, length = [], 0
    while length < size:
        paragraphs.append(" ".join(rng.sample(pool, 3)))
        length += len(paragraphs[-1]) + 2
    text = "\n\n".join(paragraphs)
    text = text[: text.rfind(" ", 0, size)] if len(text) > size else text
    if shape == "one line":
        return re.sub(r"\s+", " ", text)
    if shape == "no full stops":
        return re.sub(r"\s+", " ", re.sub(r"[.!?](?=\s|$)", ",", text))
    return text


_POOL: list[str] = []


def _pool() -> list[str]:
    if not _POOL:
        _POOL.extend(sentences_of_corpus())
    return _POOL


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--long", action="store_true", help="time per word of single articles from 1 KB to 1 MB")
    parser.add_argument("--sizes", help="with --long: comma-separated sizes in characters (default 1 KB to 1 MB)")
    parser.add_argument("--no-vectors", action="store_true", help="with --long: time the analysis alone")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if args.long:
        sizes = tuple(int(size) for size in args.sizes.split(",")) if args.sizes else LONG_SIZES
        long_articles(sizes, args.json, vectors=not args.no_vectors)
    else:
        many_articles(args.articles, args.json)


def many_articles(count: int, as_json: bool) -> None:
    articles = generate(count)
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
        encoder.encode_analyses(batch)  # as pipeline.analyse does
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
    if as_json:
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


def long_articles(sizes: tuple[int, ...], as_json: bool, vectors: bool) -> None:
    pipeline, encoder = Pipeline(), SentenceEncoder()
    list(pipeline.analyse([_article(long_text(1_000, "paragraphs", seed=0))]))  # loads, and warms up, both models
    if vectors:
        encoder.encode(["The encoder loads before it is timed."])
    cases = [(size, "paragraphs") for size in sizes] + [(max(sizes), "one line"), (max(sizes), "no full stops")]
    if not as_json:
        print("Long articles, one at a time; ratio: ms per word to the smallest size's (wall clock, and CPU time,")
        print("which a busy shared machine disturbs less); max RSS of the process so far")
        print(f"  {'size':>9} {'shape':<13} {'runs':>4} {'words':>7} {'sents':>6} {'analysis s':>10} {'ms/word':>7} "
              f"{'ratio':>5} {'CPU ms/w':>8} {'ratio':>5} {'vectors s':>9} {'ms/word':>7} {'max RSS':>8}")
    rows: list[dict] = []
    for size, shape in cases:
        row = _long_case(pipeline, encoder if vectors else None, size, shape)
        base = rows[0] if rows else row
        row["ratio"] = round(row["analysis_ms_per_word"] / base["analysis_ms_per_word"], 2)
        row["cpu_ratio"] = round(row["analysis_cpu_ms_per_word"] / base["analysis_cpu_ms_per_word"], 2)
        rows.append(row)
        if not as_json:
            print(f"  {size:>9,} {shape:<13} {row['runs']:>4} {row['words']:>7,} {row['sentences']:>6,} "
                  f"{row['analysis_seconds']:>10.2f} {row['analysis_ms_per_word']:>7.3f} {row['ratio']:>5.2f} "
                  f"{row['analysis_cpu_ms_per_word']:>8.3f} {row['cpu_ratio']:>5.2f} {row['vectors_seconds']:>9.2f} "
                  f"{row['vectors_ms_per_word']:>7.3f} {row['max_rss_mib']:>7.0f}M", flush=True)
    largest = [row for row in rows if row["size"] == max(sizes)]
    targets = {
        "per_word_ratio_wall": all(row["ratio"] <= TARGET_PER_WORD_RATIO for row in rows),
        "per_word_ratio_cpu": all(row["cpu_ratio"] <= TARGET_PER_WORD_RATIO for row in rows),
        "largest_under_60_s": all(row["analysis_seconds"] < TARGET_LONG_SECONDS for row in largest),
        "largest_under_2_gib": rows[-1]["max_rss_mib"] < 2048,
    }
    if as_json:
        print(json.dumps({"cases": rows, "targets_met": targets}, indent=2))
        return
    for name, met in targets.items():
        print(f"  target {name}: {'met' if met else 'NOT met'}")


def _long_case(pipeline: Pipeline, encoder: SentenceEncoder | None, size: int, shape: str) -> dict:
    """One size and shape: its analysis and its sentence vectors timed apart, summed over the runs."""
    runs = max(1, LONG_REPEAT_CHARS // size)
    words = sentences = 0
    analysis_seconds = analysis_cpu = vectors_seconds = 0.0
    for run in range(runs):
        article = _article(long_text(size, shape, seed=run + 1))
        began, began_cpu = time.perf_counter(), time.process_time()
        (analysis,) = pipeline.analyse([article])
        analysis_seconds += time.perf_counter() - began
        analysis_cpu += time.process_time() - began_cpu
        if encoder is not None:
            began = time.perf_counter()
            encoder.encode_analyses([analysis])
            vectors_seconds += time.perf_counter() - began
        words += article.word_count
        sentences += len(analysis.sentences)
    return {
        "size": size, "shape": shape, "runs": runs, "words": words, "sentences": sentences,
        "analysis_seconds": round(analysis_seconds, 2),
        "analysis_ms_per_word": round(1000 * analysis_seconds / words, 4),
        "analysis_cpu_ms_per_word": round(1000 * analysis_cpu / words, 4),
        "vectors_seconds": round(vectors_seconds, 2),
        "vectors_ms_per_word": round(1000 * vectors_seconds / words, 4),
        "max_rss_mib": round(max_rss_mib(), 1),
    }


def _article(text: str) -> Article:
    return Article.create(outlet="Long Outlet", text=text, published=date(2025, 3, 14))


if __name__ == "__main__":
    main()
