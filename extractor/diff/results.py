"""The result records of a comparison: changed fields, records, lists, text, articles, folders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(slots=True)
class RecordChange:
    """A statistic found in both extractions with different fields."""

    old_id: str | None
    new_id: str | None
    surface: str | None
    section: str | None
    label: str | None
    changes: list[FieldChange]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_id": self.old_id,
            "new_id": self.new_id,
            "surface": self.surface,
            "section": self.section,
            "label": self.label,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(slots=True)
class HeadingRename:
    old: str | None
    new: str | None
    records: list[str] = field(default_factory=list)
    """New ids of records whose section changed only because of this rename."""

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "records": self.records}


@dataclass(slots=True)
class ListChange:
    """Items of a list-valued field only in the old or only in the new extraction."""

    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed}


@dataclass(slots=True)
class TextDiff:
    changed: bool = False
    lines: list[str] = field(default_factory=list)
    omitted: int = 0
    """Diff lines left out beyond ``MAX_TEXT_DIFF_LINES``."""

    def to_dict(self) -> dict[str, Any]:
        return {"changed": self.changed, "diff": self.lines, "omitted_lines": self.omitted}


@dataclass(slots=True)
class ArticleDiff:
    """Everything that differs between two documents of one article."""

    id: str
    old_path: str | None = None
    new_path: str | None = None
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)
    unchanged: int = 0
    structure: list[FieldChange] = field(default_factory=list)
    renamed_headings: list[HeadingRename] = field(default_factory=list)
    headings: ListChange = field(default_factory=ListChange)
    pull_quotes: ListChange = field(default_factory=ListChange)
    furniture: ListChange = field(default_factory=ListChange)
    repairs: ListChange = field(default_factory=ListChange)
    warnings: ListChange = field(default_factory=ListChange)
    text: TextDiff = field(default_factory=TextDiff)
    resentenced: list[str] = field(default_factory=list)
    """New ids of matched statistics whose sentence changed (a wording or segmentation change)."""

    @property
    def records_changed(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def identical(self) -> bool:
        return not (
            self.records_changed or self.structure or self.renamed_headings or self.headings
            or self.pull_quotes or self.furniture or self.repairs or self.warnings
            or self.text.changed or self.resentenced
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "old_path": self.old_path,
            "new_path": self.new_path,
            "identical": self.identical,
            "records": {
                "added": self.added,
                "removed": self.removed,
                "changed": [c.to_dict() for c in self.changed],
                "unchanged": self.unchanged,
                "resentenced": self.resentenced,
            },
            "structure": [c.to_dict() for c in self.structure],
            "headings": {
                "renamed": [r.to_dict() for r in self.renamed_headings],
                **self.headings.to_dict(),
            },
            "pull_quotes": self.pull_quotes.to_dict(),
            "furniture": self.furniture.to_dict(),
            "repairs": self.repairs.to_dict(),
            "warnings": self.warnings.to_dict(),
            "text": self.text.to_dict(),
        }


@dataclass(slots=True)
class Diff:
    """The comparison of two output folders (or two documents)."""

    old: str
    new: str
    articles: list[ArticleDiff] = field(default_factory=list)
    """Articles present on both sides that differ."""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.articles or self.added or self.removed)

    def summary(self) -> dict[str, int]:
        return {
            "articles_changed": len(self.articles),
            "articles_added": len(self.added),
            "articles_removed": len(self.removed),
            "articles_unchanged": len(self.unchanged),
            "records_added": sum(len(a.added) for a in self.articles),
            "records_removed": sum(len(a.removed) for a in self.articles),
            "records_changed": sum(len(a.changed) for a in self.articles),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "identical": self.identical,
            "summary": self.summary(),
            "articles_added": self.added,
            "articles_removed": self.removed,
            "articles": [a.to_dict() for a in self.articles],
        }
