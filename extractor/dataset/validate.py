"""Checking an output folder or one article document against the schemas and the contract."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

from . import checks, tables
from .documents import (
    ARTICLES_DIR, DOCUMENT_SUFFIXES, MANIFEST_NAME, manifest_documents, read_document,
)
from ..errors import ExtractorError, InputNotFound, InvalidOutput

MAX_TABLE_DIFFERENCES = 10
"""Cells reported per table when records.csv / records.parquet disagree with the documents."""

MAX_MESSAGE_CHARS = 300


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an output: the file, where in it (JSON pointer or table cell), what."""

    file: str
    pointer: str
    message: str
    severity: Severity = Severity.ERROR
    code: str | None = None

    def one_line(self) -> str:
        where = f"{self.file}: {self.pointer}" if self.pointer else self.file
        return f"{self.severity.value}: {where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "pointer": self.pointer,
            "code": self.code,
            "message": self.message,
        }


@dataclass(slots=True)
class ValidationReport:
    path: str
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    records: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def ok(self, *, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "valid": not self.errors,
            "documents": self.documents,
            "records": self.records,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }


# -- one document ---------------------------------------------------------------------------------


def pointer(*parts: Any) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "\u2026"


def schema_problems(document: Any, name: str) -> list[Problem]:
    """JSON Schema violations (``extractor.dataset.checks``), every one with its JSON pointer."""
    # offsets are checked, in more detail, by provenance_problems
    offsets = set(checks.offset_errors(document))
    problems = []
    for message in checks.schema_errors(document):
        if message in offsets:
            continue
        where, _, detail = message.partition(": ")
        problems.append(Problem(name, "" if where == "/" else where, _short(detail), code="schema"))
    return problems


_JSON_TYPES = {"string": (str,), "number": (int, float), "integer": (int,)}
OPTIONAL_RECORD_FIELDS = {"low", "high", "population", "period"}
"""Record fields a document may leave out (the others must be present, if only as null).

Documents written before records had a population and a period still validate."""


def record_problems(document: dict[str, Any], name: str) -> list[Problem]:
    """Every record makes a valid row of the records table (``record_fields.json``).

    Runs after the JSON Schema, so it catches drift between the schema and the table spec.
    """
    problems: list[Problem] = []
    records = document.get("records")
    if not isinstance(records, list):
        return [Problem(name, "/records", "must be a list of records", code="schema")]
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(
                Problem(name, pointer("records", index), "must be an object", code="schema")
            )
            continue
        for spec in tables.record_fields():
            if spec.source is not None:
                continue
            if spec.name not in record:
                if spec.name not in OPTIONAL_RECORD_FIELDS:
                    problems.append(Problem(name, pointer("records", index),
                                            f"lacks field {spec.name!r}", code="schema"))
                continue
            where = pointer("records", index, spec.name)
            problems += _value_problems(record[spec.name], spec, name, where)
        bbox = record.get("bbox")
        if bbox is not None and not (
            isinstance(bbox, list) and len(bbox) == 4
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bbox)
        ):
            problems.append(Problem(name, pointer("records", index, "bbox"),
                                    "must be null or [x0, top, x1, bottom]", code="schema"))
    return problems


def _value_problems(value: Any, spec: tables.FieldSpec, name: str, where: str) -> list[Problem]:
    if value is None:
        return [Problem(name, where, "must not be null", code="schema")] if spec.required else []
    if isinstance(value, bool) or not isinstance(value, _JSON_TYPES[spec.type]):
        return [Problem(name, where, f"{value!r} is not of type {spec.type}", code="schema")]
    enum = spec.constraints.get("enum")
    if enum is not None and value not in enum:
        return [Problem(name, where, f"{value!r} is not one of {enum}", code="schema")]
    minimum = spec.constraints.get("minimum")
    if minimum is not None and value < minimum:
        return [Problem(name, where, f"{value!r} is less than {minimum}", code="schema")]
    return []


