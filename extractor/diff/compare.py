"""Comparing two extractions: which statistics, structure and text changed between them."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dataset.documents import document_paths, read_document
from ..errors import InputNotFound, InvalidOutput

MATCH_THRESHOLD = 0.6
"""Least similarity for two leftover records to count as the same statistic, changed."""

SIMILARITY_WEIGHTS = {"sentence": 0.3, "context": 0.2, "label": 0.25, "value": 0.15, "section": 0.1}
"""How much each kind of evidence counts in the best-match stage (they sum to 1)."""

CONTEXT_CHARS = 40
"""Characters of clean text on each side of a statistic used as its context."""

MAX_FUZZY_PAIRS = 40_000
"""Beyond this many leftover pairs, the best-match stage only pairs records at most
``FUZZY_WINDOW`` places apart in reading order (it is quadratic)."""

FUZZY_WINDOW = 100

MAX_TEXT_DIFF_LINES = 40
"""Unified-diff lines of clean text kept per article; the rest are counted, not shown."""

MAX_TEXT_LINE_CHARS = 240
"""Long paragraphs are cut to this many characters in the text diff."""

MAX_LIST_ITEMS = 10
"""Items added or removed per list (repairs, headings ...) shown in the text rendering."""

STRUCTURE_FIELDS = (
    "title", "subtitle", "lede", "byline", "rubric", "issue", "pages", "sample_size",
)
"""Top-level article fields compared as whole values."""

RECORD_FIELDS = (
    "value", "unit", "qualifier", "low", "high", "label", "section", "group", "statement",
    "surface", "page", "bbox",
)
"""Record fields compared once two records are matched.

Ids and offsets are not compared (they shift with unrelated edits); a changed sentence is
listed apart (``ArticleDiff.resentenced``), as an edit of one word changes the sentence of
every statistic in it and the text diff already shows the edit.
"""

_SPACE = re.compile(r"\s+")


def normalise(text: Any) -> str:
    """Case- and whitespace-insensitive form of a sentence or label, for matching."""
    return _SPACE.sub(" ", str(text or "")).strip().casefold()


# -- result types ---------------------------------------------------------------------------------


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


# -- matching records -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Side:
    """One document's records with what matching needs, precomputed."""

    records: list[dict[str, Any]]
    text: str

    def context(self, index: int) -> str:
        record = self.records[index]
        start, end = record.get("start"), record.get("end")
        located = isinstance(start, int) and isinstance(end, int)
        if not located or self.text[start:end] != record.get("surface"):
            return normalise(record.get("sentence"))
        before = self.text[max(0, start - CONTEXT_CHARS) : start]
        after = self.text[end : end + CONTEXT_CHARS]
        return normalise(f"{before}\u2038{after}")

    def order(self) -> list[int]:
        """Record indexes in reading order (offsets keep their relative order under insertions)."""
        return sorted(range(len(self.records)), key=lambda i: (_offset(self.records[i]), i))


def _offset(record: dict[str, Any]) -> int:
    start = record.get("start")
    return start if isinstance(start, int) else 0


