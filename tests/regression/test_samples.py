"""Golden outputs of every text and web-page sample (reviewed by eye; regenerate only with --force-regen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.api import extract_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PAGE_SAMPLES = sorted(SAMPLES.glob("*.html"))
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
RECORD_KEYS = ("section", "value", "unit", "qualifier", "surface", "label", "statement", "group", "low", "high", "population", "period")


@pytest.fixture(scope="module", params=TEXT_SAMPLES + PAGE_SAMPLES, ids=[p.stem for p in TEXT_SAMPLES + PAGE_SAMPLES])
def sample(request):
    return request.param, extract_file(request.param)


def _golden(article) -> dict:
    document = article.to_dict()
    return {
        "structure": {key: document[key] for key in ("title", "subtitle", "lede", "byline", "rubric", "issue", "pages", "sample_size", "pull_quotes", "furniture")},
        "sections": [section["heading"] for section in document["sections"]],
        "records": [{key: record[key] for key in RECORD_KEYS} for record in document["records"]],
        "warnings": [warning["code"] for warning in document["warnings"]],
    }


def test_samples_golden_document(sample, data_regression):
    path, article = sample
    data_regression.check(_golden(article), basename=path.stem)


def test_samples_golden_clean_text(sample, file_regression):
    path, article = sample
    file_regression.check(article.text, basename=f"{path.stem}.clean", extension=".txt")


def test_samples_match_hand_annotations(sample):
    """Same statistics, values, qualifiers and sections as annotated by hand, in body order."""
    path, article = sample
    expected = json.loads((SAMPLES / "src" / f"{path.stem}.expected.json").read_text(encoding="utf-8"))
    found = [r.to_dict() for r in article.records]
    keys = ("surface", "value", "unit", "qualifier", "section")
    assert [tuple(r[k] for k in keys) for r in found] == [tuple(e[k] for k in keys) for e in expected]
    assert [r["statement"] is None for r in found] == [e.get("statement") is None for e in expected]


def test_samples_labels_agree_with_hand_annotations(sample):
    path, article = sample
    expected = json.loads((SAMPLES / "src" / f"{path.stem}.expected.json").read_text(encoding="utf-8"))
    scores = [_overlap(e["label"], r.label) for e, r in zip(expected, article.records)]
    assert sum(scores) / len(scores) >= 0.6


def test_samples_seed_has_its_55_statistics(seed_article):
    records = seed_article.records
    assert len(records) == 55
    assert sum(r.unit.value == "percent" for r in records) == 52
    assert [r.value for r in records if r.unit.value == "count"] == [739, 322, 59]
    assert [r.surface for r in records if "op de" in r.surface] == ["Een op de vijf", "Ruim een op de vijf"]
    assert seed_article.sample_size == 739
    assert seed_article.title == "Opgavegericht werken"
    assert seed_article.pull_quotes == ["Maar liefst 51 procent van de deelnemers lijkt niet goed op de hoogte"]


def test_samples_seed_bullet_after_furniture_stays_in_its_section(seed_article):
    start = seed_article.text.index("Opgavegericht werken betekent")
    section = next(s for s in seed_article.sections if s.start <= start < s.end)
    assert section.heading == "Integrale aanpak"


def _overlap(a: str, b: str) -> float:
    tokens = lambda s: {t for t in "".join(c if c.isalnum() else " " for c in s.lower()).split()}  # noqa: E731
    x, y = tokens(a), tokens(b)
    return len(x & y) / len(x | y) if x | y else 1.0
