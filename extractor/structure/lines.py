"""Printed lines and what their form says: furniture, bullet markers, column widths, end marks."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import regex

from ..datafiles import load_json, require_keys
from ..models import Role, RoleHint

# Roles a reader can give a line that keep it out of the body stream.
DISPLAY = Role.TITLE
"""Short display type (title, subtitle, kicker): ``structure`` decides which it is."""

# Headings and display type end without punctuation, or with a question mark ("Hoe verder?").
DISPLAY_FORBIDDEN_ENDS = ".,;:!"


@dataclass(frozen=True, slots=True)
class LayoutRules:
    byline: regex.Pattern
    rubric_labels: frozenset[str]
    running_headers: frozenset[str]
    link_lines: frozenset[str]
    page_end: regex.Pattern
    issue: regex.Pattern
    page_number: regex.Pattern
    bullet: regex.Pattern
    opening_quotes: str
    closing_quotes: str
    sentence_end: str
    inner_sentence_end: regex.Pattern
    clause_end: str
    wrapped_line_max: int
    wrapped_line_ends_max: float
    line_ends_min_lines: int
    region_lines: int
    short_line_ratio: float
    wide_line_ratio: float
    paragraph_end_ratio: float
    heading_max_words: int
    heading_width_ratio: float
    display_max_lines: int
    lede_max_lines: int
    unfinished_ends: frozenset[str]
    pull_quote_max_lines: int
    pull_quote_width_ratio: float


@lru_cache(maxsize=1)
def layout_rules() -> LayoutRules:
    data = require_keys(
        "layout.json",
        load_json("layout.json"),
        {"byline_prefixes", "rubric_labels", "running_headers", "issue_patterns", "bullet_markers"},
    )
    prefixes = "|".join(regex.escape(p) for p in sorted(data["byline_prefixes"], key=len, reverse=True))
    markers = "".join(regex.escape(m) for m in data["bullet_markers"])
    return LayoutRules(
        byline=regex.compile(rf"^(?:{prefixes}):?\s+\p{{Lu}}"),
        rubric_labels=frozenset(label.lower() for label in data["rubric_labels"]),
        running_headers=frozenset(h.lower() for h in data["running_headers"]),
        link_lines=frozenset(h.lower() for h in data["link_lines"]),
        page_end=regex.compile(
            r"^(?:%s)\b[^.!?:;]{0,40}$" % "|".join(regex.escape(h) for h in data["page_end_headings"]),
            regex.IGNORECASE,
        ),
        issue=regex.compile("|".join(data["issue_patterns"]), regex.IGNORECASE),
        page_number=regex.compile(data["page_number_pattern"]),
        bullet=regex.compile(rf"^[{markers}][ \t]+(?=\S)"),
        opening_quotes="".join(data["opening_quotes"]),
        closing_quotes="".join(data["closing_quotes"]),
        sentence_end=data["sentence_end"],
        inner_sentence_end=regex.compile(rf"\p{{Ll}}[{regex.escape(data['sentence_end'])}]\s+\p{{Lu}}"),
        clause_end=data["clause_end"],
        wrapped_line_max=data["wrapped_line_max"],
        wrapped_line_ends_max=data["wrapped_line_ends_max"],
        line_ends_min_lines=data["line_ends_min_lines"],
        region_lines=data["region_lines"],
        short_line_ratio=data["short_line_ratio"],
        wide_line_ratio=data["wide_line_ratio"],
        paragraph_end_ratio=data["paragraph_end_ratio"],
        heading_max_words=data["heading_max_words"],
        heading_width_ratio=data["heading_width_ratio"],
        display_max_lines=data["display_max_lines"],
        lede_max_lines=data["lede_max_lines"],
        unfinished_ends=frozenset(data["unfinished_ends"]),
        pull_quote_max_lines=data["pull_quote_max_lines"],
        pull_quote_width_ratio=data["pull_quote_width_ratio"],
    )


@dataclass(slots=True, eq=False)
class Line:
    start: int
    end: int
    text: str
    hint: Role | None = None
    hint_id: int | None = None
    furniture: Role | None = None
    """The role ``furniture_role`` gives the line by its form alone."""
    marked: bool = False
    """A bullet item whose marker stood on a line of its own (pdftotext)."""


def split_lines(text: str, hints: list[RoleHint] = ()) -> list[Line | None]:
    """Lines with their offsets (content stripped); ``None`` for a blank line."""
    lines: list[Line | None] = []
    position = 0
    ordered_hints = sorted(hints, key=lambda h: h.start)
    hint_index = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + (len(raw) - len(raw.lstrip()))
            line = Line(start, start + len(stripped), stripped, furniture=furniture_role(stripped))
            while hint_index < len(ordered_hints) and ordered_hints[hint_index].end <= line.start:
                hint_index += 1
            if hint_index < len(ordered_hints):
                hint = ordered_hints[hint_index]
                if hint.start < line.end and line.start < hint.end:
                    line.hint, line.hint_id = hint.role, hint_index
            lines.append(line)
        else:
            lines.append(None)
        position += len(raw) + 1
    return lines


def attach_lone_markers(lines: list[Line | None], rules: LayoutRules | None = None) -> list[Line | None]:
    """Join bullet markers that stand on lines of their own to their items.

    pdftotext sets a marker apart from its item ('•' / 'Verkeer: 22 procent'), or gives a run
    of markers followed by a run of items; each marker goes to the next item that starts a
    new line of thought. The marker lines themselves are dropped."""
    rules = rules or layout_rules()
    out: list[Line | None] = []
    i = 0
    while i < len(lines):
        if not _is_lone_marker(lines[i], rules):
            out.append(lines[i])
            i += 1
            continue
        markers = 0
        while i < len(lines) and (lines[i] is None or _is_lone_marker(lines[i], rules)):
            markers += lines[i] is not None
            i += 1
        run_end = i
        while run_end < len(lines) and lines[run_end] is not None and not _is_lone_marker(lines[run_end], rules):
            run_end += 1
        for line in _item_starts(lines[i:run_end], markers, rules):
            line.marked = True
    return out


def _is_lone_marker(line: Line | None, rules: LayoutRules) -> bool:
    return line is not None and len(line.text) == 1 and rules.bullet.match(line.text + " x") is not None


def _item_starts(run: list[Line], markers: int, rules: LayoutRules) -> list[Line]:
    """The first ``markers`` item starts in a run of lines: one line per item when the counts
    agree, else each capitalised line after a line that ends a clause."""
    if len(run) <= markers:
        return run
    shapes = LineShapes(rules)
    starts = [run[0]] + [
        line for previous, line in zip(run, run[1:]) if line.text[0].isupper() and shapes.ends(previous, rules.clause_end)
    ]
    return starts[:markers]


PAGE_FURNITURE = frozenset({Role.PAGE_NUMBER, Role.ISSUE, Role.FURNITURE})
"""What a page break prints between two lines of a paragraph."""


def is_page_furniture(text: str) -> bool:
    """A page number, issue line or running header by its form: a broken word may run past it."""
    return furniture_role(text) in PAGE_FURNITURE


def furniture_role(text: str, rules: LayoutRules | None = None) -> Role | None:
    """The role of a line that is page furniture by its form alone, else None."""
    rules = rules or layout_rules()
    lower = text.lower().strip()
    if rules.issue.match(text):
        return Role.ISSUE
    if rules.page_number.match(text):
        return Role.PAGE_NUMBER
    if rules.byline.match(text) and len(text.split()) <= 8 and text[-1] not in ".,;:":
        return Role.BYLINE
    if lower in rules.rubric_labels or lower in rules.running_headers:
        return Role.FURNITURE
    if lower.rstrip(" ›»>→.:") in rules.link_lines:
        return Role.FURNITURE  # a web page's link text: 'Lees meer ›'
    if text.isupper() and len(text.split()) <= 3 and sum(c.isalpha() for c in text) >= 4:
        return Role.RUBRIC
    return None


def _is_text_line(line: Line | None, following: Line | None) -> bool:
    """A line that shows the column width: substantial, not furniture, and not display type
    (no end mark with a capitalised line under it)."""
    if line is None or len(line.text) < 15 or line.furniture is not None:
        return False
    return not (line.text[-1].isalnum() and following is not None and following.text[0].isupper())


def region_widths(lines: list[Line | None], window: int) -> list[float]:
    """The column width around each line: the median of the nearest ``window`` text lines.

    A text may mix layouts (wrapped columns in one part, one paragraph per line in another),
    so each line is judged by its own region, never by one figure for the whole text."""
    shown = _text_lines(lines)
    if not shown:
        return [0.0] * len(lines)
    lengths = [len(lines[index].text) for index in shown]
    widths = []
    # The window only moves forward: keep it sorted, one line in and one out per step.
    low = 0
    ordered = sorted(lengths[:window])
    middle, odd = divmod(len(ordered), 2)
    for target in _window_starts(shown, len(lines), window):
        while low < target:
            del ordered[bisect.bisect_left(ordered, lengths[low])]
            bisect.insort(ordered, lengths[low + window])
            low += 1
        widths.append(ordered[middle] if odd else (ordered[middle - 1] + ordered[middle]) / 2)
    return widths


def region_line_ends(lines: list[Line | None], window: int, rules: LayoutRules | None = None) -> list[float]:
    """The share of the nearest ``window`` lines of prose that end a clause (an end mark).

    Wrapped text breaks its sentences anywhere, so few of its lines end in an end mark; copy
    with one paragraph per line ends nearly all of them so, however short its lines. The
    column width alone cannot tell the two apart in a short article with bullets and
    headings. Prose lines: at least 15 characters, neither furniture nor bullet items; a text
    with fewer than ``line_ends_min_lines`` of them tells nothing (0.0)."""
    rules = rules or layout_rules()
    prose = [index for index, line in enumerate(lines)
             if line is not None and len(line.text) >= 15 and line.furniture is None
             and not line.marked and rules.bullet.match(line.text) is None]
    if len(prose) < rules.line_ends_min_lines:
        return [0.0] * len(lines)  # too few lines to tell: the width decides
    closers, marks = rules.closing_quotes + ")", frozenset(rules.clause_end)  # a set: '' is in every string
    ends = [0, *accumulate(lines[index].text.rstrip(closers)[-1:] in marks for index in prose)]
    size = min(window, len(prose))
    return [(ends[low + size] - ends[low]) / size for low in _window_starts(prose, len(lines), window)]


def _text_lines(lines: list[Line | None]) -> list[int]:
    return [index for index, (line, nxt) in enumerate(zip(lines, [*lines[1:], None])) if _is_text_line(line, nxt)]


def _window_starts(shown: list[int], count: int, window: int) -> Iterator[int]:
    """For each of ``count`` lines, where its window of the nearest ``window`` text lines starts
    (an index into ``shown``, never falling as the line moves down)."""
    half = window // 2
    for index in range(count):
        centre = bisect.bisect_left(shown, index)
        yield max(0, min(centre - half, len(shown) - window))


class LineShapes:
    """What one line's form says, from the layout rules alone: end marks, display type, bullets."""

    def __init__(self, rules: LayoutRules):
        self.rules = rules

    def ends(self, line: Line, marks: str) -> bool:
        stripped = line.text.rstrip(self.rules.closing_quotes + ")")
        return bool(stripped) and stripped[-1] in marks

    def ends_unfinished(self, line: Line) -> bool:
        """'Aan de raadpleging hebben in': a line ending in a function word runs on."""
        return line.text.rsplit(None, 1)[-1].lower() in self.rules.unfinished_ends

    def is_bullet(self, line: Line) -> bool:
        return line.marked or self.rules.bullet.match(line.text) is not None

    def is_display_line(self, line: Line) -> bool:
        text = line.text
        return (
            text[-1] not in DISPLAY_FORBIDDEN_ENDS + self.rules.closing_quotes
            and not self.ends_unfinished(line)
            and len(text.split()) <= 2 * self.rules.heading_max_words
            and not self.is_bullet(line)
            and text[0] not in self.rules.opening_quotes
        )

    def closes_quote_inside(self, line: Line) -> bool:
        """A quote closes before the line ends ('zo’n' and 'collega’s' hold apostrophes)."""
        text = line.text
        return any(
            mark in self.rules.closing_quotes and not after.isalpha() for mark, after in zip(text, text[1:])
        )

    def holds_a_sentence(self, line: Line) -> bool:
        """A paragraph ends a sentence, at its end or inside (copy cut off mid-sentence)."""
        return self.ends(line, self.rules.clause_end) or self.rules.inner_sentence_end.search(line.text) is not None

