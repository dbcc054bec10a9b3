"""Fill the page model from pdfplumber: characters, ruling lines and boxes of each page.

The characters are read from ``page.layout`` (the pdfminer objects behind ``page.chars``) with the
same coordinates as ``page.chars``: building pdfplumber's per-character dicts costs two to three
times the parse itself, and the layout reader needs only a few attributes. ``page_from_char_dicts``
does the same from ``page.chars``-style dicts, for other backends and for checks.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from .model import RULE_MAX_THICKNESS, Char, Page, UndecodableText, font_flags
from .streams import StreamTooLarge

NAME = "pdfplumber"
REPLACEMENT = "\ufffd"
"""What pdfminer gives for a glyph its font cannot map to Unicode."""


class Document:
    """An open PDF; ``page(i)`` reads the model of page ``i`` (0-based) and releases it."""

    def __init__(self, data: bytes):
        self._pdf = pdfplumber.open(io.BytesIO(data), password="")

    def __enter__(self) -> "Document":
        return self

    def __exit__(self, *exc: object) -> None:
        self._pdf.close()

    def __len__(self) -> int:
        return len(self._pdf.pages)

    def page(self, index: int, number: int, max_content_bytes: int,
             check_time: Callable[[], None]) -> Page:
        """Raises ``StreamTooLarge`` when the page's content inflates past ``max_content_bytes``.

        pdfminer parses a page in one call, so the time is checked before and after it.
        """
        page = self._pdf.pages[index]
        try:
            inflate_content(page, max_content_bytes)
            check_time()
            model = page_from_pdfplumber(page, number)
            check_time()
            return model
        finally:
            page.close()


def open_pdf(data: bytes) -> Document:
    """Open PDF bytes (an empty user password, so owner-password-only files open)."""
    return Document(data)


def inflated_content_bytes(data: bytes, max_bytes: int) -> int:
    """Decompressed content of all pages together, bounded like ``inflate_content``."""
    total = 0
    with open_pdf(data) as document:
        for page in document._pdf.pages:
            total += inflate_content(page, max_bytes - total)
    return total


def root_cause(error: BaseException) -> BaseException:
    """The innermost exception (pdfplumber wraps pdfminer's in ``PdfminerException(e)``)."""
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = error.__cause__
        if inner is None and error.args and isinstance(error.args[0], BaseException):
            inner = error.args[0]
        if inner is None:
            break
        error = inner
    return error


def is_password_error(error: BaseException) -> bool:
    return isinstance(error, PDFPasswordIncorrect)


def is_encryption_error(error: BaseException) -> bool:
    return isinstance(error, PDFEncryptionError)


def _content_streams(page: Any) -> Iterator[PDFStream]:
    """The page's content streams and those of the form XObjects it uses directly."""
    for stream in page.page_obj.contents or []:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            yield stream
    resources = resolve1(page.page_obj.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and getattr(resolve1(stream.get("Subtype")), "name", "") == "Form":
                yield stream


def inflate_content(page: Any, max_bytes: int) -> int:
    """Decompress the page's Flate content streams with a bound; return the bytes inflated.

    pdfminer inflates streams without limit, so a few kilobytes can become gigabytes (a
    decompression bomb). Streams with a single FlateDecode filter are inflated here, at most
    ``max_bytes`` in total, and handed to pdfminer already decoded so no work is done twice.
    Raises ``StreamTooLarge`` past the bound.
    """
    total = 0
    for stream in _content_streams(page):
        if stream.rawdata is None:  # already decoded
            total += len(stream.data or b"")
        else:
            filters = stream.get_filters()
            if len(filters) != 1 or filters[0][0] not in LITERALS_FLATE_DECODE or filters[0][1]:
                total += len(stream.rawdata)
            else:
                raw = stream.rawdata
                if stream.decipher:
                    raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
                inflater = zlib.decompressobj()
                try:
                    data = inflater.decompress(raw, max_bytes - total + 1)
                except zlib.error:
                    continue  # leave damaged streams to pdfminer's own recovery
                if inflater.unconsumed_tail or len(data) > max_bytes - total:
                    raise StreamTooLarge(total + len(data))
                stream.data, stream.rawdata = data, None
                total += len(data)
        if total > max_bytes:
            raise StreamTooLarge(total)
    return total


def _layout_objects(objs: Iterable[Any]) -> Iterator[Any]:
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj)
        else:
            yield obj


def page_from_pdfplumber(page: Any, number: int) -> Page:
    """Build the model page from a pdfplumber page (parses the page if not yet parsed)."""
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    dy = height + mb_top
    chars: list[Char] = []
    add = chars.append
    rules = []
    rects = []
    flags = font_flags
    undecodable = 0
    for obj in _layout_objects(page.layout._objs):
        if type(obj) is LTChar or isinstance(obj, LTChar):
            if not obj.upright:
                continue  # rotated text: credits along the edge, never body
            text = obj._text
            if (len(text) > 1 and "(cid:" in text) or REPLACEMENT in text:
                undecodable += 1
                continue
            bold, italic = flags(obj.fontname)
            add(Char(text, obj.x0 + mb_x0, dy - obj.y1, obj.x1 + mb_x0, dy - obj.y0,
                     obj.fontname, obj.size, bold, italic))
        elif isinstance(obj, (LTRect, LTLine, LTCurve)):
            box = (obj.x0 + mb_x0, dy - obj.y1, obj.x1 + mb_x0, dy - obj.y0)
            thin = min(box[2] - box[0], box[3] - box[1]) <= RULE_MAX_THICKNESS
            (rules if thin or isinstance(obj, LTLine) else rects).append(box)
    if undecodable:
        raise UndecodableText(undecodable)
    return Page(number=number, width=float(page.width), height=height, chars=chars,
                rules=rules, rects=rects)


def page_from_char_dicts(char_dicts: Iterable[dict], number: int, width: float,
                         height: float) -> Page:
    """Build the model page from ``page.chars``-style dicts (any backend that speaks them)."""
    chars = []
    for c in char_dicts:
        if not c.get("upright", True):
            continue
        text = c["text"]
        if (len(text) > 1 and "(cid:" in text) or REPLACEMENT in text:
            raise UndecodableText(1)
        bold, italic = font_flags(c["fontname"])
        chars.append(Char(text, float(c["x0"]), float(c["top"]), float(c["x1"]),
                          float(c["bottom"]), c["fontname"], float(c["size"]), bold, italic))
    return Page(number=number, width=width, height=height, chars=chars)
