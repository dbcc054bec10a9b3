"""Page layout: characters -> lines -> blocks -> roles -> reading order -> text with provenance.

Everything here works on the backend-neutral model (``model.Page``) and is pure: a list of pages
in, a ``LaidOut`` (text, role hints, per-character page and box) out.

The steps, per document:

1. rows: characters that share a baseline, then words (split at spaces and visible gaps);
2. columns: per page, gutters are x-ranges that body-size words leave (nearly) empty;
3. lines: a row is cut at gutters, so each line sits in one column or spans several;
4. blocks: consecutive lines of a column (or of the spanning lines) with one style and no
   paragraph gap, bullet or paragraph end between them;
5. roles: from typography and position (title, lede, byline, headers, pull quotes, ...);
6. reading order: column by column, page by page; out-of-flow elements (pull quotes, boxes)
   that interrupt the columns do not cut them, unless the text clearly says otherwise;
   paragraphs and bullet items that run on into the next column or page are joined.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from ...models import BBox, Role, RoleHint
from .model import Char, Line, Page

# --- tuning constants (sizes in em are multiples of the font size) ---------------------------
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
BODY_SIZE_TOL = 0.12
"""Words within this share of the body size count as body type for column detection."""
GUTTER_MIN_WIDTH = 5.0
"""Points: a narrower empty x-range is a word space, not a gutter."""
GUTTER_ZERO_MIN_WIDTH_EM = 1.0
"""An x-range that no body word touches at all is a gutter when at least this wide."""
GUTTER_MAX_SHARE = 0.05
"""An x-range crossed by at most this share of body rows may still be a gutter (ledes cross)."""
CUT_MIN_GAP_EM = 0.8
"""A row is cut at a gutter only where its gap is wider than this: a title's word space in
large type can be as wide as a gutter."""
COLUMN_MIN_WIDTH_EM = 10.0
"""A body column is at least this wide; narrower 'columns' mean the gaps were word spaces."""
EDGE_COLUMN_MIN_WIDTH_EM = 4.0
"""The first or last column may look narrower: an article's last column can hold short lines."""
COLUMN_EDGE_TOL = 1.5
"""Points of slack when deciding that a line ends at its column's edge or sits in a gutter."""
PARA_GAP_EM = 0.3
"""Extra vertical space beyond the usual line gap that starts a new paragraph."""
INDENT_MIN_EM = 0.8
"""A first line indented this much more than the column edge starts a paragraph."""
SHORT_LINE_EM = 1.5
"""In justified text, a line ending this far before the column edge ends its paragraph."""
JUSTIFIED_SHARE = 0.5
"""A column is justified when at least this share of its body lines reach its right edge."""
SIZE_TOL = 0.6
"""Points: lines whose sizes differ more than this are different styles."""
HEADING_SCALE = 1.08
"""Type this much larger than the body (or bold type) may be a heading."""
HEADING_MAX_CHARS = 90
HEADING_MAX_LINES = 3
SUBTITLE_SCALE = 1.25
"""Short type at least this much larger than the body, above the first page's columns, is a
title or subtitle (the largest is the title)."""
TITLE_MAX_CHARS = 120
PULL_QUOTE_SCALE = 1.2
LEDE_MIN_CHARS = 60
SMALL_SCALE = 0.88
"""Type this much smaller than the body is captions, credits or a box, never body."""
SIDEBAR_MIN_CHARS = 80
MARGIN_SHARE = 0.06
"""The top and bottom this share of the page height are the margins (headers, footers)."""
REPEAT_TOL = 6.0
"""Points: the same text at about the same height on two pages is a running header/footer."""
BOX_MIN_SIZE = 24.0
"""Points: a filled/stroked rectangle at least this wide and high may frame a sidebar."""

DROP_CAP_SCALE = 2.0
"""A single letter this much larger than the body, beside a paragraph, is a drop cap."""
DROP_CAP_GAP_EM = 1.5

