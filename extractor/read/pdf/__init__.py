"""PDF ingestion: layout-aware reading of magazine article PDFs into a ``SourceText``."""

from __future__ import annotations

from .reader import (
    MAX_CHARS_PER_PAGE,
    MAX_CONTENT_BYTES_PER_PAGE,
    MAX_PAGES,
    MAX_PDF_BYTES,
    MAX_SECONDS,
    read_pdf,
)

__all__ = [
    "MAX_CHARS_PER_PAGE",
    "MAX_CONTENT_BYTES_PER_PAGE",
    "MAX_PAGES",
    "MAX_PDF_BYTES",
    "MAX_SECONDS",
    "read_pdf",
]
