"""Counting what a PDF's streams inflate to, bounded, before any PDF library reads them."""

import zlib

import pytest

from extractor.read.pdf.streams import StreamTooLarge, check_inflated_size


def _pdf_with_stream(raw: bytes, filters: str = "/FlateDecode") -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(raw)).encode() + b" /Filter " + filters.encode()
            + b" >>\nstream\n" + raw + b"\nendstream\nendobj\n%%EOF\n")


@pytest.mark.parametrize("trailing", [b"", b"\r\n", b"\n\n  ", b"garbage after the data"])
@pytest.mark.parametrize("size", [10, 70_000, 300_000])
def test_streams_bytes_after_the_compressed_data_end_the_stream(size, trailing):
    # A page content stream larger than one inflate chunk, with the usual line break before
    # 'endstream' inside the stream: inflating it must end, and count every byte once.
    content = (b"BT /F1 10 Tf (Ruim 40 procent werkt thuis) Tj ET\n" * (size // 40 + 1))[:size]
    data = _pdf_with_stream(zlib.compress(content) + trailing)
    assert check_inflated_size(data, 10 * size + 1000) == size


def test_streams_a_nested_bomb_stops_at_the_limit():
    inner = zlib.compress(b"\0" * 5_000_000)
    data = _pdf_with_stream(zlib.compress(inner), "[/FlateDecode /FlateDecode]")
    with pytest.raises(StreamTooLarge):
        check_inflated_size(data, 1_000_000)
