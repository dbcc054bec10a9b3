"""Read a saved web page into a ``SourceText``: the main content as text, with role hints."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lxml.etree
import lxml.html
import regex

from ..datafiles import load_json, require_keys
from ..errors import EmptyInput, EncodingProblem, UnsupportedInput
from ..models import Role, RoleHint, SourceKind, SourceText
from .formats import HTML_FALLBACK_ENCODING, declared_charset
from .source import refuse_binary

BULLET_MARKER = "• "
"""List items are written as bullets, so that the block stage reads them as it reads text."""
BLOCK_SEPARATOR = "\n\n"
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
LEAF_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "figcaption", "caption",
     "address", "summary", "legend", "th"}
)
"""Blocks whose text belongs to the container around them, for the content score."""
STRUCTURAL_TAGS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "hgroup"})
QUOTE_TAGS = frozenset({"blockquote", "aside"})
CAPTION_TAGS = frozenset({"figcaption", "caption"})
DISPLAY_FORBIDDEN_ENDS = ".,;:!"
SENTENCE_END = regex.compile(r"[.!?]")
_WORD = regex.compile(r"\p{L}{2,}")
_HTML_SPACE = regex.compile(r"[ \t\n\r\f]+")
_TOKEN_SPLIT = regex.compile(r"[^a-z0-9]+")
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
_C1_CONTROLS = regex.compile(r"[\x80-\x9f]")
# lxml refuses to set text holding C0 controls (a form feed, NUL) that its parser let through.
_C0_CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


@dataclass(frozen=True, slots=True)
class HtmlRules:
    dropped_tags: frozenset[str]
    block_tags: frozenset[str]
    bold_tags: frozenset[str]
    dropped_roles: frozenset[str]
    boilerplate_tokens: frozenset[str]
    lede_tokens: frozenset[str]
    subtitle_tokens: frozenset[str]
    byline_tokens: frozenset[str]
    paragraph_min_chars: int
    paragraph_max_link_density: float
    boilerplate_link_density: float
    link_block_max_own_words: int
    link_block_min_density: float
    sibling_score_share: float
    bold_heading_max_words: int
    subtitle_max_words: int
    rubric_max_words: int
    quote_max_words: int


@dataclass(frozen=True, slots=True)
class LineCues:
    """The layout cues a web page shares with print (from ``layout.json``): bylines and dates."""

    byline: regex.Pattern
    issue: regex.Pattern


@lru_cache(maxsize=1)
def line_cues() -> LineCues:
    data = require_keys("layout.json", load_json("layout.json"), {"byline_prefixes", "issue_patterns"})
    prefixes = "|".join(regex.escape(p) for p in sorted(data["byline_prefixes"], key=len, reverse=True))
    return LineCues(
        byline=regex.compile(rf"^(?:{prefixes}):?\s+\p{{Lu}}"),
        issue=regex.compile("|".join(data["issue_patterns"]), regex.IGNORECASE),
    )


@lru_cache(maxsize=1)
def html_rules() -> HtmlRules:
    data = require_keys("html.json", load_json("html.json"), set(HtmlRules.__slots__))
    return HtmlRules(**{
        name: frozenset(value) if isinstance(value, list) else value for name, value in data.items()
    })


@dataclass(slots=True, eq=False)
class PageBlock:
    """The inline content of one block-level element, in document order.

    ``lines`` are split at ``<br>``; ``chars``, ``link_chars`` and ``bold_chars`` count the
    non-space characters, all of them, those inside links, and those set in bold.
    """

    element: lxml.html.HtmlElement
    lines: list[str]
    chars: int
    link_chars: int
    bold_chars: int
    role: Role | None = None
    group: object | None = None

    @property
    def tag(self) -> str:
        return self.element.tag

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass(slots=True)
class _Totals:
    chars: int = 0
    link_chars: int = 0
    score: float = 0.0
    blocks: int = 0


def read_html(path: Path | str, data: bytes) -> SourceText:
    """Read the bytes of a saved web page: main content only, one block per line group."""
    text = decode_html(data, path)
    root = parse_html(text, path)
    blocks = main_blocks(root)
    if not any(block.role in (Role.BODY, Role.BULLET, Role.LEDE) and _WORD.search(block.text) for block in blocks):
        raise EmptyInput(path, "the page has no article text (only navigation, scripts or markup)")
    source_text, hints = render(blocks)
    return SourceText(
        text=source_text, path=str(path), kind=SourceKind.HTML,
        sha256=hashlib.sha256(data).hexdigest(), hints=hints,
    )


# --- decoding ---------------------------------------------------------------------------------
def decode_html(data: bytes, path: Path | str) -> str:
    """Decode with the byte-order mark, else the declared charset, else UTF-8, else cp1252."""
    if not data.strip():
        raise EmptyInput(path, "the file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return refuse_binary(_decode(data, encoding, path), path)
    if b"\x00" in data:
        raise UnsupportedInput(path, "binary data (NUL bytes), not a web page")
    candidates = [declared_charset(data), "utf-8", HTML_FALLBACK_ENCODING]
    for encoding in dict.fromkeys(c for c in candidates if c):
        try:
            return refuse_binary(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise EncodingProblem(path, f"neither the declared charset, UTF-8 nor {HTML_FALLBACK_ENCODING}")


def _decode(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingProblem(path, f"invalid {encoding} at byte {error.start}") from error


# --- parsing and clean-up ---------------------------------------------------------------------
def parse_html(text: str, path: Path | str) -> lxml.html.HtmlElement:
    """The page as a tree, without scripts, styles, navigation, forms, hidden parts or comments."""
    try:
        root = lxml.html.document_fromstring(_C0_CONTROLS.sub(" ", _XML_DECLARATION.sub("", text)))
    except (lxml.etree.LxmlError, ValueError) as error:
        raise EmptyInput(path, f"no HTML content ({' '.join(str(error).split()) or 'empty document'})") from error
    rules = html_rules()
    doomed = [
        element for element in root.iter()
        if not isinstance(element.tag, str) or _dropped(element, rules)
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail: text after the element belongs to its parent
    return root


def _dropped(element: lxml.html.HtmlElement, rules: HtmlRules) -> bool:
    if element.tag in rules.dropped_tags:
        return True
    attributes = element.attrib
    if "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true":
        return True
    if attributes.get("role", "").lower() in rules.dropped_roles:
        return True
    return bool(_HIDDEN_STYLE.search(attributes.get("style", "").lower()))


def page_blocks(root: lxml.html.HtmlElement) -> list[PageBlock]:
    """Every block of the page with text, in document order."""
    rules = html_rules()
    blocks: list[PageBlock] = []
    owners: list[lxml.html.HtmlElement] = []
    styles: list[tuple[bool, bool]] = [(False, False)]
    pending: list[tuple[str | None, bool, bool]] = []  # text, in a link, in bold; None for <br>

    def flush() -> None:
        for pieces in _paragraphs(pending):
            block = _make_block(owners[-1], pieces)
            if block is not None:
                blocks.append(block)
        pending.clear()

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        block = tag in rules.block_tags
        if event == "start":
            if block:
                if owners:
                    flush()
                owners.append(element)
            link, bold = styles[-1]
            styles.append((link or (tag == "a" and "href" in element.attrib), bold or tag in rules.bold_tags))
            if tag == "br":
                pending.append((None, False, False))
            if element.text:
                pending.append((element.text, *styles[-1]))
        else:
            styles.pop()
            if block:
                flush()
                owners.pop()
            if element.tail and owners:
                pending.append((element.tail, *styles[-1]))
    return blocks


def _paragraphs(pieces: list[tuple[str | None, bool, bool]]) -> Iterator[list[tuple[str | None, bool, bool]]]:
    """Text set apart by two line breaks (``<br><br>``) is two paragraphs, as a browser shows it."""
    current: list[tuple[str | None, bool, bool]] = []
    breaks = 0
    for piece in pieces:
        text = piece[0]
        if text is None:
            breaks += 1
        elif text.strip():
            if breaks >= 2:
                yield current
                current = []
            breaks = 0
        current.append(piece)
    yield current


def _make_block(owner: lxml.html.HtmlElement, pieces: list[tuple[str | None, bool, bool]]) -> PageBlock | None:
    chars = link_chars = bold_chars = 0
    parts: list[str] = []
    for text, link, bold in pieces:
        if text is None:
            parts.append("\n")
            continue
        text = _C1_CONTROLS.sub(_windows_1252, text)
        parts.append(_HTML_SPACE.sub(" ", text))
        visible = sum(1 for char in text if not char.isspace())
        chars += visible
        link_chars += visible if link else 0
        bold_chars += visible if bold else 0
    lines = [_single_spaced(line) for line in "".join(parts).split("\n") if line.strip()]
    if not lines:
        return None
    return PageBlock(owner, lines, chars, link_chars, bold_chars)


def _single_spaced(line: str) -> str:
    return " ".join(part for part in line.split(" ") if part)


def _windows_1252(match: regex.Match) -> str:
    # Browsers read C1 code points from character references (&#150;) as windows-1252.
    return bytes([ord(match.group())]).decode("cp1252", errors="ignore")


# --- main content -----------------------------------------------------------------------------
def main_blocks(root: lxml.html.HtmlElement) -> list[PageBlock]:
    """The blocks of the article, each with its role; everything else of the page left out."""
    rules = html_rules()
    blocks = page_blocks(root)
    if not blocks:
        return []
    totals = _totals(blocks, rules)
    core = _content_core(root, totals, rules)
    inside = [b for b in blocks if any(_within(b.element, element) for element in core)]
    title = _title(blocks, inside)
    protected = {element for element in core} | set(_ancestors(core[0]))
    if title is not None:
        protected |= {title.element, *_ancestors(title.element)}
    kept = [
        b for b in _article_blocks(blocks, inside, title)
        if b is title or not _boilerplate(b, totals, protected, rules)
    ]
    _assign_roles(kept, title, core, rules)
    return _without_empty_headings([b for b in kept if b.role is not None])


def _totals(blocks: list[PageBlock], rules: HtmlRules) -> dict[lxml.html.HtmlElement, _Totals]:
    """Text, link text and content score summed over every element's blocks.

    The score is readability's: a paragraph of prose counts fully for the container that holds
    it and half for the container around that. Paragraphs in boxes named as boilerplate
    (comments, teasers) do not count, unless that leaves nothing.
    """
    totals: dict[lxml.html.HtmlElement, _Totals] = {}
    for block in blocks:
        for element in [block.element, *_ancestors(block.element)]:
            entry = totals.setdefault(element, _Totals())
            entry.chars += block.chars
            entry.link_chars += block.link_chars
            entry.blocks += 1
    paragraphs = [b for b in blocks if _is_content_paragraph(b, rules)]
    plain = [b for b in paragraphs if not _named_boilerplate(b.element, rules)]
    for block in plain or paragraphs:
        score = 1 + min(block.chars / 100, 3)
        container = _container_of(block.element)
        totals[container].score += score
        outer = container.getparent()
        if outer is not None:
            totals[_container_of(outer)].score += score / 2
    return totals


def _is_content_paragraph(block: PageBlock, rules: HtmlRules) -> bool:
    return (
        block.tag not in HEADING_TAGS
        and block.tag != "h1"
        and block.chars >= rules.paragraph_min_chars
        and block.link_density <= rules.paragraph_max_link_density
        and bool(SENTENCE_END.search(block.text))
    )


def _named_boilerplate(element: lxml.html.HtmlElement, rules: HtmlRules) -> bool:
    return any(
        _tokens(e) & rules.boilerplate_tokens for e in [element, *_ancestors(element)] if e.tag not in ("html", "body")
    )


def _container_of(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element itself when it holds blocks, else the nearest ancestor that does."""
    current = element
    while current.getparent() is not None and (current.tag in LEAF_TAGS or current.tag in STRUCTURAL_TAGS):
        current = current.getparent()
    return current


