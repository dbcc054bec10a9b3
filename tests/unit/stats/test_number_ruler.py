"""The number-phrase ruler matches only around its patterns' anchor words, and finds what
spaCy's span ruler finds over the whole doc."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import SpanRuler

from extractor.datafiles import load_jsonl
from extractor.stats.nlp import PATTERNS_FILE, AnchoredSpanRuler

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PHRASES = (
    "Tussen de 40 en 65 procent, 10 tot 15 procent, 12,5% en vijfenzestig procent. Een op de vijf, "
    "één op de tien en twee op 3 ambtenaren; drie van de vier jonge medewerkers, 4 van de 5. De helft, "
    "een derde, driekwart, 739 ambtenaren, 400 duizend deelnemende ambtenaren, 2,6 miljoen, "
    "tweeënveertig respondenten. Een op een gesprek, de op de, procent."
)


def _patterns() -> list[dict]:
    return list(load_jsonl(PATTERNS_FILE))


def _plain(nlp) -> SpanRuler:
    ruler = SpanRuler(nlp, "plain", spans_key="plain", validate=True, overwrite=True)
    ruler.add_patterns([{k: v for k, v in entry.items() if k != "anchor"} for entry in _patterns()])
    return ruler


def _texts() -> list[str]:
    return [PHRASES, PHRASES.upper(), ""] + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


def test_every_number_pattern_names_its_anchor():
    assert all("anchor" in entry for entry in _patterns())


@pytest.mark.parametrize("index", range(len(_texts())))
def test_anchored_matching_finds_what_the_whole_doc_gives(nlp, index):
    doc = nlp.tokenizer(_texts()[index])
    found = nlp.get_pipe("extractor_numbers").match(doc)
    assert [(s.start, s.end, s.label_, s.id_) for s in found] == [
        (s.start, s.end, s.label_, s.id_) for s in _plain(nlp).match(doc)
    ]
    if index == 0:
        assert {s.id_ for s in found} >= {entry["id"] for entry in _patterns()}  # every pattern tried


def test_a_pattern_without_anchor_is_matched_over_the_whole_doc():
    nlp = spacy.blank("nl")
    ruler = AnchoredSpanRuler(nlp, spans_key="x")
    ruler.add_patterns([{"label": "P", "pattern": [{"LOWER": "procent"}], "anchor": 0},
                        {"label": "Q", "pattern": [{"IS_DIGIT": True}]}])
    doc = nlp("12 procent")
    assert [(s.text, s.label_) for s in ruler.match(doc)] == [("12", "Q"), ("procent", "P")]


@pytest.mark.parametrize("pattern,anchor", [
    ([{"LIKE_NUM": True}, {"LOWER": "procent"}], 0),  # not a word list
    ([{"LOWER": "de", "OP": "?"}, {"LOWER": "helft"}], 0),  # optional
    ([{"LOWER": "helft"}], 1),  # no such token
    ([{"LOWER": {"IN": ["Helft"]}}], 0),  # LOWER never holds a capital
])
def test_an_anchor_must_be_a_required_token_of_lower_case_words(pattern, anchor):
    ruler = AnchoredSpanRuler(spacy.blank("nl"), spans_key="x")
    with pytest.raises(ValueError, match="'kapot'"):
        ruler.add_patterns([{"label": "P", "id": "kapot", "pattern": pattern, "anchor": anchor}])
