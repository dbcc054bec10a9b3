"""Read a PDF file into a ``SourceText``: guard the input, parse pages with a backend, lay them out."""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

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
from .layout import lay_out
from .model import Page, UndecodableText
from .streams import StreamTooLarge, check_inflated_size, is_encrypted

BACKENDS = {"pdfium": "backend_pdfium", "pdfplumber": "backend_pdfplumber"}
"""The PDF backends by name; pdfplumber is the reference the pdfium backend is checked against."""
DEFAULT_BACKEND = "pdfium"
MAX_PDF_BYTES = 50_000_000
"""A magazine article PDF is a few megabytes at most; refuse files larger than this."""
MAX_PAGES = 2000
"""More pages than any magazine issue has; a longer document is not an article."""
MAX_SECONDS = 60.0
"""Wall-clock budget per document, checked between pages, within a page and after the layout."""
MAX_CHARS_PER_PAGE = 50_000
"""A dense A4 page holds about 6,000 characters; far more is generated junk or an attack."""
MAX_CONTENT_BYTES_PER_PAGE = 20_000_000
"""Decompressed page content (text and drawing operators) allowed per page: bounds zip bombs."""
MAX_INFLATED_BYTES = 500_000_000
"""Decompressed bytes of all the file's Flate streams together, every stage of a filter chain
counted: bounds nested decompression bombs before any PDF library inflates them."""

MAGIC_WINDOW = 1024
"""The PDF header may follow some junk bytes, but only this many."""
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 1024
"""A complete PDF ends with ``%%EOF`` within this many bytes of its end (after trailing
whitespace and NUL padding, which some writers add)."""
NO_TEXT_LAYER = "scanned document, OCR is not supported"
UNDECODABLE = "text layer cannot be decoded: its fonts map {count} characters to no Unicode text (no /ToUnicode)"


def read_pdf(path: Path | str, *, backend: str | None = None,
             clock: Callable[[], float] = time.monotonic) -> SourceText:
    """Read an article PDF into plain text with roles and per-character page and box.

    ``backend`` is ``"pdfium"`` (the default) or ``"pdfplumber"``. Raises ``EncryptedPDF``,
    ``NoTextLayer``, ``CorruptInput``, ``UnsupportedInput``, ``EmptyInput``, ``InputTooLarge``
    or ``ExtractionTimeout``; nothing from the PDF libraries escapes as anything else.
    ``clock`` is for tests of the time limit.
    """
    path = Path(path)
    deadline = _Deadline(path, clock)
    module = backend_module(backend)
    data = _read_bytes(path)
    _check_envelope(path, data)
    _check_streams(path, data)
    try:
        laid = lay_out(_parse_pages(path, data, module, deadline))  # a page at a time
    except ExtractorError:
        raise
    except Exception as error:  # a layout bug must still surface as one clean line
        raise CorruptInput(path, f"page layout failed: {_describe(error)}") from error
    deadline.check("after the page layout")
    if not laid.text.strip():
        raise NoTextLayer(path, NO_TEXT_LAYER)
    return SourceText(
        text=laid.text, path=str(path), kind=SourceKind.PDF,
        sha256=hashlib.sha256(data).hexdigest(), char_pages=laid.char_pages,
        char_boxes=laid.char_boxes, hints=laid.hints, page_count=laid.page_count,
    )


def backend_module(name: str | None) -> ModuleType:
    """The backend module called ``name`` (None: the default); imported only when used."""
    name = name or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise ValueError(f"unknown PDF backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return importlib.import_module(f"{__package__}.{BACKENDS[name]}")


class _Deadline:
    """The document's time limit, checked wherever reading can take long."""

    def __init__(self, path: Path, clock: Callable[[], float]):
        self.path = path
        self.clock = clock
        self.started = clock()
        self.where = "while reading"

    def check(self, where: str | None = None) -> None:
        elapsed = self.clock() - self.started
        if elapsed > MAX_SECONDS:
            raise ExtractionTimeout(
                self.path, f"gave up after {elapsed:.0f} s {where or self.where} (limit {MAX_SECONDS:.0f} s)"
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


def _check_streams(path: Path, data: bytes) -> None:
    """Refuse a file whose streams inflate past ``MAX_INFLATED_BYTES`` (a decompression bomb).

    An encrypted file's streams cannot be read raw; there pdfminer decrypts them, page by page,
    within the same bound.
    """
    try:
        if not is_encrypted(data):
            check_inflated_size(data, MAX_INFLATED_BYTES)
            return
        from .backend_pdfplumber import inflated_content_bytes

        inflated_content_bytes(data, MAX_INFLATED_BYTES)
    except StreamTooLarge as error:
        raise InputTooLarge(
            path, f"streams inflate past {MAX_INFLATED_BYTES:,} bytes (a decompression bomb)"
        ) from error
    except Exception:
        return  # opening fails again, with its own reason, in the backend


def _open(path: Path, data: bytes, backend: ModuleType) -> tuple[ModuleType, object]:
    """The open document; a file pdfium refuses (not for a password) goes to the reference
    backend, which reads some damaged files and names the reason for the others."""
    try:
        return backend, backend.open_pdf(data)
    except Exception as error:
        failure = _open_error(path, backend, error)
        reference = backend_module("pdfplumber")
        if isinstance(failure, EncryptedPDF) or backend is reference:
            raise failure from error
    try:
        return reference, reference.open_pdf(data)
    except Exception as error:
        raise _open_error(path, reference, error) from error


def _parse_pages(path: Path, data: bytes, backend: ModuleType, deadline: _Deadline) -> Iterator[Page]:
    backend, pdf = _open(path, data, backend)
    with pdf:
        try:
            count = len(pdf)
        except Exception as error:
            raise _open_error(path, backend, error) from error
        if count == 0:
            raise EmptyInput(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise InputTooLarge(path, f"{count} pages; the limit is {MAX_PAGES}")
        for number in range(1, count + 1):
            deadline.check(f"at page {number} of {count}")
            deadline.where = f"in page {number} of {count}"
            try:
                model = pdf.page(number - 1, number, MAX_CONTENT_BYTES_PER_PAGE, deadline.check)
            except StreamTooLarge as error:
                raise InputTooLarge(
                    path, f"page {number} content inflates past {MAX_CONTENT_BYTES_PER_PAGE:,} bytes"
                ) from error
            except UndecodableText as error:
                raise NoTextLayer(path, UNDECODABLE.format(count=error.count)) from error
            except ExtractorError:
                raise
            except Exception as error:
                raise CorruptInput(path, f"cannot parse page {number}: {_describe(error)}") from error
            if len(model.chars) > MAX_CHARS_PER_PAGE:
                raise InputTooLarge(
                    path, f"page {number} has {len(model.chars):,} characters; the limit is {MAX_CHARS_PER_PAGE:,}"
                )
            yield model
    deadline.check("after reading the pages")


def _open_error(path: Path, backend: ModuleType, error: Exception) -> ExtractorError:
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


def pages_of(path: Path | str, *, backend: str | None = None) -> list[Page]:
    """The model pages of a PDF, without layout (for tests and debugging)."""
    path = Path(path)
    data = _read_bytes(path)
    _check_envelope(path, data)
    return list(_parse_pages(path, data, backend_module(backend), _Deadline(path, time.monotonic)))