def _content_core(root: lxml.html.HtmlElement, totals: dict, rules: HtmlRules) -> list[lxml.html.HtmlElement]:
    """The container with the best score, with the siblings around it that are content too."""
    scored = [(entry.score, element) for element, entry in totals.items() if entry.score > 0]
    if not scored:
        body = root.find("body")
        return [body if body is not None else root]
    best_score, best = max(scored, key=lambda pair: pair[0])
    parent = best.getparent()
    if parent is None:
        return [best]
    siblings = [child for child in parent if isinstance(child.tag, str)]
    content = [
        child for child in siblings
        if child is best or (
            child in totals
            and _density(totals[child]) <= rules.paragraph_max_link_density
            and (totals[child].score >= rules.sibling_score_share * best_score
                 or (child.tag == "p" and totals[child].chars >= rules.paragraph_min_chars))
        )
    ]
    return siblings[siblings.index(content[0]) : siblings.index(content[-1]) + 1]


def _density(entry: _Totals | None) -> float:
    return entry.link_chars / entry.chars if entry and entry.chars else 0.0


def _within(element: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    return element is container or any(ancestor is container for ancestor in _ancestors(element))


def _ancestors(element: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    current = element.getparent()
    while current is not None:
        yield current
        current = current.getparent()


def _title(blocks: list[PageBlock], inside: list[PageBlock]) -> PageBlock | None:
    """The first h1 of the content, else the last h1 before it; without any h1, a heading that opens the content."""
    for block in inside:
        if block.tag == "h1":
            return block
    first = inside[0] if inside else None
    before = []
    for block in blocks:
        if block is first:
            break
        if block.tag == "h1":
            before.append(block)
    if before:
        return before[-1]
    if first is not None and first.tag in HEADING_TAGS and not any(b.tag == "h1" for b in blocks):
        return first
    return None


def _article_blocks(blocks: list[PageBlock], inside: list[PageBlock], title: PageBlock | None) -> list[PageBlock]:
    """Kicker and title, what stands between the title and the content, and the content after the title.

    What the content holds before its title is a breadcrumb or a date line, and is left out.
    """
    if title is None:
        return inside
    position = {id(block): index for index, block in enumerate(blocks)}
    at = position[id(title)]
    content_start = position[id(inside[0])] if inside else len(blocks)
    chosen = [blocks[at - 1]] if at > 0 and _is_kicker(blocks[at - 1], title) else []
    chosen.append(title)
    chosen.extend(blocks[at + 1 : content_start])
    chosen.extend(b for b in inside if position[id(b)] > at)
    return chosen


def _is_kicker(block: PageBlock, title: PageBlock) -> bool:
    """A few words right before the title, in the box that holds the title: the rubric."""
    parent = block.element.getparent()
    return (
        parent is not None
        and _within(title.element, parent)
        and block.words <= html_rules().rubric_max_words
        and block.link_chars == 0
        and block.tag not in HEADING_TAGS
    )


def _tokens(element: lxml.html.HtmlElement) -> set[str]:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return {token for token in _TOKEN_SPLIT.split(names) if token}


def _boilerplate(block: PageBlock, totals: dict, protected: set, rules: HtmlRules) -> bool:
    """Link lists, share bars, teasers and cookie notes: by their links first, their names second."""
    own_words = block.words * (1 - block.link_density)
    if block.link_chars and own_words <= rules.link_block_max_own_words and block.link_density >= rules.link_block_min_density:
        return True
    for element in [block.element, *_ancestors(block.element)]:
        if element in protected:
            return False
        entry = totals.get(element)
        if entry is not None and entry.blocks > 1 and _density(entry) > rules.boilerplate_link_density:
            return True
        if _tokens(element) & rules.boilerplate_tokens:
            return True
    return False


# --- roles ------------------------------------------------------------------------------------
def _assign_roles(blocks: list[PageBlock], title: PageBlock | None, core: list, rules: HtmlRules) -> None:
    """Title and kicker, the front matter (subtitle, lede, byline, date), then the body.

    The front matter lasts from the title to the first heading, list item or plain paragraph.
    """
    front: set[Role] | None = set() if title is not None else None  # the front roles given so far
    for index, block in enumerate(blocks):
        if block is title:
            block.role = Role.TITLE
        elif title is not None and index + 1 < len(blocks) and blocks[index + 1] is title:
            block.role = Role.RUBRIC
        elif (role := _boxed_role(block, blocks, core, rules)) is not None:
            block.role = role
        elif front is not None and (role := _front_role(block, blocks, index, title, front, rules)) is not None:
            block.role = role
            front.add(role)
        else:
            block.role = _body_role(block, rules)
            front = None


def _boxed_role(block: PageBlock, blocks: list[PageBlock], core: list, rules: HtmlRules) -> Role | None:
    """Quotes, asides and tables set apart from the text, and captions."""
    box = next((e for e in [block.element, *_ancestors(block.element)] if e.tag in QUOTE_TAGS | {"table"}), None)
    if box is not None and not any(_within(element, box) for element in core):
        block.group = box  # a layout table or aside around the whole content is no box
        return Role.SIDEBAR if box.tag == "table" else _quote_role(box, blocks, rules)
    if block.tag in CAPTION_TAGS:
        return Role.BYLINE if _is_byline(block, rules) else Role.FURNITURE
    return None


def _front_role(block: PageBlock, blocks: list[PageBlock], index: int, title: PageBlock | None,
                given: set[Role], rules: HtmlRules) -> Role | None:
    """The role of a block between the title and the body, or None where the body begins."""
    if block.tag in HEADING_TAGS:
        return Role.SUBTITLE if Role.SUBTITLE not in given and _shares_header(block, title) else None
    if _is_byline(block, rules):
        return Role.BYLINE
    if line_cues().issue.match(block.text) or any(e.tag == "time" for e in block.element.iter()):
        return Role.FURNITURE  # a web page's date, not a magazine's issue line
    if not given & {Role.SUBTITLE, Role.LEDE} and (
        _named(block, rules.subtitle_tokens) or _subtitle_like(block, rules)
    ):
        return Role.SUBTITLE
    if Role.LEDE not in given and (
        _named(block, rules.lede_tokens) or _all_bold(block) or _before_byline(blocks, index, rules)
    ):
        return Role.LEDE
    return None


def _body_role(block: PageBlock, rules: HtmlRules) -> Role:
    if block.tag in HEADING_TAGS:
        return Role.HEADING
    if any(e.tag == "li" for e in [block.element, *_ancestors(block.element)][:3]):
        return Role.BULLET
    if _all_bold(block) and block.words <= rules.bold_heading_max_words and block.text[-1] not in DISPLAY_FORBIDDEN_ENDS:
        return Role.HEADING
    return Role.BODY


def _quote_role(box: lxml.html.HtmlElement, blocks: list[PageBlock], rules: HtmlRules) -> Role:
    """A short quote set apart is a pull quote; a long aside is a box, a long quotation body text."""
    words = sum(b.words for b in blocks if _within(b.element, box))
    if words <= rules.quote_max_words:
        return Role.PULL_QUOTE
    return Role.SIDEBAR if box.tag == "aside" else Role.BODY


def _shares_header(block: PageBlock, title: PageBlock | None) -> bool:
    parent = block.element.getparent()
    return title is not None and parent is title.element.getparent() and parent.tag in ("header", "hgroup")


def _named(block: PageBlock, tokens: frozenset[str]) -> bool:
    return any(_tokens(e) & tokens for e in [block.element, *_ancestors(block.element)][:3])


def _is_byline(block: PageBlock, rules: HtmlRules) -> bool:
    """Byline cues ('Tekst', 'Door') open the block, or the box is named as a byline."""
    return bool(line_cues().byline.match(block.lines[0])) or _named(block, rules.byline_tokens)


def _byline_line_role(line: str) -> Role:
    """A byline box may also hold the date: each line keeps its own role."""
    cues = line_cues()
    if cues.issue.match(line):
        return Role.FURNITURE
    return Role.BYLINE if cues.byline.match(line) or not any(char.isdigit() for char in line) else Role.FURNITURE


def _subtitle_like(block: PageBlock, rules: HtmlRules) -> bool:
    return (
        block.words <= rules.subtitle_max_words
        and block.text[-1] not in DISPLAY_FORBIDDEN_ENDS
        and not _all_bold(block)
        and block.link_chars == 0
    )


def _all_bold(block: PageBlock) -> bool:
    return block.chars > 0 and block.bold_chars == block.chars


def _before_byline(blocks: list[PageBlock], index: int, rules: HtmlRules) -> bool:
    return index + 1 < len(blocks) and _is_byline(blocks[index + 1], rules)


def _heading_level(block: PageBlock) -> int:
    return int(block.tag[1]) if block.tag in HEADING_TAGS else 7


def _without_empty_headings(blocks: list[PageBlock]) -> list[PageBlock]:
    """A heading with nothing under it headed a box that was left out ('Lees ook')."""
    kept = []
    for index, block in enumerate(blocks):
        if block.role is Role.HEADING:
            following = next((b for b in blocks[index + 1 :] if b.role in (Role.BODY, Role.BULLET, Role.HEADING)), None)
            if following is None or (
                following.role is Role.HEADING and _heading_level(following) <= _heading_level(block)
            ):
                continue
        kept.append(block)
    return kept


# --- rendering --------------------------------------------------------------------------------
def render(blocks: Iterable[PageBlock]) -> tuple[str, list[RoleHint]]:
    """One line per block, a blank line between blocks, and a hint for each.

    Byline lines are blocks of their own; the paragraphs of one quote or table are one block.
    """
    spans: list[tuple[Role, list[str], object | None]] = []
    for block in blocks:
        if block.group is not None and spans and spans[-1][2] is block.group:
            spans[-1][1].append(block.text)
        elif block.role is Role.BYLINE:
            spans.extend((_byline_line_role(line), [line], None) for line in block.lines)
        elif block.role is Role.BULLET:
            spans.append((Role.BULLET, [BULLET_MARKER + block.text], None))
        else:
            spans.append((block.role, [block.text], block.group))
    parts: list[str] = []
    hints: list[RoleHint] = []
    length = 0
    for role, lines, _group in spans:
        if parts:
            parts.append(BLOCK_SEPARATOR)
            length += len(BLOCK_SEPARATOR)
        text = "\n".join(lines)
        hints.append(RoleHint(length, length + len(text), role))
        parts.append(text)
        length += len(text)
    parts.append("\n")
    return "".join(parts), hints
