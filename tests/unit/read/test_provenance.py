"""Per-character provenance kept compactly: boxes as doubles, pages as integers, words packed."""

from __future__ import annotations

import pytest

from extractor.read.pdf.provenance import CharBoxes, CharPages, TextBoxes
from extractor.read.pdf import lines
from extractor.read.pdf.model import Char

BOXES = [(1.5, 2.25, 3.0, 4.125), None, (72.345, 100.0, 80.1, 109.99)]


def test_char_boxes_give_back_the_boxes_and_nones_they_were_given():
    boxes = CharBoxes(BOXES)
    assert len(boxes) == 3
    assert list(boxes) == BOXES and boxes == BOXES
    assert boxes[0] == BOXES[0] and boxes[1] is None and boxes[-1] == BOXES[2]
    assert boxes[1:] == BOXES[1:] and isinstance(boxes[1:], CharBoxes)
    assert boxes[::2] == BOXES[::2]
    assert boxes + [None] == BOXES + [None]
    with pytest.raises(IndexError):
        boxes[3]


def test_char_boxes_keep_the_exact_doubles():
    """Output boxes are rounded from these: a stored box must be the float it was."""
    box = (0.1 + 0.2, 1 / 3, 72.345, 2.0 ** -30)
    assert CharBoxes([box])[0] == box


def test_text_boxes_join_line_boxes_and_inserted_characters():
    boxes = TextBoxes()
    boxes.add(CharBoxes(BOXES[:1]))
    boxes.add_none(2)
    boxes.add_none(0)
    boxes.add(CharBoxes(BOXES))
    expected = BOXES[:1] + [None, None] + BOXES
    assert len(boxes) == len(expected)
    assert [boxes[i] for i in range(len(expected))] == expected == list(boxes)
    assert boxes[-1] == BOXES[-1] and boxes[1:4] == expected[1:4]
    with pytest.raises(IndexError):
        boxes[len(expected)]


def test_char_pages_store_none_as_no_page():
    pages = CharPages([1, None, 2])
    pages.extend_page(3, 2)
    pages.extend_page(None, 1)
    assert list(pages) == [1, None, 2, 3, 3, None] == pages
    assert pages[1] is None and pages[3] == 3
    assert pages.distinct() == [1, 2, 3]


def _word_fields(rows):
    return [[(w.x0, w.x1, w.texts, list(w.coords), w.space, w.size, w.style, w.top, w.bottom) for w in row]
            for row in rows]


def test_packed_words_unpack_to_the_same_words():
    size = 9.0
    row = [
        Char("ﬁ", 50, 80, 55, 89, "Sans", size), Char("e", 55, 80, 60, 89, "Sans", size),
        Char(" ", 60, 80, 62.5, 89, "Sans", size),
        Char("Ø", 62.5, 80.25, 67, 89.5, "Sans-Bold", 10.0, True),
        Char("ab", 67, 80, 75, 89, "Sans", size),  # a glyph whose text is two characters
        Char("c", 90, 80, 95, 89, "Sans", size),  # after a visible gap: no space box
    ]
    rows = [lines.words_of(row), lines.words_of(row[:2])]
    packed = lines.PackedWords(rows)
    assert _word_fields(packed.unpack()) == _word_fields(rows)
    assert rows[0][1].space == (60, 80, 62.5, 89) and rows[0][2].space is None
    assert packed.weights == {9.0: 5, 10.0: 2}  # a word counts its glyphs at its first glyph's size
