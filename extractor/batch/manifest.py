"""The run manifest ``OUTPUT/run.json``: one typed entry per input, the basis for resuming."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Reason
from ..dataset.outputs import atomic_write_text, dump_json

MANIFEST_NAME = "run.json"
MANIFEST_FORMAT = 1
ARTICLES_FOLDER = "articles"


class Status(str, Enum):
    """What became of one input in a run."""

    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"
    PENDING = "pending"
    """Only in the manifest of a run that is still going or was interrupted."""


class RunState(str, Enum):
    RUNNING = "running"
    INTERRUPTED = "interrupted"
    COMPLETE = "complete"


@dataclass(slots=True)
class InputResult:
    """One input of a run and its outcome, as recorded in ``run.json``.

    ``document`` is the article document's path relative to the output folder, set whenever a
    complete document for the current content of the input exists; only those documents make
    up the records tables. ``extractor_version`` is the version that wrote that document.
    ``reused`` says that this run did not extract the input again: it was unchanged since the
    run that did, whose status, message and counts the entry carries over.
    """

    path: str
    id: str | None
    kind: str | None
    size: int | None
    sha256: str | None
    status: Status = Status.PENDING
    reason: Reason | None = None
    message: str | None = None
    document: str | None = None
    records: int | None = None
    pages: int | None = None
    warnings: int | None = None
    seconds: float | None = None
    extractor_version: str | None = None
    traceback: str | None = None
    reused: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "status": self.status.value,
            "reason": self.reason.value if self.reason else None,
            "message": self.message,
            "document": self.document,
            "records": self.records,
            "pages": self.pages,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3) if self.seconds is not None else None,
            "extractor_version": self.extractor_version,
            "traceback": self.traceback,
            "reused": self.reused,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InputResult:
        return cls(
            path=str(data["path"]),
            id=data.get("id"),
            kind=data.get("kind"),
            size=data.get("size"),
            sha256=data.get("sha256"),
            status=Status(data.get("status", Status.PENDING.value)),
            reason=Reason(data["reason"]) if data.get("reason") else None,
            message=data.get("message"),
            document=data.get("document"),
            records=data.get("records"),
            pages=data.get("pages"),
            warnings=data.get("warnings"),
            seconds=data.get("seconds"),
            extractor_version=data.get("extractor_version"),
            traceback=data.get("traceback"),
            reused=data.get("reused") is True,
        )


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@dataclass(slots=True)
class Manifest:
    """Everything ``run.json`` says about a run."""

    inputs: list[InputResult]
    options: dict[str, Any] = field(default_factory=dict)
    state: RunState = RunState.RUNNING
    started: str = field(default_factory=now)
    updated: str | None = None
    finished: str | None = None
    ignored: int = 0
    tables_error: str | None = None
    report_error: str | None = None
    extractor_version: str = __version__
    python_version: str = field(default_factory=platform.python_version)
    spacy_version: str | None = field(default_factory=lambda: package_version("spacy"))

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for entry in self.inputs:
            counts[entry.status.value] += 1
        return counts

    def reused(self) -> int:
        return sum(1 for entry in self.inputs if entry.reused)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "state": self.state.value,
            "started": self.started,
            "updated": self.updated,
            "finished": self.finished,
            "extractor_version": self.extractor_version,
            "python_version": self.python_version,
            "spacy_version": self.spacy_version,
            "options": self.options,
            "counts": self.counts(),
            "reused": self.reused(),
            "ignored_files": self.ignored,
            "tables_error": self.tables_error,
            "report_error": self.report_error,
            "inputs": [entry.to_dict() for entry in self.inputs],
        }

    def save(self, out_dir: str | Path) -> Path:
        """Write ``out_dir/run.json`` atomically."""
        self.updated = now()
        target = Path(out_dir) / MANIFEST_NAME
        atomic_write_text(target, dump_json(self.to_dict()))
        return target


def load_previous(out_dir: str | Path) -> list[InputResult]:
    """The entries of the manifest a previous run left in ``out_dir`` (none when there is none).

    A manifest that cannot be read, or is of another format, is treated as absent: the run
    then simply redoes every input.
    """
    path = Path(out_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return []
        return [InputResult.from_dict(entry) for entry in data["inputs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def document_path(article_id: str) -> str:
    """Where the document of an article lives, relative to the output folder."""
    return f"{ARTICLES_FOLDER}/{article_id}.json"