def provenance_problems(document: dict[str, Any], name: str) -> list[Problem]:
    """The contract JSON Schema cannot state: offsets that point at the surface, ids that agree."""
    problems: list[Problem] = []
    text = document.get("text")
    if not isinstance(text, str):
        return problems
    article_id = document.get("id")
    seen: dict[Any, int] = {}
    records = document.get("records")
    for index, record in enumerate(records if isinstance(records, list) else []):
        if not isinstance(record, dict):
            continue
        where = ("records", index)
        record_id = record.get("id")
        if record_id in seen:
            problems.append(Problem(
                name, pointer(*where, "id"),
                f"duplicate record id {record_id!r} (also /records/{seen[record_id]})",
                code="duplicate-id",
            ))
        seen.setdefault(record_id, index)
        if record.get("article") != article_id:
            problems.append(Problem(
                name, pointer(*where, "article"),
                f"{record.get('article')!r} is not the document's id {article_id!r}",
                code="article-id",
            ))
        start, end, surface = record.get("start"), record.get("end"), record.get("surface")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(surface, str)):
            continue
        if not 0 <= start <= end <= len(text):
            problems.append(Problem(
                name, pointer(*where, "start"),
                f"offsets {start}:{end} lie outside the text (length {len(text)})", code="offsets",
            ))
        elif text[start:end] != surface:
            problems.append(Problem(
                name, pointer(*where, "surface"),
                _short(f"text[{start}:{end}] is {text[start:end]!r}, not the surface {surface!r}"),
                code="offsets",
            ))
    sections = document.get("sections")
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        start, end = section.get("start"), section.get("end")
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start <= end <= len(text):
            problems.append(Problem(
                name, pointer("sections", index, "start"),
                f"offsets {start}:{end} lie outside the text (length {len(text)})", code="offsets",
            ))
    warnings = document.get("warnings")
    for index, warning in enumerate(warnings if isinstance(warnings, list) else []):
        refs = warning.get("records") if isinstance(warning, dict) else None
        for k, ref in enumerate(refs if isinstance(refs, list) else []):
            if ref not in seen:
                problems.append(Problem(name, pointer("warnings", index, "records", k),
                                        f"no record {ref!r} in this document", code="dangling-id"))
    return problems


def consistency_problems(document: dict[str, Any], name: str) -> list[Problem]:
    """The consistency rules of ``extractor.dataset.checks``: warnings, never errors."""
    records = document.get("records") or []
    index = {r.get("id"): k for k, r in enumerate(records)}
    problems = []
    for finding in checks.consistency_findings(records):
        first = finding.records[0] if finding.records else None
        where = pointer("records", index[first]) if first in index else ""
        problems.append(Problem(name, where, finding.message, Severity.WARNING, code=finding.code))
    return problems


def validate_document(document: Any, name: str = "<document>") -> list[Problem]:
    """Every problem of one article document.

    The stages run in order and stop at the first that finds errors (later stages assume the
    earlier ones passed): JSON Schema, table-row contract, provenance, then the consistency
    rules, which only warn.
    """
    if not isinstance(document, dict):
        return [Problem(name, "", "an article document must be a JSON object", code="schema")]
    for stage in (schema_problems, record_problems, provenance_problems):
        problems = stage(document, name)
        if problems:
            return problems
    return consistency_problems(document, name)


def _read_json(path: Path, name: str) -> tuple[Any, list[Problem]]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(name, "", f"cannot read the file: {e}", code="unreadable")]
    except json.JSONDecodeError as e:
        where = f"not JSON: {e.msg} at line {e.lineno} column {e.colno}"
        return None, [Problem(name, "", where, code="unreadable")]


