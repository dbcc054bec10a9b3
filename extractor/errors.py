"""Every error a user can cause, in one catalogue; the CLI prints them as one line."""

from __future__ import annotations

import unicodedata
from enum import Enum
from pathlib import Path

UNSHOWN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories never written raw to a terminal: controls (newlines, ANSI escapes),
format characters (bidirectional overrides), surrogates (undecodable file-name bytes), line
and paragraph separators."""


def shown(text: str) -> str:
    """``text`` (a file name, most often) safe for a one-line message on a terminal: every
    character of ``UNSHOWN_CATEGORIES`` is written as its Python escape (``\\n``, ``\\x1b``)."""
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char) in UNSHOWN_CATEGORIES else char
        for char in text
    )


class Reason(str, Enum):
    """Why an input could not be processed: a small, documented taxonomy."""

    UNREADABLE = "unreadable"
    EMPTY = "empty"
    ENCODING = "encoding"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no text layer"
    TOO_LARGE = "too large"
    TIMEOUT = "timeout"
    CORRUPT = "corrupt"
    INVALID_OUTPUT = "invalid output"
    NOT_FOUND = "not found"
    UNSUPPORTED = "unsupported"
    INTERNAL = "internal error"


class ExtractorError(Exception):
    """Base class: a problem with one input that the user can act on."""

    reason: Reason = Reason.INTERNAL

    def __init__(self, path: str | Path | None, detail: str):
        self.path = str(path) if path is not None else None
        self.detail = detail
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{shown(self.path)}: " if self.path else ""
        return f"{where}{self.reason.value}: {shown(self.detail)}"


class UnreadableInput(ExtractorError):
    reason = Reason.UNREADABLE


class EmptyInput(ExtractorError):
    reason = Reason.EMPTY


class EncodingProblem(ExtractorError):
    reason = Reason.ENCODING


class EncryptedPDF(ExtractorError):
    reason = Reason.ENCRYPTED


class NoTextLayer(ExtractorError):
    reason = Reason.NO_TEXT_LAYER


class InputTooLarge(ExtractorError):
    reason = Reason.TOO_LARGE


class ExtractionTimeout(ExtractorError):
    reason = Reason.TIMEOUT


class CorruptInput(ExtractorError):
    reason = Reason.CORRUPT


class InvalidOutput(ExtractorError):
    reason = Reason.INVALID_OUTPUT


class InputNotFound(ExtractorError):
    reason = Reason.NOT_FOUND


class UnsupportedInput(ExtractorError):
    reason = Reason.UNSUPPORTED


class BatchError(Exception):
    """A batch run as a whole cannot start: nothing to do, output folder busy, no cluster."""


class OutputBusy(Exception):
    """Another process is writing to the same output folder."""
