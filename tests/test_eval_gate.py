"""`make eval`'s gate (eval/gate.py): every evaluation script is gated, and a bound moves the hard way only by name."""

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.fast

EVAL = Path(__file__).parents[1] / "eval"
spec = importlib.util.spec_from_file_location("gate", EVAL / "gate.py")
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)


def test_every_evaluation_script_has_pinned_figures():
    baseline = json.loads((EVAL / "baseline.json").read_text(encoding="utf-8"))
    gated = {command.split()[0] for command in baseline}
    scripts = {f"eval/{p.name}" for p in EVAL.glob("*.py")} - {"eval/common.py", "eval/real.py", "eval/gate.py"}
    assert scripts == gated
    assert all(bounds and all(set(b) in ({"floor"}, {"ceiling"}) for b in bounds.values()) for bounds in baseline.values())


def test_a_figure_below_its_floor_or_above_its_ceiling_fails():
    assert gate.breaches({"floor": 90.0}, 89.9) and not gate.breaches({"floor": 90.0}, 90.0)
    assert gate.breaches({"ceiling": 0}, 1) and not gate.breaches({"ceiling": 1}, 0)


def test_raising_tightens_a_bound_and_only_a_named_figure_loosens():
    assert gate.moved({"floor": 90.0}, 93.0, either_way=False) == {"floor": 93.0}
    assert gate.moved({"floor": 90.0}, 85.0, either_way=False) == {"floor": 90.0}
    assert gate.moved({"floor": 90.0}, 85.0, either_way=True) == {"floor": 85.0}
    assert gate.moved({"ceiling": 2}, 1, either_way=False) == {"ceiling": 1}


def test_a_dotted_key_reads_a_nested_figure_and_a_missing_one_is_named():
    result = {"compare-dev": {"unique": {"recall": 85.2, "tp": 3}}, "note": "text"}
    assert gate.figure(result, "compare-dev.unique.recall") == 85.2
    with pytest.raises(KeyError, match="compare-dev.unique.f1"):
        gate.figure(result, "compare-dev.unique.f1")
    with pytest.raises(KeyError, match="not a number"):
        gate.figure(result, "note")
