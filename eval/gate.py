"""The quality gate of `make eval`: every evaluation run once with --json, each pinned figure checked
against its floor (or ceiling) in eval/baseline.json.

    python eval/gate.py                 # run, print every pinned figure beside its bound, exit 1 on a drop
    python eval/gate.py --raise         # also raise the bounds the run beat (floors up, ceilings down)
    python eval/gate.py --lower KEY...  # also move these bounds to the run's figures, the worse way included

A bound moves the easy way with --raise; moving one the hard way needs the figure named with --lower, so
a regression is a decision written in a commit, not a side effect. Figures live here and in the issue
notes, never in prose docs. The data is ../shared/data (not in a user's clone): this is `make eval`, not
`make test`.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"


def figure(result: dict, key: str) -> float:
    """The figure at a dotted key ("compare-dev.unique.recall") of a script's JSON result."""
    value: object = result
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"{key}: not in the result (no {part!r})")
        value = value[part]
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise KeyError(f"{key}: {value!r} is not a number")
    return float(value)


def breaches(bound: dict[str, float], value: float) -> bool:
    return ("floor" in bound and value < bound["floor"]) or ("ceiling" in bound and value > bound["ceiling"])


def moved(bound: dict[str, float], value: float, either_way: bool) -> dict[str, float]:
    """The bound after this run: met with room to spare, it tightens to the figure; `either_way` also loosens it."""
    side = "floor" if "floor" in bound else "ceiling"
    better = value > bound[side] if side == "floor" else value < bound[side]
    return {side: value} if better or either_way else bound


def run(command: str) -> dict:
    """A script's JSON result; `command` is the script and its arguments, relative to the project root."""
    done = subprocess.run([sys.executable, *shlex.split(command), "--json"], cwd=HERE.parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{command}: exit {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ['no output']}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raise", dest="tighten", action="store_true", help="tighten the bounds this run beat")
    parser.add_argument("--lower", nargs="+", default=[], metavar="KEY", help="move these bounds (COMMAND:KEY) to the run's figures")
    parser.add_argument("--only", metavar="COMMAND", help="run one evaluation command of the baseline only")
    args = parser.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    failed = []
    for command, bounds in baseline.items():
        if args.only and command != args.only:
            continue
        print(f"== {command}", flush=True)
        result = run(command)
        for key, bound in bounds.items():
            value = figure(result, key)
            bad = breaches(bound, value)
            side, limit = next(iter(bound.items()))
            print(f"  {'FAIL' if bad else 'ok  '} {key:<50} {value:>9.3f}   {side} {limit:g}")
            if bad:
                failed.append(f"{command}: {key} {value:g} ({side} {limit:g})")
            if args.tighten or f"{command}:{key}" in args.lower:
                bounds[key] = moved(bound, value, either_way=f"{command}:{key}" in args.lower)
    if args.tighten or args.lower:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    if failed:
        raise SystemExit("eval gate: below the pinned bounds in eval/baseline.json:\n  " + "\n  ".join(failed))
    print("eval gate: every pinned figure holds")


if __name__ == "__main__":
    main()
