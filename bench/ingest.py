"""Ingest throughput and memory: generated articles → parse → store, SQLite and PostgreSQL.

Prints articles/s for
  - parse only (read + validate, no store): the baseline, measured in the same run,
  - ingest into SQLite (one transaction per article, WAL),
  - ingest into PostgreSQL (a throwaway server on loopback),
each also as a ratio to the baseline, and the peak Python heap (tracemalloc) of an SQLite ingest
at two corpus sizes: a ratio near 1 means memory is flat in corpus size (the ingest streams).

Target (issue 2): ≥ 1,000 articles/s into SQLite on a 2-core machine.

    python bench/ingest.py [--articles 10000] [--json] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import tracemalloc
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.pgserver

from manysides.ingest import ReadOptions, expand, read  # noqa: E402
from manysides.jobs import IngestSummary, ingest  # noqa: E402
from manysides.store import Store  # noqa: E402

TARGET_SQLITE_PER_SECOND = 1000
WORDS = (
    "the council harbour ferry minister said officials on Thursday reported port storm court ruling "
    "residents evacuated water authority engineers inquiry million percent police spokesperson agreed "
    "talks border trade wheat ship earthquake damaged buildings tariffs company appeal data customers"
).split()
OUTLETS = ["Harbour Herald", "The Northern Ledger", "Meridian Wire", "Civic Courier", "Riverside Radio", "Valley Post"]


def body(rng: random.Random, words: int = 300) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
        sentences.append(sentence.capitalize() + ".")
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs)


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Half text files with headers, 40 % JSONL lines (1,000 per file), 10 % HTML pages."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = None
    for n in range(count):
        outlet, day = rng.choice(OUTLETS), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        kind = n % 10
        if kind < 5:
            (folder / f"t{n:06d}.txt").write_text(f"date {day}\noutlet: {outlet}\ntitle: Story {n}\n\n{body(rng)}")
        elif kind < 9:
            if jsonl is None or n % 1000 == 5:
                jsonl = (folder / f"lines{n:06d}.jsonl").open("a", encoding="utf-8")
            record = {"id": f"g{n}", "outlet": outlet, "title": f"Story {n}", "published": day, "text": body(rng)}
            jsonl.write(json.dumps(record) + "\n")
        else:
            paragraphs = "".join(f"<p>{p}</p>" for p in body(rng).split("\n\n"))
            (folder / f"h{n:06d}.html").write_text(
                f'<html lang="en"><head><title>Story {n}</title><meta property="og:site_name" content="{outlet}">'
                f'<meta property="article:published_time" content="{day}"></head>'
                f"<body><nav>Home News</nav><article><h1>Story {n}</h1>{paragraphs}</article></body></html>"
            )
    if jsonl is not None:
        jsonl.close()


@dataclass
class Figure:
    name: str
    articles: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def parse_only(folder: Path) -> Figure:
    start, count = time.perf_counter(), 0
    for source in expand([str(folder)]).sources:
        count += sum(1 for _ in read(source, ReadOptions()))
    return Figure("parse only (baseline)", count, time.perf_counter() - start)


def ingest_into(name: str, url: str, folder: Path) -> Figure:
    with Store(url) as store:
        start, summary = time.perf_counter(), IngestSummary()
        for event in ingest(expand([str(folder)]).sources, store, ReadOptions()):
            summary.count(event)
        seconds = time.perf_counter() - start
    if summary.failed or summary.added == 0:
        raise SystemExit(f"bench: ingest into {name} failed: {summary.failures[:3]}")
    return Figure(name, summary.added, seconds)


def peak_heap(folder: Path, workdir: Path) -> int:
    tracemalloc.start()
    ingest_into("memory", f"sqlite:///{workdir / f'mem-{uuid.uuid4().hex}.db'}", folder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="manysides-bench-") as tmp:
        work = Path(tmp)
        corpus, small = work / "corpus", work / "small"
        generate(corpus, args.articles)
        generate(small, args.articles // 4, seed=8)
        figures = [parse_only(corpus), ingest_into("SQLite", f"sqlite:///{work / 'bench.db'}", corpus)]
        if not args.no_postgres:
            from tests.pgserver import temporary_postgres

            with temporary_postgres() as server:
                figures.append(ingest_into("PostgreSQL", server.create_database("bench"), corpus))
        small_peak, full_peak = peak_heap(small, work), peak_heap(corpus, work)

    baseline, sqlite = figures[0].per_second, figures[1].per_second
    result = {
        "articles": args.articles,
        "runs": [asdict(f) | {"per_second": round(f.per_second, 1), "ratio_to_baseline": round(f.per_second / baseline, 3)} for f in figures],
        "peak_heap_bytes": {str(args.articles // 4): small_peak, str(args.articles): full_peak},
        "peak_heap_growth": round(full_peak / small_peak, 2),
        "target_sqlite_per_second": TARGET_SQLITE_PER_SECOND,
        "target_met": sqlite >= TARGET_SQLITE_PER_SECOND,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Ingest benchmark, {args.articles:,} generated articles (50% text, 40% JSONL, 10% HTML)")
    for run in result["runs"]:
        print(f"  {run['name']:<24} {run['per_second']:>9,.0f} articles/s   ×{run['ratio_to_baseline']:.2f} of baseline")
    print(
        f"  peak heap: {small_peak / 2**20:.1f} MiB at {args.articles // 4:,} articles, "
        f"{full_peak / 2**20:.1f} MiB at {args.articles:,} (×{result['peak_heap_growth']} for ×4 the corpus)"
    )
    verdict = "met" if result["target_met"] else "NOT met"
    print(f"  target ≥ {TARGET_SQLITE_PER_SECOND:,} articles/s into SQLite: {verdict}")


if __name__ == "__main__":
    main()
