"""Long texts are tokenised in pieces: the same tokens as one pass, and no spaCy max_length."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import extract
from extractor.stats import nlp as nlp_module
from extractor.stats.nlp import make_doc, text_pieces

SEED = Path(__file__).resolve().parents[3] / "samples" / "opgavegericht-werken.txt"


@pytest.mark.parametrize("text,size,expected", [
    ("aaa\n\nbbb\n\nccc", 100, [(0, 13)]),
    ("aaa\n\nbbb\n\nccc", 2, [(0, 5), (5, 10), (10, 13)]),
    ("aaa\n\n \nbbb", 1, [(0, 7), (7, 10)]),
    ("aaa bbb ccc", 2, [(0, 4), (4, 8), (8, 11)]),
    ("aaaaaaaa", 2, [(0, 8)]),
    ("aaa\n\n", 1, [(0, 5)]),
])
def test_nlp_text_pieces_end_after_whitespace(text, size, expected):
    assert text_pieces(text, size) == expected


@pytest.mark.parametrize("size", [40, 500, 5000])
def test_nlp_pieces_give_the_tokens_of_one_pass(nlp, monkeypatch, size):
    text = SEED.read_text(encoding="utf-8") * 3
    whole = nlp.tokenizer(text)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", size)
    doc = make_doc(nlp, text)
    assert doc.text == text
    assert [(t.text, t.whitespace_, t.idx) for t in doc] == [(t.text, t.whitespace_, t.idx) for t in whole]


def test_nlp_max_length_does_not_apply(nlp, monkeypatch):
    """A text longer than spaCy's max_length gives what it gives without the limit."""
    text = SEED.read_text(encoding="utf-8")
    expected = [(r.value, r.label, r.section) for r in extract(text).records]
    monkeypatch.setattr(nlp, "max_length", 1000)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 1000)
    assert [(r.value, r.label, r.section) for r in extract(text).records] == expected
