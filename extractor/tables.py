"""The combined records tables (CSV and Parquet), rebuilt from article documents."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .outputs import atomic_write_bytes

RECORD_COLUMNS = [
    "id", "article", "section", "value", "unit", "label", "qualifier", "surface",
    "sentence", "start", "end", "page", "bbox", "group", "statement",
]


def records_frame(documents: Iterable[dict[str, Any]]) -> pd.DataFrame:
    rows = [record for document in documents for record in document["records"]]
    frame = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    frame["bbox"] = frame["bbox"].map(lambda b: json.dumps(b) if b is not None else None)
    return frame


def write_tables(documents: Iterable[dict[str, Any]], out_dir: str | Path) -> None:
    out_dir = Path(out_dir)
    frame = records_frame(documents)
    atomic_write_bytes(out_dir / "records.csv", frame.to_csv(index=False).encode("utf-8"))
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    atomic_write_bytes(out_dir / "records.parquet", buffer.getvalue())


def load(output_dir: str | Path) -> pd.DataFrame:
    return pd.read_parquet(Path(output_dir) / "records.parquet")
