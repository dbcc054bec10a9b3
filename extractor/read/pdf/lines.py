"""Characters -> rows -> words -> printed lines (cut at the gutters), and line-text predicates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter

from ...models import BBox
from .columns import GUTTER_MIN_WIDTH, Columns
from .model import Char, Line

ROW_TOL_EM = 0.3
"""Glyphs whose vertical centres differ by at most this share of their size share a row."""
ROW_SIZE_RATIO = 1.6
"""Glyphs whose sizes differ by a larger factor never share a row."""
OPEN_ROWS = 4
"""How many of the latest rows a glyph may still join (columns drift a little apart)."""
WORD_GAP_EM = 0.15
"""A horizontal gap wider than this between two glyphs is a word space even without a space char."""
BIG_GAP_SHARE = 0.25
"""A gap this wide (share of the page width) separates two items on a row (header left/right);
justified lines in a narrow column can have word spaces of several ems, so this is not in ems."""
DUPLICATE_TOL = 0.6
"""Glyphs printed twice within this many points (fake bold) are read once."""
CUT_MIN_GAP_EM = 0.8
"""A row is cut at a gutter only where its gap is wider than this: a title's word space in
large type can be as wide as a gutter."""

DROP_CAP_SCALE = 2.0
"""A single letter this much larger than the body, beside a paragraph, is a drop cap."""
DROP_CAP_GAP_EM = 1.5

BULLETS = "•▪■●◦‣►"
SPACES = frozenset(" \xa0\t\u2002\u2003\u2009\u200a\u202f")
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
LINE_END_HYPHENS = {"\xad": "-", "\u2010": "-", "\u2011": "-"}
TERMINAL = ".!?:…"
CLOSERS = "’”'\")]»"
_SPECIAL = re.compile("[" + re.escape("".join(LINE_END_HYPHENS) + "".join(LIGATURES)) + "]")
"""Glyphs ``make_line`` rewrites: line-end hyphens and ligatures."""


_x0_key = itemgetter(1)


class RowWord:
    """Glyphs of one row with no space or visible gap between them."""

    __slots__ = ("x0", "x1", "chars", "space", "size")

    def __init__(self, char: Char, space: BBox | None):
        self.x0 = char.x0
        self.x1 = char.x1
        self.chars = [char]
        self.space = space
        self.size = char.size


# --- 1. rows and words ------------------------------------------------------------------------
def rows_of(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into rows: glyphs of one type size whose vertical centres (nearly) agree.

    Glyphs of very different sizes never share a row, so a drop cap or a pull quote beside the
    body does not pull two body lines into one row.
    """
    rows: list[list[Char]] = []
    refs: list[tuple[float, float]] = []  # (centre, size) of each row's first glyph
    chars = list(chars)
    keys = [c.top + c.bottom for c in chars]  # vertical centre, doubled: a sort key
    last_key = last_size = None
    last_row: list[Char] | None = None
    for index in sorted(range(len(chars)), key=keys.__getitem__):
        c = chars[index]
        size = c.size
        if keys[index] == last_key and size == last_size:
            # The glyph before sat at the same centre in the same size and no row was opened
            # since: the rows test it as they tested that one (most glyphs of a line).
            last_row.append(c)
            continue
        mid = (c.top + c.bottom) * 0.5
        for k in range(len(rows) - 1, max(-1, len(rows) - 1 - OPEN_ROWS), -1):
            ref_mid, ref_size = refs[k]
            if abs(mid - ref_mid) <= ROW_TOL_EM * min(size, ref_size) and (
                    max(size, ref_size) <= ROW_SIZE_RATIO * min(size, ref_size)):
                last_row = rows[k]
                break
        else:
            last_row = [c]
            rows.append(last_row)
            refs.append((mid, size))
            last_key, last_size = keys[index], size
            continue
        last_row.append(c)
        last_key, last_size = keys[index], size
    for row in rows:
        row.sort(key=_x0_key)
    return rows


def words_of(row: Sequence[Char]) -> list[RowWord]:
    """Split a row (sorted by x) into words at space characters and at visible gaps."""
    words: list[RowWord] = []
    word: RowWord | None = None
    space: BBox | None = None
    prev: Char | None = None
    for c in row:
        text = c.text
        if text in SPACES or text.isspace():
            if word is not None:
                word = None
                space = c[1:5]  # (x0, top, x1, bottom)
            continue
        if word is not None:
            x0 = c.x0
            if x0 - prev.x1 > WORD_GAP_EM * c.size:
                word = None
            elif (text == prev.text and abs(x0 - prev.x0) < DUPLICATE_TOL
                  and abs(c.top - prev.top) < DUPLICATE_TOL):
                continue  # the same glyph printed twice (fake bold)
            else:
                word.chars.append(c)
                if c.x1 > word.x1:
                    word.x1 = c.x1
                prev = c
                continue
        word = RowWord(c, space)
        words.append(word)
        space = None
        prev = c
    return words


