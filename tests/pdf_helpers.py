"""Shared helpers for the PDF tests: hand-built model pages, small reportlab PDFs, sample sources."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from extractor.read.pdf.model import Char, Page

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = (ROOT / "samples" / "src", ROOT / "tests" / "data" / "pdf_src")
SAMPLE_PDFS = ROOT / "samples" / "pdf"
CHAR_WIDTH_EM = 0.5
"""Hand-built glyphs are this many ems wide (a typical average for a sans serif)."""
BODY_FONT = "Sans"
BOLD_FONT = "Sans-Bold"
ITALIC_FONT = "Sans-Italic"


def line_chars(text: str, x0: float, top: float, size: float = 9.0, font: str = BODY_FONT,
               width: float | None = None) -> list[Char]:
    """Glyphs of one printed line; with ``width``, word spaces stretch to justify it."""
    bold, italic = "Bold" in font, "Italic" in font
    advance = CHAR_WIDTH_EM * size
    words = text.split(" ")
    natural = advance * len(text)
    extra = 0.0
    if width is not None and len(words) > 1:
        extra = max(0.0, (width - natural) / (len(words) - 1))
    chars: list[Char] = []
    x = x0
    for i, word in enumerate(words):
        if i:
            chars.append(Char(" ", x, top, x + advance, top + size, font, size, bold, italic))
            x += advance + extra
        for ch in word:
            chars.append(Char(ch, x, top, x + advance, top + size, font, size, bold, italic))
            x += advance
    return chars


def page_of(lines: list[dict], number: int = 1, width: float = 595.0, height: float = 842.0,
            rects: list | None = None) -> Page:
    """A model page from line specs: dicts with text, x0, top and optional size, font, width."""
    chars: list[Char] = []
    for spec in lines:
        chars.extend(line_chars(**spec))
    return Page(number=number, width=width, height=height, chars=chars, rects=list(rects or []))


def column_lines(texts: list[str], x0: float, top: float, width: float, leading: float = 12.0,
                 size: float = 9.0, font: str = BODY_FONT, justify: bool = True) -> list[dict]:
    """Line specs for a column: one per text, justified to ``width`` except a paragraph's last."""
    specs = []
    for i, text in enumerate(texts):
        last = i == len(texts) - 1 or texts[i + 1] == "" or text.endswith("\n")
        if text == "":
            top += leading * 0.5
            continue
        specs.append(dict(text=text.rstrip("\n"), x0=x0, top=top, size=size, font=font,
                          width=None if (last or not justify) else width))
        top += leading
    return specs


def load_sample_maker() -> ModuleType:
    """Import ``scripts/make_sample_pdfs.py`` (a script, not a package module)."""
    name = "make_sample_pdfs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_sample_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def sample_source(name: str) -> Path | None:
    """The Markdown source of a sample PDF name (``x.3col`` -> ``x.md``), if any."""
    stem = re.sub(r"\.\dcol$", "", name)
    for folder in SAMPLE_SOURCES:
        path = folder / f"{stem}.md"
        if path.exists():
            return path
    return None


def write_pdf(path: Path, pages: list[list[dict]], *, rects: list[tuple] = (), rules: list[tuple] = (),
              size: tuple[float, float] = (595.0, 842.0)) -> Path:
    """Draw line specs (text, x0, top, size, font) on A4 pages with reportlab, top-left origin.

    Fonts are the standard ones (Helvetica, Helvetica-Bold, Helvetica-Oblique); ``rects`` and
    ``rules`` are (x0, top, x1, bottom) boxes drawn on the first page.
    """
    from reportlab.pdfgen.canvas import Canvas

    width, height = size
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    for number, specs in enumerate(pages):
        if number == 0:
            for x0, top, x1, bottom in rects:
                canvas.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
            for x0, top, x1, bottom in rules:
                canvas.line(x0, height - top, x1, height - bottom)
        for spec in specs:
            font = spec.get("font", "Helvetica")
            font_size = spec.get("size", 9.0)
            canvas.setFont(font, font_size)
            # ``top`` is the glyph box top; the baseline sits about 0.8 em lower
            canvas.drawString(spec["x0"], height - spec["top"] - 0.8 * font_size, spec["text"])
        canvas.showPage()
    canvas.save()
    return path
