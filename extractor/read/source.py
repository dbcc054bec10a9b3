"""Reading inputs: decode text files robustly, hand PDFs and web pages to their readers."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, EncodingProblem, InputNotFound, InputTooLarge, UnreadableInput, UnsupportedInput
from ..models import SourceKind, SourceText
from .formats import SNIFF_BYTES, is_html, is_pdf, non_regular_kind

MAX_TEXT_BYTES = 5_000_000
"""A magazine article is a few tens of kilobytes; anything this large is not one."""
MAX_HTML_BYTES = 20_000_000
"""A saved article page with its inline styles and scripts is well under a megabyte; pages that
embed their images reach a few megabytes."""

TEXT_FALLBACK_ENCODING = "cp1252"
# Share of control characters above which bytes are binary data, not text.
MAX_CONTROL_SHARE = 0.01


def read_source(path: Path) -> SourceText:
    """Read a PDF, web page or text file into a ``SourceText`` (raises ``ExtractorError`` for bad input).

    Only regular files are read, and never more than the limit of their kind: a device such as
    ``/dev/zero``, a named pipe or a socket is refused before a byte is read.
    """
    path = Path(path)
    with _open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        head = _read(handle, SNIFF_BYTES, path)
        if is_pdf(path, head):
            kind = SourceKind.PDF
        else:
            kind = SourceKind.HTML if is_html(path, head) else SourceKind.TEXT
            limit = MAX_HTML_BYTES if kind is SourceKind.HTML else MAX_TEXT_BYTES
            if size > limit:
                raise InputTooLarge(path, f"{size:,} bytes; the limit for {kind.value} files is {limit:,}")
            data = head + _read(handle, limit + 1 - len(head), path)
            if len(data) > limit:  # a file that grows, or reports no size
                raise InputTooLarge(path, f"more than {limit:,} bytes; the limit for {kind.value} files")
    if kind is SourceKind.PDF:
        from .pdf import read_pdf

        return read_pdf(path)
    if kind is SourceKind.HTML:
        from .html import read_html

        return read_html(path, data)
    text = decode_text(data, path)
    return SourceText(text=text, path=str(path), kind=SourceKind.TEXT, sha256=hashlib.sha256(data).hexdigest())


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading without blocking on a FIFO; refuse anything but a regular file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise InputNotFound(path, "no such file") from error
    except IsADirectoryError as error:
        raise UnsupportedInput(path, "is a folder, not a file") from error
    except OSError as error:
        raise UnreadableInput(path, error.strerror or str(error)) from error
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise UnsupportedInput(path, "is a folder, not a file")
        raise UnreadableInput(path, f"{non_regular_kind(mode) or 'a special file'}, not a regular file")
    return os.fdopen(descriptor, "rb")


def _read(handle: BinaryIO, limit: int, path: Path) -> bytes:
    try:
        return handle.read(max(limit, 0))
    except OSError as error:
        raise UnreadableInput(path, error.strerror or str(error)) from error


def source_from_string(text: str, *, path: str = "<text>") -> SourceText:
    """Wrap article text given directly (not from a file)."""
    if not text.strip():
        raise EmptyInput(path, "the text is empty")
    data = text.encode("utf-8", "surrogatepass")
    return SourceText(text=text, path=path, kind=SourceKind.TEXT, sha256=hashlib.sha256(data).hexdigest())


def decode_text(data: bytes, path: str | Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252; binary data is refused."""
    if not data.strip():
        raise EmptyInput(path, "the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise EncodingProblem(path, f"invalid UTF-16 at byte {error.start}") from error
    elif b"\x00" in data:
        raise UnsupportedInput(path, "binary data (NUL bytes), not a text file")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode(TEXT_FALLBACK_ENCODING)
            except UnicodeDecodeError as error:
                raise EncodingProblem(
                    path, f"neither UTF-8 nor {TEXT_FALLBACK_ENCODING} (byte {error.start})"
                ) from error
    return refuse_binary(text, path)


def refuse_binary(text: str, path: str | Path) -> str:
    """``text`` unchanged, unless it is binary data decoded as text or holds no text at all."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise UnsupportedInput(path, "binary data, not a text file")
    if not text.strip():
        raise EmptyInput(path, "the file has no text")
    return text
