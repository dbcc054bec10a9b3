"""Offset maps: where each character of a derived text came from in its input."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from output offsets to input offsets.

    Each piece ``(out_start, in_start, length)`` says that ``output[out_start + k]`` is a copy
    of ``input[in_start + k]``. Inserted characters (a joining space, a moved newline) point at
    the input character that caused them, so every output offset has a source.

    Lookups bisect arrays built on first use (pieces are not changed after that), so each costs
    O(log n) whatever the length of the text.
    """

    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    length: int = 0
    _out_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _by_input: tuple[list[int], list[int], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)] if length else [], length)

    def to_input(self, offset: int) -> int:
        """Input offset of output character ``offset`` (``length`` maps past the last piece)."""
        if not self.pieces:
            return 0
        if offset >= self.length:
            out_start, in_start, length = self.pieces[-1]
            return in_start + length
        index = bisect_right(self._starts(), offset) - 1
        out_start, in_start, _ = self.pieces[max(index, 0)]
        return in_start + (offset - out_start)

    def to_output(self, offset: int) -> int | None:
        """The output offset copied from input ``offset``, or None when nothing was copied from it.

        Where several pieces copy it (an inserted character points at its cause), the first in
        the output wins.
        """
        found = [self.pieces[i][0] + (offset - self.pieces[i][1])
                 for i in self._pieces_over(offset, offset + 1)]
        return min(found) if found else None

    def output_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and one past the last output offset whose input lies in ``[start, end)``."""
        low = high = None
        for i in self._pieces_over(start, end):
            out_start, in_start, length = self.pieces[i]
            a = out_start + max(start - in_start, 0)
            b = out_start + min(end - in_start, length)
            low = a if low is None or a < low else low
            high = b if high is None or b > high else high
        return (low, high) if low is not None else None

    def _pieces_over(self, start: int, end: int) -> list[int]:
        """Indices of the pieces whose input overlaps ``[start, end)``."""
        if self._by_input is None:
            order = sorted(range(len(self.pieces)), key=lambda i: self.pieces[i][1])
            starts = [self.pieces[i][1] for i in order]
            reach = list(accumulate((self.pieces[i][1] + self.pieces[i][2] for i in order), max))
            self._by_input = (order, starts, reach)
        order, starts, reach = self._by_input
        hits = []
        k = bisect_left(starts, end) - 1
        # ``reach`` is the furthest input end among the pieces up to k: once it falls at or
        # before ``start``, no earlier piece can overlap.
        while k >= 0 and reach[k] > start:
            i = order[k]
            if self.pieces[i][1] + self.pieces[i][2] > start:
                hits.append(i)
            k -= 1
        return hits

    def then(self, inner: "OffsetMap") -> "OffsetMap":
        """Compose: map output -> self's input -> inner's input."""
        pieces: list[tuple[int, int, int]] = []
        inner_starts = inner._starts()
        for out_start, in_start, length in self.pieces:
            position, remaining = in_start, length
            while remaining > 0:
                index = max(bisect_right(inner_starts, position) - 1, 0)
                if not inner.pieces:
                    pieces.append((out_start + length - remaining, 0, remaining))
                    break
                i_out, i_in, i_len = inner.pieces[index]
                offset_in_piece = position - i_out
                if offset_in_piece >= i_len or offset_in_piece < 0:
                    # Past the inner map's end: keep pointing at its last character.
                    pieces.append((out_start + length - remaining, inner.to_input(position), 1))
                    position, remaining = position + 1, remaining - 1
                    continue
                take = min(remaining, i_len - offset_in_piece)
                pieces.append((out_start + length - remaining, i_in + offset_in_piece, take))
                position, remaining = position + take, remaining - take
        return OffsetMap(pieces, self.length)

    def _starts(self) -> list[int]:
        if self._out_starts is None or len(self._out_starts) != len(self.pieces):
            self._out_starts = [piece[0] for piece in self.pieces]
        return self._out_starts


class TextBuilder:
    """Accumulates output text together with its offset map."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[tuple[int, int, int]] = []
        self._length = 0

    def copy(self, text: str, in_start: int) -> None:
        """Append ``text``, a verbatim copy of the input from ``in_start``."""
        if text:
            self._add(text, in_start, contiguous=True)

    def insert(self, text: str, in_at: int) -> None:
        """Append ``text`` that has no verbatim source; it points at input offset ``in_at``."""
        for char in text:
            self._add(char, in_at, contiguous=False)

    def _add(self, text: str, in_start: int, *, contiguous: bool) -> None:
        if contiguous and self._pieces:
            out_start, prev_in, length = self._pieces[-1]
            if out_start + length == self._length and prev_in + length == in_start:
                self._pieces[-1] = (out_start, prev_in, length + len(text))
                self._parts.append(text)
                self._length += len(text)
                return
        self._pieces.append((self._length, in_start, len(text)))
        self._parts.append(text)
        self._length += len(text)

    def extend(self, text: str, offsets: OffsetMap) -> None:
        """Append ``text`` whose own map is ``offsets`` (pieces are re-based, not re-derived)."""
        for out_start, in_start, length in offsets.pieces:
            self._add(text[out_start : out_start + length], in_start, contiguous=True)

    def __len__(self) -> int:
        return self._length

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._pieces, self._length)
