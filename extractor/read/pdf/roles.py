"""Blocks -> roles: title, lede, byline, headers, pull quotes, ... from typography and position."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ...models import Role
from .blocks import SIZE_TOL, PageLayout, TextBlock, Typography, usual_line_gap
from .columns import BODY_SIZE_TOL, COLUMN_EDGE_TOL
from .lines import starts_bullet
from .model import Page

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
OPEN_QUOTES = "‘“'\"„‚«"
CLOSE_QUOTES = "’”'\"»"
ISSUE_LINE = re.compile(r"\bnr\.?\s*\d{1,4}\s*[|/·•–-]\s*(?:19|20)\d{2}\b", re.IGNORECASE)
PAGE_NUMBER_TEXT = re.compile(r"\d{1,4}")
BYLINE_TEXT = re.compile(
    r"(?:Tekst|Beeld|Foto|Foto's|Fotografie|Illustratie|Illustraties|Interview|Door)\s*:?\s+"
    r"(?=[A-ZÀ-Ý])",
)
"""A credit: the keyword, then a capitalised name ("Door 322 ambtenaren" is body text)."""
BYLINE_MAX_CHARS = 80
FLOW_ROLES = frozenset({Role.BODY, Role.HEADING, Role.BULLET})


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
