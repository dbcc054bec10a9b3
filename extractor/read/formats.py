"""What kind of file an input is, from its name and first bytes."""

from __future__ import annotations

from pathlib import Path

PDF_MAGIC = b"%PDF-"


def starts_with_pdf_magic(path: Path) -> bool:
    """True when the file begins with the PDF header (unreadable files are not PDFs)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False
