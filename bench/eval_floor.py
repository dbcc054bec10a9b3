#!/usr/bin/env python3
"""Fail when an evaluation input's F1 falls below its committed floor in ``eval-floor.json``.

Runs the evaluation kit (``run.py --inputs-json``) on a set of annotated articles and compares
each input's strict F1 with its floor. An input the floor file does not list is reported, never
failed. Raise the floors deliberately, with ``--write``, when results improve.

Usage::

    python bench/eval_floor.py KIT_DIR SET_DIR [--write]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

FLOORS = Path(__file__).with_name("eval-floor.json")
COMMAND = f"{sys.executable} -m extractor extract {{file}} --format json"
TOLERANCE = 1e-9


def run_kit(kit: Path, set_dir: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(kit / "run.py"), str(set_dir), "--cmd", COMMAND, "--inputs-json"],
        capture_output=True, text=True, check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [row for row in rows if "input" in row]


def compare(rows: list[dict], floors: dict[str, float]) -> list[str]:
    """One line per input below its floor (or failed); the run passes when there is none."""
    problems = []
    for row in rows:
        key = f"{row['kind']}/{row['input']}"
        floor = floors.get(key)
        if "failed" in row:
            print(f"{key}: FAILED {row['failed']}")
            if floor is not None:
                problems.append(f"{key}: failed")
            continue
        note = "no floor" if floor is None else f"floor {floor:.4f}"
        print(f"{key}: F1 {row['f1']:.4f} ({note})")
        if floor is not None and row["f1"] + TOLERANCE < floor:
            problems.append(f"{key}: F1 {row['f1']:.4f} below its floor {floor:.4f}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kit", type=Path, help="the evaluation kit folder (holds run.py)")
    parser.add_argument("set_dir", type=Path, help="the annotated set (holds gold/ and one folder per kind)")
    parser.add_argument("--write", action="store_true", help="write this run's figures as the new floors")
    args = parser.parse_args(argv)
    rows = run_kit(args.kit, args.set_dir)
    if args.write:
        floors = {f"{r['kind']}/{r['input']}": round(r["f1"], 4) for r in rows if "f1" in r}
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(floors)} floors to {FLOORS.name}")
        return 0
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    problems = compare(rows, floors)
    for problem in problems:
        print(f"below floor: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
