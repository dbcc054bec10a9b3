"""Lay out the sample article sources as realistic magazine PDFs (A4, justified columns, Dutch hyphenation).

Usage::

    python scripts/make_sample_pdfs.py                 # samples/src/*.md -> samples/pdf/*.pdf
    python scripts/make_sample_pdfs.py --src tests/data/pdf_src --out samples/pdf

A source is a Markdown file with TOML front matter between ``+++`` lines (keys ``title``,
``subtitle``, ``lede``, ``rubric``, ``issue``, ``page``, ``byline`` (list), ``running_header``,
``columns`` (2 or 3), ``pull_quote``); its body has paragraphs separated by blank lines,
``## Heading`` lines and bullet items as lines ``- item``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 50.0
HEADER_TOP = 30.0  # running header baseline, from the top edge
FOOTER_BOTTOM = 28.0  # page number baseline, from the bottom edge
BODY_TOP = 62.0  # top of the columns on pages after the first, from the top edge
BODY_BOTTOM = 58.0  # bottom of the columns, from the bottom edge
GUTTER = {2: 18.0, 3: 14.0}
PULL_QUOTE_AT = 0.52  # where the pull quote's gap sits in the first page's column area (0 = top)
PULL_QUOTE_PAD = 9.0  # space between a rule and the columns or the quote
HYPHENATION_LANG = "nl_NL"

ACCENT = Color(0.0, 0.36, 0.55)
GREY = Color(0.35, 0.35, 0.35)

FRONT_MATTER_FENCE = "+++"
DEFAULT_SOURCES = Path("samples/src")
FALLBACK_SOURCES = Path("tests/data/pdf_src")
DEFAULT_OUTPUT = Path("samples/pdf")
SEED = "opgavegericht-werken"


# Embedded TrueType subsets, as in real magazine PDFs (Bitstream Vera ships with reportlab).
FONT_FILES = {
    "Sans": "Vera.ttf", "Sans-Bold": "VeraBd.ttf", "Sans-Italic": "VeraIt.ttf",
    "Sans-BoldItalic": "VeraBI.ttf",
}
for _name, _file in FONT_FILES.items():
    pdfmetrics.registerFont(TTFont(_name, _file))
pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Italic",
                              boldItalic="Sans-BoldItalic")


def _style(name: str, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, **kw)


BODY = _style(
    "body", fontName="Sans", fontSize=9.0, leading=12.4, alignment=TA_JUSTIFY,
    spaceBefore=0, spaceAfter=5.5, hyphenationLang=HYPHENATION_LANG, embeddedHyphenation=1,
    uriWasteReduce=0,
)
HEADING = _style(
    "heading", fontName="Sans-Bold", fontSize=9.5, leading=12.4, alignment=TA_LEFT,
    spaceBefore=7, spaceAfter=2, keepWithNext=1, textColor=ACCENT,
)
BULLET = _style(
    "bullet", parent=BODY, leftIndent=9.0, bulletIndent=0.0, bulletFontName="Sans",
    bulletFontSize=9.0, spaceAfter=2.5,
)
TITLE = _style("title", fontName="Sans-Bold", fontSize=28, leading=32, textColor=ACCENT)
SUBTITLE = _style("subtitle", fontName="Sans", fontSize=17, leading=21)
LEDE = _style("lede", fontName="Sans-Bold", fontSize=10.5, leading=14.5, alignment=TA_LEFT)
RUBRIC = _style("rubric", fontName="Sans-Bold", fontSize=9, leading=11, textColor=ACCENT)
BYLINE = _style("byline", fontName="Sans", fontSize=7.5, leading=9.5, textColor=GREY)
PULL_QUOTE = _style(
    "pull_quote", fontName="Sans-Italic", fontSize=15, leading=19, alignment=TA_CENTER,
    textColor=ACCENT,
)
FURNITURE_FONT = ("Sans", 7.5)


@dataclass
class ArticleSource:
    """One article as its Markdown source describes it."""

    name: str
    meta: dict
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): para/heading/bullet

    @property
    def columns(self) -> int:
        return int(self.meta.get("columns", 2))


def parse_source(path: Path) -> ArticleSource:
    """Parse ``+++`` TOML front matter and the Markdown-ish body of a sample source."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ValueError(f"{path}: missing '{FRONT_MATTER_FENCE}' front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        raise ValueError(f"{path}: unterminated front matter") from None
    meta = tomllib.loads("\n".join(lines[1:end]))
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    for raw in lines[end + 1:]:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        elif blocks and blocks[-1][0] == "bullet" and not para and raw.startswith((" ", "\t")):
            blocks[-1] = ("bullet", f"{blocks[-1][1]} {line}")  # an indented continuation line
        else:
            para.append(line)
    flush()
    return ArticleSource(name=path.stem, meta=meta, blocks=blocks)