def _read_document(path: Path, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        return read_document(path), []
    except InvalidOutput as e:
        return None, [Problem(name, "", e.detail, code="schema")]
    except ExtractorError as e:
        return None, [Problem(name, "", e.detail, code="unreadable")]


# -- a folder -------------------------------------------------------------------------------------


def validate_path(path: str | Path) -> ValidationReport:
    """Validate one article document, a folder of documents, or an output folder.

    An output folder (one with ``articles/``) must also hold records.csv, records.parquet and
    datapackage.json that agree with its documents. Raises ``InputNotFound`` when ``path``
    does not exist; everything wrong inside it is a ``Problem`` in the report.
    """
    path = Path(path)
    report = ValidationReport(path=str(path))
    if path.is_file():
        document, problems = _read_document(path, path.name)
        report.problems += problems or validate_document(document, path.name)
        report.documents = 1
        report.records = len(document.get("records") or []) if document else 0
        return report
    if not path.is_dir():
        raise InputNotFound(path, "no such file or folder")

    output_folder = (path / ARTICLES_DIR).is_dir()
    names = _document_names(path, output_folder, report)
    good: list[str] = []
    skipped: set[str] = set()  # ids of invalid documents: their rows are not compared
    for name in names:
        document, problems = _read_document(path / name, name)
        if document is not None:
            problems = validate_document(document, name)
            article_id = document.get("id")
            if output_folder and article_id is not None and Path(name).stem != str(article_id):
                problems.append(Problem(
                    name, "/id", f"{article_id!r} does not match the file name", code="file-name"
                ))
            report.records += len(document.get("records") or [])
        report.problems += problems
        if not any(p.severity is Severity.ERROR for p in problems):
            good.append(name)
        else:
            skipped.add(Path(name).stem if document is None else str(document.get("id")))
    report.documents = len(names)
    if not names:
        report.problems.append(Problem(".", "", "no article documents found", code="empty"))
    if output_folder:
        report.problems += table_problems(path, good, skip_articles=skipped)
    return report


def _document_names(folder: Path, output_folder: bool, report: ValidationReport) -> list[str]:
    if output_folder and (folder / MANIFEST_NAME).exists():
        listed = manifest_documents(folder)
        if listed is None:
            report.problems.append(
                Problem(MANIFEST_NAME, "", "cannot read the run manifest", code="unreadable")
            )
        else:
            missing = [name for name in listed if not (folder / name).is_file()]
            for name in missing:
                report.problems.append(Problem(
                    MANIFEST_NAME, "/inputs", f"lists {name}, which does not exist",
                    code="missing-file",
                ))
            return sorted(name for name in listed if name not in missing)
    base = folder / ARTICLES_DIR if output_folder else folder
    prefix = f"{ARTICLES_DIR}/" if output_folder else ""
    return sorted(
        prefix + p.name for p in base.iterdir()
        if p.suffix in DOCUMENT_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _documents(folder: Path, names: Iterable[str]) -> Iterable[dict[str, Any]]:
    for name in names:
        yield read_document(folder / name)


def table_problems(
    folder: Path, names: list[str], *, skip_articles: set[str] = frozenset()
) -> list[Problem]:
    """records.csv, records.parquet and datapackage.json against the documents ``names``.

    Rows of ``skip_articles`` (documents that are themselves invalid) are left out.
    """
    problems: list[Problem] = []
    try:
        expected = tables.records_frame(_documents(folder, names))
    except ExtractorError as e:
        detail = f"cannot build the expected table: {e.detail}"
        return [Problem(tables.CSV_NAME, "", detail, code="tables")]
    readers = (
        (tables.PARQUET_NAME, lambda: tables.load(folder)),
        (tables.CSV_NAME, lambda: tables.read_records_csv(folder / tables.CSV_NAME)),
    )
    for name, reader in readers:
        if not (folder / name).is_file():
            problems.append(
                Problem(name, "", "missing; 'extractor run' writes it", code="missing-file")
            )
            continue
        try:
            frame = reader()
            tables.validate_frame(frame)
        except ExtractorError as e:
            problems.append(Problem(name, "", e.detail, code="tables"))
            continue
        if skip_articles:
            frame = frame[~frame["article"].astype(object).isin(skip_articles)]
        problems += compare_frames(name, frame, expected, lenient_strings=name == tables.CSV_NAME)
    problems += datapackage_problems(folder)
    return problems


def _cell(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def compare_frames(
    name: str, actual: pd.DataFrame, expected: pd.DataFrame, *, lenient_strings: bool = False
) -> list[Problem]:
    """Rows missing, extra or different in ``actual``, by record id."""
    problems: list[Problem] = []
    actual_ids, expected_ids = set(actual["id"]), set(expected["id"])
    missing = sorted(expected_ids - actual_ids)
    extra = sorted(actual_ids - expected_ids)
    if missing:
        problems.append(Problem(
            name, "", f"{len(missing)} record(s) of the documents are missing, e.g. "
            f"{', '.join(map(repr, missing[:5]))}", code="out-of-sync",
        ))
    if extra:
        problems.append(Problem(
            name, "", f"{len(extra)} record(s) are in no document, e.g. "
            f"{', '.join(map(repr, extra[:5]))}", code="out-of-sync",
        ))
    common = sorted(actual_ids & expected_ids)
    a = actual.drop_duplicates("id").set_index("id").loc[common]
    e = expected.drop_duplicates("id").set_index("id").loc[common]
    differences = 0
    for column in a.columns:
        left = a[column].astype(object).map(_cell)
        right = e[column].astype(object).map(_cell)
        if lenient_strings:  # in nullable CSV columns an empty cell is null: "" reads as null
            left = left.map(lambda v: None if v == "" else v)
            right = right.map(lambda v: None if v == "" else v)
        for record_id in left.index[left.ne(right) & ~(left.isna() & right.isna())]:
            differences += 1
            if differences <= MAX_TABLE_DIFFERENCES:
                problems.append(Problem(
                    name, f"record {record_id!r}, column {column!r}",
                    _short(f"{_cell(left[record_id])!r} in the table, "
                           f"{_cell(right[record_id])!r} in the document"),
                    code="out-of-sync",
                ))
    if differences > MAX_TABLE_DIFFERENCES:
        more = f"and {differences - MAX_TABLE_DIFFERENCES} more differing cells"
        problems.append(Problem(name, "", more, code="out-of-sync"))
    return problems


def datapackage_problems(folder: Path) -> list[Problem]:
    """datapackage.json describes records.csv as this version writes it, and the CSV passes it."""
    name = tables.DATAPACKAGE_NAME
    if not (folder / name).is_file():
        return [Problem(name, "", "missing; 'extractor run' writes it", code="missing-file")]
    package, problems = _read_json(folder / name, name)
    if problems:
        return problems
    expected = tables.datapackage()["resources"][0]["schema"]["fields"]
    try:
        resource = next(r for r in package["resources"] if r.get("path") == tables.CSV_NAME)
        index = package["resources"].index(resource)
        fields = resource["schema"]["fields"]
    except (KeyError, TypeError, StopIteration, AttributeError):
        detail = f"no resource describes {tables.CSV_NAME}"
        return [Problem(name, "/resources", detail, code="datapackage")]
    for k, (have, want) in enumerate(zip(fields, expected)):
        for key in ("name", "type"):
            if have.get(key) != want[key]:
                problems.append(Problem(
                    name, pointer("resources", index, "schema", "fields", k, key),
                    f"{have.get(key)!r}, expected {want[key]!r}", code="datapackage",
                ))
    if len(fields) != len(expected):
        problems.append(Problem(
            name, pointer("resources", index, "schema", "fields"),
            f"{len(fields)} fields, expected {len(expected)}", code="datapackage",
        ))
    csv_path = folder / tables.CSV_NAME
    if "hash" in resource and csv_path.is_file():
        digest = "sha256:" + hashlib.sha256(csv_path.read_bytes()).hexdigest()
        if resource["hash"] != digest:
            problems.append(Problem(
                name, pointer("resources", index, "hash"),
                f"{tables.CSV_NAME} changed after the package was written", code="datapackage",
            ))
    if problems or not csv_path.is_file():
        return problems
    return problems + frictionless_problems(folder / name)


def frictionless_problems(descriptor: Path) -> list[Problem]:
    """The Frictionless validation of the package (skipped when frictionless is not installed)."""
    try:
        import frictionless
    except ImportError:
        return []
    report = frictionless.validate(str(descriptor))
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            where = ", ".join(
                x for x in (f"row {row}" if row else "", f"field {column!r}" if column else "") if x
            )
            problems.append(Problem(tables.CSV_NAME, where,
                                    _short(error.message), code=f"frictionless:{error.type}"))
    for error in report.errors:
        code = f"frictionless:{error.type}"
        problems.append(Problem(descriptor.name, "", _short(error.message), code=code))
    return problems
