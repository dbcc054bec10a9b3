"""`extractor validate`: a valid folder passes; each kind of breakage is named by file and field."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli.validate import validate_command
from extractor.dataset.documents import iter_documents
from extractor.dataset.outputs import write_article
from extractor.dataset.tables import write_tables
from extractor.dataset.validate import validate_path

TEXT = "Praktijk\nDaarvan is 47 procent man en 45 procent vrouw. Door 322 ambtenaren is een beschrijving gegeven."
STATS = [("47 procent", "man", 47.0, "percent"), ("45 procent", "vrouw", 45.0, "percent"),
         ("322 ambtenaren", "gaven een beschrijving", 322.0, "count")]


def make_document(article_id: str = "opgavegericht-werken") -> dict:
    records = []
    for number, (surface, label, value, unit) in enumerate(STATS, start=1):
        start = TEXT.index(surface)
        sentence = next(s.strip() + "." for s in TEXT[9:].split(".") if surface in s)
        records.append({
            "id": f"{article_id}-r{number}", "article": article_id, "section": "Praktijk",
            "value": value, "unit": unit, "label": label, "qualifier": None, "surface": surface,
            "sentence": sentence, "start": start, "end": start + len(surface), "page": None,
            "bbox": None, "group": f"{article_id}-g1" if unit == "percent" else None, "statement": None,
            "low": None, "high": None,
        })
    return {
        "id": article_id,
        "source": {"path": f"samples/{article_id}.txt", "sha256": "0" * 64, "kind": "text"},
        "title": "Opgavegericht werken", "subtitle": None, "lede": None, "byline": [],
        "rubric": None, "issue": None, "pages": [], "sample_size": 322,
        "sections": [{"heading": "Praktijk", "start": 0, "end": len(TEXT)}],
        "pull_quotes": [], "furniture": [], "text": TEXT, "repairs": [], "records": records,
        "warnings": [],
    }


@pytest.fixture
def output(tmp_path) -> Path:
    documents = [make_document(), make_document("tweede-artikel")]
    for document in documents:
        write_article(document, tmp_path)
    write_tables(documents, tmp_path)
    return tmp_path


def rewrite(folder: Path, change) -> None:
    path = folder / "articles" / "opgavegericht-werken.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def messages(report) -> list[str]:
    return [p.one_line() for p in report.errors]


def test_validate_valid_output_folder_passes(output):
    report = validate_path(output)
    assert report.ok(), messages(report)
    assert (report.documents, report.records) == (2, 6)


def test_validate_single_document_passes(output):
    assert validate_path(output / "articles" / "opgavegericht-werken.json").ok()


def _delete(key):
    return lambda d: d["records"][1].pop(key)


def _set(key, value, index=1):
    return lambda d: d["records"][index].__setitem__(key, value)


@pytest.mark.parametrize("change,pointer", [
    pytest.param(_delete("label"), "/records/1", id="missing-field"),
    pytest.param(_set("value", "47"), "/records/1/value", id="wrong-type"),
    pytest.param(_set("unit", "kg"), "/records/1/unit", id="bad-enum"),
    pytest.param(_set("qualifier", "about"), "/records/1/qualifier", id="bad-qualifier"),
    pytest.param(lambda d: d.pop("title"), "", id="missing-top-level-field"),
    pytest.param(lambda d: d.__setitem__("pages", "1-2"), "/pages", id="wrong-top-level-type"),
])
def test_validate_schema_breakage_names_file_and_field(output, change, pointer):
    rewrite(output, change)
    report = validate_path(output)
    assert not report.ok()
    matching = [p for p in report.errors if p.file == "articles/opgavegericht-werken.json"]
    assert matching, messages(report)
    assert any(p.pointer == pointer for p in matching), messages(report)


@pytest.mark.parametrize("change,pointer,words", [
    pytest.param(_set("start", 12), "/records/1/surface", "not the surface", id="offsets-shifted"),
    pytest.param(_set("surface", "46 procent"), "/records/1/surface", "not the surface", id="surface-edited"),
    pytest.param(_set("end", 10_000), "/records/1/start", "outside the text", id="offsets-outside"),
    pytest.param(_set("id", "opgavegericht-werken-r1"), "/records/1/id", "duplicate", id="duplicate-id"),
    pytest.param(_set("article", "ander"), "/records/1/article", "document's id", id="wrong-article"),
])
def test_validate_provenance_breakage(output, change, pointer, words):
    rewrite(output, change)
    report = validate_path(output)
    assert not report.ok()
    assert any(p.pointer == pointer and words in p.message for p in report.errors), messages(report)


def test_validate_unreadable_document(output):
    (output / "articles" / "opgavegericht-werken.json").write_text("{", encoding="utf-8")
    [problem] = validate_path(output).errors
    assert problem.file == "articles/opgavegericht-werken.json" and "not JSON" in problem.message


def test_validate_records_csv_out_of_sync(output):
    csv = output / "records.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",man,", ",vrouw,", 1), encoding="utf-8")
    report = validate_path(output)
    assert not report.ok()
    assert any(p.file == "records.csv" and "'label'" in p.pointer and "opgavegericht-werken-r1" in p.pointer
               for p in report.errors), messages(report)
    assert any(p.file == "datapackage.json" and p.pointer == "/resources/0/hash" for p in report.errors)


def test_validate_document_changed_after_tables_were_written(output):
    rewrite(output, lambda d: d["records"].pop())
    report = validate_path(output)
    assert any(p.file == "records.parquet" and "opgavegericht-werken-r3" in p.message for p in report.errors), \
        messages(report)


@pytest.mark.parametrize("missing", ["records.csv", "records.parquet", "datapackage.json"])
def test_validate_missing_table_file(output, missing):
    (output / missing).unlink()
    report = validate_path(output)
    assert any(p.file == missing and "missing" in p.message for p in report.errors), messages(report)


def test_validate_cli_exit_codes(output, tmp_path):
    runner = CliRunner()
    assert runner.invoke(validate_command, [str(output)]).exit_code == 0
    rewrite(output, _set("unit", "kg"))
    result = runner.invoke(validate_command, [str(output)])
    assert result.exit_code == 1
    assert "articles/opgavegericht-werken.json: /records/1/unit" in result.output
    result = runner.invoke(validate_command, [str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_validate_cli_json_format(output):
    rewrite(output, _set("start", 12))
    result = CliRunner().invoke(validate_command, [str(output), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    assert {"file": "articles/opgavegericht-werken.json", "pointer": "/records/1/surface"}.items() \
        <= report["problems"][0].items()


def test_validate_consistency_warnings_fail_only_when_strict(output, monkeypatch):
    from extractor.dataset import checks as dataset
    from extractor.models import Finding

    def findings(records):
        shares = [r for r in records if r["group"] == "opgavegericht-werken-g1"]
        return [Finding("breakdown_under_100", "shares add up to 92", tuple(r["id"] for r in shares))] if shares else []

    monkeypatch.setattr(dataset, "consistency_findings", findings)
    report = validate_path(output)
    assert report.ok() and not report.ok(strict=True)
    [warning] = report.warnings
    assert (warning.file, warning.pointer, warning.code) == (
        "articles/opgavegericht-werken.json", "/records/0", "breakdown_under_100")
    runner = CliRunner()
    assert runner.invoke(validate_command, [str(output)]).exit_code == 0
    assert runner.invoke(validate_command, [str(output), "--strict"]).exit_code == 1


def test_validate_real_consistency_rules_warn(output):
    rewrite(output, _set("value", 146.0, index=0))  # 146 percent: the lead's range rule
    write_tables(iter_documents(output), output)
    report = validate_path(output)
    assert report.ok() and not report.ok(strict=True)
    assert any(w.pointer == "/records/0" and w.code == "value_out_of_range" for w in report.warnings)


def test_validate_compares_tables_for_the_valid_documents_only(output):
    rewrite(output, _set("unit", "kg"))
    csv = output / "records.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("tweede-artikel-r1,tweede-artikel,Praktijk,47.0",
                                                           "tweede-artikel-r1,tweede-artikel,Praktijk,48.0"),
                   encoding="utf-8")
    report = validate_path(output)
    files = sorted({(p.file, p.pointer) for p in report.errors})
    assert ("articles/opgavegericht-werken.json", "/records/1/unit") in files
    assert ("records.csv", "record 'tweede-artikel-r1', column 'value'") in files
    assert not any("opgavegericht-werken-r" in p.pointer for p in report.errors)


def test_validate_population_and_period_reach_the_tables(tmp_path):
    document = make_document()
    document["records"][0].update(population="gemeenteambtenaren", period="2021")
    write_article(document, tmp_path)
    write_tables([document], tmp_path)
    assert validate_path(tmp_path).errors == []

    with (tmp_path / "records.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["population"], r["period"]) for r in rows] == [("gemeenteambtenaren", "2021"), ("", ""), ("", "")]
    from extractor import load

    frame = load(tmp_path)
    assert frame["population"].tolist()[0] == "gemeenteambtenaren" and frame["period"].isna().tolist() == [False, True, True]