def transcription_blocks(source: ArticleSource) -> list[tuple[str, str]]:
    """The article as a perfect transcription: (role, text) blocks, body first, then the rest.

    Roles are the values of ``extractor.models.Role``; every block is one line (no line breaks,
    so no hyphenation), in the order the PDF reader produces: body in reading order, then title,
    subtitle, lede, byline lines, rubric, issue, pull quote and running header.
    """
    meta = source.meta
    blocks = [("bullet", f"• {text}") if kind == "bullet" else ("body" if kind == "para" else kind, text)
              for kind, text in source.blocks]
    for key in ("title", "subtitle", "lede"):
        if meta.get(key):
            blocks.append((key, str(meta[key])))
    blocks.extend(("byline", str(line)) for line in meta.get("byline", []))
    if meta.get("rubric"):
        blocks.append(("rubric", str(meta["rubric"]).upper()))
    if meta.get("issue"):
        blocks.append(("issue", str(meta["issue"])))
    if pull_quote_text(meta):
        blocks.append(("pull_quote", pull_quote_text(meta)))
    if meta.get("running_header"):
        blocks.append(("furniture", str(meta["running_header"])))
    return blocks


def transcription(source: ArticleSource) -> str:
    """``transcription_blocks`` as plain text: blank lines between blocks."""
    return "\n\n".join(text for _, text in transcription_blocks(source)) + "\n"


QUOTE_OPEN, QUOTE_CLOSE = "\u2018", "\u2019"
QUOTE_MARKS = "\u2018\u2019\u201c\u201d'\""


def pull_quote_text(meta: dict) -> str | None:
    """The pull quote as printed: between curly quotes ‘…’ unless the source already quotes it."""
    quote = str(meta.get("pull_quote") or "").strip()
    if not quote:
        return None
    if quote[0] in QUOTE_MARKS:
        return quote
    return f"{QUOTE_OPEN}{quote}{QUOTE_CLOSE}"


def _para(text: str, style: ParagraphStyle, **kw) -> Paragraph:
    return Paragraph(escape(text), style, **kw)


def _story(source: ArticleSource) -> list:
    story: list = [NextPageTemplate("later")]
    for kind, text in source.blocks:
        if kind == "heading":
            story.append(_para(text, HEADING))
        elif kind == "bullet":
            story.append(_para(text, BULLET, bulletText="•"))
        else:
            story.append(_para(text, BODY))
    return story


def _column_xs(columns: int) -> tuple[list[float], float]:
    gutter = GUTTER[columns]
    width = (PAGE_WIDTH - 2 * MARGIN_X - (columns - 1) * gutter) / columns
    return [MARGIN_X + i * (width + gutter) for i in range(columns)], width


def _draw_para(canvas: Canvas, text: str, style: ParagraphStyle, x: float, top: float,
               width: float) -> float:
    """Draw a paragraph with its top at ``top`` (from the page top); return its height."""
    para = _para(text, style)
    _, height = para.wrapOn(canvas, width, PAGE_HEIGHT)
    para.drawOn(canvas, x, PAGE_HEIGHT - top - height)
    return height


