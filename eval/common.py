"""What every eval script shares: counts → precision/recall/F1, finding the data, printing beside the published figures."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass
class Counts:
    """A confusion count: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(100 * self.precision, 1),
            "recall": round(100 * self.recall, 1),
            "f1": round(100 * self.f1, 1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def data_dir(given: str | None, default: str) -> Path:
    """The data folder, or a clear exit when it is missing (a user's clone has no ../shared)."""
    folder = Path(given) if given else SHARED_DATA / default
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder; pass --data DIR (laid out like ../shared/data/{default})")
    return folder


def report(title: str, rows: list[tuple[str, float, str]], result: dict, as_json: bool) -> None:
    """Rows are (metric, ours in %, published figure or target as text)."""
    if as_json:
        print(json.dumps(result, indent=2))
        return
    print(title)
    width = max(len(name) for name, _, _ in rows)
    for name, ours, published in rows:
        print(f"  {name:<{width}}  {ours:6.1f}   {published}")


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 of a clustering (item → cluster label) against the gold one."""
    by_predicted, by_gold = _groups(predicted), _groups(gold)
    precision = recall = 0.0
    for item in gold:
        same_predicted, same_gold = by_predicted[predicted[item]], by_gold[gold[item]]
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pair-counting precision, recall, F1: over all pairs of items put (or meant to be) together."""
    def pairs(groups: dict[str, set[str]]) -> int:
        return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())

    together = defaultdict(set)
    for item in gold:
        together[(predicted[item], gold[item])].add(item)
    both = pairs(together)  # type: ignore[arg-type]
    predicted_pairs, gold_pairs = pairs(_groups(predicted)), pairs(_groups(gold))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def _groups(labels: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return groups


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
