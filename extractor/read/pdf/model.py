"""Backend-neutral page model: what the layout reader knows about a PDF page."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ...models import BBox
from .provenance import CharBoxes

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|extrabold|ultrabold|[-,]bd\b",
                       re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique|slanted|kursiv|[-,]it\b", re.IGNORECASE)
RULE_MAX_THICKNESS = 3.0
"""A drawn line or rectangle thinner than this (points) is a rule, not a box."""


@lru_cache(maxsize=256)
def font_flags(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) as the font's name tells: ``ABCDEF+Arial-BoldItalicMT`` -> (True, True)."""
    name = fontname.split("+", 1)[-1]
    return bool(BOLD_FONT.search(name)), bool(ITALIC_FONT.search(name))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector out of a stretch that builds many small objects.

    A page is read into tens of thousands of tuples and lists, none of them in a cycle; each
    few hundred allocations started a collection that walked every object of the process (the
    language pipeline, the lexicons), which cost more than the reading itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class UndecodableText(Exception):
    """Characters of a page have no Unicode meaning (fonts without a usable /ToUnicode)."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


class Char(NamedTuple):
    """One printed glyph; coordinates in PDF points, origin top-left (pdfplumber convention).

    A NamedTuple, not a dataclass: a page has thousands and they are built in a tight loop.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str
    size: float
    bold: bool = False
    italic: bool = False

    @property
    def box(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Line:
    """One printed line (within one column): its text and, per character, the box it came from.

    ``boxes[i]`` is the box of ``text[i]``; ``None`` where the reader inserted a space.
    ``size``/``fontname``/``bold``/``italic`` describe most of the line's characters.
    """

    text: str
    boxes: CharBoxes
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    fontname: str
    bold: bool
    italic: bool
    page: int = 1

    @property
    def box(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def words(self) -> list[Word]:
        """The line's words with their boxes (for callers that think in words)."""
        out: list[Word] = []
        start = None
        for i, ch in enumerate(self.text + " "):
            if ch != " " and start is None:
                start = i
            elif ch == " " and start is not None:
                boxes = [b for b in self.boxes[start:i] if b is not None]
                out.append(Word(
                    text=self.text[start:i],
                    x0=min(b[0] for b in boxes), top=min(b[1] for b in boxes),
                    x1=max(b[2] for b in boxes), bottom=max(b[3] for b in boxes),
                ))
                start = None
        return out


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class Page:
    """A page as the backend read it: upright characters, ruling lines and filled/stroked boxes."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[BBox] = field(default_factory=list)
    rects: list[BBox] = field(default_factory=list)
