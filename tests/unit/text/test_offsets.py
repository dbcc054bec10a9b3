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
