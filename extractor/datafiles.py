"""Rules and lexicons shipped as data files inside the package, loaded and checked once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

RESOURCE_PACKAGE = "extractor.resources"


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    return json.loads((resources.files(RESOURCE_PACKAGE) / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    text = (resources.files(RESOURCE_PACKAGE) / name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{name}:{number}: {error.msg}") from error
    return tuple(rows)


def require_keys(name: str, data: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    """Fail at load time, naming the file, when a resource lacks what the code expects."""
    missing = keys - set(data)
    if missing:
        raise ValueError(f"resource {name} lacks {sorted(missing)}")
    return data
