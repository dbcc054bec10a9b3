"""Bounded inflation of a PDF's compressed streams, before any PDF library inflates them.

PDF libraries inflate a stream in full, so a few kilobytes under ``/Filter [/FlateDecode
/FlateDecode]`` can become gigabytes. Every Flate stream of the file (images excepted: text
extraction never decodes them) is inflated here in small pieces, stage by stage, and counted;
past the limit the file is refused before a library has seen it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator

STREAM_START = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
FILTER_NAME = re.compile(rb"/([A-Za-z0-9]+)")
IMAGE = re.compile(rb"/Subtype\s*/Image\b")
FLATE = frozenset({b"FlateDecode", b"Fl"})
ENCRYPT = re.compile(rb"/Encrypt\s")
CHUNK = 1 << 16
DICT_REACH = 8192
"""Bytes before ``stream`` searched for the stream's dictionary."""


class StreamTooLarge(Exception):
    """The file's streams inflate to more than the allowed number of bytes."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def is_encrypted(data: bytes) -> bool:
    """True when the file names an /Encrypt dictionary (its streams cannot be read raw)."""
    return ENCRYPT.search(data) is not None


def check_inflated_size(data: bytes, limit: int) -> int:
    """Inflate every Flate stream of ``data`` with a bound; return the bytes inflated.

    Other streams count with their raw size. All stages of a filter chain count, so a nested
    bomb stops as early as a plain one.
    Raises ``StreamTooLarge`` past ``limit``; damaged streams count as far as they inflate.
    """
    budget = _Budget(limit)
    for levels, raw in _streams(data):
        if not levels:
            budget.spend(len(raw))
            continue
        chunks: Iterable[bytes] = (raw[i: i + CHUNK] for i in range(0, len(raw), CHUNK))
        for _ in range(levels):
            chunks = _inflate(chunks, budget)
        for _ in chunks:
            pass
    return budget.spent


class _Budget:
    __slots__ = ("limit", "spent")

    def __init__(self, limit: int):
        self.limit = limit
        self.spent = 0

    def spend(self, size: int) -> None:
        self.spent += size
        if self.spent > self.limit:
            raise StreamTooLarge(self.spent)


def _streams(data: bytes) -> Iterator[tuple[int, memoryview]]:
    """(number of leading Flate filters, raw bytes) of every stream that is not an image."""
    view = memoryview(data)
    for match in STREAM_START.finditer(data):
        head = _dictionary_before(data, match.start())
        if head is None or IMAGE.search(head):
            continue
        found = FILTER.search(head)
        names = FILTER_NAME.findall(found.group(1)) if found else []
        levels = 0
        while levels < len(names) and names[levels] in FLATE:
            levels += 1
        end = data.find(b"endstream", match.end())
        yield levels, view[match.end(): end if end >= 0 else len(data)]


def _dictionary_before(data: bytes, at: int) -> bytes | None:
    """The ``<< ... >>`` that ends right before ``at`` (nested dictionaries included)."""
    end = data.rfind(b">>", max(0, at - 64), at)
    if end < 0 or data[end + 2: at].strip():
        return None
    depth = 0
    i = end + 2
    floor = max(0, at - DICT_REACH)
    while i > floor:
        i -= 1
        pair = data[i - 1: i + 1]
        if pair == b">>":
            depth += 1
            i -= 1
        elif pair == b"<<":
            depth -= 1
            i -= 1
            if depth == 0:
                return data[i: end + 2]
    return None


def _inflate(chunks: Iterable[bytes], budget: _Budget) -> Iterator[bytes]:
    """One Flate stage, in pieces of at most ``CHUNK`` bytes, each paid for in ``budget``."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            pending = bytes(chunk)
            while pending and not inflater.eof:
                out = inflater.decompress(pending, CHUNK)
                if out:
                    budget.spend(len(out))
                    yield out
                elif pending == inflater.unconsumed_tail:
                    break  # no progress: nothing more comes out of these bytes
                pending = inflater.unconsumed_tail
            if inflater.eof:
                return  # bytes after the compressed data (the line break before endstream) are no data
    except zlib.error:
        return  # damaged or encrypted: the PDF library decides what to make of it
