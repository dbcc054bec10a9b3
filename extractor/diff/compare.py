"""Comparing two extractions: which statistics, structure and text changed between them."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..dataset.documents import document_paths, read_document
from ..errors import InputNotFound, InvalidOutput
from .match import SPACE, match_records, normalise, same_number
from .render import MAX_TEXT_DIFF_LINES, text_diff
from .results import ArticleDiff, Diff, FieldChange, HeadingRename, ListChange, RecordChange

STRUCTURE_FIELDS = (
    "title", "subtitle", "lede", "byline", "rubric", "issue", "pages", "sample_size",
)
"""Top-level article fields compared as whole values."""

RECORD_FIELDS = (
    "value", "unit", "qualifier", "low", "high", "label", "population", "period", "section", "group",
    "statement", "surface", "page", "bbox",
)
"""Record fields compared once two records are matched.

Ids and offsets are not compared (they shift with unrelated edits); a changed sentence is
listed apart (``ArticleDiff.resentenced``), as an edit of one word changes the sentence of
every statistic in it and the text diff already shows the edit.
"""


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
    return SPACE.sub(" ", str(old or "")).strip() == SPACE.sub(" ", str(new or "")).strip()


def _same_field(name: str, old: Any, new: Any) -> bool:
    if name in {"value", "low", "high"}:
        return same_number(old, new)
    if name == "bbox":
        if old is None or new is None:
            return old is None and new is None
        return len(old) == len(new) and all(abs(a - b) < 0.01 for a, b in zip(old, new))
    return old == new


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    """What a reviewer needs to recognise an added or removed statistic."""
    keys = ("id", "section", "value", "unit", "qualifier", "label", "surface", "sentence", "group")
    return {key: record.get(key) for key in keys}


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
