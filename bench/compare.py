"""Comparison cost of one big story: 50 articles of ≈ 500 words, against their analysis in the same run.

The articles are recombined from the sentences of our example corpus (bench/analysis.py), so they share
many sentences and facts: the alignment has plenty to find. Timed: the analysis of the 50 articles
(spaCy, our rules, sentence vectors: the baseline), then `compare_story` on them twice — the second,
warm run is the figure — and the rendering of the JSON document and the HTML file.

Targets (issue 5): a 50-article story compared in < 3 s warm; the comparison ≤ 25 % of the analysis time.

    python bench/compare.py [--articles 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import generate  # noqa: E402

from manysides.compare.align import Source  # noqa: E402
from manysides.compare.comparison import compare_story  # noqa: E402
from manysides.nlp.embeddings import SentenceEncoder  # noqa: E402
from manysides.nlp.pipeline import Pipeline  # noqa: E402
from manysides.outlets.registry import default_registry  # noqa: E402
from manysides.jobs import report_document  # noqa: E402
from manysides.report.html import render_html  # noqa: E402

TARGET_SECONDS = 3.0
TARGET_SHARE = 0.25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()

    articles = generate(args.articles)
    pipeline, encoder = Pipeline(), SentenceEncoder()
    pipeline.analyse(generate(2))  # load the models outside the timing
    encoder.encode(["warm up"])

    start = time.perf_counter()
    analyses = list(pipeline.analyse(articles))
    vectors = encoder.encode_analyses(analyses)
    analysis_seconds = time.perf_counter() - start
    sources = [Source(a, an, v) for a, an, v in zip(articles, analyses, vectors, strict=True)]

    compare_story("bench", sources)  # cold: first imports and caches
    default_registry()  # the outlet registry is read once per process (≈ 0.2 s), like the models
    start = time.perf_counter()
    comparison = compare_story("bench", sources)
    compare_seconds = time.perf_counter() - start
    start = time.perf_counter()
    render_html(report_document(comparison, "bench", default_registry()))
    render_seconds = time.perf_counter() - start

    result = {
        "articles": len(articles),
        "sentences": sum(len(a.sentences) for a in analyses),
        "analysis_seconds": round(analysis_seconds, 2),
        "compare_seconds_warm": round(compare_seconds, 3),
        "compare_share_of_analysis": round(compare_seconds / analysis_seconds, 3),
        "report_seconds": round(render_seconds, 3),
        "agreements": len(comparison.agreements),
        "unique": len(comparison.unique),
        "contradictions": len(comparison.contradictions),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Comparison of one story of {result['articles']} articles ({result['sentences']:,} sentences)")
    print(f"  analysis (baseline): {analysis_seconds:.1f} s")
    print(f"  compare, warm:       {compare_seconds:.2f} s (target < {TARGET_SECONDS:.0f} s), "
          f"×{compare_seconds / analysis_seconds:.3f} of the analysis (target ≤ {TARGET_SHARE})")
    print(f"  JSON + HTML report:  {render_seconds:.2f} s")
    print(f"  found: {result['agreements']} agreements, {result['unique']} unique facts, {result['contradictions']} contradictions")


if __name__ == "__main__":
    main()
