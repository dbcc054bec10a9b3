"""extract -> write -> load gives back the same records, with the documented dtypes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import extractor
from extractor.diff.compare import diff_paths
from extractor.dataset.documents import article_from_dict, iter_documents, load_article
from extractor.models import Article, Finding, Qualifier, Record, Repair, Section, Unit
from extractor.dataset.outputs import write_article
from extractor.dataset.tables import RECORD_COLUMNS, read_records_csv, records_frame, write_tables
from extractor.dataset.validate import validate_path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "opgavegericht-werken.txt"
TEXT = "Praktijk\nRuim 60 procent werkt samen; zo'n 27 procent niet. Aan de peiling deden 322 ambtenaren mee."


def hand_made_article() -> Article:
    def record(number, surface, value, unit, label, qualifier=None, **extra):
        start = TEXT.index(surface)
        return Record(
            id=f"hand-r{number}", article="hand", section="Praktijk", value=value, unit=unit,
            label=label, qualifier=qualifier, surface=surface, sentence=TEXT.split("\n")[1],
            start=start, end=start + len(surface), **extra,
        )

    return Article(
        id="hand", source={"path": "hand.pdf", "sha256": "0" * 64, "kind": "pdf"},
        title="Samenwerken", subtitle=None, lede="Een lede.", byline=["Redactie"], rubric=None,
        issue="2024-3", pages=[12, 13], sample_size=322,
        sections=[Section("Praktijk", 0, len(TEXT))], pull_quotes=["Samen werkt het."], furniture=[],
        text=TEXT, repairs=[Repair(0, 4, "Prak-\ntijk", "Praktijk", True, "dictionary")],
        records=[
            record(1, "60 procent", 60.0, Unit.PERCENT, "werkt samen", Qualifier.MORE_THAN,
                   page=12, bbox=(56.5, 300.0, 101.25, 311.5), group="hand-g1"),
            record(2, "27 procent", 27.0, Unit.PERCENT, "werkt niet samen", Qualifier.APPROX,
                   page=12, bbox=(120.0, 300.0, 160.0, 311.5), group="hand-g1"),
            record(3, "322 ambtenaren", 322.0, Unit.COUNT, "deden mee", page=13),
        ],
        warnings=[Finding("shares-sum", "60 + 27 is not 100", ("hand-r1", "hand-r2"))],
    )


def sample_article() -> Article:
    return extractor.extract(SAMPLE)


@pytest.fixture(params=["hand-made", pytest.param("sample", marks=pytest.mark.slow)])
def article(request) -> Article:
    return hand_made_article() if request.param == "hand-made" else sample_article()


def test_api_extract_write_load_roundtrip(article, tmp_path):
    document = article.to_dict()
    write_article(document, tmp_path)
    write_tables(iter_documents(tmp_path), tmp_path)

    loaded = extractor.load(tmp_path)
    expected = records_frame([document])
    pd.testing.assert_frame_equal(loaded, expected)
    pd.testing.assert_frame_equal(read_records_csv(tmp_path / "records.csv"), expected)
    assert list(loaded.columns) == RECORD_COLUMNS
    assert len(loaded) == len(article.records)

    by_id = loaded.set_index("id")
    for record in article.records:
        row = by_id.loc[record.id]
        assert row["value"] == record.value
        assert row["unit"] == record.unit.value
        assert (row["qualifier"] if pd.notna(row["qualifier"]) else None) == (
            record.qualifier.value if record.qualifier else None)
        assert row["surface"] == record.surface == article.text[record.start:record.end]
        assert (row["start"], row["end"]) == (record.start, record.end)
        assert (None if pd.isna(row["page"]) else row["page"]) == record.page
        bbox = tuple(row[["bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom"]])
        assert (None if pd.isna(bbox[0]) else bbox) == record.bbox


def test_api_documents_load_back_into_typed_articles(article, tmp_path):
    path = write_article(article.to_dict(), tmp_path)
    loaded = load_article(path)
    assert loaded == article
    assert article_from_dict(article.to_dict()).to_dict() == article.to_dict()


def test_api_output_validates_and_diffs_as_identical(article, tmp_path):
    for folder in ("a", "b"):
        write_article(article.to_dict(), tmp_path / folder)
        write_tables([article.to_dict()], tmp_path / folder)
    report = validate_path(tmp_path / "a")
    assert report.ok(), [p.one_line() for p in report.errors]
    assert diff_paths(tmp_path / "a", tmp_path / "b").identical
