"""What kind of file an input is, from its name and first bytes."""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

PDF_MAGIC = b"%PDF-"
PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

SNIFF_BYTES = 4096
"""How much of a file is read to tell its kind and an HTML page's declared charset; more than
the HTML standard's 1,024 bytes, so that a long ``<head>`` still counts."""
HTML_FALLBACK_ENCODING = "cp1252"

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.IGNORECASE)
# The HTML standard reads these labels as windows-1252, and a UTF-16 label in a <meta> as UTF-8.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}

_NON_REGULAR = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def is_pdf(name: str | Path, head: bytes) -> bool:
    """True for a PDF by name, or by the first bytes of the file whatever its name."""
    return Path(name).suffix.lower() in PDF_SUFFIXES or head.startswith(PDF_MAGIC)


def is_html(name: str | Path, head: bytes) -> bool:
    """True for a web page by name, or by a document that opens with ``<!DOCTYPE html>`` or ``<html>``."""
    return Path(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(head))


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset an HTML page declares in its first bytes, if known."""
    head = data[:SNIFF_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None  # an unknown label counts as no declaration
    return _WHATWG_ALIASES.get(name, name)


def non_regular_kind(mode: int) -> str | None:
    """What a file that cannot be read as a document is (device, FIFO, socket), else None."""
    return next((what for test, what in _NON_REGULAR if test(mode)), None)
