"""Dutch-aware repair of line-break hyphenation, with every decision recorded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..datafiles import load_json, require_keys
from .lexicon import dutch_lexicon, hyphenation_points
from ..models import Repair
from .offsets import OffsetMap, TextBuilder

# A word broken at a line end: left part, hyphen, line break(s), right part and the rest of
# its token (punctuation that belongs to it).
_BREAK = regex.compile(
    r"(?P<left>[\p{L}\p{N}]+)-[ \t]*(?P<newline>\n)(?:[ \t]*\n)*[ \t]*"
    r"(?P<right>\p{L}[\p{L}\p{N}]*)(?P<rest>[^\s]*)[ \t]*"
)
_HYPHEN_LINE_END = regex.compile(r"[\p{L}\p{N}]+(?P<hyphen>-)[ \t]*\n")
_RIGHT_WORD = regex.compile(r"[ \t]*(?P<right>\p{L}[\p{L}\p{N}]*)(?P<rest>[^\s]*)")
# Furniture between the parts of a broken word: this many lines at most, blank ones included.
ACROSS_MAX_LINES = 8
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")
_LEFT_PREFIX = regex.compile(r"(?:[\p{L}\p{N}]+[-/])+$")
# Compound prefixes ('ICT-' in 'ICT-afde-ling') are looked for this far back only.
PREFIX_WINDOW = 60


class Reason:
    """Why a line-end hyphen was joined or kept (the ``reason`` of a ``Repair``)."""

    SUSPENDED = "suspended hyphen before a conjunction"
    DIGITS = "between numbers"
    ABBREVIATION = "after a letter or abbreviation"
    CAPITAL = "capital after the hyphen"
    PREFIX = "prefix that keeps its hyphen"
    DOCUMENT_JOINED = "joined form used elsewhere in the document"
    DOCUMENT_HYPHENATED = "hyphenated form used elsewhere in the document"
    LEXICON_JOINED = "joined form is a Dutch word"
    LEXICON_DIAERESIS = "joined form is a Dutch word with a diaeresis"
    LEXICON_HYPHENATED = "hyphenated form is a Dutch word"
    VOWEL_COLLISION = "vowels would collide"
    HYPHENATION_POINT = "valid Dutch hyphenation point"
    DEFAULT = "soft line-break hyphen"


@dataclass(frozen=True, slots=True)
class HyphenationRules:
    suspended_followers: frozenset[str]
    hyphen_prefixes: frozenset[str]
    lowercase_abbreviations: frozenset[str]
    """Abbreviations written in lower case ("ov", "pdf"), which keep the hyphen of a compound."""
    vowels: frozenset[str]
    """A left part without any of these letters is an abbreviation ("zzp", "ggz")."""
    vowel_collisions: frozenset[str]
    """Vowel pairs across the break that a hyphen keeps apart; "ij" counts as one vowel."""
    diaeresis: dict[str, str]


@lru_cache(maxsize=1)
def hyphenation_rules() -> HyphenationRules:
    data = require_keys(
        "hyphenation.json",
        load_json("hyphenation.json"),
        {
            "suspended_followers", "hyphen_prefixes", "lowercase_abbreviations", "vowels",
            "vowel_collisions", "diaeresis",
        },
    )
    return HyphenationRules(
        frozenset(data["suspended_followers"]),
        frozenset(data["hyphen_prefixes"]),
        frozenset(data["lowercase_abbreviations"]),
        frozenset(data["vowels"]),
        frozenset(data["vowel_collisions"]),
        dict(data["diaeresis"]),
    )


def repair_hyphenation(
    text: str, passable: Callable[[str], bool] | None = None
) -> tuple[str, list[Repair], OffsetMap]:
    """Join soft line-break hyphens and keep real ones; the rest of the word moves up a line.

    ``passable`` tells page furniture (a page number, a running header) by its line: a word
    broken across such lines is decided as any other, and when it is joined its second line
    moves up above them ('rijks-' / '12' / 'overheid en ...' becomes 'rijksoverheid en ...' /
    '12').

    Returns the repaired text, one ``Repair`` per line-end hyphen (``start``/``end`` in ``text``)
    and the map from repaired offsets back to ``text``.
    """
    rules = hyphenation_rules()
    counts = Counter(word.lower() for word in _WORD.findall(text))
    builder = TextBuilder()
    repairs: list[Repair] = []
    position = 0
    for match in _breaks(text, passable):
        if match.start() < position:
            continue
        if isinstance(match, _Across):
            joined = _repair_across(text, match, counts, rules, builder, position)
            if joined is not None:
                repairs.append(joined)
                position = match.end()
                continue
            match = _BREAK.match(text, match.start())  # kept: decided as the lines stand
            if match is None:
                continue
        left, right, rest = match["left"], match["right"], match["rest"]
        prefix_match = _LEFT_PREFIX.search(text, max(0, match.start() - PREFIX_WINDOW), match.start())
        prefix = prefix_match.group() if prefix_match else ""
        join, hyphen, reason = decide(prefix, left, right, rest, counts, rules)
        if join is None:
            repairs.append(Repair(match.start(), match.end(), match.group(), match.group(), False, reason))
            continue
        builder.copy(text[position : match.start()], position)
        builder.copy(left, match.start("left"))
        if hyphen:
            builder.copy("-", match.end("left"))
        if reason == Reason.LEXICON_DIAERESIS:
            # Dutch drops the diaeresis when it hyphenates at it; joining restores it.
            right = rules.diaeresis[right[0]] + right[1:]
            builder.insert(right[0], match.start("right"))
            builder.copy(right[1:] + rest, match.start("right") + 1)
        else:
            builder.copy(right + rest, match.start("right"))
        more_on_line = match.end() < len(text) and text[match.end()] != "\n"
        if more_on_line:
            builder.insert("\n", match.start("newline"))
        after = left + ("-" if hyphen else "") + right + rest + ("\n" if more_on_line else "")
        repairs.append(Repair(match.start(), match.end(), match.group(), after, join, reason))
        position = match.end()
    builder.copy(text[position:], position)
    repaired, offsets = builder.build()
    return repaired, repairs, offsets


@dataclass(frozen=True, slots=True)
class _Across:
    """A word broken across page furniture: 'rijks-' / (blank and furniture lines) / 'overheid ...'."""

    left_start: int
    left_end: int  # the hyphen
    between_start: int  # after the hyphen's line end
    right_start: int
    right: str  # the second part of the word
    rest: str  # and the punctuation that belongs to it
    line_end: int  # end of the right part's line, its newline included

    def start(self) -> int:
        return self.left_start

    def end(self) -> int:
        return self.line_end


def _breaks(text: str, passable: Callable[[str], bool] | None):
    """Line-end hyphens in order: ``_BREAK`` matches, and with ``passable`` the breaks across furniture."""
    if passable is None:
        yield from _BREAK.finditer(text)
        return
    last = 0  # as finditer does, no break starts inside the one before
    for end in _HYPHEN_LINE_END.finditer(text):
        if end.start() < last:
            continue
        found = _across(text, end, passable) or _BREAK.match(text, end.start())
        if found is not None:
            last = found.end()
            yield found


def _across(text: str, end: regex.Match, passable: Callable[[str], bool]) -> _Across | None:
    position, furniture = end.end(), 0
    for _ in range(ACROSS_MAX_LINES):
        line_end = text.find("\n", position)
        line = text[position : line_end if line_end >= 0 else len(text)]
        if line.strip() and not passable(line.strip()):
            break
        furniture += bool(line.strip())
        if line_end < 0:
            return None
        position = line_end + 1
    else:
        return None
    right = _RIGHT_WORD.match(text, position)
    if not furniture or right is None or not right["right"][0].islower():
        return None
    line_end = text.find("\n", right.end())
    return _Across(
        end.start(), end.start("hyphen"), end.end(), right.start("right"), right["right"], right["rest"],
        len(text) if line_end < 0 else line_end + 1,
    )


def _repair_across(
    text: str, found: _Across, counts: Counter[str], rules: HyphenationRules, builder: TextBuilder, position: int
) -> Repair | None:
    """Join a word broken across furniture when the rules say so; the furniture follows its line."""
    left = text[found.left_start : found.left_end]
    join, hyphen, reason = decide("", left, found.right, found.rest, counts, rules)
    if not join:
        return None  # kept as printed: the blocks rejoin the paragraph around the furniture
    line = text[found.right_start : found.line_end]
    between = text[found.between_start : found.right_start]
    builder.copy(text[position : found.left_end], position)
    if hyphen:
        builder.copy("-", found.left_end)
    builder.copy(line.rstrip("\n"), found.right_start)
    builder.insert("\n", found.left_end + 1)
    builder.copy(between, found.between_start)
    before = text[found.left_start : found.line_end]
    after = left + ("-" if hyphen else "") + line.rstrip("\n") + "\n" + between
    return Repair(found.left_start, found.line_end, before, after, True, f"{reason}, across page furniture")


def decide(
    prefix: str,
    left: str,
    right: str,
    rest: str,
    counts: Counter[str],
    rules: HyphenationRules,
) -> tuple[bool | None, bool, str]:
    """Decide one line-end hyphen: ``(join, keep_hyphen, reason)``; ``join`` None leaves it as is."""
    lower_left, lower_right = left.lower(), right.lower()
    joined, hyphenated = lower_left + lower_right, f"{lower_left}-{lower_right}"
    if lower_right in rules.suspended_followers and not rest[:1].isalnum():
        if not (joined in dutch_lexicon() and len(left) in hyphenation_points(joined)):
            return None, True, Reason.SUSPENDED
    if left.isdigit() and right.isdigit():
        return False, True, Reason.DIGITS
    if len(left) == 1 or (left.isupper() and len(left) <= 5) or any(c.isdigit() for c in left):
        return False, True, Reason.ABBREVIATION
    if right[0].isupper():
        return False, True, Reason.CAPITAL
    full_joined = (prefix + joined).lower()
    full_hyphenated = (prefix + hyphenated).lower()
    joined_seen = counts[joined] + (counts[full_joined] if prefix else 0)
    hyphenated_seen = counts[hyphenated] + (counts[full_hyphenated] if prefix else 0)
    if joined_seen or hyphenated_seen:
        if hyphenated_seen > joined_seen:
            return False, True, Reason.DOCUMENT_HYPHENATED
        return True, False, Reason.DOCUMENT_JOINED
    lexicon = dutch_lexicon()
    # A word that begins like a prefix is no prefix plus a word: "ex-\ntern" is "extern".
    if joined in lexicon:
        return True, False, Reason.LEXICON_JOINED
    if lower_left in rules.hyphen_prefixes and not prefix:
        return False, True, Reason.PREFIX
    if is_abbreviation(lower_left, rules):
        return False, True, Reason.ABBREVIATION
    if hyphenated in lexicon:
        return False, True, Reason.LEXICON_HYPHENATED
    if vowel_collision(lower_left, lower_right) in rules.vowel_collisions:
        with_diaeresis = lower_left + rules.diaeresis.get(lower_right[0], lower_right[0]) + lower_right[1:]
        if lower_right[0] in rules.diaeresis and with_diaeresis in lexicon:
            return True, False, Reason.LEXICON_DIAERESIS
        return False, True, Reason.VOWEL_COLLISION
    if len(left) in hyphenation_points(joined):
        return True, False, Reason.HYPHENATION_POINT
    return True, False, Reason.DEFAULT


def is_abbreviation(word: str, rules: HyphenationRules) -> bool:
    """A lower-case abbreviation: listed ("ov", "pdf"), or letters without a vowel ("zzp")."""
    if word in rules.lowercase_abbreviations:
        return True
    return word.isalpha() and not any(char in rules.vowels for char in word)


def vowel_collision(left: str, right: str) -> str:
    """The last vowel of ``left`` and the first of ``right`` as they meet, "ij" as one vowel."""
    end = "ij" if left.endswith("ij") else left[-1:]
    start = "ij" if right.startswith("ij") else right[:1]
    return end + start


def repaired_starts(repairs: list[Repair]) -> list[int]:
    """Where each repair's ``after`` starts in the repaired text (repairs in input order)."""
    starts, shift = [], 0
    for repair in repairs:
        starts.append(repair.start + shift)
        shift += len(repair.after) - (repair.end - repair.start)
    return starts


def undo_repairs(repaired: str, repairs: list[Repair]) -> str:
    """Restore the text before repair (repairs as returned by ``repair_hyphenation``)."""
    ordered = sorted(repairs, key=lambda r: r.start)
    parts: list[str] = []
    position = 0
    for repair, out_start in zip(ordered, repaired_starts(ordered)):
        parts.append(repaired[position:out_start])
        parts.append(repair.before)
        position = out_start + len(repair.after)
    parts.append(repaired[position:])
    return "".join(parts)