def match_records(
    old: Sequence[dict[str, Any]],
    new: Sequence[dict[str, Any]],
    *,
    old_text: str = "",
    new_text: str = "",
    renames: dict[str | None, str | None] | None = None,
) -> list[tuple[int, int]]:
    """Pairs ``(old index, new index)`` of the records that are the same statistic.

    Records are matched by what they are, never by list position, id or offsets (all three
    shift when text is inserted earlier in an article):

    1. exact identity: (section, surface, normalised sentence), the old section read through
       ``renames``; records with equal identities pair up in reading order;
    2. the same without the section (a heading was added or removed above the record);
    3. for what is left, a greedy best-match on sentence, context, label, value and section
       similarity (difflib, ``SIMILARITY_WEIGHTS``) above ``MATCH_THRESHOLD``, so that a changed
       value or label is one changed record, not a removal plus an addition.
    """
    renames = renames or {}
    old_side, new_side = _Side(list(old), old_text or ""), _Side(list(new), new_text or "")

    def section(record: dict[str, Any], is_old: bool) -> Any:
        heading = record.get("section")
        return renames.get(heading, heading) if is_old else heading

    pairs: list[tuple[int, int]] = []
    free_old = old_side.order()
    free_new = new_side.order()
    for use_section in (True, False):
        def key(record: dict[str, Any], is_old: bool) -> tuple[Any, ...]:
            base = (record.get("surface"), normalise(record.get("sentence")))
            return (section(record, is_old), *base) if use_section else base

        waiting: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for j in free_new:
            waiting[key(new_side.records[j], False)].append(j)
        still_old = []
        for i in free_old:
            candidates = waiting.get(key(old_side.records[i], True))
            if candidates:
                pairs.append((i, candidates.pop(0)))
            else:
                still_old.append(i)
        taken = {j for _, j in pairs}
        free_old = still_old
        free_new = [j for j in free_new if j not in taken]

    pairs.extend(_best_matches(old_side, new_side, free_old, free_new, section))
    return sorted(pairs)


def _best_matches(
    old: _Side, new: _Side, free_old: list[int], free_new: list[int], section: Callable
) -> list[tuple[int, int]]:
    """Greedy assignment of the most similar leftover pairs above ``MATCH_THRESHOLD``."""
    if not free_old or not free_new:
        return []
    weights = SIMILARITY_WEIGHTS
    window = FUZZY_WINDOW if len(free_old) * len(free_new) > MAX_FUZZY_PAIRS else None
    new_facts = {j: _facts(new, j) for j in free_new}
    scored = []
    for rank_i, i in enumerate(free_old):
        o = _facts(old, i)
        o_section = section(old.records[i], True)
        for rank_j, j in enumerate(free_new):
            if window is not None and abs(rank_i - rank_j) > window:
                continue
            n = new_facts[j]
            exact = weights["value"] * _value_similarity(old.records[i], new.records[j])
            exact += weights["section"] * (o_section == new.records[j].get("section"))
            # quick_ratio bounds ratio from above: skip pairs that cannot reach the threshold
            bound = exact + sum(
                weights[name] * difflib.SequenceMatcher(None, o[name], n[name]).quick_ratio()
                for name in ("sentence", "context", "label")
            )
            if bound < MATCH_THRESHOLD:
                continue
            score = exact + sum(
                weights[name] * difflib.SequenceMatcher(None, o[name], n[name]).ratio()
                for name in ("sentence", "context", "label")
            )
            if score >= MATCH_THRESHOLD:
                # ties go to the pair closest in reading order
                scored.append((-score, abs(rank_i - rank_j), i, j))
    scored.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, _, i, j in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    return pairs


def _facts(side: _Side, index: int) -> dict[str, str]:
    record = side.records[index]
    return {
        "sentence": normalise(record.get("sentence")),
        "context": side.context(index),
        "label": normalise(record.get("label")),
    }


def _value_similarity(old: dict[str, Any], new: dict[str, Any]) -> float:
    if old.get("unit") != new.get("unit"):
        return 0.0
    return 1.0 if _same_number(old.get("value"), new.get("value")) else 0.5


