"""Offset maps: where each character of a derived text came from in its input."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from output offsets to input offsets.

    Each piece ``(out_start, in_start, length)`` says that ``output[out_start + k]`` is a copy
    of ``input[in_start + k]``. Inserted characters (a joining space, a moved newline) point at
    the input character that caused them, so every output offset has a source.
    """

    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    length: int = 0

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
        """The output offset copied from input ``offset``, or None when nothing was copied from it."""
        for out_start, in_start, length in self.pieces:
            if in_start <= offset < in_start + length:
                return out_start + (offset - in_start)
        return None

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
        return [piece[0] for piece in self.pieces]


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