class _Magazine:
    """Page furniture and first-page geometry for one article."""

    def __init__(self, source: ArticleSource, columns: int):
        self.source = source
        self.columns = columns
        self.meta = source.meta
        self.text_width = PAGE_WIDTH - 2 * MARGIN_X
        self.first_page = int(self.meta.get("page", 1))
        self.opening_bottom = self._opening_height()

    def _measure(self, text: str, style: ParagraphStyle, width: float) -> float:
        return _para(text, style).wrap(width, PAGE_HEIGHT)[1]

    def _opening_height(self) -> float:
        top = 56.0
        if self.meta.get("rubric"):
            top += 11 + 8
        if self.meta.get("title"):
            top += self._measure(self.meta["title"], TITLE, self.text_width) + 4
        if self.meta.get("subtitle"):
            top += self._measure(self.meta["subtitle"], SUBTITLE, self.text_width) + 12
        if self.meta.get("lede"):
            top += self._measure(self.meta["lede"], LEDE, self.text_width * 0.86) + 8
        top += 9.5 * len(self.meta.get("byline", [])) + 14
        return top

    def pull_quote_gap(self) -> tuple[float, float] | None:
        """Top and bottom (from the page top) of the pull quote's band on the first page."""
        quote = pull_quote_text(self.meta)
        if not quote:
            return None
        height = self._measure(quote, PULL_QUOTE, self.text_width * 0.7)
        area_top, area_bottom = self.opening_bottom, PAGE_HEIGHT - BODY_BOTTOM
        top = area_top + (area_bottom - area_top) * PULL_QUOTE_AT
        return top, top + height + 4 * PULL_QUOTE_PAD

    def frames(self, first: bool) -> list[Frame]:
        xs, width = _column_xs(self.columns)
        top = self.opening_bottom if first else BODY_TOP
        bottom = PAGE_HEIGHT - BODY_BOTTOM
        gap = self.pull_quote_gap() if first else None
        frames: list[Frame] = []
        for i, x in enumerate(xs):
            spans = [(top, bottom)] if gap is None else [(top, gap[0]), (gap[1], bottom)]
            for j, (t, b) in enumerate(spans):
                frames.append(Frame(x, PAGE_HEIGHT - b, width, b - t, leftPadding=0,
                                    rightPadding=0, topPadding=0, bottomPadding=0,
                                    id=f"c{i}s{j}", showBoundary=0))
        return frames

    def furniture(self, canvas: Canvas, doc) -> None:
        number = self.first_page + doc.page - 1
        font, size = FURNITURE_FONT
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setFont(font, size)
        y = PAGE_HEIGHT - HEADER_TOP
        if self.meta.get("running_header"):
            canvas.drawString(MARGIN_X, y, str(self.meta["running_header"]))
        if self.meta.get("issue"):
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, str(self.meta["issue"]))
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, y - 5, PAGE_WIDTH - MARGIN_X, y - 5)
        if number % 2:
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_BOTTOM, str(number))
        else:
            canvas.drawString(MARGIN_X, FOOTER_BOTTOM, str(number))
        canvas.restoreState()

    def opening(self, canvas: Canvas, doc) -> None:
        self.furniture(canvas, doc)
        meta = self.meta
        top = 56.0
        if meta.get("rubric"):
            top += _draw_para(canvas, str(meta["rubric"]).upper(), RUBRIC, MARGIN_X, top,
                              self.text_width) + 8
        if meta.get("title"):
            top += _draw_para(canvas, meta["title"], TITLE, MARGIN_X, top, self.text_width) + 4
        if meta.get("subtitle"):
            top += _draw_para(canvas, meta["subtitle"], SUBTITLE, MARGIN_X, top,
                              self.text_width) + 12
        if meta.get("lede"):
            top += _draw_para(canvas, meta["lede"], LEDE, MARGIN_X, top,
                              self.text_width * 0.86) + 8
        for line in meta.get("byline", []):
            top += _draw_para(canvas, line, BYLINE, MARGIN_X, top, self.text_width)
        gap = self.pull_quote_gap()
        if gap:
            width = self.text_width * 0.7
            canvas.saveState()
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.8)
            for y in (gap[0] + PULL_QUOTE_PAD, gap[1] - PULL_QUOTE_PAD):
                canvas.line(MARGIN_X, PAGE_HEIGHT - y, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - y)
            canvas.restoreState()
            _draw_para(canvas, pull_quote_text(meta), PULL_QUOTE, MARGIN_X + (self.text_width - width) / 2,
                       gap[0] + 2 * PULL_QUOTE_PAD, width)


def build_pdf(source: ArticleSource, out_path: Path, columns: int | None = None) -> Path:
    """Render ``source`` as a magazine article PDF at ``out_path``; deterministic bytes."""
    columns = columns or source.columns
    if columns not in GUTTER:
        raise ValueError(f"{source.name}: columns must be one of {sorted(GUTTER)}, not {columns}")
    mag = _Magazine(source, columns)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc = BaseDocTemplate(
        str(out_path), pagesize=A4, invariant=1, title=source.meta.get("title", source.name),
        author="Ambtenarenpanel", leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=BODY_TOP, bottomMargin=BODY_BOTTOM,
    )
    doc.addPageTemplates([
        PageTemplate(id="first", frames=mag.frames(first=True), onPage=mag.opening),
        PageTemplate(id="later", frames=mag.frames(first=False), onPage=mag.furniture),
    ])
    doc.build(_story(source))
    return out_path


def sources_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, action="append",
                        help=f"source folder (default {DEFAULT_SOURCES}, else {FALLBACK_SOURCES})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="output folder")
    parser.add_argument("--both", action="append", default=None,
                        help="also render this article in the other column count (repeatable; "
                             f"default: {SEED} and the first other source)")
    args = parser.parse_args(argv)
    folders = args.src or [DEFAULT_SOURCES if sources_in(DEFAULT_SOURCES) else FALLBACK_SOURCES]
    paths: dict[str, Path] = {}
    for folder in folders:
        for path in sources_in(folder):
            paths.setdefault(path.stem, path)
    if not paths:
        print(f"no sources in {', '.join(map(str, folders))}", file=sys.stderr)
        return 1
    both = args.both
    if both is None:
        others = [name for name in sorted(paths) if name != SEED]
        both = [SEED] + others[:1]
    for name, path in sorted(paths.items()):
        source = parse_source(path)
        out = build_pdf(source, args.out / f"{name}.pdf")
        print(f"{path} -> {out} ({source.columns} columns)")
        if name in both:
            other = 3 if source.columns == 2 else 2
            out = build_pdf(source, args.out / f"{name}.{other}col.pdf", other)
            print(f"{path} -> {out} ({other} columns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
