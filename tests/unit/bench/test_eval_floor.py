"""The evaluation guard: inputs below their floor fail the run, unlisted inputs never do."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "eval_floor.py"


@pytest.fixture(scope="module")
def eval_floor():
    spec = importlib.util.spec_from_file_location("eval_floor", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("row", "floors", "failing"),
    [
        ({"kind": "flat", "input": "a.txt", "f1": 0.80}, {"flat/a.txt": 0.75}, False),
        ({"kind": "flat", "input": "a.txt", "f1": 0.75}, {"flat/a.txt": 0.75}, False),
        ({"kind": "flat", "input": "a.txt", "f1": 0.70}, {"flat/a.txt": 0.75}, True),
        ({"kind": "web", "input": "new.txt", "f1": 0.0}, {"flat/a.txt": 0.75}, False),
        ({"kind": "flat", "input": "a.txt", "failed": "ImportError"}, {"flat/a.txt": 0.75}, True),
        ({"kind": "web", "input": "new.txt", "failed": "ImportError"}, {}, False),
    ],
)
def test_eval_floor_fails_only_listed_inputs_below_their_floor(eval_floor, row, floors, failing):
    assert bool(eval_floor.compare([row], floors)) is failing
