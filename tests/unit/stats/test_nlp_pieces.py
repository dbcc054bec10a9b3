"""Long texts go through the pipeline in pieces: the statistics of one pass, and no spaCy max_length."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from extractor.api import extract
from extractor.stats import nlp as nlp_module
from extractor.stats.nlp import annotate, text_pieces

SEED = Path(__file__).resolve().parents[3] / "samples" / "opgavegericht-werken.txt"


@pytest.mark.parametrize("text,size,expected", [
    ("aaa\n\nbbb\n\nccc", 100, [(0, 13)]),
    ("aaa\n\nbbb\n\nccc", 2, [(0, 5), (5, 10), (10, 13)]),
    ("aaa\n\n \nbbb", 1, [(0, 7), (7, 10)]),
    ("aaa bbb ccc", 2, [(0, 4), (4, 8), (8, 11)]),
    ("aaa bbb\nccc ddd", 2, [(0, 8), (8, 12), (12, 15)]),
    ("aaaaaaaa", 2, [(0, 8)]),
    ("aaa\n\n", 1, [(0, 5)]),
])
def test_nlp_text_pieces_end_after_whitespace(text, size, expected):
    assert text_pieces(text, size) == expected


def _found(nlp, text):
    statistics, dropped = annotate(nlp, text, section_starts(text))
    return [asdict(s) for s in statistics], dropped


def section_starts(text: str) -> list[int]:
    """Where each copy of the seed starts: statements and references stop at a section."""
    return [i for i in range(len(text)) if text.startswith("Opgavegericht", i) and (i == 0 or text[i - 1] == "\n")]


@pytest.mark.parametrize("size", [40, 500, 5000])
def test_nlp_pieces_give_the_statistics_of_one_pass(nlp, monkeypatch, size):
    """Statements, questions and references carry from piece to piece; offsets are the whole text's."""
    text = SEED.read_text(encoding="utf-8") * 3
    whole = _found(nlp, text)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", size)
    pieces = _found(nlp, text)
    assert len(text_pieces(text, size)) > 3
    assert pieces == whole
    statistics, dropped = pieces
    assert all(text[s["start"] : s["end"]].split()[0] in ("de", "De") or text[s["start"]].isalnum()
               for s in statistics)
    assert all(text[d.start : d.end] == d.surface for d in dropped)


@pytest.mark.parametrize("text,carried", [
    ("Titel\n\nVan de ambtenaren bij gemeenten werkt 30 procent thuis.\n\nDaar zegt 40 procent tevreden te zijn.\n",
     ("tevreden", "gemeenten", None)),  # 'Daar' points back a sentence
    ("Titel\n\nIn 2019 werkte 30 procent van de ambtenaren thuis.\n\nNu is dat 45 procent.\n",
     ("thuis", None, None)),  # 'dat' is the figure before
    ("Titel\n\nOp de stelling ‘Ik werk graag thuis’ reageren de deelnemers verdeeld.\n\n"
     "Helemaal eens is 20 procent, oneens 30 procent.\n", ("oneens", None, "Ik werk graag thuis")),
])
def test_nlp_what_a_paragraph_points_back_to_carries_over_a_piece(nlp, monkeypatch, text, carried):
    whole = _found(nlp, text)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 10)  # a piece per paragraph
    assert len(text_pieces(text, 10)) == 2
    statistics, _dropped = _found(nlp, text)
    assert statistics == whole[0]
    last = statistics[-1]
    assert (last["label"], last["population"], last["statement"]) == carried


def test_nlp_max_length_does_not_apply(nlp, monkeypatch):
    """A text longer than spaCy's max_length gives what it gives without the limit."""
    text = SEED.read_text(encoding="utf-8")
    expected = [(r.value, r.label, r.section) for r in extract(text).records]
    monkeypatch.setattr(nlp, "max_length", 1000)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 1000)
    assert [(r.value, r.label, r.section) for r in extract(text).records] == expected