def body_size_of(pages_words: Iterable[Iterable[list[RowWord]]]) -> float:
    """The body type size: the size most characters are printed in."""
    weights: Counter[float] = Counter()
    for rows in pages_words:
        for words in rows:
            for w in words:
                weights[round(w.size, 1)] += len(w.chars)
    return weights.most_common(1)[0][0] if weights else 10.0


# --- 3. lines ---------------------------------------------------------------------------------
def lines_of(rows_words: Sequence[Sequence[RowWord]], columns: Columns, page: int,
             page_width: float) -> list[Line]:
    """Cut each row at the gutters (and at very wide gaps) into printed lines."""
    big_gap = BIG_GAP_SHARE * page_width
    cuts = [(columns.edges[i][1], columns.edges[i + 1][0]) for i in range(columns.count - 1)]
    lines: list[Line] = []
    for words in rows_words:
        piece: list[RowWord] = []
        for w in words:
            if piece:
                prev = piece[-1]
                gap = w.x0 - prev.x1
                if gap > big_gap or (gap >= CUT_MIN_GAP_EM * max(w.size, prev.size) and any(
                    min(w.x0, g1) - max(prev.x1, g0) >= max(GUTTER_MIN_WIDTH, 0.5 * (g1 - g0))
                    for g0, g1 in cuts
                )):  # the gap is wider than a word space and covers most of a gutter
                    lines.append(make_line(piece, page))
                    piece = []
            piece.append(w)
        if piece:
            lines.append(make_line(piece, page))
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def make_line(words: Sequence[RowWord], page: int) -> Line:
    """Join words into a line's text with a box per character (``None`` for inserted spaces)."""
    parts: list[str] = []
    boxes: list[BBox | None] = []
    styles: Counter = Counter()
    last = len(words) - 1
    for i, w in enumerate(words):
        if i:
            parts.append(" ")
            boxes.append(w.space)
        chars = w.chars
        n = len(chars)
        text = "".join([c.text for c in chars])
        if len(text) == n and not _SPECIAL.search(text):
            # Every glyph one plain character, the usual case: a word at a time.
            parts.append(text)
            boxes.extend([c[1:5] for c in chars])  # (x0, top, x1, bottom)
            first = chars[0]
            styles[(first.size, first.fontname, first.bold, first.italic)] += n
            continue
        for j, c in enumerate(chars):
            t = c.text
            box = (c.x0, c.top, c.x1, c.bottom)
            if len(t) != 1 or t in LINE_END_HYPHENS or t in LIGATURES:
                if t in LINE_END_HYPHENS:
                    if i != last or j != n - 1:
                        if t == "\xad":
                            continue  # a soft hyphen inside a line is invisible
                    t = LINE_END_HYPHENS[t]
                t = LIGATURES.get(t, t)
                parts.append(t)
                boxes.extend([box] * len(t))
            else:
                parts.append(t)
                boxes.append(box)
        first = chars[0]
        styles[(first.size, first.fontname, first.bold, first.italic)] += n
    size, fontname, bold, italic = styles.most_common(1)[0][0]
    return Line(
        text="".join(parts), boxes=boxes, x0=words[0].x0,
        top=min([w.chars[0].top for w in words]),
        x1=words[-1].x1, bottom=max([w.chars[0].bottom for w in words]),
        size=size, fontname=fontname, bold=bold, italic=italic, page=page,
    )


def attach_drop_caps(lines: list[Line], body_size: float) -> list[Line]:
    """Put a drop cap (a large initial letter beside a paragraph's first lines) back in its word."""
    caps = [line for line in lines
            if len(line.text) == 1 and line.text.isalpha() and line.size >= DROP_CAP_SCALE * body_size]
    for cap in caps:
        beside = [line for line in lines if line is not cap and cap.top - body_size <= line.top <= cap.bottom
                  and 0 <= line.x0 - cap.x1 <= DROP_CAP_GAP_EM * body_size]
        if not beside:
            continue
        first = min(beside, key=lambda line: line.top)
        first.text = cap.text + first.text
        first.boxes = cap.boxes + first.boxes  # x0 stays: the lines beside the cap align
        lines.remove(cap)
    return lines


def starts_bullet(text: str) -> bool:
    return len(text) > 1 and text[0] in BULLETS


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in TERMINAL


def ends_hyphen(text: str) -> bool:
    text = text.rstrip()
    return len(text) > 1 and text[-1] == "-" and text[-2].isalpha()
