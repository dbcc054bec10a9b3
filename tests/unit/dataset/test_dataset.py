import copy

import pytest

from extractor.dataset.checks import consistency_findings, schema_errors, validate_document
from extractor.errors import InvalidOutput


def record(**changes):
    base = {
        "id": "a:1", "article": "a", "section": None, "value": 40.0, "unit": "percent", "label": "man",
        "qualifier": None, "surface": "40 procent", "sentence": "Daarvan is 40 procent man en 60 procent vrouw.",
        "start": 0, "end": 10, "page": None, "bbox": None, "group": "a:g1", "statement": None, "low": None, "high": None,
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("records", "codes"),
    [
        ([record(), record(id="a:2", value=60.0, label="vrouw")], []),
        ([record(value=140.0, group=None)], ["value_out_of_range"]),
        ([record(), record(id="a:2", value=80.0, label="vrouw")], ["breakdown_over_100"]),
        ([record(sentence="Vaak genoemd: A (40 procent) en B (80 procent)."),
          record(id="a:2", value=80.0, label="B", sentence="Vaak genoemd: A (40 procent) en B (80 procent).")], []),
        ([record(group=None), record(id="a:2", group=None, start=20, end=30)], ["duplicate"]),
        ([record(label="", group=None)], ["suspicious_label"]),
        ([record(group=None, population="jongeren"), record(id="a:2", group=None, start=20, end=30)], []),
        ([record(group=None, period="2021"), record(id="a:2", group=None, start=20, end=30, period="nu")], []),
    ],
    ids=["fine", "out-of-range", "breakdown-over-100", "multiple-answers", "duplicate", "empty-label",
         "other-population", "other-period"],
)
def test_dataset_consistency_findings(records, codes):
    assert [f.code for f in consistency_findings(records)] == codes


def test_dataset_validate_names_the_field(seed_article):
    document = seed_article.to_dict()
    validate_document(document)
    broken = copy.deepcopy(document)
    broken["records"][3]["qualifier"] = "ongeveer"
    with pytest.raises(InvalidOutput) as caught:
        validate_document(broken)
    assert "/records/3/qualifier" in str(caught.value)
    broken = copy.deepcopy(document)
    broken["records"][0]["end"] += 1
    assert schema_errors(broken) == [f"/records/0/surface: {broken['records'][0]['surface']!r} is not text[{broken['records'][0]['start']}:{broken['records'][0]['end']}]"]
