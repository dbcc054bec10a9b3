"""Recover the article: title, lede, byline, furniture, pull quotes, and the body split into sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections import Counter
from difflib import SequenceMatcher

import regex

from .lines import DISPLAY, layout_rules
from ..models import Block, Role, Section
from ..text.offsets import OffsetMap, TextBuilder

BODY_ROLES = frozenset({Role.BODY, Role.BULLET, Role.HEADING})
BULLET_PREFIX = "• "
PULL_QUOTE_REPEAT_SHARE = 0.8
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
# ASCII digits only: a page number must convert with int(), and other scripts' digits never print one.
_EDGE_PAGE_NUMBER = regex.compile(r"^(?P<page>[0-9]{1,3})\s+(?=[^0-9])|(?<=[0-9]{4})\s+(?P<page>[0-9]{1,3})$")


@dataclass(slots=True)
class Paragraph:
    """A body block's place in the clean text."""

    role: Role
    start: int
    end: int


@dataclass(slots=True)
class Structure:
    title: str | None = None
    subtitle: str | None = None
    lede: str | None = None
    byline: list[str] = field(default_factory=list)
    rubric: str | None = None
    issue: str | None = None
    pages: list[int] = field(default_factory=list)
    pull_quotes: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    """Clean text -> repaired text."""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


def recover_structure(blocks: list[Block]) -> Structure:
    """Sort blocks into the article's parts and lay the lede and body out as clean text."""
    structure = Structure()
    body = sorted((b for b in blocks if b.role in BODY_ROLES), key=lambda b: b.start)
    body, quotes = _split_off_repeated_quotes(body)
    # The lede's statistics count: it opens the clean text, wherever the page set it.
    ledes = sorted((b for b in blocks if b.role == Role.LEDE), key=lambda b: b.start)
    displays = sorted((b for b in blocks if b.role in (DISPLAY, Role.SUBTITLE)), key=lambda b: b.start)
    for block in sorted(blocks, key=lambda b: b.start):
        _file_non_body(structure, block)
    _assign_display(structure, displays)
    structure.pull_quotes.extend(_unquote(b.text) for b in quotes)
    structure.pages = sorted(set(structure.pages))
    _lay_out_body(structure, ledes + body)
    return structure


def _file_non_body(structure: Structure, block: Block) -> None:
    role, text = block.role, block.text
    if role == Role.LEDE:
        structure.lede = f"{structure.lede} {text}" if structure.lede else text
    elif role == Role.BYLINE:
        structure.byline.append(text)
    elif role == Role.RUBRIC and structure.rubric is None:
        structure.rubric = text
    elif role == Role.ISSUE:
        # 'nr. 3 | 2025    19': the page number may share the issue line.
        page = _EDGE_PAGE_NUMBER.search(text)
        issue = _EDGE_PAGE_NUMBER.sub("", text).strip() if page else text
        if page:
            structure.pages.append(int(page.group("page")))
        if structure.issue is None:
            structure.issue = issue
        structure.furniture.append(text)
    elif role == Role.PAGE_NUMBER:
        structure.pages.append(int(text))
        structure.furniture.append(text)
    elif role == Role.PULL_QUOTE:
        structure.pull_quotes.append(_unquote(text))
    elif role in (Role.FURNITURE, Role.SIDEBAR, Role.RUBRIC):
        structure.furniture.append(text)


def _assign_display(structure: Structure, displays: list[Block]) -> None:
    """The first display line is the title, the next the subtitle; further ones are furniture."""
    for block in displays:
        if block.role == Role.SUBTITLE and structure.subtitle is None:
            structure.subtitle = block.text
        elif structure.title is None:
            structure.title = block.text
        elif structure.subtitle is None:
            structure.subtitle = block.text
        else:
            structure.furniture.append(block.text)


def _split_off_repeated_quotes(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """A wholly quoted paragraph that repeats other body text is a pull quote, not body."""
    rules = layout_rules()
    flat: dict[int, str] = {}  # made on the first quoted paragraph: most articles have none
    kept, quotes = [], []
    for block in body:
        text = block.text
        quoted = (
            block.role == Role.BODY
            and len(text) > 2
            and text[0] in rules.opening_quotes
            and text[-1] in rules.closing_quotes
        )
        inner = _flatten(_unquote(text)) if quoted else ""
        if inner and not flat:
            flat.update((id(b), _flatten(b.text)) for b in body)
        if inner and any(_repeats(inner, flat[id(other)]) for other in body if other is not block):
            quotes.append(block)
        else:
            kept.append(block)
    return kept, quotes


def _repeats(quote: str, text: str) -> bool:
    """A pull quote repeats body text, perhaps shortened: most of its words, in order."""
    if quote in text:
        return True
    words, body = quote.split(), text.split()
    # The words both share, each as often as in both, bound the words matched in order.
    if sum((Counter(words) & Counter(body)).values()) < PULL_QUOTE_REPEAT_SHARE * len(words):
        return False
    matcher = SequenceMatcher(a=words, b=body, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= PULL_QUOTE_REPEAT_SHARE * len(words)


def _lay_out_body(structure: Structure, body: list[Block]) -> None:
    builder = TextBuilder()
    headings: list[tuple[str, int]] = []
    previous: Block | None = None
    for block in body:
        if previous is not None:
            tight = previous.role == Role.HEADING or (
                previous.role == Role.BULLET and block.role == Role.BULLET
            )
            builder.insert("\n" if tight else "\n\n", previous.end)
        start = len(builder)
        if block.role == Role.BULLET:
            builder.insert(BULLET_PREFIX, block.start)
        if block.role == Role.HEADING:
            headings.append((block.text, start))
        builder.extend(block.text, block.offsets)
        structure.paragraphs.append(Paragraph(block.role, start, len(builder)))
        previous = block
    structure.text, structure.offsets = builder.build()
    structure.sections = _sections(headings, len(structure.text))


def _sections(headings: list[tuple[str, int]], length: int) -> list[Section]:
    sections: list[Section] = []
    if not headings or headings[0][1] > 0:
        first_end = headings[0][1] if headings else length
        if first_end > 0:
            sections.append(Section(None, 0, first_end))
    for index, (heading, start) in enumerate(headings):
        end = headings[index + 1][1] if index + 1 < len(headings) else length
        sections.append(Section(heading, start, end))
    return sections


def section_at(sections: list[Section], offset: int) -> str | None:
    """The heading of the section that holds ``offset``."""
    for section in sections:
        if section.start <= offset < section.end:
            return section.heading
    return None


def _unquote(text: str) -> str:
    rules = layout_rules()
    return text.strip().lstrip(rules.opening_quotes).rstrip(rules.closing_quotes).strip()


def _flatten(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()
