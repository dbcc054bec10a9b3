"""Library entry points: one call from a path or a string to a validated article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .read.formats import looks_like_pdf
from .read.source import read_source, source_from_string
from .models import Article
from .pipeline import extract_source

PDF_BACKENDS = ("pdfium", "pdfplumber")
"""The PDF readers: pdfium (fast, the default) and pdfplumber (the reference)."""


def extract_file(path: str | Path, *, article_id: str | None = None,
                 pdf_backend: str | None = None) -> Article:
    """Read a PDF or text file and extract its article (raises ``ExtractorError`` on bad input).

    ``pdf_backend`` is one of ``PDF_BACKENDS`` (None: the default, pdfium).
    """
    path = Path(path)
    if pdf_backend is not None and path.is_file() and looks_like_pdf(path):
        from .read.pdf import read_pdf

        return extract_source(read_pdf(path, backend=pdf_backend), article_id=article_id)
    return extract_source(read_source(path), article_id=article_id)


def extract_file_pdfplumber(path: str | Path, *, article_id: str | None = None) -> Article:
    """``extract_file`` with the reference PDF backend (a module-level function for batch workers)."""
    return extract_file(path, article_id=article_id, pdf_backend="pdfplumber")


def extract(path_or_text: Any, *, article_id: str | None = None,
            pdf_backend: str | None = None) -> Article:
    """Extract from a path, or from article text when given a string that is not a file."""
    if isinstance(path_or_text, Path):
        return extract_file(path_or_text, article_id=article_id, pdf_backend=pdf_backend)
    if isinstance(path_or_text, str) and "\n" not in path_or_text and _is_file(path_or_text):
        return extract_file(Path(path_or_text), article_id=article_id, pdf_backend=pdf_backend)
    return extract_source(source_from_string(str(path_or_text)), article_id=article_id)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long for a file name, or a NUL byte
        return False
