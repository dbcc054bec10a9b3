"""Rendering a comparison for people: the capped text diff, inline word changes, the report."""

from __future__ import annotations

import difflib
import re
from typing import Any

from .match import CONTEXT_CHARS
from .results import Diff, TextDiff

MAX_TEXT_DIFF_LINES = 40
"""Unified-diff lines of clean text kept per article; the rest are counted, not shown."""

MAX_TEXT_LINE_CHARS = 240
"""Long paragraphs are cut to this many characters in the text diff."""

MAX_LIST_ITEMS = 10
"""Items added or removed per list (repairs, headings ...) shown in the text rendering."""


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
