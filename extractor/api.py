"""Library entry points: one call from a path or a string to a validated article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .read.source import read_source, source_from_string
from .models import Article
from .pipeline import extract_source


def extract_file(path: str | Path, *, article_id: str | None = None) -> Article:
    """Read a PDF or text file and extract its article (raises ``ExtractorError`` on bad input)."""
    return extract_source(read_source(Path(path)), article_id=article_id)


def extract(path_or_text: Any, *, article_id: str | None = None) -> Article:
    """Extract from a path, or from article text when given a string that is not a file."""
    if isinstance(path_or_text, Path):
        return extract_file(path_or_text, article_id=article_id)
    if isinstance(path_or_text, str) and "\n" not in path_or_text and _is_file(path_or_text):
        return extract_file(Path(path_or_text), article_id=article_id)
    return extract_source(source_from_string(str(path_or_text)), article_id=article_id)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long for a file name, or a NUL byte
        return False
