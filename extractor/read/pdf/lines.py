"""Characters -> rows -> words -> printed lines (cut at the gutters), and line-text predicates."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter

from ...models import BBox
from .provenance import CharBoxes
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
    """Glyphs of one row with no space or visible gap between them.

    The glyphs' texts and boxes are kept, not the glyphs: a page's characters can be let go
    as soon as its words are made.
    """

    __slots__ = ("x0", "x1", "texts", "coords", "space", "size", "style", "top", "bottom")

    def __init__(self, char: Char, space: BBox | None):
        self.x0 = char.x0
        self.x1 = char.x1
        self.texts = [char.text]
        self.coords = array("d", char[1:5])  # x0, top, x1, bottom of each glyph in turn
        self.space = space
        self.size = char.size
        self.style = (char.size, char.fontname, char.bold, char.italic)
        self.top, self.bottom = char.top, char.bottom


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
                word.texts.append(text)
                word.coords.extend(c[1:5])
                if c.x1 > word.x1:
                    word.x1 = c.x1
                prev = c
                continue
        word = RowWord(c, space)
        words.append(word)
        space = None
        prev = c
    return words


_NO_SPACE = (float("nan"),) * 4


class PackedWords:
    """A page's rows of words in a few flat arrays, while the other pages are read.

    The layout needs the body size of the whole document before it can make any page's
    lines, so every page's words wait for the last page. As objects they cost about 800 bytes
    a word; packed, a little over the glyphs' boxes. ``unpack`` gives the same words back.
    """

    __slots__ = ("coords", "glyphs", "lengths", "counts", "row_sizes", "style_ids", "styles", "weights")

    def __init__(self, rows_words: Sequence[Sequence[RowWord]]):
        self.coords = array("d")  # per word: its space box (NaN: none), then a box per glyph
        texts: list[str] = []
        self.counts = array("i")  # glyphs per word
        self.row_sizes = array("i", [len(words) for words in rows_words])
        self.style_ids = array("i")
        self.styles: list[tuple] = []
        self.weights: Counter[float] = Counter()  # glyphs per rounded size, for the body size
        ids: dict[tuple, int] = {}
        for words in rows_words:
            for w in words:
                self.coords.extend(_NO_SPACE if w.space is None else w.space)
                self.coords.extend(w.coords)
                texts.extend(w.texts)
                self.counts.append(len(w.texts))
                style_id = ids.get(w.style)
                if style_id is None:
                    style_id = ids[w.style] = len(self.styles)
                    self.styles.append(w.style)
                self.style_ids.append(style_id)
                self.weights[round(w.size, 1)] += len(w.texts)
        self.glyphs = "".join(texts)
        # A glyph's text is one character, except a ligature or an unmapped glyph's few.
        self.lengths = None if len(self.glyphs) == len(texts) else array("i", map(len, texts))

    def unpack(self) -> list[list[RowWord]]:
        coords, glyphs, lengths = self.coords, self.glyphs, self.lengths
        rows: list[list[RowWord]] = []
        word_index = at = text_at = glyph_at = 0
        new = RowWord.__new__
        for size in self.row_sizes:
            row = []
            for _ in range(size):
                n = self.counts[word_index]
                style = self.styles[self.style_ids[word_index]]
                word_index += 1
                w = new(RowWord)
                space = tuple(coords[at : at + 4])
                w.space = None if space[0] != space[0] else space
                w.coords = coords[at + 4 : at + 4 + 4 * n]
                at += 4 + 4 * n
                if lengths is None:
                    w.texts = list(glyphs[text_at : text_at + n])
                    text_at += n
                else:
                    w.texts = []
                    for length in lengths[glyph_at : glyph_at + n]:
                        w.texts.append(glyphs[text_at : text_at + length])
                        text_at += length
                    glyph_at += n
                w.x0, w.top, w.bottom = w.coords[0], w.coords[1], w.coords[3]
                w.x1 = max(w.coords[2::4])
                w.size, w.style = style[0], style
                row.append(w)
            rows.append(row)
        return rows


def body_size_from(weights: Counter[float]) -> float:
    """The body type size: the size most characters are printed in."""
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
    boxes = CharBoxes()
    styles: Counter = Counter()
    last = len(words) - 1
    for i, w in enumerate(words):
        if i:
            parts.append(" ")
            boxes.append(w.space)
        texts = w.texts
        n = len(texts)
        text = "".join(texts)
        styles[w.style] += n
        if len(text) == n and not _SPECIAL.search(text):
            # Every glyph one plain character, the usual case: a word at a time.
            parts.append(text)
            boxes.coords.extend(w.coords)
            continue
        coords = w.coords
        for j, t in enumerate(texts):
            box = tuple(coords[4 * j : 4 * j + 4])
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
    size, fontname, bold, italic = styles.most_common(1)[0][0]
    return Line(
        text="".join(parts), boxes=boxes, x0=words[0].x0,
        top=min([w.top for w in words]),
        x1=words[-1].x1, bottom=max([w.bottom for w in words]),
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
