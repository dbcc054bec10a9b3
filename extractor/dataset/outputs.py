"""Writing output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import OutputBusy

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
LOCK_NAME = ".extractor.lock"

_UMASK = os.umask(0o022)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
"""Outputs get the usual permissions, not the private ones ``mkstemp`` starts with."""


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it into place.

    The temporary file is hidden (``.<name>.<random>.tmp``); if the process is killed before
    the rename, it is all that is left, and ``remove_stale_temporaries`` clears it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), FILE_MODE)
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
    """The one JSON style of every output: UTF-8, indented, stable key order as built.

    NaN and infinities are refused (``ValueError``): they are not JSON and other readers
    would choke on them.
    """
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def article_path(article_id: str, out_dir: str | Path) -> Path:
    return Path(out_dir) / "articles" / f"{article_id}.json"


def write_article(document: dict[str, Any], out_dir: str | Path) -> Path:
    """Write one validated article document to ``out_dir/articles/<id>.json``."""
    return write_article_json(document["id"], dump_json(document), out_dir)


def write_article_json(article_id: str, text: str, out_dir: str | Path) -> Path:
    """Write an article document already serialised with ``dump_json``."""
    target = article_path(article_id, out_dir)
    atomic_write_text(target, text)
    return target


def remove_stale_temporaries(out_dir: str | Path) -> list[Path]:
    """Delete the temporary files an interrupted writer left anywhere below ``out_dir``.

    Only call this while holding ``exclusive_output`` on the folder: the temporary file of a
    writer that is still running looks the same.
    """
    removed: list[Path] = []
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                path = Path(folder) / name
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextmanager
def exclusive_output(out_dir: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (POSIX ``flock``) for the duration of a run.

    The lock dies with the process, even when it is killed, so a later run never finds a
    stale lock. Raises ``OutputBusy`` when another process holds it.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield
        return
    handle = open(out_dir / LOCK_NAME, "a+b")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            raise OutputBusy(f"{out_dir}: another run is writing to this folder") from error
        yield
    finally:
        handle.close()