BULLETS = "•▪■●◦‣►"
SPACES = frozenset(" \xa0\t\u2002\u2003\u2009\u200a\u202f")
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
LINE_END_HYPHENS = {"\xad": "-", "\u2010": "-", "\u2011": "-"}
OPEN_QUOTES = "‘“'\"„‚«"
CLOSE_QUOTES = "’”'\"»"
TERMINAL = ".!?:…"
CLOSERS = "’”'\")]»"
ISSUE_LINE = re.compile(r"\bnr\.?\s*\d{1,4}\s*[|/·•–-]\s*(?:19|20)\d{2}\b", re.IGNORECASE)
PAGE_NUMBER_TEXT = re.compile(r"\d{1,4}")
BYLINE_TEXT = re.compile(
    r"(?:Tekst|Beeld|Foto|Foto's|Fotografie|Illustratie|Illustraties|Interview|Door)\s*:?\s+"
    r"(?=[A-ZÀ-Ý])",
)
"""A credit: the keyword, then a capitalised name ("Door 322 ambtenaren" is body text)."""
BYLINE_MAX_CHARS = 80
NON_BODY_ORDER = (
    Role.TITLE, Role.SUBTITLE, Role.LEDE, Role.BYLINE, Role.RUBRIC, Role.ISSUE,
    Role.PAGE_NUMBER, Role.PULL_QUOTE, Role.FURNITURE, Role.SIDEBAR,
)
FLOW_ROLES = frozenset({Role.BODY, Role.HEADING, Role.BULLET})
DEDUPED_ROLES = frozenset({Role.FURNITURE, Role.ISSUE})

_x0_key = itemgetter(1)


def _mid_key(c: Char) -> float:
    return c.top + c.bottom  # vertical centre, doubled: a sort key


# --- records -------------------------------------------------------------------------------
class _Word:
    __slots__ = ("x0", "x1", "chars", "space", "size")

    def __init__(self, char: Char, space: BBox | None):
        self.x0 = char.x0
        self.x1 = char.x1
        self.chars = [char]
        self.space = space
        self.size = char.size


@dataclass(frozen=True, slots=True)
class Columns:
    """The body columns of a page: ``edges[i] = (x0, x1)`` of column ``i``, left to right."""

    edges: tuple[tuple[float, float], ...]

    @property
    def count(self) -> int:
        return len(self.edges)

    def span(self, x0: float, x1: float) -> tuple[int, int] | None:
        """First and last column that ``[x0, x1]`` overlaps (by more than the edge slack)."""
        hit = [i for i, (a, b) in enumerate(self.edges)
               if min(x1, b) - max(x0, a) > COLUMN_EDGE_TOL or (a <= x0 and x1 <= b)]
        return (hit[0], hit[-1]) if hit else None


@dataclass(slots=True)
class TextBlock:
    """Consecutive lines that belong together: a paragraph, heading, bullet item, header, ..."""

    lines: list[Line]
    page: int
    column: int | None  # None: spans columns or sits outside them
    role: Role = Role.BODY
    continues: bool = False  # runs on from the previous flow block (no blank line between)
    edge: tuple[float, float] | None = None  # left and right edge of the block's column text

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    @property
    def size(self) -> float:
        weights = Counter()
        for line in self.lines:
            weights[line.size] += len(line.text)
        return weights.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def italic(self) -> bool:
        return all(line.italic for line in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines)


@dataclass(slots=True)
class PageLayout:
    page: Page
    columns: Columns
    lines: list[Line]
    blocks: list[TextBlock] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Typography:
    """Document-wide type facts the roles are judged against."""

    body_size: float
    body_bold: bool
    line_gap: float  # usual vertical space between two body lines of a paragraph


@dataclass(slots=True)
class LaidOut:
    """The reader's result: plain text, role hints and per-character provenance."""

    text: str
    hints: list[RoleHint]
    char_pages: list[int | None]
    char_boxes: list[BBox | None]
    blocks: list[TextBlock]


