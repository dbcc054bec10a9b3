"""Page layout: characters -> lines -> blocks -> roles -> reading order -> text with provenance.

Everything works on the backend-neutral model (``model.Page``) and is pure: a list of pages in,
a ``LaidOut`` (text, role hints, per-character page and box) out. Steps 1 and 3 live in
``lines``, 2 in ``columns``, 4 in ``blocks`` and 5 in ``roles``; this module does 6 and 7 and
puts them together.

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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ...models import Role, RoleHint
from .provenance import CharPages, TextBoxes
from .blocks import INDENT_MIN_EM, PageLayout, TextBlock, Typography, blocks_of
from .columns import COLUMN_EDGE_TOL, detect_columns
from .lines import (PackedWords, attach_drop_caps, body_size_from, ends_hyphen, ends_sentence, lines_of,
                    rows_of, starts_bullet, words_of)
from .model import Line, Page, collector_paused
from .roles import FLOW_ROLES, assign_roles, mark_repeated_pull_quotes, typography

NON_BODY_ORDER = (
    Role.TITLE, Role.SUBTITLE, Role.LEDE, Role.BYLINE, Role.RUBRIC, Role.ISSUE,
    Role.PAGE_NUMBER, Role.PULL_QUOTE, Role.FURNITURE, Role.SIDEBAR,
)
DEDUPED_ROLES = frozenset({Role.FURNITURE, Role.ISSUE})


@dataclass(slots=True)
class LaidOut:
    """The reader's result: plain text, role hints and per-character provenance."""

    text: str
    hints: list[RoleHint]
    char_pages: CharPages
    char_boxes: TextBoxes
    blocks: list[TextBlock]
    page_count: int = 0


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
        self.pages = CharPages()
        self.boxes = TextBoxes()
        self.hints: list[RoleHint] = []
        self.length = 0

    def gap(self, text: str) -> None:
        self.parts.append(text)
        self.pages.extend_page(None, len(text))
        self.boxes.add_none(len(text))
        self.length += len(text)

    def line(self, line: Line) -> None:
        self.parts.append(line.text)
        self.boxes.add(line.boxes)
        self.pages.extend_boxed(line.page, line.boxes)
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
def analyse(pages: Iterable[Page]) -> tuple[list[PageLayout], Typography]:
    """Steps 1-5: lines, columns, blocks and roles of every page.

    Pages are taken one at a time and only their words are kept, not their characters: the
    memory a long document needs is that of its text and boxes, not of its glyphs.
    """
    read: list[tuple[Page, PackedWords]] = []
    weights: Counter[float] = Counter()
    for page in pages:
        packed = PackedWords([words_of(row) for row in rows_of(page.chars)])
        weights.update(packed.weights)
        read.append((replace(page, chars=[]), packed))
    body_size = body_size_from(weights)
    layouts = []
    read.reverse()
    while read:  # each page's words go as its lines are made
        page, packed = read.pop()
        rows_words = packed.unpack()
        columns = detect_columns(rows_words, body_size, page.width)
        lines = lines_of(rows_words, columns, page.number, page.width)
        layouts.append(PageLayout(page, columns, attach_drop_caps(lines, body_size)))
    typo = typography(layouts, body_size)
    for layout in layouts:
        layout.blocks = blocks_of(layout, typo)
    assign_roles(layouts, typo)
    return layouts, typo


def lay_out(pages: Iterable[Page]) -> LaidOut:
    """Read pages as a magazine article: body text in reading order, then everything else."""
    with collector_paused():  # lines, boxes and blocks: many objects, no cycles
        layouts, typo = analyse(pages)
        flow = reading_order(layouts)
        mark_repeated_pull_quotes(layouts, flow, typo)
        flow = reading_order(layouts)
        laid = render(flow, _non_body(layouts))
        laid.page_count = len(layouts)
        return laid
