"""Matching records across two extractions by what they are, not by position, id or offsets."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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

SPACE = re.compile(r"\s+")


def normalise(text: Any) -> str:
    """Case- and whitespace-insensitive form of a sentence or label, for matching."""
    return SPACE.sub(" ", str(text or "")).strip().casefold()


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
    return 1.0 if same_number(old.get("value"), new.get("value")) else 0.5


def same_number(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b