# --- 1. rows and words ------------------------------------------------------------------------
def rows_of(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into rows: glyphs of one type size whose vertical centres (nearly) agree.

    Glyphs of very different sizes never share a row, so a drop cap or a pull quote beside the
    body does not pull two body lines into one row.
    """
    rows: list[list[Char]] = []
    refs: list[tuple[float, float]] = []  # (centre, size) of each row's first glyph
    for c in sorted(chars, key=_mid_key):
        mid = (c.top + c.bottom) * 0.5
        size = c.size
        for k in range(len(rows) - 1, max(-1, len(rows) - 1 - OPEN_ROWS), -1):
            ref_mid, ref_size = refs[k]
            if abs(mid - ref_mid) <= ROW_TOL_EM * min(size, ref_size) and (
                    max(size, ref_size) <= ROW_SIZE_RATIO * min(size, ref_size)):
                rows[k].append(c)
                break
        else:
            rows.append([c])
            refs.append((mid, size))
    for row in rows:
        row.sort(key=_x0_key)
    return rows


def words_of(row: Sequence[Char]) -> list[_Word]:
    """Split a row (sorted by x) into words at space characters and at visible gaps."""
    words: list[_Word] = []
    word: _Word | None = None
    space: BBox | None = None
    prev: Char | None = None
    for c in row:
        if c.text in SPACES or c.text.isspace():
            if word is not None:
                word = None
                space = (c.x0, c.top, c.x1, c.bottom)
            continue
        if word is not None:
            gap = c.x0 - prev.x1
            if gap > WORD_GAP_EM * c.size:
                word = None
            elif (c.text == prev.text and abs(c.x0 - prev.x0) < DUPLICATE_TOL
                  and abs(c.top - prev.top) < DUPLICATE_TOL):
                continue  # the same glyph printed twice (fake bold)
        if word is None:
            word = _Word(c, space)
            words.append(word)
            space = None
        else:
            word.chars.append(c)
            if c.x1 > word.x1:
                word.x1 = c.x1
        prev = c
    return words


def body_size_of(pages_words: Iterable[Iterable[list[_Word]]]) -> float:
    """The body type size: the size most characters are printed in."""
    weights: Counter[float] = Counter()
    for rows in pages_words:
        for words in rows:
            for w in words:
                weights[round(w.size, 1)] += len(w.chars)
    return weights.most_common(1)[0][0] if weights else 10.0


# --- 2. columns -------------------------------------------------------------------------------
def detect_columns(rows_words: Sequence[Sequence[_Word]], body_size: float,
                   page_width: float) -> Columns:
    """Find the page's gutters from where body-size words leave the page empty."""
    width = int(page_width) + 2
    diff = [0] * (width + 1)
    body_rows = 0
    left, right = page_width, 0.0
    lo_size, hi_size = body_size * (1 - BODY_SIZE_TOL), body_size * (1 + BODY_SIZE_TOL)
    for words in rows_words:
        counted = False
        for w in words:
            if lo_size <= w.size <= hi_size:
                a, b = max(0, int(w.x0)), min(width - 1, int(w.x1))
                diff[a] += 1
                diff[b + 1] -= 1
                counted = True
                if w.x0 < left:
                    left = w.x0
                if w.x1 > right:
                    right = w.x1
        body_rows += counted
    if body_rows == 0 or right <= left:
        return Columns(((0.0, page_width),))
    coverage = []
    running = 0
    for d in diff[:width]:
        running += d
        coverage.append(running)
    a, b = int(left) + 1, int(right)
    gutters = _runs(coverage, a, b, max(0, int(GUTTER_MAX_SHARE * body_rows)), GUTTER_MIN_WIDTH)
    gutters += _runs(coverage, a, b, 0, GUTTER_ZERO_MIN_WIDTH_EM * body_size)
    gutters = _plausible(_merge(sorted(gutters)), left, right, COLUMN_MIN_WIDTH_EM * body_size,
                         EDGE_COLUMN_MIN_WIDTH_EM * body_size)
    edges = []
    x = left
    for g0, g1 in gutters:
        edges.append((x, float(g0)))
        x = float(g1)
    edges.append((x, right))
    return Columns(tuple(edges))


def _runs(coverage: list[int], start: int, stop: int, limit: int, min_width: float) -> list[tuple[int, int]]:
    """Interior runs of bins ``[start, stop)`` with coverage <= ``limit``, at least ``min_width`` wide."""
    runs = []
    run_start = None
    for x in range(start, stop):
        if coverage[x] <= limit:
            if run_start is None:
                run_start = x
        elif run_start is not None:
            if x - run_start >= min_width:
                runs.append((run_start, x))
            run_start = None
    return runs  # a run still open at ``stop`` touches the text's right edge: not a gutter


def _plausible(gutters: list[tuple[int, int]], left: float, right: float, min_column: float,
               min_edge_column: float) -> list[tuple[int, int]]:
    """Keep the widest gutters that leave every column wide enough to be a column."""
    kept: list[tuple[int, int]] = []
    for gutter in sorted(gutters, key=lambda g: g[0] - g[1]):
        trial = sorted(kept + [gutter])
        edges = [left] + [x for g in trial for x in g] + [right]
        widths = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
        if (min(widths[0], widths[-1]) >= min_edge_column
                and all(w >= min_column for w in widths[1:-1])):
            kept = trial
    return kept


def _merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in runs:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# --- 3. lines ---------------------------------------------------------------------------------
def lines_of(rows_words: Sequence[Sequence[_Word]], columns: Columns, page: int,
             page_width: float) -> list[Line]:
    """Cut each row at the gutters (and at very wide gaps) into printed lines."""
    big_gap = BIG_GAP_SHARE * page_width
    cuts = [(columns.edges[i][1], columns.edges[i + 1][0]) for i in range(columns.count - 1)]
    lines: list[Line] = []
    for words in rows_words:
        piece: list[_Word] = []
        for w in words:
            if piece:
                prev = piece[-1]
                gap = w.x0 - prev.x1
                if gap > big_gap or any(
                    min(w.x0, g1) - max(prev.x1, g0) >= max(GUTTER_MIN_WIDTH, 0.5 * (g1 - g0))
                    and gap >= CUT_MIN_GAP_EM * max(w.size, prev.size)
                    for g0, g1 in cuts
                ):  # the gap covers most of a gutter and is wider than a word space
                    lines.append(make_line(piece, page))
                    piece = []
            piece.append(w)
        if piece:
            lines.append(make_line(piece, page))
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def make_line(words: Sequence[_Word], page: int) -> Line:
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
        top=min(c.top for w in words for c in w.chars[:1]),
        x1=words[-1].x1, bottom=max(c.bottom for w in words for c in w.chars[:1]),
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


# --- 4. blocks --------------------------------------------------------------------------------
def usual_line_gap(layouts: Sequence[PageLayout], body_size: float) -> float:
    """Median vertical gap between consecutive body lines of one column."""
    gaps = []
    for layout in layouts:
        by_column: dict[int, list[Line]] = {}
        for line in layout.lines:
            if abs(line.size - body_size) <= SIZE_TOL:
                span = layout.columns.span(line.x0, line.x1)
                if span and span[0] == span[1]:
                    by_column.setdefault(span[0], []).append(line)
        for lines in by_column.values():
            for a, b in zip(lines, lines[1:]):
                gap = b.top - a.bottom
                if 0 <= gap < 2 * body_size:
                    gaps.append(gap)
    if not gaps:
        return 0.25 * body_size
    gaps.sort()
    return gaps[len(gaps) // 2]


def blocks_of(layout: PageLayout, typo: Typography) -> list[TextBlock]:
    """Group a page's lines into blocks, stream by stream (each column, then spanning lines)."""
    streams: dict[int | None, list[Line]] = {}
    keys = []
    for line in layout.lines:
        span = layout.columns.span(line.x0, line.x1)
        keys.append(span[0] if span and span[0] == span[1] else None)
    _attach_to_spans(layout.lines, keys, typo)
    for line, key in zip(layout.lines, keys):
        streams.setdefault(key, []).append(line)
    blocks: list[TextBlock] = []
    for key, lines in streams.items():
        body = [line for line in lines if abs(line.size - typo.body_size) <= SIZE_TOL] or lines
        edge = (min(line.x0 for line in body), max(line.x1 for line in body))
        justified = key is not None and _is_justified(lines, edge, typo.body_size)
        current: list[Line] = []
        for line in lines:
            if current and _breaks(current, line, edge, justified, typo):
                blocks.append(TextBlock(current, layout.page.number, key, edge=edge))
                current = []
            current.append(line)
        if current:
            blocks.append(TextBlock(current, layout.page.number, key, edge=edge))
    blocks.sort(key=lambda b: (b.top, b.x0))
    return blocks


def _attach_to_spans(lines: Sequence[Line], keys: list[int | None], typo: Typography) -> None:
    """Give a spanning paragraph back its lines that happen to fit in one column.

    A title's short first line or a lede's short last line sits inside one column. Such a line
    joins the spanning lines when it is at the usual line gap above or below a spanning line of
    its style, starting at the same left edge or centred under it (a pull quote). Body-size lines
    must also have no line of their style next to them in their own column, so a lede never
    swallows the column below it.
    """
    span_styles = {(round(l.size), l.bold, l.italic) for l, k in zip(lines, keys) if k is None}
    candidates = [i for i, (l, k) in enumerate(zip(lines, keys))
                  if k is not None and (round(l.size), l.bold, l.italic) in span_styles]
    changed = bool(candidates)
    while changed:
        changed = False
        for i in candidates:
            if keys[i] is None:
                continue
            line = lines[i]
            near = [j for j in _near(lines, i) if _same_style(line, lines[j])
                    and (_adjacent(lines[j], line, typo) or _adjacent(line, lines[j], typo))]
            if not any(keys[j] is None and _aligned(line, lines[j]) for j in near):
                continue
            if abs(line.size - typo.body_size) <= SIZE_TOL and any(keys[j] == keys[i] for j in near):
                continue
            keys[i] = None
            changed = True


def _near(lines: Sequence[Line], i: int) -> Iterable[int]:
    """Indices of the lines (sorted by top) within a few line heights of line ``i``."""
    reach = 3 * lines[i].size
    top = lines[i].top
    j = i - 1
    while j >= 0 and top - lines[j].top <= reach:
        yield j
        j -= 1
    j = i + 1
    while j < len(lines) and lines[j].top - top <= reach:
        yield j
        j += 1


def _aligned(a: Line, b: Line) -> bool:
    """Same left edge, or centred on each other."""
    return (abs(a.x0 - b.x0) <= COLUMN_EDGE_TOL
            or abs((a.x0 + a.x1) - (b.x0 + b.x1)) <= 2 * COLUMN_EDGE_TOL)


def _same_style(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= SIZE_TOL and a.bold == b.bold and a.italic == b.italic


def _adjacent(upper: Line, lower: Line, typo: Typography) -> bool:
    gap = lower.top - upper.bottom
    return -0.5 * lower.size <= gap <= typo.line_gap + PARA_GAP_EM * max(upper.size, lower.size)


def _is_justified(lines: Sequence[Line], edge: tuple[float, float], body_size: float) -> bool:
    body = [line for line in lines if abs(line.size - body_size) <= SIZE_TOL]
    if not body:
        return False
    flush = sum(1 for line in body if line.x1 >= edge[1] - COLUMN_EDGE_TOL)
    return flush >= JUSTIFIED_SHARE * len(body)


def _breaks(block: list[Line], line: Line, edge: tuple[float, float], justified: bool,
            typo: Typography) -> bool:
    """Does ``line`` start a new block after the lines of ``block``?"""
    prev = block[-1]
    size = max(prev.size, line.size)
    if line.top < prev.bottom - 0.5 * size:
        return True  # side by side on one row: two items
    if min(line.x1, prev.x1) <= max(line.x0, prev.x0):
        return True  # no horizontal overlap
    if abs(prev.size - line.size) > SIZE_TOL or prev.bold != line.bold or prev.italic != line.italic:
        return True
    if line.top - prev.bottom > typo.line_gap + PARA_GAP_EM * size:
        return True
    if starts_bullet(line.text):
        return True
    if starts_bullet(block[0].text):
        # bullet items go on at (about) the text's indent; a line back at the bullet ends the item
        return line.x0 < (block[0].x0 + _bullet_indent(block[0])) / 2
    if justified and prev.x1 < edge[1] - SHORT_LINE_EM * size and ends_sentence(prev.text):
        return True
    at_edge = abs(prev.x0 - edge[0]) <= COLUMN_EDGE_TOL
    if at_edge and line.x0 - edge[0] >= INDENT_MIN_EM * size:
        return True  # first-line indent
    return False


def starts_bullet(text: str) -> bool:
    return len(text) > 1 and text[0] in BULLETS


def _bullet_indent(line: Line) -> float:
    """x where a bullet item's text starts (after the bullet and its space)."""
    for ch, box in zip(line.text[1:], line.boxes[1:]):
        if ch != " " and box is not None:
            return box[0]
    return line.x0


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in TERMINAL


def ends_hyphen(text: str) -> bool:
    text = text.rstrip()
    return len(text) > 1 and text[-1] == "-" and text[-2].isalpha()


# --- 5. roles ---------------------------------------------------------------------------------
def typography(layouts: Sequence[PageLayout], body_size: float) -> Typography:
    bold = Counter()
    for layout in layouts:
        for line in layout.lines:
            if abs(line.size - body_size) <= SIZE_TOL:
                bold[line.bold] += len(line.text)
    return Typography(
        body_size=body_size,
        body_bold=bool(bold) and bold.most_common(1)[0][0],
        line_gap=usual_line_gap(layouts, body_size),
    )


def assign_roles(layouts: Sequence[PageLayout], typo: Typography) -> None:
    """Give every block its role, from typography, position and repetition across pages."""
    body = typo.body_size
    repeated = _repeated_texts(layouts)
    first = next((layout for layout in layouts if layout.blocks), None)
    for layout in layouts:
        height = layout.page.height
        columns_top = _columns_top(layout, typo)
        body_top, body_bottom = _body_extent(layout, typo)
        for block in layout.blocks:
            text = block.text.strip()
            size = block.size
            in_margin = ((block.bottom <= height * MARGIN_SHARE and block.bottom <= body_top)
                         or (block.top >= height * (1 - MARGIN_SHARE) and block.top >= body_bottom))
            key = (_normalise_digits(text), round(block.top / REPEAT_TOL))
            big = size >= PULL_QUOTE_SCALE * body
            if ISSUE_LINE.search(text) and len(text) <= 60:
                block.role = Role.ISSUE
            elif PAGE_NUMBER_TEXT.fullmatch(text) and (in_margin or key in repeated):
                block.role = Role.PAGE_NUMBER
            elif (BYLINE_TEXT.match(text) and size <= body * HEADING_SCALE and text[-1] != "."
                  and all(len(line.text) <= BYLINE_MAX_CHARS for line in block.lines)):
                block.role = Role.BYLINE
            elif size <= body * (1 + BODY_SIZE_TOL) and (in_margin or key in repeated):
                block.role = Role.FURNITURE
            elif _quoted(text) and (big or (block.italic and block.column is None)):
                block.role = Role.PULL_QUOTE
            elif layout is first and block.bottom <= columns_top + COLUMN_EDGE_TOL:
                block.role = _opening_role(block, typo)
            elif _in_box(block, layout.page):
                block.role = Role.SIDEBAR
            elif size < body * SMALL_SCALE:
                block.role = Role.SIDEBAR if block.chars >= SIDEBAR_MIN_CHARS else Role.FURNITURE
            elif starts_bullet(text):
                block.role = Role.BULLET
            elif _is_heading(block, typo):
                block.role = Role.HEADING
            else:
                block.role = Role.BODY
    if first is not None:
        _rank_titles(first, typo)
        _first_column_lede(first, typo)


def _opening_role(block: TextBlock, typo: Typography) -> Role:
    """Role of a block above the columns on the first page (title, subtitle, lede, rubric)."""
    if block.size >= SUBTITLE_SCALE * typo.body_size and block.chars <= TITLE_MAX_CHARS:
        return Role.TITLE  # title or subtitle: ``_rank_titles`` decides
    if block.chars < LEDE_MIN_CHARS and len(block.text.split()) <= 4:
        return Role.RUBRIC
    return Role.LEDE


def _rank_titles(layout: PageLayout, typo: Typography) -> None:
    """The largest (then topmost) opening type is the title; other large type is a subtitle."""
    candidates = [b for b in layout.blocks if b.role is Role.TITLE]
    if not candidates:
        return
    title = min(candidates, key=lambda b: (-round(b.size / SIZE_TOL), b.top))
    for block in candidates:
        if block is not title:
            block.role = Role.SUBTITLE


def _first_column_lede(layout: PageLayout, typo: Typography) -> None:
    """Without a lede above the columns, a long bold first paragraph in the columns is the lede."""
    if any(b.role is Role.LEDE for b in layout.blocks) or typo.body_bold:
        return
    flow = [b for b in layout.blocks if b.role in FLOW_ROLES]
    if flow and flow[0].bold and flow[0].chars >= LEDE_MIN_CHARS:
        flow[0].role = Role.LEDE


def _body_lines(layout: PageLayout, typo: Typography) -> list[TextBlock]:
    return [b for b in layout.blocks
            if b.column is not None and abs(b.size - typo.body_size) <= SIZE_TOL
            and b.bold == typo.body_bold and b.chars >= LEDE_MIN_CHARS // 2]


def _body_extent(layout: PageLayout, typo: Typography) -> tuple[float, float]:
    """Top and bottom of the page's body text (nothing in between is a margin)."""
    blocks = _body_lines(layout, typo)
    if not blocks:
        return layout.page.height, 0.0
    return min(b.top for b in blocks), max(b.bottom for b in blocks)


def _columns_top(layout: PageLayout, typo: Typography) -> float:
    """Top of the page's body columns: the first regular body-size paragraph inside one column."""
    return _body_extent(layout, typo)[0]


def _is_heading(block: TextBlock, typo: Typography) -> bool:
    text = block.text.strip()
    if not text or len(block.lines) > HEADING_MAX_LINES or len(text) > HEADING_MAX_CHARS:
        return False
    if text[-1] in ",;" or not (text[0].isupper() or text[0].isdigit() or text[0] in OPEN_QUOTES):
        return False
    emphasised = block.bold and not typo.body_bold
    return emphasised or block.size >= HEADING_SCALE * typo.body_size


def _quoted(text: str) -> bool:
    text = text.strip()
    return len(text) > 2 and text[0] in OPEN_QUOTES and text[-1] in CLOSE_QUOTES


def _in_box(block: TextBlock, page: Page) -> bool:
    for x0, top, x1, bottom in page.rects:
        if x1 - x0 < BOX_MIN_SIZE or bottom - top < BOX_MIN_SIZE:
            continue
        if x1 - x0 >= 0.9 * page.width and bottom - top >= 0.9 * page.height:
            continue  # a page background
        if (x0 - 1 <= block.x0 and block.x1 <= x1 + 1 and top - 1 <= block.top
                and block.bottom <= bottom + 1):
            return True
    return False


def _normalise_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _repeated_texts(layouts: Sequence[PageLayout]) -> set[tuple[str, int]]:
    """(text with digits masked, height bucket) seen on at least two pages: running headers."""
    if len(layouts) < 2:
        return set()
    seen: dict[tuple[str, int], set[int]] = {}
    for layout in layouts:
        for block in layout.blocks:
            if len(block.lines) <= 2:
                key = (_normalise_digits(block.text.strip()), round(block.top / REPEAT_TOL))
                seen.setdefault(key, set()).add(layout.page.number)
    return {key for key, pages in seen.items() if len(pages) >= 2}


def mark_repeated_pull_quotes(layouts: Sequence[PageLayout], flow: Sequence[TextBlock],
                              typo: Typography) -> None:
    """Large or italic type that repeats a body sentence is a pull quote, quoted or not."""
    body_text = _letters(" ".join(b.text for b in flow if b.role is Role.BODY))
    for layout in layouts:
        for block in layout.blocks:
            if block.role in FLOW_ROLES and block.role is not Role.BULLET and (
                    block.size >= PULL_QUOTE_SCALE * typo.body_size or block.italic):
                letters = _letters(block.text)
                if len(letters) >= 12 and letters in body_text:
                    block.role = Role.PULL_QUOTE


def _letters(text: str) -> str:
    text = re.sub(r"-\n", "", text)
    return " ".join(re.findall(r"\w+", text.lower()))


# --- 6. reading order -------------------------------------------------------------------------
def reading_order(layouts: Sequence[PageLayout]) -> list[TextBlock]:
    """The flow blocks (body, headings, bullets) in reading order, with run-ons marked."""
    flow: list[TextBlock] = []
    for layout in layouts:
        segments = _page_segments(layout)
        for segment in segments:
            for i, block in enumerate(segment):
                block.continues = False
                if i == 0 and flow:
                    block.continues = _runs_on(flow[-1], block)
                flow.append(block)
    return flow


def _page_segments(layout: PageLayout) -> list[list[TextBlock]]:
    """Runs of flow blocks, in order: bands between spanning flow blocks, columns within a band."""
    blocks = [b for b in layout.blocks if b.role in FLOW_ROLES]
    if not blocks:
        return []
    spanning = sorted((b for b in blocks if b.column is None), key=lambda b: b.top)
    interrupters = [b for b in layout.blocks if b.role not in FLOW_ROLES and b.column is None]
    segments: list[list[TextBlock]] = []
    band_top = float("-inf")
    for splitter in spanning + [None]:
        band_bottom = splitter.top if splitter is not None else float("inf")
        band = [b for b in blocks if b.column is not None and band_top <= b.top < band_bottom]
        segments.extend(_band_order(band, interrupters, layout.columns.count))
        if splitter is not None:
            segments.append([splitter])
            band_top = splitter.top
    return [s for s in segments if s]


def _band_order(band: list[TextBlock], interrupters: list[TextBlock], ncols: int) -> list[list[TextBlock]]:
    """Column by column; where out-of-flow elements cut the columns, let the text decide."""
    by_col = [sorted((b for b in band if b.column == c), key=lambda b: b.top) for c in range(ncols)]
    cuts = sorted({(i.top + i.bottom) / 2 for i in interrupters
                   if any(col and col[0].top < i.top and col[-1].bottom > i.bottom for col in by_col)})
    if not cuts:
        return [col for col in by_col if col]
    pieces = [[[b for b in col if lo <= b.top < hi] for lo, hi in _intervals(cuts)] for col in by_col]
    column_first = [p for col in pieces for p in col if p]
    band_first = [pieces[c][k] for k in range(len(cuts) + 1) for c in range(ncols) if pieces[c][k]]
    if _continuity(band_first) > _continuity(column_first):
        return band_first
    return column_first


def _intervals(cuts: list[float]) -> list[tuple[float, float]]:
    edges = [float("-inf")] + cuts + [float("inf")]
    return list(zip(edges, edges[1:]))


def _continuity(order: list[list[TextBlock]]) -> int:
    """How well each piece's last line leads into the next piece's first line."""
    score = 0
    for a, b in zip(order, order[1:]):
        score += join_score(a[-1].lines[-1].text, b[0].lines[0].text)
    return score


def join_score(last: str, first: str) -> int:
    """Evidence that ``first`` continues the text that ``last`` ends (higher: more likely)."""
    first = first.lstrip()
    lower = bool(first) and first[0].islower()
    if ends_hyphen(last):
        return 3 if lower else 0
    if ends_sentence(last):
        return -1 if lower else 1
    return 2 if lower else -1


def _runs_on(prev: TextBlock, block: TextBlock) -> bool:
    """Does ``block`` (first of a column or page) continue ``prev`` (last of the previous one)?"""
    if block.role is not Role.BODY or prev.role not in (Role.BODY, Role.BULLET):
        return False
    first = block.lines[0]
    last = prev.lines[-1]
    edge = block.edge or (block.x0, block.x1)
    indented = first.x0 - edge[0] >= INDENT_MIN_EM * first.size
    if prev.role is Role.BULLET:
        return indented and not starts_bullet(first.text)
    if indented:
        return False
    if not ends_sentence(last.text):
        return True
    prev_right = (prev.edge or (prev.x0, prev.x1))[1]
    return last.x1 >= prev_right - COLUMN_EDGE_TOL and len(prev.lines) > 1  # a full justified line


# --- 7. text ----------------------------------------------------------------------------------
class _TextBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pages: list[int | None] = []
        self.boxes: list[BBox | None] = []
        self.hints: list[RoleHint] = []
        self.length = 0

    def gap(self, text: str) -> None:
        self.parts.append(text)
        self.pages.extend([None] * len(text))
        self.boxes.extend([None] * len(text))
        self.length += len(text)

    def line(self, line: Line) -> None:
        self.parts.append(line.text)
        self.boxes.extend(line.boxes)
        page = line.page
        self.pages.extend([page if b is not None else None for b in line.boxes])
        self.length += len(line.text)

    def block(self, block: TextBlock, hinted: bool) -> None:
        start = self.length
        for i, line in enumerate(block.lines):
            if i:
                self.gap("\n")
            self.line(line)
        if hinted:
            self.hints.append(RoleHint(start, self.length, block.role))


def render(flow: Sequence[TextBlock], others: Sequence[TextBlock]) -> LaidOut:
    """Body first (blank line between blocks, none where a block runs on), then the rest."""
    out = _TextBuilder()
    for i, block in enumerate(flow):
        if i:
            out.gap("\n" if block.continues else "\n\n")
        out.block(block, hinted=block.role is Role.HEADING)
    for block in others:
        if out.length:
            out.gap("\n\n")
        out.block(block, hinted=True)
    if out.length:
        out.gap("\n")
    return LaidOut(
        text="".join(out.parts), hints=out.hints, char_pages=out.pages, char_boxes=out.boxes,
        blocks=list(flow) + list(others),
    )


def _non_body(layouts: Sequence[PageLayout]) -> list[TextBlock]:
    """Everything outside the flow, in a fixed role order; byline lines one block each."""
    found: dict[Role, list[TextBlock]] = {role: [] for role in NON_BODY_ORDER}
    seen: set[tuple[Role, str]] = set()
    for layout in layouts:
        for block in layout.blocks:
            if block.role in FLOW_ROLES:
                continue
            parts = ([TextBlock([line], block.page, block.column, block.role) for line in block.lines]
                     if block.role is Role.BYLINE else [block])
            for part in parts:
                key = (part.role, part.text)
                if part.role in DEDUPED_ROLES and key in seen:
                    continue
                seen.add(key)
                found.setdefault(part.role, []).append(part)
    return [block for role in NON_BODY_ORDER for block in found.get(role, [])]


# --- the whole layout -------------------------------------------------------------------------
def analyse(pages: Sequence[Page]) -> tuple[list[PageLayout], Typography]:
    """Steps 1-5: lines, columns, blocks and roles of every page."""
    pages_rows = [[words_of(row) for row in rows_of(page.chars)] for page in pages]
    body_size = body_size_of(pages_rows)
    layouts = []
    for page, rows_words in zip(pages, pages_rows):
        columns = detect_columns(rows_words, body_size, page.width)
        lines = lines_of(rows_words, columns, page.number, page.width)
        layouts.append(PageLayout(page, columns, attach_drop_caps(lines, body_size)))
    typo = typography(layouts, body_size)
    for layout in layouts:
        layout.blocks = blocks_of(layout, typo)
    assign_roles(layouts, typo)
    return layouts, typo


def lay_out(pages: Sequence[Page]) -> LaidOut:
    """Read pages as a magazine article: body text in reading order, then everything else."""
    layouts, typo = analyse(pages)
    flow = reading_order(layouts)
    mark_repeated_pull_quotes(layouts, flow, typo)
    flow = reading_order(layouts)
    return render(flow, _non_body(layouts))
