"""Turn Dutch Ambtenarenpanel survey-report articles into a clean, validated dataset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "extract_file", "load"]

if TYPE_CHECKING:  # pragma: no cover
    from .models import Article


def extract(path_or_text: Any, *, article_id: str | None = None,
            pdf_backend: str | None = None) -> "Article":
    """Extract an article from a path (PDF or text file) or from a string of article text.

    ``pdf_backend`` reads PDFs with ``"pdfium"`` (the default) or ``"pdfplumber"``.

    >>> article = extract("samples/opgavegericht-werken.txt")
    >>> article.records[0].value
    739.0
    """
    from .api import extract as _extract

    return _extract(path_or_text, article_id=article_id, pdf_backend=pdf_backend)


def extract_file(path: Any, *, article_id: str | None = None,
                 pdf_backend: str | None = None) -> "Article":
    """Extract an article from a PDF or text file."""
    from .api import extract_file as _extract_file

    return _extract_file(path, article_id=article_id, pdf_backend=pdf_backend)


def load(output_dir: Any):
    """Load the records of an output folder as a typed pandas DataFrame."""
    from .dataset.tables import load as _load

    return _load(output_dir)
