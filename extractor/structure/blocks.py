"""Rebuild blocks from printed lines: paragraphs, bullet items, headings, display type, furniture."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..models import Block, Role, RoleHint
from ..text.offsets import TextBuilder
from .lines import (
    DISPLAY,
    DISPLAY_FORBIDDEN_ENDS,
    LayoutRules,
    Line,
    PAGE_FURNITURE,
    LineShapes,
    attach_lone_markers,
    layout_rules,
    region_line_ends,
    region_widths,
    split_lines,
)
from .lookahead import Lookahead

_NON_BODY_HINTS = frozenset(Role) - {Role.BODY, Role.BULLET, Role.HEADING}
_SPACE_RUN = regex.compile(r"\S+")
_ODD_SPACE = regex.compile(r"\s\s|[^\S ]")


@dataclass(slots=True)
class _Draft:
    role: Role
    lines: list[Line] = field(default_factory=list)
    reason: str = ""


class Why:
    """Why a block got its role (the ``reason`` of a ``Block``), as hyphenation repairs say why."""

    HINTED = "marked by the reader (PDF layout or HTML markup)"
    FORM = {
        Role.ISSUE: "issue line by its form",
        Role.PAGE_NUMBER: "a page number alone on its line",
        Role.BYLINE: "starts with a byline cue (Tekst, Beeld, Foto, Door)",
        Role.FURNITURE: "a running header, rubric label or link text",
        Role.RUBRIC: "a short line in capitals",
    }
    PAGE_END = "after a page-end heading: other articles' teasers"
    TITLE_BLOCK = "display line at the top, followed by a new element"
    DISPLAY = "display type standing alone, without end mark"
    LEDE_ABOVE_BYLINE = "paragraph under the title that ends right above the byline"
    WIDE_LINES = "lines wider than the column around them, outside a paragraph"
    PULL_QUOTE = "quoted lines set apart, followed by a new element"
    QUOTE_IN_FLOW = "quoted sentence between two sentences of a paragraph"
    MARKER = "bullet marker"
    LONE_MARKER = "bullet marker on a line of its own"
    HEADING = "short line without end mark after a finished sentence, followed by text"
    PARAGRAPH_HEADING = "short line without end mark before a paragraph that starts a sentence"
    BODY = "running text"


def build_blocks(text: str, hints: list[RoleHint] = ()) -> list[Block]:
    """Rebuild blocks from the lines of repaired article text, in input order."""
    rules = layout_rules()
    return _BlockBuilder(text, attach_lone_markers(split_lines(text, hints), rules), rules).run()


class _BlockBuilder:
    """The line-by-line state machine behind ``build_blocks``."""

    def __init__(self, text: str, lines: list[Line | None], rules: LayoutRules):
        self.lines = lines
        self.rules = rules
        self.shapes = LineShapes(rules)
        self.ahead = Lookahead(lines, rules, self.shapes)
        self.widths = region_widths(lines, rules.region_lines)
        self.line_ends = region_line_ends(lines, rules.region_lines, rules)
        # A layout-aware reader hints every heading and non-body block; then guessing from
        # line shapes would only turn wrapped body lines into headings.
        self.guess_roles = not any(line is not None and line.hint for line in lines)
        self.width = 0.0  # of the region around the current line, set at every step
        self.wrapped = False
        self.out = _Emitted(text, rules)
        self.body: _Draft | None = None
        self.lede: _Draft | None = None
        self.gap = False
        self.gap_since_display = False
        self.last_was_lede = False
        self.page_break = self.after_page_break = False  # page furniture just before the line

    def run(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.close_body()
        self.close_lede()
        return self.out.blocks

    def step(self, i: int) -> int:
        """Decide the line at ``i`` (and maybe some after it); the index of the next undecided line."""
        line = self.lines[i]
        # Wrapped columns or one paragraph per line: decided by the region around the line.
        self.width = self.widths[i]
        self.wrapped = (self.guess_roles and 0 < self.width <= self.rules.wrapped_line_max
                        and self.line_ends[i] <= self.rules.wrapped_line_ends_max)
        if line is None:
            self.gap = self.gap_since_display = True
            return i + 1
        self.after_page_break, self.page_break = self.page_break, False
        return (
            self.hinted(i)
            or self.furniture(i)
            or (self.guess_roles and not self.in_body() and self.front_matter(i))
            or self.bullet(i)
            or self.set_apart(i)
            or self.running_text(i)
        )

    def hinted(self, i: int) -> int | None:
        """A role the reader marked (PDF layout, HTML markup) stands."""
        line = self.lines[i]
        if line.hint in _NON_BODY_HINTS:
            end = i + 1
            while end < len(self.lines) and (self.lines[end] is None or self.lines[end].hint_id == line.hint_id):
                end += 1
            group = [ln for ln in self.lines[i:end] if ln is not None and ln.hint_id == line.hint_id]
            self.emit(line.hint, group, Why.HINTED)
            self.gap = True
            return end
        if line.hint == Role.HEADING:
            self.close_body()
            self.emit(Role.HEADING, [line], Why.HINTED)
            return i + 1
        return None

    def furniture(self, i: int) -> int | None:
        """Page furniture by its form, and a page-end heading that starts other articles' teasers."""
        line = self.lines[i]
        if self.guess_roles and self.after_body_text() and self.rules.page_end.match(line.text):
            return self.page_end(i)
        role = line.furniture if self.guess_roles else None
        if role == Role.RUBRIC and self.is_heading(i):
            role = None  # a heading set in capitals ('PRAKTIJK') runs straight into its text
        if role is None:
            return None
        self.emit(role, [line], Why.FORM[role])
        self.gap = True
        self.page_break = role in PAGE_FURNITURE
        return i + 1

    def bullet(self, i: int) -> int | None:
        line = self.lines[i]
        if line.hint == Role.BODY and self.body and self.body.lines[-1].hint_id != line.hint_id:
            self.close_body()  # a reader that knows where paragraphs end (HTML) says so
        if not self.shapes.is_bullet(line):
            return None
        self.close_body()
        self.body = _Draft(Role.BULLET, [line], Why.LONE_MARKER if line.marked else Why.MARKER)
        self.gap = self.last_was_lede = False
        return i + 1

    def set_apart(self, i: int) -> int | None:
        """Pull quotes, ledes, display type and headings: lines outside the paragraph stream."""
        if self.wrapped:
            taken = self.pull_quote(i) or self.lede_line(i) or self.display(i)
            if taken:
                return taken
        elif self.is_paragraph_heading(i):
            self.close_body()
            self.emit(Role.HEADING, [self.lines[i]], Why.PARAGRAPH_HEADING)
            self.gap = True
            return i + 1
        return self.quote_in_flow(i) if self.guess_roles else None

    def running_text(self, i: int) -> int:
        """The line goes on the paragraph or item before it, or starts a new paragraph."""
        line = self.lines[i]
        if self.body and self.continues(self.body, line):
            self.body.lines.append(line)
        else:
            self.close_body()
            self.body = _Draft(Role.BODY, [line], Why.HINTED if line.hint else Why.BODY)
        self.gap = self.last_was_lede = False
        return i + 1

    def page_end(self, i: int) -> int:
        """'Meer uit Binnenland', 'Gerelateerde artikelen': the rest of a saved page is other
        articles' teasers, whose numbers are not this article's."""
        self.close_body()
        rest = [line for line in self.lines[i:] if line is not None]
        self.emit(Role.SIDEBAR, rest, Why.PAGE_END)
        return len(self.lines)

    # Display type, ledes and pull quotes sit outside the body stream.

    def front_matter(self, i: int) -> int | None:
        """Title, subtitle and lede set above the first paragraph, as web copy and pdftotext give them.

        A title is display type followed by a new element (a blank line, furniture or a
        capitalised line), never by the rest of a sentence; a lede is the paragraph under it
        that ends above the byline."""
        displays = self.out.displays
        # A subtitle sits right under the title; after a blank line, display type is a heading.
        if displays == 0 or (displays == 1 and self.out.last_role == DISPLAY and not self.gap_since_display):
            # Called outside the body only: on top means no lede either.
            on_top = displays == 0 and self.lede is None and not self.out.has_lede
            chunk = self.ahead.display_lines(i, heads_text=on_top)
            if chunk:
                self.emit(DISPLAY, chunk, Why.TITLE_BLOCK)
                self.gap_since_display = False
                return i + len(chunk)
        if displays and not self.out.has_lede and self.lede is None:
            paragraph = self.ahead.chunk(i, limit=self.rules.lede_max_lines)
            end = i + len(paragraph)
            below = self.ahead.next_text_line(end)  # a blank line may stand between
            if (
                paragraph
                and below is not None
                and below.furniture == Role.BYLINE
                and self.shapes.ends(paragraph[-1], self.rules.sentence_end)
            ):
                self.emit(Role.LEDE, paragraph, Why.LEDE_ABOVE_BYLINE)
                self.gap = True
                return end
        return None

    def pull_quote(self, i: int) -> int | None:
        line = self.lines[i]
        if line.text[0] not in self.rules.opening_quotes or not (self.gap or self.body is None):
            return None
        taken: list[Line] = []
        j = i
        while j < len(self.lines) and len(taken) < self.rules.pull_quote_max_lines:
            current = self.lines[j]
            j += 1
            if current is None:
                continue
            if len(current.text) > self.rules.pull_quote_width_ratio * self.width:
                return None
            if self.shapes.closes_quote_inside(current):
                return None  # '‘…’, vertelt een adviseur': a quote in the prose, not set apart
            taken.append(current)
            if current.text[-1] in self.rules.closing_quotes and (j - 1 > i or len(current.text) > 1):
                if j < len(self.lines) and self.lines[j] is not None and not (
                    self.ahead.is_display_end(j) or self.ahead.starts_heading(j)
                ):
                    return None
                self.emit(Role.BODY, taken, Why.PULL_QUOTE)  # a pull quote when it repeats body text
                self.gap = True
                return j
        return None

    def quote_in_flow(self, i: int) -> int | None:
        """A quoted sentence set between two sentences of a paragraph (pdftotext puts a pull
        quote where it stood in the column) becomes a block of its own; ``structure`` keeps it
        out of the body when it repeats body text."""
        line = self.lines[i]
        if (
            line.text[0] not in self.rules.opening_quotes
            or self.body is None
            or self.gap
            or not self.shapes.ends(self.body.lines[-1], self.rules.sentence_end)
        ):
            return None
        for j in range(i, min(i + self.rules.pull_quote_max_lines, len(self.lines))):
            current = self.lines[j]
            if current is None:
                return None
            if self.shapes.closes_quote_inside(current):
                return None  # a quote woven into the prose
            if current.text[-1] in self.rules.closing_quotes:
                following = self.lines[j + 1] if j + 1 < len(self.lines) else None
                if following is not None and not following.text[0].isupper():
                    return None
                self.close_body()
                self.emit(Role.BODY, self.lines[i : j + 1], Why.QUOTE_IN_FLOW)
                self.gap = True
                return j + 1
        return None

    def lede_line(self, i: int) -> int | None:
        line = self.lines[i]
        wide = len(line.text) > self.rules.wide_line_ratio * self.width
        continues = (
            self.last_was_lede
            and self.lede is not None
            and not self.shapes.ends(self.lede.lines[-1], self.rules.clause_end)
        )
        if not (wide or continues):
            return None
        # A bullet item ends with its sentence; what follows is not part of it.
        inside_paragraph = (
            self.body is not None
            and self.body.role == Role.BODY
            and (not self.gap or line.text[0].islower())
        )
        under_heading = self.out.last_role == Role.HEADING and not self.gap
        if wide and not continues and (inside_paragraph or under_heading):
            return None  # a long line in the body: pdftotext joins lines where columns touch
        if wide and self.lede is not None and not self.last_was_lede:
            self.close_lede()
        if self.lede is None:
            self.lede = _Draft(Role.LEDE, reason=Why.WIDE_LINES)
        self.lede.lines.append(line)
        self.last_was_lede = True
        self.gap = True
        return i + 1

    def display(self, i: int) -> int | None:
        line = self.lines[i]
        if self.is_heading(i):
            self.close_body()
            self.emit(Role.HEADING, [line], Why.HEADING)
            self.gap = self.last_was_lede = False
            return i + 1
        chunk = self.ahead.chunk(i)
        isolated = (self.gap or self.body is None) and len(chunk) <= self.rules.display_max_lines
        if not (isolated and self.ahead.is_display_chunk(chunk, self.width)):
            if not self.ahead.is_short_title_like(line, self.width) or (self.body and not self.gap and self.continues(self.body, line)):
                return None
            chunk = self.ahead.short_lines(i, self.width)
        # A capitalised line starts the next display element: a subtitle set right under the
        # title ('Opgavegericht werken' / 'Voordelen maar' / 'ook nadelen').
        cut = next((k for k in range(1, len(chunk)) if chunk[k].text[0].isupper()), len(chunk))
        chunk = chunk[:cut]
        self.emit(DISPLAY, chunk, Why.DISPLAY)
        self.gap = True
        self.last_was_lede = False
        return i + len(chunk)  # display lines are consecutive, no blank line between them

    # Predicates on a line in its context.

    def is_heading(self, i: int) -> bool:
        """A short line without end mark, after a finished sentence, directly followed by text."""
        line = self.lines[i]
        following = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if following is None or not self.ahead.is_prose_or_bullet(following, self.width):
            return False
        if not self.shapes.is_bullet(following) and not self.shapes.ends(following, self.rules.clause_end):
            # Prose goes on for more than one line; a subtitle under a title does not.
            after = self.lines[i + 2] if i + 2 < len(self.lines) else None
            if (after is None or after.furniture is not None) and self.gap:
                return False
        after_sentence = self.gap or self.body is None or self.shapes.ends(self.body.lines[-1], self.rules.clause_end)
        return (
            after_sentence
            # A line over the very first paragraph, with nothing above it, heads that paragraph.
            and (self.after_body_text() or not self.out.blocks)
            and len(line.text) < self.rules.heading_width_ratio * self.width
            and len(line.text.split()) <= self.rules.heading_max_words
            and line.text[0].isupper()
            and line.text[-1] not in DISPLAY_FORBIDDEN_ENDS + self.rules.closing_quotes
        )

    def is_paragraph_heading(self, i: int) -> bool:
        """In one-paragraph-per-line text: a short line without end mark, after body text,
        before a paragraph at least twice its length that starts a sentence."""
        line = self.lines[i]
        if not self.after_body_text():
            return False
        following = self.ahead.next_text_line(i + 1)
        if following is None or following.furniture is not None:
            return False
        previous = self.body.lines[-1] if self.body and not self.gap else None
        # A whole line to itself, a heading may run longer than one set above a column; a
        # closing quote may end it when the quote opens inside it ('Klassieke ‘stressberoepen’').
        quoted_end = line.text[-1] in self.rules.closing_quotes and any(
            mark in line.text[:-1] for mark in self.rules.opening_quotes
        )
        return (
            len(line.text.split()) <= 2 * self.rules.heading_max_words
            and line.text[0].isupper()
            and line.text[-1] not in DISPLAY_FORBIDDEN_ENDS
            and (line.text[-1] not in self.rules.closing_quotes or quoted_end)
            # One paragraph per line: a line end is a paragraph end, even without end mark.
            and (previous is None or self.shapes.ends(previous, self.rules.clause_end)
                 or len(previous.text) >= 2 * len(line.text) + self.rules.wrapped_line_max)
            and (self.shapes.is_bullet(following) or (
                following.text[0].isupper()
                and len(following.text) >= 2 * len(line.text)
                and self.shapes.holds_a_sentence(following)
                and not self.announces_nothing(i + 1)
            ))
        )

    def announces_nothing(self, j: int) -> bool:
        """The paragraph from ``j`` is one line ending in a colon with no list under it: a
        label of the page ('Weergave met pagina beginnen:'), not text under a heading."""
        while j < len(self.lines) and self.lines[j] is None:
            j += 1
        line = self.lines[j]
        if not line.text.endswith(":"):
            return False
        below = self.ahead.next_text_line(j + 1)
        return below is None or not self.shapes.is_bullet(below)

    def in_body(self) -> bool:
        return self.body is not None or self.out.has_body

    def after_body_text(self) -> bool:
        """Display type above the first paragraph is the title block, never a heading; once
        the title stands, a heading may come before any paragraph."""
        return self.in_body() or self.out.displays > 0

    def continues(self, draft: _Draft, line: Line) -> bool:
        last = draft.lines[-1]
        starts_lower = line.text[0].islower()
        if self.gap:
            if draft.role == Role.BULLET and not starts_lower:
                return False  # a list item ends at a blank line unless its sentence goes on
            if len(draft.lines) == 1 and not starts_lower and all(
                self.shapes.is_display_line(ln) for ln in (last, line)
            ):
                return False  # two display lines apart, such as headings with no text under them
            if self.after_page_break and self.wrapped and len(last.text) >= self.rules.paragraph_end_ratio * self.width:
                return True  # a full line before a page break: the paragraph goes on over the page
            closes_quote = (
                draft.lines[0].text[0] in self.rules.opening_quotes
                and last.text[-1] in self.rules.closing_quotes
            )
            return starts_lower or not (closes_quote or self.shapes.ends(last, self.rules.clause_end))
        if draft.role == Role.BULLET and line.text[0].isupper() and not last.text.endswith(("-", ",")):
            # A bullet item wraps mid-sentence; '• Groene daken: 38%' then 'Minder dan ...' is new text.
            return False
        if starts_lower or not self.shapes.ends(last, self.rules.sentence_end):
            return True
        if draft.role == Role.BULLET:
            return False
        return not (self.wrapped and len(last.text) < self.rules.paragraph_end_ratio * self.width)

    # Emitting blocks.

    def close_body(self) -> None:
        if self.body:
            self.emit(self.body.role, self.body.lines, self.body.reason)
            self.body = None

    def close_lede(self) -> None:
        if self.lede:
            self.emit(Role.LEDE, self.lede.lines, self.lede.reason)
            self.lede = None

    def emit(self, role: Role, lines: list[Line], reason: str) -> None:
        self.out.emit(role, lines, reason)


