"""Lines -> blocks: consecutive lines of one column (or spanning lines) that belong together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...models import Role
from .columns import COLUMN_EDGE_TOL, Columns
from .lines import ends_sentence, starts_bullet
from .model import Line, Page

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
    centred = abs((prev.x0 + prev.x1) - (line.x0 + line.x1)) <= 2 * COLUMN_EDGE_TOL
    if at_edge and line.x0 - edge[0] >= INDENT_MIN_EM * size and not centred:
        return True  # first-line indent; centred type (a pull quote's second line) steps in on both sides
    return False


def _bullet_indent(line: Line) -> float:
    """x where a bullet item's text starts (after the bullet and its space)."""
    for ch, box in zip(line.text[1:], line.boxes[1:]):
        if ch != " " and box is not None:
            return box[0]
    return line.x0
