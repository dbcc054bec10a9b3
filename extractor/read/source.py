"""Reading inputs: decode text files robustly, hand PDFs to the layout reader."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from ..errors import EmptyInput, EncodingProblem, InputNotFound, InputTooLarge, UnreadableInput, UnsupportedInput
from ..models import SourceKind, SourceText
from .formats import looks_like_pdf

MAX_TEXT_BYTES = 5_000_000
"""A magazine article is a few tens of kilobytes; anything this large is not one."""

TEXT_FALLBACK_ENCODING = "cp1252"
# Share of control characters above which bytes are binary data, not text.
MAX_CONTROL_SHARE = 0.01


def read_source(path: Path) -> SourceText:
    """Read a PDF or text file into a ``SourceText`` (raises ``ExtractorError`` for bad input)."""
    try:
        if not path.exists():
            raise InputNotFound(path, "no such file")
        if path.is_dir():
            raise UnsupportedInput(path, "is a folder, not a file")
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableInput(path, error.strerror or str(error)) from error
    if looks_like_pdf(path):
        from .pdf import read_pdf

        return read_pdf(path)
    if size > MAX_TEXT_BYTES:
        raise InputTooLarge(path, f"{size:,} bytes; the limit for text files is {MAX_TEXT_BYTES:,}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(path, error.strerror or str(error)) from error
    text = decode_text(data, path)
    return SourceText(text=text, path=str(path), kind=SourceKind.TEXT, sha256=hashlib.sha256(data).hexdigest())


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
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise UnsupportedInput(path, "binary data, not a text file")
    if not text.strip():
        raise EmptyInput(path, "the file has no text")
    return text