class _Emitted:
    """The blocks built so far, and what a later decision asks of them, kept as counts so that
    no question walks the whole list."""

    def __init__(self, text: str, rules: LayoutRules):
        self.text = text
        self.rules = rules
        self.blocks: list[Block] = []
        self.displays = 0
        self.has_lede = False
        self.has_body = False

    @property
    def last_role(self) -> Role | None:
        return self.blocks[-1].role if self.blocks else None

    def emit(self, role: Role, lines: list[Line], reason: str) -> None:
        self.blocks.append(_block(self.text, role, lines, reason, self.rules))
        self.displays += role == DISPLAY
        self.has_lede |= role == Role.LEDE
        self.has_body |= role in (Role.BODY, Role.BULLET)


def _block(text: str, role: Role, lines: list[Line], reason: str, rules: LayoutRules) -> Block:
    """A block of ``lines``: their text joined by single spaces, with offsets into ``text``."""
    builder = TextBuilder()
    for index, line in enumerate(lines):
        content_start = line.start
        if index == 0 and role == Role.BULLET and not line.marked:
            content_start += rules.bullet.match(line.text).end()
        if index and len(builder) and not _joins_without_space(lines[index - 1]):
            builder.insert(" ", lines[index - 1].end)
        content = text[content_start : line.end]
        if not _ODD_SPACE.search(content):
            builder.copy(content, content_start)  # the common case: single spaces only
            continue
        for word in _SPACE_RUN.finditer(text, content_start, line.end):
            if word.start() > content_start:
                builder.insert(" ", word.start() - 1)
            builder.copy(word.group(), word.start())
            content_start = word.end()
    joined, offsets = builder.build()
    return Block(role, joined, lines[0].start, lines[-1].end, offsets, reason)


def _joins_without_space(previous: Line) -> bool:
    # "inwoners/" at a line end continues the same token on the next line.
    return previous.text.endswith("/")
