"""Time expressions on TempEval-3 (TimeML): how well nlp/time.py finds and normalises them.

Prints, beside the published figures:
- span F1, strict (exact boundaries) and relaxed (overlap), over all TIMEX3 in the documents' text;
- value F1 as TempEval-3 scores it: a system expression counts when its span overlaps a gold one
  AND its normalised value equals the gold value (precision over ours, recall over gold); values are
  compared as values, so the gold "2000-W7" equals our ISO "2000-W07";
- accuracy on relative dates: of the gold DATE expressions marked temporalFunction="true" ("Thursday",
  "last week", "a year ago"), the share we find and normalise to the gold value, in context, against
  the document creation time.

    python eval/dates.py [--data DIR] [--json]     (DIR: searched recursively for .tml; default ../shared/data/tempeval3;
                                                    a file name met twice — TBAQ's testpipeline/ repeats a TimeBank
                                                    document — is scored once)
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common import Counts, data_dir, report

from manysides.nlp.time import find_times

PUBLISHED = "TempEval-3 test, value F1: HeidelTime 77.6, SUTime 67.4; strict span F1 of the best ≈ 82, relaxed ≈ 90"
TARGET_VALUE_F1 = 85.0


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str
    relative: bool


@dataclass(frozen=True)
class Document:
    name: str
    anchor: date
    text: str
    times: list[GoldTime]


def load(path: Path) -> Document:
    root = ET.parse(path).getroot()
    creation = next(t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    anchor = date.fromisoformat(creation.get("value", "")[:10])
    body = root.find("TEXT")
    parts: list[str] = []
    times: list[GoldTime] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                text = "".join(parts)[start:end]
                relative = child.get("temporalFunction") == "true"
                times.append(GoldTime(start, end, text, child.get("type", ""), child.get("value", ""), relative))
            if child.tail:
                parts.append(child.tail)

    walk(body)
    return Document(path.name, anchor, "".join(parts), times)


def same_value(ours: str, gold: str) -> bool:
    """TIMEX3 values compared as values: week numbers with or without a leading zero (W7 = W07)."""
    return re.sub(r"W0(\d)", r"W\1", ours) == re.sub(r"W0(\d)", r"W\1", gold)


def score(documents: list[Document]) -> dict:
    strict, relaxed, value = Counts(), Counts(), Counts()
    relative_right, relative_total = 0, 0
    misses: Counter[str] = Counter()
    for doc in documents:
        found = find_times(doc.text, doc.anchor)
        matched_gold: dict[int, str] = {}  # gold index → our value
        for system in found:
            overlapping = [
                i for i, g in enumerate(doc.times)
                if i not in matched_gold and system.start < g.end and g.start < system.end
            ]  # fmt: skip
            if not overlapping:
                strict.fp += 1
                relaxed.fp += 1
                value.fp += 1
                continue
            index = overlapping[0]
            gold = doc.times[index]
            matched_gold[index] = system.value
            relaxed.tp += 1
            exact = (system.start, system.end) == (gold.start, gold.end)
            strict.tp += exact
            strict.fp += not exact
            strict.fn += not exact
            if same_value(system.value, gold.value):
                value.tp += 1
            else:
                value.fp += 1
                value.fn += 1
                misses[f"{gold.text!r} → {system.value} (gold {gold.value})"] += 1
        unmatched = len(doc.times) - len(matched_gold)
        strict.fn += unmatched
        relaxed.fn += unmatched
        value.fn += unmatched
        for index, gold in enumerate(doc.times):
            if index not in matched_gold:
                misses[f"{gold.text!r} not found (gold {gold.value})"] += 1
            if gold.type == "DATE" and gold.relative:
                relative_total += 1
                relative_right += same_value(matched_gold.get(index, ""), gold.value)
    return {
        "documents": len(documents),
        "gold_expressions": sum(len(d.times) for d in documents),
        "span_strict": strict.as_dict(),
        "span_relaxed": relaxed.as_dict(),
        "value": value.as_dict(),
        "relative_accuracy": round(100 * relative_right / relative_total, 1) if relative_total else 0.0,
        "relative_total": relative_total,
        "target_value_f1": TARGET_VALUE_F1,
        "published": PUBLISHED,
        "frequent_errors": [f"{count}× {what}" for what, count in misses.most_common(15)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="folder searched recursively for .tml files")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    args = parser.parse_args()
    folder = data_dir(args.data, "tempeval3")
    documents = list({path.name: load(path) for path in sorted(folder.rglob("*.tml"), reverse=True)}.values())
    result = score(documents)
    rows = [
        ("span F1, strict", result["span_strict"]["f1"], "best systems ≈ 82 (test)"),
        ("span F1, relaxed", result["span_relaxed"]["f1"], "best systems ≈ 90 (test)"),
        ("value F1", result["value"]["f1"], f"HeidelTime 77.6, SUTime 67.4 (test); target ≥ {TARGET_VALUE_F1:g} (dev)"),
        ("relative dates, accuracy", result["relative_accuracy"], f"{result['relative_total']} gold relative DATEs"),
    ]
    report(f"Dates on {len(documents)} TempEval-3 documents ({folder})", rows, result, args.json)
    if not args.json:
        print("  most frequent errors:")
        for line in result["frequent_errors"]:
            print(f"    {line}")


if __name__ == "__main__":
    main()
