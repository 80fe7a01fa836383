"""Quotes and attribution on PolNeAR: exact-match F1 of source, cue and content spans.

Each gold attribution (brat standoff: Source, Cue and Content spans joined by an E line) is
matched against the quotes the nlp stage finds in the same text. A part counts as found when our
span has exactly the gold span's offsets; for a gold span in several fragments, its first start and
last end (our spans are contiguous). Articles annotated twice are scored on their first annotator's
file. Published figures (exact match, PolNeAR test split) are printed beside ours.

    python eval/quotes.py [--data DIR] [--limit N] [--json]   (DIR holds text/ and attributions/;
    default ../shared/data/polnear/dev)
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from common import Counts, data_dir, report

from manysides.model import Article
from manysides.nlp.pipeline import Pipeline

PUBLISHED = {"rules": (10.7, 22.8, 5.6), "best neural (CofeNet)": (83.2, 75.3, 72.9)}
TARGETS = {"source": 80.0, "cue": 75.0, "content": 65.0}
PARTS = ("source", "cue", "content")


def load_attributions(path: Path) -> list[dict[str, tuple[int, int]]]:
    """Gold attributions of one .ann file: part name → (start, end)."""
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    events: list[dict[str, tuple[int, int]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
            spans[fields[0]] = (kind.lower(), (pieces[0][0], pieces[-1][1]))
        elif line.startswith("E") and len(fields) >= 2:
            parts = {}
            for argument in fields[1].split():
                role, _, ref = argument.partition(":")
                role = role.rstrip("0123456789").lower()
                if role in PARTS and ref in spans:
                    parts[role] = spans[ref][1]
            if parts:
                events.append(parts)
    return events


def documents(folder: Path, limit: int | None) -> list[tuple[str, list[dict[str, tuple[int, int]]]]]:
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(chosen)[:limit]
    return [((folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), load_attributions(chosen[name])) for name in names]


def evaluate(folder: Path, limit: int | None = None) -> dict:
    loaded = documents(folder, limit)
    counts = {part: Counts() for part in PARTS}
    pipeline = Pipeline()
    # The raw text, not the stored (cleaned) form: gold offsets index the raw file.
    articles = [replace(Article.create(outlet="polnear", text=text), text=text) for text, _ in loaded]
    for (_, gold), analysis in zip(loaded, pipeline.analyse(articles), strict=True):
        ours = {
            "source": {(q.speaker_span.start, q.speaker_span.end) for q in analysis.quotes},
            "cue": {(q.cue_span.start, q.cue_span.end) for q in analysis.quotes},
            "content": {(q.content.start, q.content.end) for q in analysis.quotes},
        }
        for part in PARTS:
            expected = {attribution[part] for attribution in gold if part in attribution}
            found = ours[part]
            counts[part].tp += len(found & expected)
            counts[part].fp += len(found - expected)
            counts[part].fn += len(expected - found)
    return {
        "documents": len(loaded),
        **{part: counts[part].as_dict() for part in PARTS},
        "published": {name: dict(zip(PARTS, figures, strict=True)) for name, figures in PUBLISHED.items()},
        "targets": TARGETS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="folder with text/ and attributions/ (PolNeAR brat standoff)")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    args = parser.parse_args()
    result = evaluate(data_dir(args.data, "polnear/dev"), args.limit)
    rows = [
        (
            f"{part} exact F1",
            result[part]["f1"],
            f"P {result[part]['precision']:.1f} R {result[part]['recall']:.1f}; target ≥ {TARGETS[part]:.0f}; "
            + "; ".join(f"{name} {dict(zip(PARTS, figures))[part]}" for name, figures in PUBLISHED.items()),
        )
        for part in PARTS
    ]
    report(f"Attribution on PolNeAR, {result['documents']} articles (exact spans)", rows, result, args.json)


if __name__ == "__main__":
    main()
