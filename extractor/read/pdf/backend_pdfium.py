"""Fill the page model from pdfium: characters with their boxes, fonts and sizes, rules and boxes.

pdfium parses in C, tens of times faster than pdfminer. Its characters are read so that they
agree with pdfplumber's: the loose box (advance width, font ascent to descent) is pdfplumber's
character box, the characters pdfium generates itself (spaces, line ends) are left out, and the
coordinates are turned top-left as pdfplumber's are.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import RULE_MAX_THICKNESS, Char, Page, UndecodableText, collector_paused, font_flags

NAME = "pdfium"
UPRIGHT_TOL = 1e-3
"""Radians: a character turned by more than this is rotated text (credits along the edge)."""
FONT_NAME_BYTES = 256
TIME_CHECK_CHARS = 2048
"""The time limit is checked before each run of this many characters of a page."""
ERR_PASSWORD = 4
ERR_SECURITY = 5
PATH = pdfium_c.FPDF_PAGEOBJ_PATH
FORM = pdfium_c.FPDF_PAGEOBJ_FORM
LINE_END_HYPHEN = 2
"""pdfium's code for a hyphen it found at a line end; the page printed a plain hyphen there."""
UNDECODABLE = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})
"""What pdfium reports for a glyph it cannot map to Unicode (no /ToUnicode, no usable encoding)."""


class Document:
    """An open PDF; ``page(i)`` reads the model of page ``i`` (0-based) and releases it."""

    def __init__(self, data: bytes):
        self._pdf = pdfium.PdfDocument(data, password="")
        self._paused = collector_paused()

    def __enter__(self) -> "Document":
        # For the whole document, not per page: each resumption of the collector walked all
        # the characters read so far once more.
        self._paused.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._pdf.close()
        finally:
            self._paused.__exit__(None, None, None)

    def __len__(self) -> int:
        return len(self._pdf)

    def page(self, index: int, number: int, max_content_bytes: int,
             check_time: Callable[[], None]) -> Page:
        """The content's size is bounded before opening (``streams``), so ``max_content_bytes``
        is not looked at here; the time is checked as the characters are read."""
        page = self._pdf[index]
        try:
            with collector_paused():
                return page_from_pdfium(page, number, check_time)
        finally:
            page.close()


def open_pdf(data: bytes) -> Document:
    """Open PDF bytes (an empty user password, so owner-password-only files open)."""
    return Document(data)


def root_cause(error: BaseException) -> BaseException:
    return error


def is_password_error(error: BaseException) -> bool:
    return getattr(error, "err_code", None) == ERR_PASSWORD


def is_encryption_error(error: BaseException) -> bool:
    return getattr(error, "err_code", None) == ERR_SECURITY


def page_from_pdfium(page: Any, number: int, check_time: Callable[[], None] = lambda: None) -> Page:
    """Build the model page from a pdfium page."""
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    dy = height + 2 * bottom  # pdfplumber's convention for a media box off the origin
    textpage = page.get_textpage()
    check_time()
    try:
        chars = _chars(textpage.raw, dy, check_time)
    finally:
        textpage.close()
    rules: list = []
    rects: list = []
    for x0, y0, x1, y1 in _path_bounds(page.raw):
        box = (x0, dy - y1, x1, dy - y0)
        thin = min(box[2] - box[0], box[3] - box[1]) <= RULE_MAX_THICKNESS
        (rules if thin else rects).append(box)
    return Page(number=number, width=width, height=height, chars=chars, rules=rules, rects=rects)


def _chars(textpage: Any, dy: float, check_time: Callable[[], None]) -> list[Char]:
    """The page's printed characters in content order, without the ones pdfium generates.

    A character's box is pdfplumber's: from its origin to the next character's origin (pdfium
    puts the characters it generates, such as line ends, where the advance ends); a space, or a
    character with no next one on its line, ends where its loose box does (no word spacing, no
    italic overhang); from the font's descent to one font size above it.
    """
    page = ctypes.cast(textpage, ctypes.c_void_p).value
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    # pdfium writes every origin straight into two arrays, read back as lists at once: a
    # ctypes value read per coordinate cost as much as the call itself.
    xs_buffer, ys_buffer = (ctypes.c_double * count)(), (ctypes.c_double * count)()
    x_at, y_at, step = ctypes.addressof(xs_buffer), ctypes.addressof(ys_buffer), ctypes.sizeof(ctypes.c_double)
    origin = _origin
    for i in range(count):
        origin(page, i, x_at + i * step, y_at + i * step)
    xs = list(xs_buffer)
    ys = list(ys_buffer)
    xs.append(float("inf"))
    ys.append(float("nan"))
    codes = _codes(textpage, page, count)
    text_object_at = _text_object_at
    objects = [text_object_at(page, i) for i in range(count)]
    styles: dict[int | None, _Style] = {}
    chars: list[Char] = []
    add = chars.append
    new_char = tuple.__new__  # the NamedTuple's own __new__ is one more Python call per glyph
    undecodable = 0
    style = None
    current: object = ()  # the text object ``style`` belongs to: characters come in runs of one
    for run in range(0, count, TIME_CHECK_CHARS):
        check_time()
        for i in range(run, min(run + TIME_CHECK_CHARS, count)):
            code = codes[i]
            if code == 10 or code == 13 or (code == 32 and _is_generated(page, i)):
                continue
            obj = objects[i]
            if obj != current:
                style = styles.get(obj)
                if style is None:
                    style = _style(textpage, i, styles)
                current = obj
            if not style.upright:
                continue  # rotated text: credits along the edge, never body
            if code in UNDECODABLE or _map_error(page, i) == 1:
                undecodable += 1
                continue
            if code == LINE_END_HYPHEN:
                code = 0x2D
            x0 = xs[i]
            baseline = ys[i]
            next_x = xs[i + 1]
            same_line = abs(ys[i + 1] - baseline) < 0.01
            if code == 32 or not (x0 <= next_x and same_line):
                _loose_box(page, i, rect_ref)  # a space's advance leaves out the word spacing
                right = rect.right
                x1 = next_x if x0 <= next_x < right and same_line else right
            else:
                x1 = next_x
            bottom = dy - (baseline + style.descent)
            add(new_char(Char, (chr(code), x0, bottom - style.size, x1, bottom,
                                style.fontname, style.size, style.bold, style.italic)))
    if undecodable:
        raise UndecodableText(undecodable)
    return chars


