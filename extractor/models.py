"""Typed records that cross pipeline-stage boundaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .read.pdf.provenance import CharPages, TextBoxes
    from .text.offsets import OffsetMap


class Unit(str, Enum):
    PERCENT = "percent"
    COUNT = "count"


class Qualifier(str, Enum):
    APPROX = "approx"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


class SourceKind(str, Enum):
    TEXT = "text"
    PDF = "pdf"
    HTML = "html"


class Role(str, Enum):
    """What a line or block is in the article, as far as a reader can tell."""

    BODY = "body"
    HEADING = "heading"
    BULLET = "bullet"
    TITLE = "title"
    SUBTITLE = "subtitle"
    LEDE = "lede"
    BYLINE = "byline"
    RUBRIC = "rubric"
    ISSUE = "issue"
    PAGE_NUMBER = "page_number"
    PULL_QUOTE = "pull_quote"
    FURNITURE = "furniture"
    SIDEBAR = "sidebar"


BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, origin top-left (pdfplumber convention)."""


@dataclass(frozen=True, slots=True)
class RoleHint:
    """A span of the source text whose role the reader already knows (from PDF typography)."""

    start: int
    end: int
    role: Role


@dataclass(slots=True)
class SourceText:
    """What a reader hands to the text pipeline.

    ``text`` is plain text with one printed line per line and blank lines between blocks.
    For PDFs, ``char_pages``/``char_boxes`` give, per character of ``text``, the page (1-based)
    and bounding box it was printed at (``None`` for characters the reader inserted, such as
    newlines), and ``hints`` carries the roles the layout already established.
    """

    text: str
    path: str
    kind: SourceKind
    sha256: str
    char_pages: CharPages | None = None
    char_boxes: TextBoxes | None = None
    hints: list[RoleHint] = field(default_factory=list)
    page_count: int | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """One line-break hyphenation decision, auditable and reversible.

    ``start``/``end`` delimit ``before`` in the normalised input; ``after`` replaces it.
    ``text_start``/``text_end`` locate the repaired word in the article's clean text (None when
    it lies outside the body, e.g. in the lede).
    """

    start: int
    end: int
    before: str
    after: str
    joined: bool
    reason: str
    text_start: int | None = None
    text_end: int | None = None


@dataclass(slots=True)
class Block:
    """A paragraph, heading, bullet item or piece of furniture rebuilt from lines.

    ``start``/``end`` are offsets into the repaired text; ``text`` has wrapped lines joined
    and ``offsets`` maps it back to the repaired text.
    """

    role: Role
    text: str
    start: int
    end: int
    offsets: "OffsetMap"
    reason: str = ""
    """Why the block has its role: the evidence that decided it."""


@dataclass(slots=True)
class Section:
    heading: str | None
    start: int
    end: int


@dataclass(slots=True)
class Record:
    """One statistic with its label and exact provenance in the article's clean text."""

    id: str
    article: str
    section: str | None
    value: float
    unit: Unit
    label: str
    qualifier: Qualifier | None
    surface: str
    sentence: str
    start: int
    end: int
    page: int | None = None
    bbox: BBox | None = None
    group: str | None = None
    statement: str | None = None
    low: float | None = None
    high: float | None = None
    population: str | None = None
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["unit"] = self.unit.value
        data["qualifier"] = self.qualifier.value if self.qualifier else None
        data["bbox"] = list(self.bbox) if self.bbox else None
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    """A consistency warning: something suspicious in the output, never an error."""

    code: str
    message: str
    records: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "records": list(self.records)}


@dataclass(slots=True)
class Article:
    """The article document: structure, clean text, repairs, records and warnings."""

    id: str
    source: dict[str, Any]
    title: str | None
    subtitle: str | None
    lede: str | None
    byline: list[str]
    rubric: str | None
    issue: str | None
    pages: list[int]
    sample_size: int | None
    sections: list[Section]
    pull_quotes: list[str]
    furniture: list[str]
    text: str
    repairs: list[Repair]
    records: list[Record]
    warnings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "subtitle": self.subtitle,
            "lede": self.lede,
            "byline": self.byline,
            "rubric": self.rubric,
            "issue": self.issue,
            "pages": self.pages,
            "sample_size": self.sample_size,
            "sections": [{"heading": s.heading, "start": s.start, "end": s.end} for s in self.sections],
            "pull_quotes": self.pull_quotes,
            "furniture": self.furniture,
            "text": self.text,
            "repairs": [{name: getattr(r, name) for name in r.__slots__} for r in self.repairs],
            "records": [r.to_dict() for r in self.records],
            "warnings": [w.to_dict() for w in self.warnings],
        }
