"""The combined records tables (CSV, Parquet, datapackage.json), rebuilt from article documents."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..datafiles import load_json
from ..errors import InvalidOutput, UnreadableInput
from ..models import Qualifier, Unit
from .outputs import FILE_MODE, TEMP_PREFIX, TEMP_SUFFIX, atomic_write_text, dump_json

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
else:
    class _OnFirstUse:
        """A module imported when first used: ``extract`` needs the columns, not pandas."""

        def __init__(self, name: str):
            self._name = name

        def __getattr__(self, attribute: str) -> Any:
            return getattr(import_module(self._name), attribute)

    pd, pa, pq = _OnFirstUse("pandas"), _OnFirstUse("pyarrow"), _OnFirstUse("pyarrow.parquet")

FIELDS_RESOURCE = "record_fields.json"
"""Field names, types, constraints and descriptions of the records table (feeds docs too)."""

CSV_NAME = "records.csv"
PARQUET_NAME = "records.parquet"
DATAPACKAGE_NAME = "datapackage.json"

DEFAULT_CHUNK_RECORDS = 20_000
"""Records held in memory at once while writing; one Parquet row group per chunk."""

MAX_REPORTED_FAILURES = 5
"""How many failing cells an ``InvalidOutput`` message spells out before summarising."""

CATEGORY_VALUES = {
    "unit": [unit.value for unit in Unit],
    "qualifier": [qualifier.value for qualifier in Qualifier],
}
"""Closed vocabularies: their categoricals have fixed categories, in Enum order."""

_PANDAS_DTYPES = {"string", "category", "float64", "int64", "Int64"}
_TABLE_TYPES = {"string", "number", "integer"}
_ARROW_TYPES = {
    "string": lambda: pa.string(),
    "category": lambda: pa.dictionary(pa.int32(), pa.string()),
    "float64": lambda: pa.float64(),
    "int64": lambda: pa.int64(),
    "Int64": lambda: pa.int64(),
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column of the records table, as described in ``record_fields.json``."""

    name: str
    type: str
    dtype: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, int] | None = None

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    def table_schema(self) -> dict[str, Any]:
        """The field as a Frictionless Table Schema field descriptor."""
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.required and self.type == "string":
            # never null: an empty cell is the empty string, not a missing value
            descriptor["missingValues"] = []
        if self.constraints:
            descriptor["constraints"] = dict(self.constraints)
        return descriptor


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    title: str
    description: str
    primary_key: str
    fields: tuple[FieldSpec, ...]


@lru_cache(maxsize=1)
def table_spec() -> TableSpec:
    """Load and check ``resources/record_fields.json``."""
    try:
        data = load_json(FIELDS_RESOURCE)
    except (OSError, ValueError) as e:
        raise UnreadableInput(FIELDS_RESOURCE, f"cannot read the records field list: {e}") from e
    specs = []
    for item in data["fields"]:
        spec = FieldSpec(
            name=item["name"],
            type=item["type"],
            dtype=item["dtype"],
            description=item["description"],
            constraints=item.get("constraints", {}),
            source=tuple(item["source"]) if item.get("source") else None,
        )
        if spec.dtype not in _PANDAS_DTYPES or spec.type not in _TABLE_TYPES:
            raise InvalidOutput(FIELDS_RESOURCE, f"field '{spec.name}': unknown type or dtype")
        enum = spec.constraints.get("enum")
        if spec.name in CATEGORY_VALUES and enum != CATEGORY_VALUES[spec.name]:
            raise InvalidOutput(
                FIELDS_RESOURCE, f"field '{spec.name}': enum {enum} differs from the models' Enum"
            )
        specs.append(spec)
    names = [spec.name for spec in specs]
    if len(set(names)) != len(names) or data["primary_key"] not in names:
        raise InvalidOutput(FIELDS_RESOURCE, "field names must be unique and include the key")
    return TableSpec(
        name=data["name"],
        title=data["title"],
        description=data["description"],
        primary_key=data["primary_key"],
        fields=tuple(specs),
    )


def record_fields() -> tuple[FieldSpec, ...]:
    return table_spec().fields


RECORD_COLUMNS = [spec.name for spec in record_fields()]
"""Column order of records.csv, records.parquet and ``load()``."""


# -- rows and typed frames ------------------------------------------------------------------------