def _codes(textpage: Any, page: int, count: int) -> list[int]:
    """The Unicode code of every character, read in one call where the text allows it."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    codes = list(buffer)[:count]
    if any(0xD800 <= code < 0xE000 for code in codes):  # surrogate pairs: indices shift
        return [_unicode(page, i) for i in range(count)]
    # The text shows pdfium's line-end hyphen mark as U+FFFE; the character itself tells it apart.
    return [_unicode(page, i) if code == 0xFFFE else code for i, code in enumerate(codes)]


def _by_address(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's function ``name`` taking the text page as a plain address.

    The characters of a page take a few calls each; through pypdfium2's typed wrappers the
    argument checks cost more than the calls.
    """
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, ctypes.c_void_p, ctypes.c_int, *argtypes)(address)


_unicode = _by_address("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = _by_address("FPDFText_IsGenerated", ctypes.c_int)
_map_error = _by_address("FPDFText_HasUnicodeMapError", ctypes.c_int)
_text_object_at = _by_address("FPDFText_GetTextObject", ctypes.c_void_p)
_origin = _by_address("FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_loose_box = _by_address("FPDFText_GetLooseCharBox", ctypes.c_int, ctypes.c_void_p)


class _Style:
    """What the characters of one text object share: font, size, descent, orientation."""

    __slots__ = ("fontname", "bold", "italic", "size", "descent", "upright")

    def __init__(self, fontname: str, size: float, descent: float, upright: bool):
        self.fontname = fontname
        self.bold, self.italic = font_flags(fontname)
        self.size = size
        self.descent = descent
        self.upright = upright


def _style(textpage: Any, index: int, cache: dict[int | None, _Style]) -> _Style:
    """The style of character ``index``, looked up once per text object."""
    c = pdfium_c
    obj = c.FPDFText_GetTextObject(textpage, index)
    key = ctypes.cast(obj, ctypes.c_void_p).value
    found = cache.get(key)
    if found is None:
        size = c.FPDFText_GetFontSize(textpage, index)
        font = c.FPDFTextObj_GetFont(obj) if obj else None
        buffer = ctypes.create_string_buffer(FONT_NAME_BYTES)
        descent = ctypes.c_float(-0.2 * size)
        if font:
            c.FPDFFont_GetBaseFontName(font, buffer, FONT_NAME_BYTES)
            c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
        else:
            c.FPDFText_GetFontInfo(textpage, index, buffer, FONT_NAME_BYTES, None)
        upright = abs(c.FPDFText_GetCharAngle(textpage, index)) <= UPRIGHT_TOL
        found = cache[key] = _Style(buffer.value.decode("latin-1"), size, descent.value, upright)
    return found


def _path_bounds(container: Any, form: bool = False) -> Iterator[tuple[float, float, float, float]]:
    """Bounds (PDF coordinates, bottom-up) of every path on the page, also inside forms."""
    c = pdfium_c
    count = c.FPDFFormObj_CountObjects(container) if form else c.FPDFPage_CountObjects(container)
    get = c.FPDFFormObj_GetObject if form else c.FPDFPage_GetObject
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    for i in range(count):
        obj = get(container, i)
        kind = c.FPDFPageObj_GetType(obj)
        if kind == PATH:
            if c.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
                yield x0.value, y0.value, x1.value, y1.value
        elif kind == FORM:
            matrix = c.FS_MATRIX()
            c.FPDFPageObj_GetMatrix(obj, matrix)
            for box in _path_bounds(obj, form=True):
                yield _transform(box, matrix)


def _transform(box: tuple[float, float, float, float], m: Any) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for x in (box[0], box[2]):
        for y in (box[1], box[3]):
            xs.append(m.a * x + m.c * y + m.e)
            ys.append(m.b * x + m.d * y + m.f)
    return min(xs), min(ys), max(xs), max(ys)

