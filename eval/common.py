"""What every eval script shares: counts → precision/recall/F1, finding the data, printing beside the published figures."""

from __future__ import annotations

import json
import sys
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
