"""What kind of file an input is, from its name and first bytes."""

from __future__ import annotations

from pathlib import Path

PDF_MAGIC = b"%PDF-"
PDF_SUFFIXES = frozenset({".pdf"})


def looks_like_pdf(path: Path) -> bool:
    """True for a PDF by name, or by header whatever its name."""
    return path.suffix.lower() in PDF_SUFFIXES or starts_with_pdf_magic(path)


def starts_with_pdf_magic(path: Path) -> bool:
    """True when the file begins with the PDF header (unreadable files are not PDFs)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False
