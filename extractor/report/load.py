"""Reading an output folder defensively: article documents and the run manifest."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputNotFound

RUN_FIELDS = ("state", "started", "finished", "extractor_version")
"""What the index shows about the run itself, when ``run.json`` says it."""

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")


INDEX_NAME = "index"
"""The run index's page is ``index.html``: an article with this id gets a hashed name."""


def page_name(article_id: str) -> str:
    """The file name of an article's page: its id when that is a safe file name, else a slug."""
    safe = SAFE_NAME.fullmatch(article_id) and not article_id.endswith(".")
    if safe and article_id.casefold() != INDEX_NAME:
        return f"{article_id}.html"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", article_id).strip("-")[:60] or "article"
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}.html"


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@dataclass(slots=True)
class LoadedArticle:
    """One ``articles/<id>.json`` as read; ``error`` says why it could not be used."""

    path: Path
    id: str
    document: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def page(self) -> str:
        return page_name(self.id)

    @property
    def records(self) -> list[dict[str, Any]]:
        return [r for r in self.document.get("records") or [] if isinstance(r, dict)]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [w for w in self.document.get("warnings") or [] if isinstance(w, dict)]

    def for_index(self) -> "LoadedArticle":
        """What the index needs of the article: title, source and counts, not the text.

        The index is built after every page is written; keeping only this keeps the memory of
        a report flat however many articles the folder holds.
        """
        document = {key: self.document.get(key) for key in ("id", "title", "source")}
        document["records"] = [{}] * len(self.records)
        document["warnings"] = [{}] * len(self.warnings)
        return LoadedArticle(self.path, self.id, document, self.error)


@dataclass(slots=True)
class Row:
    """One row of the index page: an input of the run (or an article found without one)."""

    path: str
    id: str | None
    status: str
    reason: str | None
    message: str | None
    records: int | None
    warnings: int | None
    article: LoadedArticle | None = None
    traceback: str | None = None
    reused: bool = False
    """The run did not extract the input again: the status is that of its last extraction."""


@dataclass(slots=True)
class Manifest:
    """The parts of ``run.json`` the index uses; every field may be missing."""

    inputs: list[dict[str, Any]]
    run: dict[str, str] = field(default_factory=dict)


def load_article(path: Path) -> LoadedArticle:
    """Read one article document; a file that is not a JSON object becomes an ``error``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return LoadedArticle(path, path.stem, error=f"cannot read the article document: {e}")
    if not isinstance(data, dict):
        return LoadedArticle(path, path.stem, error="the article document is not a JSON object")
    article_id = _str(data.get("id")) or path.stem
    return LoadedArticle(path, article_id, data)


def iter_articles(output_dir: Path) -> Iterator[LoadedArticle]:
    """The article documents of an output folder, read one at a time, in name order."""
    folder = output_dir / "articles"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        if not path.name.startswith("."):
            yield load_article(path)



def load_manifest(output_dir: Path) -> Manifest | None:
    """What ``run.json`` says, or ``None`` when there is no readable manifest."""
    path = output_dir / "run.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    inputs = data.get("inputs") if isinstance(data, dict) else data
    if not isinstance(inputs, list):
        return None
    run = {}
    if isinstance(data, dict):
        run = {k: str(data[k]) for k in RUN_FIELDS if data.get(k) not in (None, "")}
    return Manifest([entry for entry in inputs if isinstance(entry, dict)], run)


def _count(value: Any) -> int | None:
    if isinstance(value, list):
        return len(value)
    return _int(value)


def _row_from_article(article: LoadedArticle) -> Row:
    if article.error:
        return Row(str(article.path.name), article.id, "failed", "invalid output",
                   article.error, None, None, None)
    source = article.document.get("source")
    path = _str(source.get("path")) if isinstance(source, dict) else None
    warnings = len(article.warnings)
    return Row(path or article.path.name, article.id, "warning" if warnings else "ok",
               None, None, len(article.records), warnings, article)


def _entry_article(entry: dict[str, Any], articles: list[LoadedArticle]) -> LoadedArticle | None:
    """The article document of a manifest entry.

    ``document`` (a path relative to the output folder) names it when the manifest has that
    field, and ``null`` there means no current document (an old one may still lie in the
    folder); older manifests only give the ``id``.
    """
    if "document" in entry:
        document = _str(entry.get("document"))
        if document is None:
            return None
        name = Path(document).name
        return next((a for a in articles if a.path.name == name), None)
    article_id = _str(entry.get("id"))
    if article_id is None:
        return None
    return next((a for a in articles if a.id == article_id), None) or next(
        (a for a in articles if a.path.stem == article_id), None
    )


def index_rows(articles: list[LoadedArticle], manifest: Manifest | None) -> list[Row]:
    """Rows for the index: the run's inputs in order, then articles the manifest does not name."""
    rows: list[Row] = []
    used: set[int] = set()
    for entry in manifest.inputs if manifest else []:
        article_id = _str(entry.get("id"))
        article = _entry_article(entry, articles)
        if article is not None:
            used.add(id(article))
            if article.error:
                article = None
        records = _count(entry.get("records"))
        warnings = _count(entry.get("warnings"))
        if article is not None:
            records = len(article.records) if records is None else records
            warnings = len(article.warnings) if warnings is None else warnings
        rows.append(Row(
            path=_str(entry.get("path")) or article_id or "?",
            id=article_id,
            status=_str(entry.get("status")) or "unknown",
            reason=_str(entry.get("reason")),
            message=_str(entry.get("message")),
            records=records,
            warnings=warnings,
            article=article,
            traceback=_str(entry.get("traceback")),
            reused=entry.get("reused") is True,
        ))
    for article in articles:
        if id(article) not in used:
            row = _row_from_article(article)
            if manifest is not None:
                row.message = row.message or "not a current document of any input in run.json"
            rows.append(row)
    return rows


def check_output_dir(output_dir: Path) -> None:
    """Raise ``InputNotFound`` unless the folder looks like an output folder."""
    if not output_dir.is_dir():
        raise InputNotFound(output_dir, "no such output folder")
    if not (output_dir / "articles").is_dir() and not (output_dir / "run.json").is_file():
        raise InputNotFound(output_dir, "neither run.json nor articles/ found: not an output folder")
