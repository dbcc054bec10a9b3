"""Read a PDF file into a ``SourceText``: guard the input, parse pages, lay them out."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ...errors import (
    CorruptInput,
    EmptyInput,
    EncryptedPDF,
    ExtractionTimeout,
    ExtractorError,
    InputNotFound,
    InputTooLarge,
    NoTextLayer,
    UnreadableInput,
    UnsupportedInput,
)
from ..formats import PDF_MAGIC
from ...models import SourceKind, SourceText
from . import backend_pdfplumber as backend
from .layout import lay_out
from .model import Page

MAX_PDF_BYTES = 50_000_000
"""A magazine article PDF is a few megabytes at most; refuse files larger than this."""
MAX_PAGES = 64
"""An article spans a handful of pages; a longer document is a whole issue or not an article."""
MAX_SECONDS = 60.0
"""Wall-clock budget per document, checked between pages."""
MAX_CHARS_PER_PAGE = 50_000
"""A dense A4 page holds about 6,000 characters; far more is generated junk or an attack."""
MAX_CONTENT_BYTES_PER_PAGE = 20_000_000
"""Decompressed page content (text and drawing operators) allowed per page: bounds zip bombs."""

MAGIC_WINDOW = 1024
"""The PDF header may follow some junk bytes, but only this many."""
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 1024
"""A complete PDF ends with ``%%EOF`` within this many bytes of its end (after trailing
whitespace and NUL padding, which some writers add)."""
NO_TEXT_LAYER = "scanned document, OCR is not supported"


def read_pdf(path: Path | str, *, clock: Callable[[], float] = time.monotonic) -> SourceText:
    """Read an article PDF into plain text with roles and per-character page and box.

    Raises ``EncryptedPDF``, ``NoTextLayer``, ``CorruptInput``, ``UnsupportedInput``,
    ``EmptyInput``, ``InputTooLarge`` or ``ExtractionTimeout``; nothing from the PDF
    libraries escapes as anything else. ``clock`` is for tests of the time limit.
    """
    started = clock()
    path = Path(path)
    data = _read_bytes(path)
    _check_envelope(path, data)
    pages = list(_parse_pages(path, data, started, clock))
    if not any(page.chars for page in pages):
        raise NoTextLayer(path, NO_TEXT_LAYER)
    try:
        laid = lay_out(pages)
    except ExtractorError:
        raise
    except Exception as error:  # a layout bug must still surface as one clean line
        raise CorruptInput(path, f"page layout failed: {_describe(error)}") from error
    if not laid.text.strip():
        raise NoTextLayer(path, NO_TEXT_LAYER)
    return SourceText(
        text=laid.text, path=str(path), kind=SourceKind.PDF,
        sha256=hashlib.sha256(data).hexdigest(), char_pages=laid.char_pages,
        char_boxes=laid.char_boxes, hints=laid.hints, page_count=len(pages),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise InputTooLarge(path, f"{size:,} bytes; the limit for PDF files is {MAX_PDF_BYTES:,}")
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputNotFound(path, "no such file") from error
    except IsADirectoryError as error:
        raise UnsupportedInput(path, "is a folder, not a file") from error
    except OSError as error:
        raise UnreadableInput(path, error.strerror or str(error)) from error


def _check_envelope(path: Path, data: bytes) -> None:
    if not data.strip():
        raise EmptyInput(path, "the file is empty")
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise UnsupportedInput(path, "not a PDF file (no %PDF header)")
    if EOF_MARKER not in data.rstrip(b" \t\r\n\x00")[-EOF_WINDOW:]:
        raise CorruptInput(path, "truncated PDF: no %%EOF marker at the end of the file")


def _parse_pages(path: Path, data: bytes, started: float,
                 clock: Callable[[], float]) -> Iterator[Page]:
    try:
        pdf = backend.open_pdf(data)
    except Exception as error:
        raise _open_error(path, error) from error
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as error:
            raise _open_error(path, error) from error
        if count == 0:
            raise EmptyInput(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise InputTooLarge(path, f"{count} pages; the limit is {MAX_PAGES}")
        for number, page in enumerate(pdf.pages, start=1):
            elapsed = clock() - started
            if elapsed > MAX_SECONDS:
                raise ExtractionTimeout(
                    path, f"gave up after {elapsed:.0f} s at page {number} of {count} (limit {MAX_SECONDS:.0f} s)"
                )
            try:
                backend.inflate_content(page, MAX_CONTENT_BYTES_PER_PAGE)
                model = backend.page_from_pdfplumber(page, number)
            except backend.StreamTooLarge as error:
                raise InputTooLarge(
                    path, f"page {number} content inflates past {MAX_CONTENT_BYTES_PER_PAGE:,} bytes"
                ) from error
            except ExtractorError:
                raise
            except Exception as error:
                raise CorruptInput(path, f"cannot parse page {number}: {_describe(error)}") from error
            finally:
                page.close()
            if len(model.chars) > MAX_CHARS_PER_PAGE:
                raise InputTooLarge(
                    path, f"page {number} has {len(model.chars):,} characters; the limit is {MAX_CHARS_PER_PAGE:,}"
                )
            yield model
    if clock() - started > MAX_SECONDS:
        raise ExtractionTimeout(path, f"gave up after {clock() - started:.0f} s (limit {MAX_SECONDS:.0f} s)")


def _open_error(path: Path, error: Exception) -> ExtractorError:
    """Map what the PDF library raises while opening a file onto the error catalogue."""
    cause = backend.root_cause(error)
    if backend.is_password_error(cause):
        return EncryptedPDF(path, "the PDF is protected by a password")
    if backend.is_encryption_error(cause):
        return EncryptedPDF(path, f"unsupported encryption ({_describe(cause)})")
    return CorruptInput(path, f"cannot parse PDF: {_describe(cause)}")


def _describe(error: BaseException) -> str:
    """One line: the exception's type and message, newlines folded, long messages cut."""
    message = " ".join(str(error).split())
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def pages_of(path: Path | str) -> list[Page]:
    """The model pages of a PDF, without layout (for tests and debugging)."""
    path = Path(path)
    data = _read_bytes(path)
    _check_envelope(path, data)
    return list(_parse_pages(path, data, time.monotonic(), time.monotonic))
