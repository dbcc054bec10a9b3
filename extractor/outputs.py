"""Writing output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def dump_json(data: Any) -> str:
    """The one JSON style of every output: UTF-8, indented, stable key order as built."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_article(document: dict[str, Any], out_dir: str | Path) -> Path:
    """Write one validated article document to ``out_dir/articles/<id>.json``."""
    target = Path(out_dir) / "articles" / f"{document['id']}.json"
    atomic_write_text(target, dump_json(document))
    return target