def record_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten one record of an article document into a table row (bbox becomes four columns)."""
    row: dict[str, Any] = {}
    for spec in record_fields():
        if spec.source is not None:
            key, index = spec.source
            container = record.get(key)
            row[spec.name] = container[index] if container and len(container) > index else None
        else:
            row[spec.name] = record.get(spec.name)
    return row


def record_rows(documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows of every record of every document, one document at a time."""
    for document in documents:
        for record in document.get("records", []):
            yield record_row(record)


def pandas_dtype(spec: FieldSpec, values: Iterable[Any] = ()) -> Any:
    """The pandas dtype of a column; ``values`` give the categories of open categoricals."""
    if spec.dtype == "string":
        return pd.StringDtype()
    if spec.dtype == "category":
        if spec.name in CATEGORY_VALUES:
            return pd.CategoricalDtype(CATEGORY_VALUES[spec.name])
        categories = sorted({value for value in values if isinstance(value, str)})
        return pd.CategoricalDtype(pd.Index(categories, dtype=pd.StringDtype()))
    return spec.dtype


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a records frame the documented column order and dtypes (the dtypes of ``load()``).

    Open categoricals (article, section) get their categories sorted, so frames built from
    the same records compare equal however they were read.
    """
    missing = [name for name in RECORD_COLUMNS if name not in frame.columns]
    if missing:
        raise InvalidOutput(None, f"records table lacks column(s): {', '.join(missing)}")
    frame = frame.loc[:, RECORD_COLUMNS].reset_index(drop=True)
    columns = {}
    for spec in record_fields():
        column = frame[spec.name]
        if spec.dtype == "category":
            values = column.astype(object).where(column.notna(), None)
            dtype = pandas_dtype(spec, values)
            unknown = values.notna() & ~values.isin(list(dtype.categories))
            if unknown.any():
                # a cast would silently turn them into nulls
                row = unknown.idxmax()
                raise InvalidOutput(
                    None,
                    f"column '{spec.name}': {values[row]!r} is not one of "
                    f"{', '.join(dtype.categories)} (record {frame.at[row, 'id']!r})",
                )
            columns[spec.name] = values.astype(dtype)
        elif spec.dtype in {"int64", "Int64", "float64"}:
            try:
                columns[spec.name] = column.astype(spec.dtype)
            except (TypeError, ValueError) as e:
                raise InvalidOutput(None, f"column '{spec.name}': not {spec.type}: {e}") from e
        else:
            columns[spec.name] = column.astype(pandas_dtype(spec))
    return pd.DataFrame(columns)


def frame_from_rows(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    rows = list(rows)
    if not rows:
        return typed_frame(pd.DataFrame({name: [] for name in RECORD_COLUMNS}))
    return typed_frame(pd.DataFrame.from_records(rows, columns=RECORD_COLUMNS))


def records_frame(documents: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """All records of ``documents`` as one typed DataFrame (holds every record in memory)."""
    return frame_from_rows(record_rows(documents))


# -- validation -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def records_schema():
    """The pandera schema every records frame must pass before it is written."""
    import pandera.pandas as pandera
    from pandera.engines import pandas_engine

    columns = {}
    for spec in record_fields():
        checks = []
        if "minimum" in spec.constraints:
            checks.append(pandera.Check.ge(spec.constraints["minimum"]))
        if "enum" in spec.constraints:
            checks.append(pandera.Check.isin(spec.constraints["enum"]))
        if "minLength" in spec.constraints:
            checks.append(pandera.Check.str_length(min_value=spec.constraints["minLength"]))
        if spec.dtype == "category" and spec.name not in CATEGORY_VALUES:
            dtype: Any = pandas_engine.Category()
        else:
            dtype = pandas_dtype(spec)
        columns[spec.name] = pandera.Column(
            dtype,
            checks=checks,
            nullable=not spec.required,
            unique=bool(spec.constraints.get("unique")),
        )

    def _both(frame: pd.DataFrame, a: str, b: str) -> pd.Series:
        return frame[a].isna() | frame[b].isna() | (frame[a] <= frame[b])

    return pandera.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        checks=[
            pandera.Check(lambda f: f["start"] <= f["end"], name="start <= end"),
            pandera.Check(
                lambda f: f["surface"].str.len() == (f["end"] - f["start"]),
                name="len(surface) == end - start",
            ),
            pandera.Check(lambda f: _both(f, "low", "high"), name="low <= high"),
            pandera.Check(lambda f: _both(f, "bbox_x0", "bbox_x1"), name="bbox x0 <= x1"),
            pandera.Check(lambda f: _both(f, "bbox_top", "bbox_bottom"), name="bbox top <= bottom"),
        ],
    )


def validate_frame(frame: pd.DataFrame, *, where: str | Path | None = None) -> None:
    """Check a records frame against :func:`records_schema`; raise ``InvalidOutput`` naming
    the column, the check and the records that fail it."""
    import pandera.errors

    try:
        records_schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as e:
        raise InvalidOutput(where, _describe_failures(frame, e.failure_cases)) from e
    except pandera.errors.SchemaError as e:  # pragma: no cover - lazy validation collects these
        raise InvalidOutput(where, f"records table: {e}") from e


def _describe_failures(frame: pd.DataFrame, cases: pd.DataFrame) -> str:
    parts: list[str] = []
    seen: set[tuple[Any, ...]] = set()
    total = 0
    for case in cases.itertuples(index=False):
        wide = case.schema_context == "DataFrameSchema"  # a check across columns: one per row
        column = None if wide or not isinstance(case.column, str) else case.column
        index = case.index
        key = (str(case.check), column, index)
        if key in seen:
            continue
        seen.add(key)
        total += 1
        if len(parts) >= MAX_REPORTED_FAILURES:
            continue
        record = None
        if index is not None and not pd.isna(index) and index in frame.index:
            record = frame.at[index, "id"]
        text = f"column '{column}'" if column else "row"
        text += f" fails {case.check}"
        if record is not None:
            text += f" in record '{record}'"
        if column and case.failure_case is not None and not pd.isna(case.failure_case):
            text += f" (got {case.failure_case!r})"
        parts.append(text)
    if total > len(parts):
        parts.append(f"and {total - len(parts)} more")
    return "records table: " + "; ".join(parts)


# -- writing --------------------------------------------------------------------------------------


def arrow_schema() -> pa.Schema:
    """Parquet column types: dictionary-encoded categoricals, int64 with nulls for page."""
    return pa.schema(
        [pa.field(spec.name, _ARROW_TYPES[spec.dtype](), nullable=not spec.required)
         for spec in record_fields()]
    )


def datapackage(*, csv_bytes: int | None = None, csv_sha256: str | None = None) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of an output folder."""
    spec = table_spec()
    resource: dict[str, Any] = {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "path": CSV_NAME,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if csv_bytes is not None:
        resource["bytes"] = csv_bytes
    if csv_sha256 is not None:
        resource["hash"] = f"sha256:{csv_sha256}"
    resource["schema"] = {
        "fields": [field_spec.table_schema() for field_spec in spec.fields],
        "primaryKey": [spec.primary_key],
        "missingValues": [""],
    }
    return {
        "profile": "tabular-data-package",
        "name": "ambtenarenpanel-statistics",
        "title": "Ambtenarenpanel statistics",
        "description": (
            "Statistics extracted from Dutch Ambtenarenpanel survey-report articles. "
            "The article documents (articles/<id>.json) hold the structure, clean text "
            "and provenance; records.parquet holds the same rows as records.csv, typed."
        ),
        "resources": [resource],
    }


@contextmanager
def _atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # named like outputs.atomic_write_bytes' files, so remove_stale_temporaries finds leftovers
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    os.close(fd)
    os.chmod(tmp, FILE_MODE)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _HashingWriter:
    """A text sink that writes UTF-8 to a file and keeps its size and SHA-256."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.bytes = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.handle.write(data)
        self.digest.update(data)
        self.bytes += len(data)
        return len(text)


def write_tables(
    documents: Iterable[dict[str, Any]],
    out_dir: str | Path,
    *,
    chunk_records: int = DEFAULT_CHUNK_RECORDS,
) -> int:
    """Write ``records.csv``, ``records.parquet`` and ``datapackage.json`` into ``out_dir``.

    Documents are read one at a time and records are written in chunks of ``chunk_records``,
    so a batch of any size needs the memory of one chunk. Every chunk is checked with the
    pandera schema first; on failure nothing is replaced and ``InvalidOutput`` is raised.
    Returns the number of records written.
    """
    out_dir = Path(out_dir)
    schema = arrow_schema()
    seen: set[str] = set()
    count = 0
    with _atomic_target(out_dir / CSV_NAME) as csv_tmp, \
            _atomic_target(out_dir / PARQUET_NAME) as parquet_tmp:
        parquet: pq.ParquetWriter | None = None
        with open(csv_tmp, "wb") as raw:
            sink = _HashingWriter(raw)
            try:
                for rows in _chunks_or_empty(_chunks(record_rows(documents), chunk_records)):
                    try:
                        frame = frame_from_rows(rows)
                    except InvalidOutput as e:
                        raise InvalidOutput(out_dir / CSV_NAME, f"records table: {e.detail}") from e
                    validate_frame(frame, where=out_dir / CSV_NAME)
                    duplicates = sorted(seen.intersection(frame["id"]))
                    if duplicates:
                        raise InvalidOutput(
                            out_dir / CSV_NAME, f"records table: duplicate id(s) {duplicates[:5]}"
                        )
                    seen.update(frame["id"])
                    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                    if parquet is None:
                        # the first chunk's schema carries the pandas metadata (Int64, category,
                        # string) so that plain pd.read_parquet restores the dtypes too
                        parquet = pq.ParquetWriter(parquet_tmp, table.schema)
                    parquet.write_table(table)
                    frame.to_csv(sink, header=sink.bytes == 0, index=False,
                                 lineterminator="\n")
                    count += len(frame)
            finally:
                if parquet is not None:
                    parquet.close()
        package = datapackage(csv_bytes=sink.bytes, csv_sha256=sink.digest.hexdigest())
    atomic_write_text(out_dir / DATAPACKAGE_NAME, dump_json(package))
    return count


def _chunks_or_empty(chunks: Iterator[list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """The chunks, or one empty chunk so that an empty batch still gets headers and a schema."""
    empty = True
    for chunk in chunks:
        empty = False
        yield chunk
    if empty:
        yield []


# -- reading --------------------------------------------------------------------------------------


def load(output_dir: str | Path) -> pd.DataFrame:
    """The records of an output folder as a typed DataFrame (from ``records.parquet``)."""
    path = Path(output_dir) / PARQUET_NAME
    if not path.is_file():
        raise UnreadableInput(path, "no records table here; run 'extractor run' first")
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError, pa.ArrowException) as e:
        raise UnreadableInput(path, f"cannot read the Parquet file: {e}") from e
    return typed_frame(frame)


def read_records_csv(path: str | Path) -> pd.DataFrame:
    """Read a ``records.csv`` back into the same dtypes as :func:`load`.

    An empty cell is null, except in text columns that are never null, where it is "".
    """
    path = Path(path)
    text_columns = {spec.name: str for spec in record_fields() if spec.type == "string"}
    missing = {
        spec.name: [""] for spec in record_fields() if not (spec.required and spec.type == "string")
    }
    try:
        frame = pd.read_csv(
            path, dtype=text_columns, keep_default_na=False, na_values=missing, encoding="utf-8"
        )
    except (OSError, ValueError) as e:
        raise UnreadableInput(path, f"cannot read the CSV file: {e}") from e
    try:
        return typed_frame(frame)
    except InvalidOutput as e:
        raise InvalidOutput(path, e.detail) from e


def fields_markdown() -> str:
    """The records columns as a Markdown table, for docs/data.md (kept in sync by a test)."""
    lines = [
        "| Column | Table Schema type | pandas dtype | Constraints | Description |",
        "|---|---|---|---|---|",
    ]
    for spec in record_fields():
        constraints = []
        for key, value in spec.constraints.items():
            if key == "enum":
                constraints.append("one of " + ", ".join(f"`{v}`" for v in value))
            elif key == "minimum":
                constraints.append(f">= {value}")
            elif key == "minLength":
                constraints.append(f"length >= {value}")
            elif value is True:
                constraints.append(key)
        dtype = str(pandas_dtype(spec)) if spec.dtype != "category" else "category"
        description = spec.description.replace("|", "\\|")
        lines.append(
            f"| `{spec.name}` | {spec.type} | {dtype} | {'; '.join(constraints)} | {description} |"
        )
    return "\n".join(lines)
