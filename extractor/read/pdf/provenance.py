"""Per-character provenance of PDF text, stored compactly: the page and box of every character.

A long article has millions of characters. As tuples of Python floats a box costs about 160
bytes and is kept twice (in its line and in the text); here it is four doubles in an array,
read back as the same tuple. ``None`` (a character the reader inserted, such as a space or a
line break) is stored as NaN coordinates and as page 0.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import overload

from ...models import BBox

_NONE_BOX = (float("nan"),) * 4


class CharBoxes(Sequence):
    """A sequence of ``BBox | None``, four doubles per character."""

    __slots__ = ("coords",)

    def __init__(self, boxes: Iterable[BBox | None] = ()):
        self.coords = array("d")
        self.extend(boxes)

    @classmethod
    def of_coordinates(cls, coords: array) -> "CharBoxes":
        """Boxes from a flat array ``x0, top, x1, bottom, x0, ...`` (taken, not copied)."""
        boxes = cls.__new__(cls)
        boxes.coords = coords
        return boxes

    def __len__(self) -> int:
        return len(self.coords) >> 2

    @overload
    def __getitem__(self, index: int) -> BBox | None: ...
    @overload
    def __getitem__(self, index: slice) -> "CharBoxes": ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return CharBoxes(self[i] for i in range(start, stop, step))
            return CharBoxes.of_coordinates(self.coords[4 * start : 4 * max(start, stop)])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("box index out of range")
        at = 4 * index
        x0 = self.coords[at]
        return None if x0 != x0 else (x0, self.coords[at + 1], self.coords[at + 2], self.coords[at + 3])

    def __iter__(self) -> Iterator[BBox | None]:
        coords = self.coords
        for at in range(0, len(coords), 4):
            x0 = coords[at]
            yield None if x0 != x0 else (x0, coords[at + 1], coords[at + 2], coords[at + 3])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CharBoxes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # mutable, like a list

    def __add__(self, other: Iterable[BBox | None]) -> "CharBoxes":
        joined = CharBoxes.of_coordinates(array("d", self.coords))
        joined.extend(other)
        return joined

    def __repr__(self) -> str:
        return f"CharBoxes({list(self)!r})"

    def append(self, box: BBox | None) -> None:
        self.coords.extend(_NONE_BOX if box is None else box)

    def extend(self, boxes: Iterable[BBox | None]) -> None:
        if isinstance(boxes, CharBoxes):
            self.coords.extend(boxes.coords)
            return
        for box in boxes:
            self.coords.extend(_NONE_BOX if box is None else box)


class TextBoxes(Sequence):
    """The boxes of a whole text, as its lines hold them: ``BBox | None`` per character.

    The text is its lines with inserted characters between them; its boxes are the lines'
    own (never copied, so a long document keeps each box once), found by bisect.
    """

    __slots__ = ("starts", "parts", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.parts: list[CharBoxes | None] = []  # None: a run of inserted characters
        self.length = 0

    def add(self, boxes: CharBoxes) -> None:
        self._add(boxes, len(boxes))

    def add_none(self, count: int) -> None:
        self._add(None, count)

    def _add(self, part: CharBoxes | None, count: int) -> None:
        if count:
            self.starts.append(self.length)
            self.parts.append(part)
            self.length += count

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("box index out of range")
        at = bisect_right(self.starts, index) - 1
        part = self.parts[at]
        return None if part is None else part[index - self.starts[at]]

    def __iter__(self) -> Iterator[BBox | None]:
        for start, part, end in zip(self.starts, self.parts, [*self.starts[1:], self.length]):
            if part is None:
                yield from repeat(None, end - start)
            else:
                yield from part

    def __repr__(self) -> str:
        return f"TextBoxes({list(self)!r})"


class CharPages(Sequence):
    """A sequence of ``int | None``: the 1-based page of every character, in a typed array."""

    __slots__ = ("numbers",)

    def __init__(self, pages: Iterable[int | None] = ()):
        self.numbers = array("i", (page or 0 for page in pages))

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return CharPages(self.numbers[index])
        return self.numbers[index] or None

    def __iter__(self) -> Iterator[int | None]:
        for page in self.numbers:
            yield page or None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"CharPages({list(self)!r})"

    def extend_page(self, page: int | None, count: int) -> None:
        """``count`` characters on ``page`` (None: inserted by the reader)."""
        self.numbers.extend(repeat(page or 0, count))

    def extend_boxed(self, page: int, boxes: CharBoxes) -> None:
        """The characters of ``boxes``, on ``page``: those without a box (inserted) have no page."""
        # NaN, the one value unequal to itself, marks a character without a box.
        self.numbers.extend([page if x0 == x0 else 0 for x0 in boxes.coords[0::4]])

    def distinct(self) -> list[int]:
        """The pages that hold any character, in order."""
        return sorted(set(self.numbers) - {0})
