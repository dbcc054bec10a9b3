"""Reading ahead in the printed lines: what the lines from one index on look like, whatever came before."""

from __future__ import annotations

from ..models import Role
from .lines import DISPLAY_FORBIDDEN_ENDS, LayoutRules, Line, LineShapes


class Lookahead:
    """Questions about the lines at and after an index that need no state of the block builder.

    ``width`` is the typical line width of the region the question is asked in.
    """

    def __init__(self, lines: list[Line | None], rules: LayoutRules, shapes: LineShapes):
        self.lines = lines
        self.rules = rules
        self.shapes = shapes
        # For every index, the first text line at or after it (blank lines are None).
        self._next_text: list[Line | None] = [None] * (len(lines) + 1)
        for j in range(len(lines) - 1, -1, -1):
            self._next_text[j] = lines[j] if lines[j] is not None else self._next_text[j + 1]

    def at(self, j: int) -> Line | None:
        return self.lines[j] if j < len(self.lines) else None

    def display_lines(self, i: int, heads_text: bool = False) -> list[Line]:
        """A display line and the lowercase lines that finish it ('Pensioen en' / 'langer
        doorwerken'), if what follows starts a new element.

        ``heads_text``: nothing but furniture stands above the line, so a sentence right under
        it (web copy's intro, however short) starts a new element."""
        chunk: list[Line] = []
        j = i
        while j < len(self.lines) and len(chunk) < self.rules.display_max_lines:
            line = self.lines[j]
            if line is None or line.furniture is not None or line.hint is not None:
                break
            if chunk and not line.text[0].islower():
                break
            if not chunk and not (line.text[0].isupper() or line.text[0].isdigit()):
                return []
            if not self.shapes.is_display_line(line):
                return []
            chunk.append(line)
            j += 1
        following = self.at(j)
        if not chunk or self.next_text_line(j) is None:
            return []  # a title heads an article: a text of one line is all body
        if following is None or following.furniture is not None or following.hint is not None:
            return chunk
        longer = len(following.text) > (1 if heads_text else 2) * len(chunk[-1].text)
        starts_element = following.text[0].isupper() and (
            self.byline_before_blank(j) or (longer and self.shapes.ends(following, self.rules.clause_end))
        )
        return chunk if starts_element else []

    def byline_before_blank(self, j: int) -> bool:
        """The title block of web copy and pdftotext runs down to the byline without a blank line."""
        for line in self.lines[j : j + self.rules.lede_max_lines + 2]:
            if line is None:
                return False
            if line.furniture == Role.BYLINE:
                return True
        return False

    def chunk(self, i: int, limit: int | None = None) -> list[Line]:
        """The lines from ``i`` up to the next blank line or piece of furniture."""
        taken = []
        for line in self.lines[i : i + (limit or self.rules.display_max_lines + 1)]:
            if line is None or line.furniture is not None or line.hint:
                break
            if taken and line.text[0] in self.rules.opening_quotes:
                break  # a pull quote set right under the title
            taken.append(line)
        return taken

    def is_display_chunk(self, chunk: list[Line], width: float) -> bool:
        """Display type stands alone: a few lines, no end mark, not wider than a column."""
        first, last = chunk[0].text, chunk[-1].text
        return (
            (first[0].isupper() or first[0].isdigit())
            and last[-1] not in DISPLAY_FORBIDDEN_ENDS + self.rules.closing_quotes
            and all(len(line.text) < self.rules.heading_width_ratio * width for line in chunk)
            and not any(line.text[-1] in DISPLAY_FORBIDDEN_ENDS for line in chunk)
            and not self.shapes.ends_unfinished(chunk[-1])
            and not self.shapes.is_bullet(chunk[0])
            and first[0] not in self.rules.opening_quotes
        )

    def short_lines(self, i: int, width: float) -> list[Line]:
        """A short title-like line and the short lines right under it ('Voordelen maar' / 'ook nadelen')."""
        chunk = [self.lines[i]]
        j = i + 1
        while (
            j < len(self.lines)
            and self.lines[j] is not None
            and len(chunk) < self.rules.display_max_lines
            and len(self.lines[j].text) < self.rules.short_line_ratio * width
            and self.lines[j].furniture is None
            and self.lines[j].text[0] not in self.rules.opening_quotes
        ):
            chunk.append(self.lines[j])
            j += 1
        return chunk

    def is_short_title_like(self, line: Line, width: float) -> bool:
        first = line.text[0]
        return (
            len(line.text) < self.rules.short_line_ratio * width
            and not self.shapes.ends_unfinished(line)
            and (first.isupper() or first.isdigit())
            and line.text[-1] not in DISPLAY_FORBIDDEN_ENDS + self.rules.closing_quotes
            and not (first.isdigit() and len(line.text.split()) > 1 and not line.text.split()[1][0].isupper())
        )

    def is_prose_or_bullet(self, line: Line, width: float) -> bool:
        """A heading is followed by a bullet or by a paragraph, which starts a sentence."""
        if self.shapes.is_bullet(line):
            return True
        if line.furniture is not None or line.text[0].islower():
            return False
        return len(line.text) >= self.rules.short_line_ratio * width

    def is_display_end(self, j: int) -> bool:
        line = self.lines[j]
        return line.furniture is not None or line.hint is not None

    def starts_heading(self, j: int) -> bool:
        """A display line right under a pull quote, followed by a capitalised line."""
        line, following = self.lines[j], self.at(j + 1)
        return (
            line.text[0].isupper()
            and self.shapes.is_display_line(line)
            and following is not None
            and following.text[0].isupper()
        )

    def next_text_line(self, i: int) -> Line | None:
        """The first line at or after ``i`` that is not blank."""
        return self._next_text[min(i, len(self.lines))]
