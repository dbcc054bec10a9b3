"""Reading article documents back from output folders, as dicts or as typed ``Article`` objects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputNotFound, InvalidOutput, UnreadableInput
from ..models import Article, Finding, Qualifier, Record, Repair, Section, Unit

ARTICLES_DIR = "articles"
"""Where an output folder keeps its article documents, one ``<id>.json`` each."""

DOCUMENT_SUFFIXES = (".json", ".yml", ".yaml")
"""Article documents are JSON; golden files written by pytest-regressions may be YAML."""

MANIFEST_NAME = "run.json"
"""The batch manifest; when present, it says which documents belong to the run."""


def read_document(path: str | Path) -> dict[str, Any]:
    """Read one article document; raise ``UnreadableInput`` / ``InvalidOutput`` with the path."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(path, "no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UnreadableInput(path, f"cannot read the file: {e}") from e
    if path.suffix in {".yml", ".yaml"}:
        document = _load_yaml(path, text)
    else:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as e:
            where = f"line {e.lineno} column {e.colno}"
            raise UnreadableInput(path, f"not JSON: {e.msg} at {where}") from e
    if not isinstance(document, dict):
        raise InvalidOutput(path, "an article document must be a JSON object")
    return document


def _load_yaml(path: Path, text: str) -> Any:
    try:
        import yaml
    except ImportError as e:
        raise UnreadableInput(path, "reading YAML documents needs PyYAML") from e
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise UnreadableInput(path, f"not YAML: {e}") from e


def document_paths(path: str | Path) -> list[Path]:
    """The article documents at ``path``, sorted by name.

    ``path`` may be one document, an output folder (documents in ``articles/``) or a folder of
    documents (such as a folder of golden files). In an output folder with a readable
    ``run.json``, the documents are those the manifest lists (the ones the records tables are
    built from); documents left over from earlier runs are not part of the output.
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputNotFound(path, "no such file or folder")
    listed = manifest_documents(path)
    if listed is not None:
        return sorted(path / name for name in listed)
    folder = path / ARTICLES_DIR if (path / ARTICLES_DIR).is_dir() else path
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in DOCUMENT_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def manifest_documents(folder: str | Path) -> list[str] | None:
    """Documents (relative paths) listed by ``folder/run.json``, or None without a usable one."""
    try:
        data = json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
        inputs = data["inputs"]
        return [entry["document"] for entry in inputs if entry.get("document")]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def iter_documents(path: str | Path) -> Iterator[dict[str, Any]]:
    """The documents at ``path`` one at a time (see :func:`document_paths`)."""
    for document_path in document_paths(path):
        yield read_document(document_path)


def record_from_dict(data: dict[str, Any]) -> Record:
    """A typed ``Record`` from its document form."""
    try:
        bbox = data.get("bbox")
        qualifier = data.get("qualifier")
        return Record(
            id=data["id"],
            article=data["article"],
            section=data.get("section"),
            value=float(data["value"]),
            unit=Unit(data["unit"]),
            label=data["label"],
            qualifier=Qualifier(qualifier) if qualifier is not None else None,
            surface=data["surface"],
            sentence=data["sentence"],
            start=int(data["start"]),
            end=int(data["end"]),
            page=data.get("page"),
            bbox=tuple(float(v) for v in bbox) if bbox else None,
            group=data.get("group"),
            statement=data.get("statement"),
            low=_number(data.get("low")),
            high=_number(data.get("high")),
            population=data.get("population"),
            period=data.get("period"),
        )
    except KeyError as e:
        raise InvalidOutput(None, f"record lacks field {e.args[0]!r}") from e
    except (TypeError, ValueError) as e:
        raise InvalidOutput(None, f"record {data.get('id')!r}: {e}") from e


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of ``Article.to_dict()``: a typed ``Article`` from an article document."""
    try:
        return Article(
            id=data["id"],
            source=dict(data["source"]),
            title=data.get("title"),
            subtitle=data.get("subtitle"),
            lede=data.get("lede"),
            byline=list(data.get("byline") or []),
            rubric=data.get("rubric"),
            issue=data.get("issue"),
            pages=list(data.get("pages") or []),
            sample_size=data.get("sample_size"),
            sections=[Section(**s) for s in data.get("sections") or []],
            pull_quotes=list(data.get("pull_quotes") or []),
            furniture=list(data.get("furniture") or []),
            text=data["text"],
            repairs=[Repair(**r) for r in data.get("repairs") or []],
            records=[record_from_dict(r) for r in data.get("records") or []],
            warnings=[
                Finding(code=w["code"], message=w["message"], records=tuple(w.get("records", ())))
                for w in data.get("warnings") or []
            ],
        )
    except KeyError as e:
        raise InvalidOutput(None, f"article document lacks field {e.args[0]!r}") from e
    except TypeError as e:
        raise InvalidOutput(None, f"article document {data.get('id')!r}: {e}") from e


def load_article(path: str | Path) -> Article:
    """Read one article document into a typed ``Article``."""
    try:
        return article_from_dict(read_document(path))
    except InvalidOutput as e:
        if e.path is None:
            raise InvalidOutput(path, e.detail) from e
        raise
