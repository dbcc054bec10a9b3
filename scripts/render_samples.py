#!/usr/bin/env python3
"""Render the structured sample articles in ``samples/src/`` to extracted-text form.

Each ``samples/src/<name>.md`` (TOML front matter between ``+++`` lines, then a small
Markdown body) is typeset into ``samples/<name>.txt`` the way text comes out of a
multi-column magazine PDF: lines wrapped at column width with trailing spaces, words
hyphenated at line ends, blank lines at column and page breaks, bullets as ``•\\t ``
(or another marker), and the page furniture (lede, title, subtitle, pull quote, issue
line, page number, rubric, byline, running header) dropped as a jumbled block into the
middle of the body.

The output is deterministic: every article gets its own random generator, seeded from
its name. Articles listed in ``KEEP`` already have a real extraction as their text
version and are never overwritten.

Usage::

    python scripts/render_samples.py            # render every source
    python scripts/render_samples.py NAME ...   # render only these articles
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyphen

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "samples" / "src"
OUT_DIR = ROOT / "samples"

KEEP = {"opgavegericht-werken"}
"""Articles whose text version is a real extraction: never rendered."""

BULLET_MARKERS = ["•\t ", "•\t ", "•\t ", "- ", "– ", "* "]
MIN_REAL_HYPHENS = 10
"""Line-end hyphens that belong to the word itself, wanted across all rendered articles."""
MIN_REAL_PER_ARTICLE = 2
"""Layouts are redrawn (with a seed derived from the name) until each article has this many."""

_DIC = pyphen.Pyphen(lang="nl_NL")
_ALPHA = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- source


@dataclass
class Block:
    kind: str  # "para", "heading" or "bullet"
    text: str


@dataclass
class Source:
    name: str
    meta: dict
    blocks: list[Block]


def parse_source(path: Path) -> Source:
    """Split a sample source into its front matter and body blocks."""
    raw = path.read_text(encoding="utf-8")
    parts = raw.split("+++\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ValueError(f"{path.name}: expected TOML front matter between '+++' lines")
    meta = tomllib.loads(parts[1])
    return Source(path.stem, meta, parse_body(parts[2]))


def parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped:
            current = None
        elif stripped.startswith("## "):
            blocks.append(Block("heading", stripped[3:].strip()))
            current = None
        elif stripped.startswith("- "):
            current = Block("bullet", stripped[2:].strip())
            blocks.append(current)
        elif current is not None:
            current.text += " " + stripped
        else:
            current = Block("para", stripped)
            blocks.append(current)
    return blocks


def clean_text(source: Source) -> str:
    """The article body as a reader would retype it: one block per line."""
    return "\n".join(b.text for b in source.blocks)


# --------------------------------------------------------------------------- typesetting


@dataclass
class Row:
    """One printed line. ``end`` tells how the line was broken."""

    text: str
    kind: str = "body"  # body, heading, bullet, blank
    end: str = "par"  # space, soft, hard, suspended, slash, par
    trail: str = ""

    def render(self) -> str:
        return self.text + self.trail


@dataclass
class Stats:
    ends: Counter = field(default_factory=Counter)
    real_words: list[str] = field(default_factory=list)
    hyphen_column_breaks: int = 0
    columns: int = 0
    lines: int = 0


class Setter:
    """Greedy line breaking with Dutch hyphenation, imitating a ragged-right column."""

    def __init__(self, rng: random.Random, width: int, stats: Stats):
        self.rng = rng
        self.width = width
        self.stats = stats

    def line_width(self, indent: int = 0) -> int:
        return self.width - indent + self.rng.randint(-2, 2)

    @staticmethod
    def tokens(text: str) -> list[str]:
        words: list[str] = []
        for word in text.split():
            # a percent sign never starts a line
            if word.startswith("%") and words:
                words[-1] += " " + word
            else:
                words.append(word)
        return words

    def split_word(self, word: str, room: int) -> tuple[str, str, str] | None:
        """Best way to break ``word`` so its head fits in ``room`` characters."""
        hard: list[tuple[str, str, str]] = []
        soft: list[tuple[str, str, str]] = []
        for i, ch in enumerate(word[:-1]):
            if i == 0:
                continue
            if ch == "-" and word[i - 1].isalnum() and word[i + 1].isalpha():
                hard.append((word[: i + 1], word[i + 1 :], "hard"))
            elif ch == "/" and word[i - 1].isalpha() and word[i + 1].isalpha():
                soft.append((word[: i + 1], word[i + 1 :], "slash"))
        if not any(c.isdigit() for c in word):
            for m in _ALPHA.finditer(word):
                seg = m.group()
                if len(seg) < 6:
                    continue
                for pos in _DIC.positions(seg):
                    cut = m.start() + pos
                    head, tail = word[:cut], word[cut:]
                    if sum(c.isalpha() for c in tail) < 2:
                        continue
                    soft.append((head + "-", tail, "soft"))
        hard = [c for c in hard if len(c[0]) <= room]
        soft = [c for c in soft if len(c[0]) <= room]
        if hard:
            return max(hard, key=lambda c: len(c[0]))
        if soft and room >= 5 and self.rng.random() < 0.7:
            best = max(soft, key=lambda c: len(c[0]))
            # a tiny head on a roomy line reads badly; a typesetter would rather move on
            if len(best[0]) >= 4:
                return best
        return None

    def wrap(self, text: str, indent: int = 0) -> list[Row]:
        words = self.tokens(text)
        rows: list[Row] = []
        cur = ""
        width = self.line_width(indent)
        i = 0
        while i < len(words):
            word = words[i]
            cand = f"{cur} {word}" if cur else word
            if len(cand) <= width:
                cur = cand
                i += 1
                nxt = words[i] if i < len(words) else ""
                if (
                    word.endswith("-")
                    and len(word) > 1
                    and nxt in ("en", "of")
                    and len(cur) >= 0.6 * width
                    and self.rng.random() < 0.8
                ):
                    rows.append(Row(cur, end="suspended"))
                    cur, width = "", self.line_width(indent)
                continue
            room = width - len(cur) - (1 if cur else 0)
            split = self.split_word(word, room)
            if split is not None:
                head, tail, kind = split
                rows.append(Row(f"{cur} {head}" if cur else head, end=kind))
                if kind == "hard":
                    self.stats.real_words.append(word)
                words[i] = tail
                cur, width = "", self.line_width(indent)
                continue
            if cur:
                rows.append(Row(cur, end="space"))
                cur, width = "", self.line_width(indent)
                continue
            # a single word wider than the column: let it stick out
            rows.append(Row(word, end="space"))
            i += 1
            width = self.line_width(indent)
        if cur:
            rows.append(Row(cur, end="par"))
        for row in rows:
            if row.end == "space" and row.text.endswith("-"):
                row.end = "suspended"  # "zorg-" ran into the margin before "en"
            if row.end == "space":
                row.trail = " "
            elif row.end == "par":
                row.trail = self.rng.choices(["", " ", "  "], [6, 3, 1])[0]
            if row.end in ("soft", "hard", "suspended", "slash"):
                self.stats.ends[row.end] += 1
        return rows


def blank() -> Row:
    return Row("", kind="blank", end="par")


def set_body(source: Source, rng: random.Random, width: int, marker: str, stats: Stats) -> list[Row]:
    """Typeset the body as one long galley of rows (columns are cut later)."""
    setter = Setter(rng, width, stats)
    indent = 3 if marker.startswith("•") else len(marker)
    rows: list[Row] = []
    blocks = source.blocks
    prev = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            if prev is not None and rng.random() < 0.5:
                rows.append(blank())
            rows.append(Row(block.text, kind="heading", end="par", trail=rng.choice(["", "", "", " "])))
            prev = "heading"
            i += 1
        elif block.kind == "para":
            if prev == "para" and rng.random() < 0.35:
                rows.append(blank())
            elif prev == "bullet" and rng.random() < 0.5:
                rows.append(blank())
            rows.extend(setter.wrap(block.text, 0))
            prev = "para"
            i += 1
        else:
            items = []
            while i < len(blocks) and blocks[i].kind == "bullet":
                items.append(blocks[i].text)
                i += 1
            long_items = sum(len(t) for t in items) / len(items) > 1.2 * width
            spaced = long_items if rng.random() < 0.8 else not long_items
            if prev is not None and (spaced or rng.random() < 0.6):
                rows.append(blank())
            for n, item in enumerate(items):
                if n and spaced:
                    rows.append(blank())
                item_rows = setter.wrap(item, indent)
                item_rows[0].text = marker + item_rows[0].text
                for r in item_rows:
                    r.kind = "bullet"
                rows.extend(item_rows)
            prev = "bullet"
    # the end mark of the last paragraph, as the magazine's square comes out of the PDF
    if rng.random() < 0.85:
        rows[-1].text += " n"
        rows[-1].trail = rng.choice(["", "\n "])
    # the odd stray leading space that PDF extraction leaves behind
    body_rows = [r for p, r in zip(rows, rows[1:]) if r.kind == "body" and r.text and p.end == "space"]
    for r in rng.sample(body_rows, k=min(len(body_rows), rng.randint(0, 2))):
        r.text = " " + r.text
    return rows


def cut_columns(rows: list[Row], rng: random.Random, stats: Stats) -> list[list[Row]] | None:
    """Cut the galley into columns of 40-55 lines; None if no column starts mid-word."""
    columns: list[list[Row]] = []
    cur: list[Row] = []
    target = rng.randint(40, 55)
    hyphen_breaks = 0
    for row in rows:
        if not cur and row.kind == "blank":
            continue  # paragraph space at the top of a column disappears
        cur.append(row)
        n = len(cur)
        at_hyphen = row.end in ("soft", "hard", "suspended") and row.kind != "blank"
        early = at_hyphen and hyphen_breaks == 0 and n >= target - 10 and rng.random() < 0.5
        if n >= target or early:
            carry: list[Row] = []
            while cur and cur[-1].kind in ("heading", "blank"):
                carry.insert(0, cur.pop())  # a heading never ends a column
            if at_hyphen and not carry:
                hyphen_breaks += 1
            columns.append(cur)
            cur = [r for r in carry if r.kind != "blank"]
            target = rng.randint(40, 55)
    if cur:
        columns.append(cur)
    if hyphen_breaks == 0 or len(columns) < 3:
        return None
    stats.hyphen_column_breaks = hyphen_breaks
    return columns


# --------------------------------------------------------------------------- furniture


def wrap_plain(text: str, width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if len(cand) <= width or not cur:
            cur = cand
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def furniture(meta: dict, rng: random.Random) -> list[str]:
    """The first page's furniture as PDF extraction jumbles it into the body."""
    units: dict[str, list[str]] = {}

    lede = [line + " " for line in wrap_plain(meta["lede"], rng.randint(84, 94))]
    if len(lede) > 2 and rng.random() < 0.6:
        lede.insert(len(lede) - 1, "")  # the last line sits in the next text frame
    units["lede"] = lede

    title = meta["title"]
    if len(title) > 16 and " " in title and rng.random() < 0.5:
        head, _, tail = title.rpartition(" ")
        units["title"] = [head + " ", tail]
    else:
        units["title"] = [title]

    n_sub = len(meta["subtitle"])
    sub = wrap_plain(meta["subtitle"], rng.randint(max(12, n_sub // 2), max(16, n_sub * 2 // 3)))
    units["subtitle"] = [line + rng.choice(["  ", " "]) for line in sub[:-1]] + [sub[-1]]

    quote = "‘" + meta["pull_quote"] + "’"
    lines_wanted = rng.choice([3, 4])
    width = max(12, len(quote) // lines_wanted)
    while len(wrap_plain(quote, width)) > lines_wanted:
        width += 1
    pq = wrap_plain(quote, width)
    pq = [line + " " for line in pq[:-1]] + [pq[-1]]
    if len(pq) >= 3 and rng.random() < 0.5:
        pq.insert(rng.randint(1, len(pq) - 1), "")
    units["pull_quote"] = pq

    units["issue"] = [meta["issue"]]
    units["page"] = [str(meta["page"])]
    units["rubric"] = [meta["rubric"].upper(), "Rubriek"]
    units["byline"] = list(meta["byline"])
    units["header"] = [meta.get("running_header", "Ambtenarenpanel")]

    templates = [
        ["lede", "title", "subtitle", "pull_quote", "issue", "page", "rubric", "byline", "header"],
        ["lede", "header", "title", "subtitle", "pull_quote", "issue", "page", "rubric", "byline", "header"],
        ["header", "title", "subtitle", "lede", "pull_quote", "page", "issue", "rubric", "byline"],
        ["rubric", "title", "subtitle", "lede", "byline", "pull_quote", "issue", "page", "header"],
        ["title", "subtitle", "lede", "header", "pull_quote", "rubric", "byline", "issue", "page"],
    ]
    order = list(rng.choice(templates))
    # one more shuffle step: swap two neighbours, keeping title and subtitle together
    k = rng.randrange(len(order) - 1)
    if {order[k], order[k + 1]} & {"title", "subtitle"} == set():
        order[k], order[k + 1] = order[k + 1], order[k]

    out = [""]
    for name in order:
        out.extend(units[name])
        out.append("")
    out.extend([""] * rng.randint(0, 2))
    return out


def second_page(meta: dict, rng: random.Random, page: int) -> list[str]:
    parts = [[str(page)], [meta["issue"]]]
    if rng.random() < 0.5:
        parts.reverse()
    if rng.random() < 0.4:
        parts.append([meta.get("running_header", "Ambtenarenpanel")])
    out = [""]
    for p in parts:
        out.extend(p)
        out.append("")
    return out


# --------------------------------------------------------------------------- article


def seed_for(name: str, attempt: int) -> int:
    digest = hashlib.sha256(f"{name}#{attempt}".encode()).hexdigest()
    return int(digest[:16], 16)


def render(source: Source) -> tuple[str, Stats]:
    """Typeset one article; retries with a derived seed until a column breaks mid-word."""
    for attempt in range(100):
        rng = random.Random(seed_for(source.name, attempt))
        stats = Stats()
        cols = int(source.meta.get("columns", 2))
        width = rng.randint(40, 44) if cols == 2 else rng.randint(34, 38)
        marker = rng.choice(BULLET_MARKERS)
        rows = set_body(source, rng, width, marker, stats)
        columns = cut_columns(rows, rng, stats)
        if columns is not None and stats.ends["hard"] + stats.ends["suspended"] >= MIN_REAL_PER_ARTICLE:
            break
    else:  # pragma: no cover - the sources are long enough for this never to happen
        raise RuntimeError(f"{source.name}: could not lay out the article")

    n = len(columns)
    middle = [i for i in range(max(1, n // 3), max(2, (2 * n) // 3 + 1)) if i < n] or [1]
    # the first page's furniture rather sits between whole words; the page turn may not
    whole = [i for i in middle if columns[i - 1][-1].end not in ("soft", "hard", "suspended")]
    at_furniture = rng.choice(whole or middle)
    later = list(range(at_furniture + 1, n + 1))
    at_second = None
    if cols == 3 or rng.random() < 0.5:
        at_second = rng.choice(later)

    lines: list[str] = []
    if rng.random() < 0.6:
        lines.append("")
    for i, column in enumerate(columns):
        if i:
            lines.append(rng.choice(["", "", "", " "]))
        if i == at_furniture:
            lines.extend(furniture(source.meta, rng))
        if i == at_second:
            lines.extend(second_page(source.meta, rng, int(source.meta["page"]) + 1))
        lines.extend(r.render() for r in column)
    if at_second == n:
        lines.extend(second_page(source.meta, rng, int(source.meta["page"]) + 1))

    stats.columns = n
    stats.lines = len(lines)
    text = "\n".join(lines)
    if not text.endswith("\n") and not text.endswith(" "):
        text += "\n"
    return text, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="article names (default: all sources)")
    args = parser.parse_args(argv)

    paths = sorted(SRC_DIR.glob("*.md"))
    if args.names:
        wanted = set(args.names)
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            parser.error(f"no source for: {', '.join(sorted(missing))}")

    total_real = 0
    for path in paths:
        source = parse_source(path)
        if source.name in KEEP:
            print(f"{source.name}: kept (real extraction)")
            continue
        text, stats = render(source)
        (OUT_DIR / f"{source.name}.txt").write_text(text, encoding="utf-8")
        total_real += stats.ends["hard"] + stats.ends["suspended"]
        print(
            f"{source.name}: {stats.lines} lines, {stats.columns} columns, "
            f"{stats.ends['soft']} soft / {stats.ends['hard']} compound / "
            f"{stats.ends['suspended']} suspended line-end hyphens, "
            f"{stats.hyphen_column_breaks} column break(s) mid-word"
        )
    if not args.names and total_real < MIN_REAL_HYPHENS:
        print(f"warning: only {total_real} real line-end hyphens (want {MIN_REAL_HYPHENS})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
