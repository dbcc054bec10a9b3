import pytest

from extractor.text.offsets import OffsetMap, TextBuilder


def test_offsets_builder_copies_and_inserts():
    builder = TextBuilder()
    builder.copy("abc", 10)
    builder.insert(" ", 13)
    builder.copy("de", 20)
    text, offsets = builder.build()
    assert text == "abc de"
    assert [offsets.to_input(i) for i in range(len(text))] == [10, 11, 12, 13, 20, 21]


@pytest.mark.parametrize("offset", range(0, 6))
def test_offsets_compose_through_two_maps(offset):
    outer = OffsetMap([(0, 2, 3), (3, 8, 3)], 6)
    inner = OffsetMap([(0, 100, 5), (5, 200, 10)], 15)
    direct = inner.to_input(outer.to_input(offset))
    assert outer.then(inner).to_input(offset) == direct


def test_offsets_identity():
    offsets = OffsetMap.identity(4)
    assert [offsets.to_input(i) for i in range(4)] == [0, 1, 2, 3]


MOVED = OffsetMap([(0, 10, 3), (3, 2, 4), (7, 13, 1), (8, 20, 2)], 10)
"""Pieces out of input order, and an inserted character (7) pointing at input 13."""


@pytest.mark.parametrize("offset", [0, 2, 5, 10, 12, 13, 14, 19, 20, 21, 22, 99])
def test_offsets_to_output_agrees_with_a_scan(offset):
    scan = [i for i in range(MOVED.length) if MOVED.to_input(i) == offset]
    expected = scan[0] if scan else None
    assert MOVED.to_output(offset) == expected


@pytest.mark.parametrize("start,end", [(0, 100), (2, 4), (10, 13), (12, 14), (13, 14), (6, 10), (30, 40)])
def test_offsets_output_range_agrees_with_a_scan(start, end):
    inside = [i for i in range(MOVED.length) if start <= MOVED.to_input(i) < end]
    expected = (min(inside), max(inside) + 1) if inside else None
    assert MOVED.output_range(start, end) == expected
