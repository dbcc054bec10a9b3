"""Each sample PDF gives the same records as a perfect transcription of the same article.

A perfect transcription is the article's source (``samples/src/<name>.md``) as plain text with
every block's role known: each block on one line (so no hyphenation to repair), the body in
reading order, then the furniture, each with its role hint, exactly what the PDF reader should
recover from the printed pages. The PDF must give the same records (value, unit, label,
qualifier, section, surface) as that, whatever the columns, line breaks and hyphenation of its
layout. The magazine-style ``samples/<name>.txt`` (the same article as plain-text extraction of
the magazine gives it, no roles known) is compared too.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pytest

from extractor.api import extract_file
from extractor.read.pdf import read_pdf
from extractor.models import Role, RoleHint, SourceKind, SourceText
from extractor.pipeline import extract_source
from tests.pdf_helpers import SAMPLE_PDFS, load_sample_maker, sample_source

SAMPLES = SAMPLE_PDFS.parent
PDFS = sorted(SAMPLE_PDFS.glob("*.pdf"))
FIELDS = ("value", "unit", "label", "qualifier", "section", "surface")


def records(article) -> list[tuple]:
    return [tuple(getattr(record, field) for field in FIELDS) for record in article.records]


def perfect_transcription(name: str) -> SourceText:
    """The source of sample ``name`` as text with the role of every non-body block hinted."""
    maker = load_sample_maker()
    parts, hints, at = [], [], 0
    for role, text in maker.transcription_blocks(maker.parse_source(sample_source(name))):
        if parts:
            parts.append("\n\n")
            at += 2
        if role not in ("body", "bullet"):
            hints.append(RoleHint(at, at + len(text), Role(role)))
        parts.append(text)
        at += len(text)
    text = "".join(parts) + "\n"
    return SourceText(text=text, path=f"{name}.txt", kind=SourceKind.TEXT,
                      sha256=hashlib.sha256(text.encode()).hexdigest(), hints=hints)


@lru_cache(maxsize=None)
def transcription_records(name: str) -> list[tuple]:
    return records(extract_source(perfect_transcription(name), article_id=name))


@lru_cache(maxsize=None)
def pdf_article(path: Path):
    return extract_file(path, article_id=_stem(path))


@pytest.fixture(params=PDFS, ids=[p.name for p in PDFS])
def pdf(request) -> Path:
    if sample_source(request.param.stem) is None:
        pytest.skip(f"no source for {request.param.name}")
    return request.param


def _stem(pdf: Path) -> str:
    return sample_source(pdf.stem).stem


def test_pdf_records_match_perfect_transcription(pdf):
    assert records(pdf_article(pdf)) == transcription_records(_stem(pdf))


def test_pdf_records_match_text_sample(pdf):
    text = SAMPLES / f"{_stem(pdf)}.txt"
    assert records(pdf_article(pdf)) == records(extract_file(text, article_id=_stem(pdf)))


def test_pdf_records_carry_page_and_box(pdf):
    article = pdf_article(pdf)
    pages = read_pdf(pdf).page_count
    assert article.records
    for record in article.records:
        assert 1 <= record.page <= pages
        x0, top, x1, bottom = record.bbox
        assert x0 < x1 and top < bottom


def test_pdf_sample_is_current(pdf, tmp_path):
    """samples/pdf holds what scripts/make_sample_pdfs.py makes of the sources today (byte for byte)."""
    maker = load_sample_maker()
    source = maker.parse_source(sample_source(pdf.stem))
    columns = int(pdf.suffixes[0][1]) if len(pdf.suffixes) > 1 else None
    fresh = maker.build_pdf(source, tmp_path / pdf.name, columns)
    assert fresh.read_bytes() == pdf.read_bytes(), "run: python scripts/make_sample_pdfs.py"


BOX_TOLERANCE = 1.0
"""Points: the two backends measure glyphs a little differently (pdfium reads float32)."""


@lru_cache(maxsize=None)
def reference_article(path: Path):
    return extract_file(path, article_id=_stem(path), pdf_backend="pdfplumber")


def test_pdf_backends_give_the_same_records(pdf):
    """pdfium, the default backend, gives what the reference backend (pdfplumber) gives."""
    fields = ("value", "unit", "label", "qualifier", "section", "surface", "page", "group",
              "statement", "start", "end")
    fast, reference = pdf_article(pdf), reference_article(pdf)
    assert [[getattr(r, f) for f in fields] for r in fast.records] == \
        [[getattr(r, f) for f in fields] for r in reference.records]
    for mine, theirs in zip(fast.records, reference.records):
        assert max(abs(a - b) for a, b in zip(mine.bbox, theirs.bbox)) <= BOX_TOLERANCE, mine.id
    assert (fast.text, fast.sections, fast.title, fast.pages) == \
        (reference.text, reference.sections, reference.title, reference.pages)