def _same_number(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


# -- comparing one article ------------------------------------------------------------------------


def diff_documents(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    max_text_lines: int = MAX_TEXT_DIFF_LINES,
    old_path: str | None = None,
    new_path: str | None = None,
) -> ArticleDiff:
    """Compare two documents of the same article."""
    old_records = _records(old, old_path)
    new_records = _records(new, new_path)
    result = ArticleDiff(
        id=str(new.get("id") or old.get("id")), old_path=old_path, new_path=new_path
    )

    for name in STRUCTURE_FIELDS:
        if old.get(name) != new.get(name):
            result.structure.append(FieldChange(name, old.get(name), new.get(name)))
    old_source, new_source = old.get("source") or {}, new.get("source") or {}
    for name in ("sha256", "kind"):
        if old_source.get(name) != new_source.get(name):
            result.structure.append(
                FieldChange(f"source.{name}", old_source.get(name), new_source.get(name))
            )

    renames, result.headings = _compare_headings(_headings(old), _headings(new))
    result.renamed_headings = [HeadingRename(o, n) for o, n in renames.items()]
    result.pull_quotes = _list_change(old.get("pull_quotes"), new.get("pull_quotes"))
    result.furniture = _list_change(old.get("furniture"), new.get("furniture"))
    result.repairs = _list_change(
        [_repair_key(r) for r in old.get("repairs") or []],
        [_repair_key(r) for r in new.get("repairs") or []],
    )

    pairs = match_records(
        old_records, new_records,
        old_text=old.get("text") or "", new_text=new.get("text") or "", renames=renames,
    )
    mapping = dict(pairs)
    matched_old = set(mapping)
    matched_new = set(mapping.values())
    result.removed = [_summary(r) for i, r in enumerate(old_records) if i not in matched_old]
    result.added = [_summary(r) for j, r in enumerate(new_records) if j not in matched_new]
    rename_by_old = {r.old: r for r in result.renamed_headings}
    same_group = _group_correspondence(old_records, new_records, pairs)
    for i, j in pairs:
        o, n = old_records[i], new_records[j]
        changes = []
        for name in RECORD_FIELDS:
            if name == "group":
                if not same_group(o.get("group"), n.get("group")):
                    changes.append(FieldChange("group", o.get("group"), n.get("group")))
            elif name == "section" and o.get("section") != n.get("section") \
                    and o.get("section") in rename_by_old \
                    and rename_by_old[o.get("section")].new == n.get("section"):
                rename_by_old[o.get("section")].records.append(str(n.get("id")))
            elif not _same_field(name, o.get(name), n.get(name)):
                changes.append(FieldChange(name, o.get(name), n.get(name)))
        if not _same_sentence(o.get("sentence"), n.get("sentence")):
            result.resentenced.append(str(n.get("id")))
        if changes:
            result.changed.append(RecordChange(
                old_id=o.get("id"), new_id=n.get("id"), surface=n.get("surface"),
                section=n.get("section"), label=n.get("label"), changes=changes,
            ))
        else:
            result.unchanged += 1

    result.warnings = _list_change(
        [_warning_key(w, old_records, mapping, new_records) for w in old.get("warnings") or []],
        [_warning_key(w, new_records, None, new_records) for w in new.get("warnings") or []],
    )
    result.text = text_diff(old.get("text") or "", new.get("text") or "", max_lines=max_text_lines)
    return result


def _records(document: dict[str, Any], path: str | None) -> list[dict[str, Any]]:
    records = document.get("records") or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InvalidOutput(path, "'records' must be a list of objects")
    return records


def _headings(document: dict[str, Any]) -> list[Any]:
    return [s.get("heading") for s in document.get("sections") or [] if isinstance(s, dict)]


def _compare_headings(old: list[Any], new: list[Any]) -> tuple[dict[Any, Any], ListChange]:
    """Renamed headings (same place, new words) and headings only on one side."""
    renames: dict[Any, Any] = {}
    change = ListChange()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, came = list(old[i1:i2]), list(new[j1:j2])
        if tag == "replace" and len(gone) == len(came):
            renames.update(zip(gone, came))
            continue
        for heading in list(gone):  # unequal blocks: pair only headings that read alike
            best = max(came, key=lambda h: _ratio(heading, h), default=None)
            if best is not None and _ratio(heading, best) >= 0.5:
                renames[heading] = best
                gone.remove(heading)
                came.remove(best)
        change.removed.extend(gone)
        change.added.extend(came)
    return renames, change


def _ratio(a: Any, b: Any) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def _list_change(old: Any, new: Any) -> ListChange:
    """Multiset difference, order ignored (a moved pull quote is not a change)."""
    items: dict[str, Any] = {}

    def count(values: Any) -> Counter:
        keys = Counter()
        for value in values or []:
            key = json.dumps(value, sort_keys=True, ensure_ascii=False)
            items.setdefault(key, value)
            keys[key] += 1
        return keys

    old_counts, new_counts = count(old), count(new)
    return ListChange(
        added=[items[k] for k in (new_counts - old_counts).elements()],
        removed=[items[k] for k in (old_counts - new_counts).elements()],
    )


def _repair_key(repair: dict[str, Any]) -> dict[str, Any]:
    """A repair's identity: what it joined, not where (offsets shift) or why."""
    return {key: repair.get(key) for key in ("before", "after", "joined")}


def _warning_key(
    warning: dict[str, Any],
    records: list[dict[str, Any]],
    mapping: dict[int, int] | None,
    new_records: list[dict[str, Any]],
) -> dict[str, Any]:
    """A warning's identity: its record and group ids, which shift with unrelated edits, are
    masked in the message and its records named by their matched new ids."""
    index = {r.get("id"): k for k, r in enumerate(records)}
    names: set[str] = set()
    refs = []
    for record_id in warning.get("records") or []:
        k = index.get(record_id)
        names.add(str(record_id))
        if k is not None and records[k].get("group") is not None:
            names.add(str(records[k]["group"]))
        if mapping is not None:
            k = mapping.get(k) if k is not None else None
        refs.append(new_records[k].get("id") if k is not None else f"(gone) {record_id}")
    message = str(warning.get("message", ""))
    for name in sorted(names, key=len, reverse=True):
        message = re.sub(re.escape(name) + r"(?!\w)", "#", message)
    return {"code": warning.get("code"), "message": message, "records": sorted(map(str, refs))}


def _group_correspondence(
    old: list[dict[str, Any]], new: list[dict[str, Any]], pairs: list[tuple[int, int]]
) -> Callable[[Any, Any], bool]:
    """A test ``same(old_group, new_group)``: true when the two groups correspond one to one.

    Groups are compared as partitions of the matched records, so renumbered group ids are not
    a change; a record that leaves or joins a group is a change for that record only; a split
    or merge is a change for every record of the groups involved.
    """
    targets: dict[Any, set[Any]] = defaultdict(set)
    sources: dict[Any, set[Any]] = defaultdict(set)
    for i, j in pairs:
        old_group, new_group = old[i].get("group"), new[j].get("group")
        if old_group is not None and new_group is not None:
            targets[old_group].add(new_group)
            sources[new_group].add(old_group)

    def same(old_group: Any, new_group: Any) -> bool:
        if old_group is None or new_group is None:
            return old_group is None and new_group is None
        return targets[old_group] == {new_group} and sources[new_group] == {old_group}

    return same


def _same_sentence(old: Any, new: Any) -> bool:
    """A re-wrapped sentence is the same sentence."""
    return _SPACE.sub(" ", str(old or "")).strip() == _SPACE.sub(" ", str(new or "")).strip()


def _same_field(name: str, old: Any, new: Any) -> bool:
    if name in {"value", "low", "high"}:
        return _same_number(old, new)
    if name == "bbox":
        if old is None or new is None:
            return old is None and new is None
        return len(old) == len(new) and all(abs(a - b) < 0.01 for a, b in zip(old, new))
    return old == new


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    """What a reviewer needs to recognise an added or removed statistic."""
    keys = ("id", "section", "value", "unit", "qualifier", "label", "surface", "sentence", "group")
    return {key: record.get(key) for key in keys}


def text_diff(old: str, new: str, *, max_lines: int = MAX_TEXT_DIFF_LINES) -> TextDiff:
    """A short unified diff of two clean texts, one line per text line, capped.

    Clean text has a paragraph per line, so a changed long line is shown as one ``~`` line
    with only the changed words and some context (``[-old-]{+new+}``), not as two cut-off
    paragraphs in which the change may not even be visible.
    """
    if old == new:
        return TextDiff()
    old_lines, new_lines = old.splitlines(), new.splitlines()
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        first = group[0]
        lines.append(f"@@ -{first[1] + 1} +{first[3] + 1} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + _cut(line) for line in old_lines[i1:i2])
                continue
            gone, came = old_lines[i1:i2], new_lines[j1:j2]
            if tag == "replace" and len(gone) == len(came):
                for before, after in zip(gone, came):
                    if max(len(before), len(after)) > MAX_TEXT_LINE_CHARS:
                        lines.append("~" + inline_diff(before, after))
                    else:
                        lines.extend(["-" + before, "+" + after])
                continue
            lines.extend("-" + _cut(line) for line in gone)
            lines.extend("+" + _cut(line) for line in came)
    if not lines:  # only line endings differ
        lines = ["(only line endings differ)"]
    kept = lines[:max_lines]
    return TextDiff(changed=True, lines=kept, omitted=len(lines) - len(kept))


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def inline_diff(old: str, new: str, *, context: int = CONTEXT_CHARS) -> str:
    """The changed words of a line as ``[-old-]{+new+}``, with ``context`` characters around."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[str] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = "".join(a[i1:i2])
            head = same[:context] if number > 0 else ""
            tail = same[-context:] if number < len(opcodes) - 1 else ""
            if len(same) <= 2 * context and number not in (0, len(opcodes) - 1):
                pieces.append(same)
            else:
                elided = "\u2026" if len(head) + len(tail) < len(same) else ""
                pieces.append(head + elided + tail if head or tail else elided)
            continue
        if i2 > i1:
            pieces.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            pieces.append("{+" + "".join(b[j1:j2]) + "+}")
    return _cut("".join(pieces), limit=MAX_TEXT_LINE_CHARS * 2)


def _cut(line: str, *, limit: int = MAX_TEXT_LINE_CHARS) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


# -- comparing folders ----------------------------------------------------------------------------


def _index(path: Path) -> dict[str, Path]:
    paths = document_paths(path)
    if not paths:
        raise InputNotFound(path, "no article documents (*.json) here")
    return {p.stem: p for p in paths}


def diff_paths(
    old: str | Path, new: str | Path, *, max_text_lines: int = MAX_TEXT_DIFF_LINES
) -> Diff:
    """Compare two output folders, folders of documents, or documents.

    Folders are paired by article id (the file name ``<id>.json``); two single documents are
    compared whatever their ids; a document against a folder is compared with the folder's
    document of the same id. Documents are read a pair at a time.
    """
    old, new = Path(old), Path(new)
    result = Diff(old=str(old), new=str(new))
    old_index, new_index = _index(old), _index(new)
    if old.is_file() and new.is_file():
        key = new.stem
        old_index, new_index = {key: old}, {key: new}
    elif old.is_file() or new.is_file():
        key = (old if old.is_file() else new).stem
        folder, other = (new, new_index) if old.is_file() else (old, old_index)
        if key not in other:
            raise InputNotFound(folder, f"no document of article '{key}' here")
        old_index, new_index = {key: old_index[key]}, {key: new_index[key]}
    for key in sorted(old_index.keys() | new_index.keys()):
        if key not in new_index:
            result.removed.append(key)
        elif key not in old_index:
            result.added.append(key)
        else:
            old_path, new_path = old_index[key], new_index[key]
            article = diff_documents(
                read_document(old_path), read_document(new_path),
                max_text_lines=max_text_lines, old_path=str(old_path), new_path=str(new_path),
            )
            if article.identical:
                result.unchanged.append(key)
            else:
                result.articles.append(article)
    return result


# -- rendering ------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return repr(value)
    return "null" if value is None else str(value)


def render_text(diff: Diff, *, style=lambda text, **_: text) -> str:
    """The diff for people: one block per changed article, then a summary line.

    ``style(text, fg=...)`` may colour parts (``click.style``); the default keeps plain text.
    """
    out: list[str] = []
    for article in diff.articles:
        counts = (
            f"{len(article.added)} added, {len(article.removed)} removed, "
            f"{len(article.changed)} changed, {article.unchanged} unchanged statistics"
        )
        out.append(style(f"article {article.id}", bold=True) + f": {counts}")
        for change in article.structure:
            out.append(f"  {change.field}: {_show(change.old)} -> {_show(change.new)}")
        for rename in article.renamed_headings:
            follow = f" ({len(rename.records)} statistics follow it)" if rename.records else ""
            out.append(f"  heading renamed: {_show(rename.old)} -> {_show(rename.new)}{follow}")
        for label, change in (
            ("heading", article.headings), ("pull quote", article.pull_quotes),
            ("furniture", article.furniture), ("repair", article.repairs),
            ("warning", article.warnings),
        ):
            for sign, items, colour in (("+", change.added, "green"), ("-", change.removed, "red")):
                out.extend(style(f"  {sign} {label}: {_show_item(x)}", fg=colour)
                           for x in items[:MAX_LIST_ITEMS])
                if len(items) > MAX_LIST_ITEMS:
                    out.append(f"  {sign} ... {len(items) - MAX_LIST_ITEMS} more {label}s")
        for record in article.added:
            out.append(style(f"  + {_show_record(record)}", fg="green"))
        for record in article.removed:
            out.append(style(f"  - {_show_record(record)}", fg="red"))
        for change in article.changed:
            where = f" [{change.section}]" if change.section else ""
            title = f"  ~ {change.new_id} {_show(change.surface)}{where}: {_show(change.label)}"
            out.append(style(title, fg="yellow"))
            for item in change.changes:
                out.append(f"      {item.field}: {_show(item.old)} -> {_show(item.new)}")
        if article.resentenced:
            out.append(f"  sentence changed for {len(article.resentenced)} statistics: "
                       + ", ".join(article.resentenced[:10])
                       + (" ..." if len(article.resentenced) > 10 else ""))
        if article.text.changed:
            out.append("  text:")
            out.extend(f"    {line}" for line in article.text.lines)
            if article.text.omitted:
                out.append(f"    ... {article.text.omitted} more diff lines")
    for key in diff.added:
        out.append(style(f"article added: {key}", fg="green"))
    for key in diff.removed:
        out.append(style(f"article removed: {key}", fg="red"))
    s = diff.summary()
    if diff.identical:
        out.append(f"No differences ({s['articles_unchanged']} articles compared).")
    else:
        out.append(
            f"{s['articles_changed']} articles changed, {s['articles_added']} added, "
            f"{s['articles_removed']} removed, {s['articles_unchanged']} unchanged; statistics: "
            f"{s['records_added']} added, {s['records_removed']} removed, "
            f"{s['records_changed']} changed."
        )
    return "\n".join(out)


def _show_item(item: Any) -> str:
    if isinstance(item, dict) and "before" in item:
        arrow = "joined" if item.get("joined") else "kept"
        return f"{item['before']!r} -> {item['after']!r} ({arrow})"
    if isinstance(item, dict) and "code" in item:
        return f"{item['code']}: {item['message']}"
    return _show(item)


def _show_record(record: dict[str, Any]) -> str:
    where = f" [{record['section']}]" if record.get("section") else ""
    qualifier = f" ({record['qualifier']})" if record.get("qualifier") else ""
    return (
        f"{record.get('id')} {_show(record.get('surface'))}{where}: {_show(record.get('value'))} "
        f"{record.get('unit')}{qualifier} {_show(record.get('label'))}"
    )
