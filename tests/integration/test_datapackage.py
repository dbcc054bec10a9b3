"""The self-describing dataset: datapackage.json, pandera checks, typed Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.dataset import checks as dataset
from extractor.errors import InvalidOutput
from extractor.dataset.tables import (
    RECORD_COLUMNS, fields_markdown, load, read_records_csv, record_fields, records_frame,
    write_tables,
)

frictionless = pytest.importorskip("frictionless")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data.md"
TEXT = "Daarvan is 47 procent man, zo'n 45 procent vrouw en 0,5 procent geen van beide."


def make_record(article: str, number: int, surface: str, **fields) -> dict:
    start = TEXT.index(surface)
    record = {
        "id": f"{article}-r{number}", "article": article, "section": None, "value": 47.0,
        "unit": "percent", "label": "man", "qualifier": None, "surface": surface, "sentence": TEXT,
        "start": start, "end": start + len(surface), "page": None, "bbox": None, "group": None,
        "statement": None,
    }
    record.update(fields)
    return record


def make_documents(count: int = 3) -> list[dict]:
    documents = []
    for n in range(count):
        article = f"artikel-{n}"
        documents.append({"id": article, "text": TEXT, "records": [
            make_record(article, 1, "47 procent", page=2, bbox=[56.7, 100.25, 98.0, 112.0],
                        section="Deelnemers", group=f"{article}-g1"),
            make_record(article, 2, "45 procent", value=45.0, label="vrouw", qualifier="approx",
                        group=f"{article}-g1", statement="Ik ben een vrouw"),
            make_record(article, 3, "0,5 procent", value=0.5, label="geen van beide", low=0.0, high=1.0),
        ]})
    return documents


@pytest.fixture
def output(tmp_path) -> Path:
    write_tables(make_documents(), tmp_path)
    return tmp_path


def test_datapackage_validates_with_frictionless(output):
    report = frictionless.validate(str(output / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    [task] = report.tasks
    assert task.stats["rows"] == 9


def test_datapackage_describes_every_field(output):
    package = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = package["resources"]
    schema = resource["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == RECORD_COLUMNS
    assert all(f["description"] for f in fields.values())
    assert schema["primaryKey"] == ["id"]
    assert fields["unit"]["constraints"]["enum"] == ["percent", "count"]
    assert fields["qualifier"]["constraints"]["enum"] == ["approx", "more_than", "less_than"]
    assert fields["value"]["constraints"]["minimum"] == 0
    assert fields["start"]["constraints"]["minimum"] == 0
    assert resource["path"] == "records.csv" and resource["hash"].startswith("sha256:")


@pytest.mark.parametrize("old,new,error", [
    (",47.0,percent,", ",-47.0,percent,", "constraint-error"),
    (",percent,", ",kg,", "constraint-error"),
    ("artikel-0-r2,", "artikel-0-r1,", "primary-key"),
])
def test_datapackage_catches_edited_csv(output, old, new, error):
    csv = output / "records.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    report = frictionless.validate(str(output / "datapackage.json"))
    types = {row[0] for row in report.flatten(["type"])}
    assert error in types and "hash-count" in types


@pytest.mark.parametrize("fields,column", [
    ({"value": -1.0}, "value"),
    ({"end": 3}, "len(surface) == end - start"),
    ({"low": 5.0, "high": 1.0}, "low <= high"),
    ({"page": 0}, "page"),
])
def test_write_tables_checks_records_with_pandera(tmp_path, fields, column):
    write_tables(make_documents(1), tmp_path)
    before = (tmp_path / "records.csv").read_bytes()
    documents = make_documents(1)
    documents[0]["records"][1].update(fields)
    with pytest.raises(InvalidOutput, match="artikel-0-r2") as caught:
        write_tables(documents, tmp_path)
    assert column in str(caught.value) and "records.csv" in str(caught.value)
    assert (tmp_path / "records.csv").read_bytes() == before  # nothing half-replaced
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("value", ["kg", None])
def test_write_tables_rejects_bad_unit(tmp_path, value):
    documents = make_documents(1)
    documents[0]["records"][0]["unit"] = value
    with pytest.raises(InvalidOutput, match="unit"):
        write_tables(documents, tmp_path)


def test_write_tables_rejects_duplicate_ids_across_chunks(tmp_path):
    documents = make_documents(2)
    documents[1]["records"][0]["id"] = "artikel-0-r1"
    with pytest.raises(InvalidOutput, match="artikel-0-r1"):
        write_tables(documents, tmp_path, chunk_records=2)


def test_write_tables_streams_documents_in_chunks(tmp_path):
    consumed = []

    def documents():
        for document in make_documents(5):
            consumed.append(document["id"])
            yield document

    assert write_tables(documents(), tmp_path / "small", chunk_records=4) == 15
    write_tables(make_documents(5), tmp_path / "big")
    assert consumed == [f"artikel-{n}" for n in range(5)]
    assert pq.ParquetFile(tmp_path / "small" / "records.parquet").num_row_groups == 4
    pd.testing.assert_frame_equal(load(tmp_path / "small"), load(tmp_path / "big"))
    assert (tmp_path / "small" / "records.csv").read_bytes() == (tmp_path / "big" / "records.csv").read_bytes()


def test_write_tables_without_records_writes_headers(tmp_path):
    assert write_tables([], tmp_path) == 0
    assert (tmp_path / "records.csv").read_text(encoding="utf-8").strip() == ",".join(RECORD_COLUMNS)
    assert load(tmp_path).empty and list(load(tmp_path).columns) == RECORD_COLUMNS
    assert frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_parquet_keeps_types(output):
    schema = pq.read_schema(output / "records.parquet")
    assert pa.types.is_dictionary(schema.field("unit").type)
    assert pa.types.is_dictionary(schema.field("article").type)
    assert schema.field("page").type == pa.int64()
    assert schema.field("value").type == pa.float64()
    assert schema.field("label").type == pa.string()
    frame = pd.read_parquet(output / "records.parquet")  # plain pandas, without extractor.load
    assert frame["page"].dtype == "Int64" and frame["unit"].dtype == "category"
    assert frame["label"].dtype == pd.StringDtype()


def test_load_dtypes_match_record_fields(output):
    frame = load(output)
    for spec in record_fields():
        assert frame[spec.name].dtype.name == ("string" if spec.dtype == "string" else spec.dtype), spec.name
    assert list(frame["unit"].cat.categories) == ["percent", "count"]
    row = frame.set_index("id").loc["artikel-0-r1"]
    assert (row["page"], row["bbox_x0"], row["bbox_top"], row["bbox_x1"], row["bbox_bottom"]) == (2, 56.7, 100.25, 98.0, 112.0)
    assert pd.isna(frame.set_index("id").loc["artikel-0-r2", "bbox_x0"])
    pd.testing.assert_frame_equal(frame, records_frame(make_documents()))


def test_empty_label_survives_csv_and_frictionless(tmp_path):
    documents = make_documents(1)
    documents[0]["records"][0]["label"] = ""
    write_tables(documents, tmp_path)
    assert frictionless.validate(str(tmp_path / "datapackage.json")).valid
    frame = read_records_csv(tmp_path / "records.csv")
    assert frame.loc[0, "label"] == "" and pd.isna(frame.loc[0, "statement"])
    pd.testing.assert_frame_equal(frame, load(tmp_path))


def test_record_fields_agree_with_the_record_schema():
    properties = dataset.load_schema("record.schema.json")["properties"]
    assert {spec.source[0] if spec.source else spec.name for spec in record_fields()} == set(properties)
    for spec in record_fields():
        if spec.source:
            continue
        prop = properties[spec.name]
        nullable = "null" in prop["type"] if "type" in prop else None in prop["enum"]
        assert nullable is not spec.required, spec.name
        if "enum" in prop:
            assert [v for v in prop["enum"] if v is not None] == spec.constraints["enum"], spec.name
        for key in ("minimum", "minLength"):
            assert prop.get(key) == spec.constraints.get(key), (spec.name, key)


def test_docs_describe_every_record_field():
    text = DOCS.read_text(encoding="utf-8")
    assert fields_markdown() in text, (
        "docs/data.md is out of date with extractor/resources/record_fields.json: paste the output of "
        "python -c 'from extractor.dataset.tables import fields_markdown; print(fields_markdown())'"
    )
