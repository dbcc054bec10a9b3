"""Library entry points: one call from a path or a string to a validated article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import EncodingProblem
from .read.formats import SNIFF_BYTES, is_pdf
from .read.source import read_source, source_from_string
from .models import Article, SourceText
from .pipeline import Explained, extract_explained, extract_source

TEXT_PATH = "<text>"
"""The name of article text given as a string, in errors and in ``source.path``."""

_SURROGATE = re.compile("[\ud800-\udfff]")

PDF_BACKENDS = ("pdfium", "pdfplumber")
"""The PDF readers: pdfium (fast, the default) and pdfplumber (the reference)."""


def extract_file(path: str | Path, *, article_id: str | None = None,
                 pdf_backend: str | None = None) -> Article:
    """Read a PDF or text file and extract its article (raises ``ExtractorError`` on bad input).

    ``pdf_backend`` is one of ``PDF_BACKENDS`` (None: the default, pdfium).
    """
    return extract_source(_read(Path(path), pdf_backend), article_id=article_id)


def extract_file_explained(path: str | Path, *, article_id: str | None = None,
                           pdf_backend: str | None = None) -> Explained:
    """``extract_file``, with the blocks the article was rebuilt from (each with its role and
    why) and the number phrases that are no statistic: what ``extractor extract --explain``
    shows, from one reading of the file."""
    return extract_explained(_read(Path(path), pdf_backend), article_id=article_id)


def _read(path: Path, pdf_backend: str | None) -> SourceText:
    if pdf_backend is not None and path.is_file() and _is_pdf_file(path):
        from .read.pdf import read_pdf

        return read_pdf(path, backend=pdf_backend)
    return read_source(path)


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
    text = str(path_or_text)
    _refuse_surrogates(text)
    return extract_source(source_from_string(text, path=TEXT_PATH), article_id=article_id)


def _refuse_surrogates(text: str) -> None:
    """Lone surrogates are not characters: no file can hold them, so neither may an article."""
    found = _SURROGATE.search(text)
    if found:
        raise EncodingProblem(
            TEXT_PATH,
            f"lone surrogate U+{ord(found.group()):04X} at character {found.start()}: "
            "the text is not valid Unicode",
        )


def _is_pdf_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return is_pdf(path, handle.read(SNIFF_BYTES))


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long for a file name, or a NUL byte
        return False
