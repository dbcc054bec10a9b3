"""Hostile PDFs, made in the test: each gives its own error, as one line naming file and reason."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from extractor.errors import (
    CorruptInput,
    EmptyInput,
    EncryptedPDF,
    ExtractionTimeout,
    ExtractorError,
    InputTooLarge,
    NoTextLayer,
    UnsupportedInput,
)
from extractor.read.pdf import read_pdf, reader
from tests.pdf_helpers import SAMPLE_PDFS, write_pdf

BACKENDS = list(reader.BACKENDS)

TEXT = "Aan de raadpleging hebben in totaal 739 ambtenaren deelgenomen."


def plain(path: Path, pages: int = 1) -> Path:
    return write_pdf(path, [[dict(text=f"{TEXT} Pagina {n + 1}.", x0=72.0, top=100.0)] for n in range(pages)])


def encrypted(path: Path, user: str, owner: str, algorithm: str = "AES-128") -> Path:
    writer = PdfWriter(clone_from=plain(path.with_suffix(".plain.pdf")))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    writer.write(path)
    return path


def image_only(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1)
    canvas.setFillGray(0.4)
    canvas.rect(72, 72, 400, 600, fill=1)  # a "scan": ink, but no text layer
    canvas.showPage()
    canvas.save()
    return path


def truncated(path: Path) -> Path:
    data = plain(path.with_suffix(".whole.pdf")).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def garbage(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    return path


def text_named_pdf(path: Path) -> Path:
    path.write_text(TEXT + "\n", encoding="utf-8")
    return path


def no_root(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n" + b"1 0 obj << /Kapot true >> endobj\n" * 5 + b"%%EOF\n")
    return path


def zero_pages(path: Path) -> Path:
    PdfWriter().write(path)
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make,error,reason", [
    (lambda p: encrypted(p, "geheim", "eigenaar"), EncryptedPDF, "password"),
    (lambda p: encrypted(p, "geheim", "eigenaar", "RC4-128"), EncryptedPDF, "password"),
    (image_only, NoTextLayer, "scanned document, OCR is not supported"),
    (truncated, CorruptInput, "truncated"),
    (no_root, CorruptInput, "cannot parse PDF"),
    (garbage, UnsupportedInput, "not a PDF"),
    (text_named_pdf, UnsupportedInput, "not a PDF"),
    (zero_pages, EmptyInput, "no pages"),
    (empty, EmptyInput, "empty"),
], ids=["user-password", "user-password-rc4", "image-only", "truncated", "no-root", "garbage",
        "text-named-pdf", "zero-pages", "empty-file"])
def test_pdf_hostile_input_raises_its_error(tmp_path, make, error, reason):
    path = make(tmp_path / "artikel.pdf")
    with pytest.raises(error) as caught:
        read_pdf(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {error.reason.value}: ")
    assert reason in message


@pytest.mark.parametrize("algorithm", ["AES-128", "RC4-128", "AES-256"])
def test_pdf_owner_password_only_is_read(tmp_path, algorithm):
    source = read_pdf(encrypted(tmp_path / "alleen-eigenaar.pdf", "", "eigenaar", algorithm))
    assert TEXT in source.text


def nested_bomb(path: Path, megabytes: int = 40) -> Path:
    """A page whose content, under two FlateDecode filters, inflates to ``megabytes`` of blanks."""
    content = b"BT /F1 12 Tf 72 720 Td (Hallo) Tj ET\n" + b" " * (megabytes * 1_000_000)
    stream = zlib.compress(zlib.compress(content, 9), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream)
        + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def without_to_unicode(path: Path) -> Path:
    """A sample PDF (embedded subset fonts) with every font's /ToUnicode map removed."""
    writer = PdfWriter(clone_from=PdfReader(SAMPLE_PDFS / "opgavegericht-werken.pdf"))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
    writer.write(path)
    return path


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("limit,value,detail", [
    ("MAX_PDF_BYTES", 100, "bytes; the limit for PDF files is 100"),
    ("MAX_PAGES", 1, "2 pages; the limit is 1"),
    ("MAX_CHARS_PER_PAGE", 20, "characters; the limit is 20"),
    ("MAX_INFLATED_BYTES", 50, "streams inflate past 50 bytes"),
])
def test_pdf_limits_refuse_absurd_input(tmp_path, monkeypatch, backend, limit, value, detail):
    path = plain(tmp_path / "groot.pdf", pages=2)
    monkeypatch.setattr(reader, limit, value)
    with pytest.raises(InputTooLarge) as caught:
        read_pdf(path, backend=backend)
    assert detail in str(caught.value) and str(path) in str(caught.value)


def test_pdf_page_content_bound_in_the_reference_backend(tmp_path, monkeypatch):
    path = plain(tmp_path / "groot.pdf")
    monkeypatch.setattr(reader, "MAX_CONTENT_BYTES_PER_PAGE", 50)
    with pytest.raises(InputTooLarge) as caught:
        read_pdf(path, backend="pdfplumber")
    assert "content inflates past 50 bytes" in str(caught.value)


@pytest.mark.parametrize("backend", BACKENDS)
def test_pdf_inflate_bound_applies_to_encrypted_streams(tmp_path, monkeypatch, backend):
    path = encrypted(tmp_path / "alleen-eigenaar.pdf", "", "eigenaar")
    monkeypatch.setattr(reader, "MAX_INFLATED_BYTES", 50)
    with pytest.raises(InputTooLarge):
        read_pdf(path, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_pdf_nested_decompression_bomb_is_refused(tmp_path, monkeypatch, backend):
    monkeypatch.setattr(reader, "MAX_INFLATED_BYTES", 10_000_000)
    path = nested_bomb(tmp_path / "bom.pdf")
    with pytest.raises(InputTooLarge) as caught:
        read_pdf(path, backend=backend)
    message = str(caught.value)
    assert message == f"{path}: too large: streams inflate past 10,000,000 bytes (a decompression bomb)"


@pytest.mark.parametrize("backend", BACKENDS)
def test_pdf_without_to_unicode_is_refused_not_garbled(tmp_path, backend):
    path = without_to_unicode(tmp_path / "zonder-tounicode.pdf")
    with pytest.raises(NoTextLayer) as caught:
        read_pdf(path, backend=backend)
    message = str(caught.value)
    assert message.startswith(f"{path}: no text layer: text layer cannot be decoded")
    assert "\ufffd" not in message and "\n" not in message


@pytest.mark.parametrize("backend", BACKENDS)
def test_pdf_time_limit_is_checked_between_pages(tmp_path, backend):
    path = plain(tmp_path / "traag.pdf", pages=3)
    ticks = iter(range(0, 10_000, int(reader.MAX_SECONDS)))  # every look at the clock: a minute later
    with pytest.raises(ExtractionTimeout) as caught:
        read_pdf(path, backend=backend, clock=lambda: next(ticks))
    assert "gave up after" in str(caught.value)


class SlowClock:
    """A clock that stands still until ``jump`` is called."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def jump(self) -> None:
        self.now += reader.MAX_SECONDS + 1


@pytest.mark.parametrize("backend,slow_step,where", [
    ("pdfium", "page_from_pdfium", "in page 1 of 1"),
    ("pdfplumber", "page_from_pdfplumber", "in page 1 of 1"),
    ("pdfium", "lay_out", "after the page layout"),
])
def test_pdf_time_limit_holds_within_a_page_and_after_reading(tmp_path, monkeypatch, backend,
                                                               slow_step, where):
    """One page that takes too long fails as timeout, as does a layout that does."""
    from extractor.read.pdf import backend_pdfium, backend_pdfplumber

    clock = SlowClock()
    module = {"page_from_pdfium": backend_pdfium, "page_from_pdfplumber": backend_pdfplumber,
              "lay_out": reader}[slow_step]
    original = getattr(module, slow_step)

    def slow(*args, **kwargs):
        if slow_step == "lay_out":  # the layout reads its pages as it goes: its own time shows after
            result = original(*args, **kwargs)
            clock.jump()
            return result
        clock.jump()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, slow_step, slow)
    path = plain(tmp_path / "traag.pdf")
    with pytest.raises(ExtractionTimeout) as caught:
        read_pdf(path, backend=backend, clock=clock)
    assert str(caught.value) == f"{path}: timeout: gave up after 61 s {where} (limit 60 s)"


@pytest.mark.parametrize("backend,step", [
    ("pdfium", "page_from_pdfium"), ("pdfplumber", "page_from_pdfplumber"),
])
def test_pdf_library_failures_never_escape_raw(tmp_path, monkeypatch, backend, step):
    """Whatever the PDF library raises mid-page becomes a CorruptInput chained to it."""
    from extractor.read.pdf import backend_pdfium, backend_pdfplumber

    def explode(*args, **kwargs):
        raise KeyError("/Font")

    module = backend_pdfium if backend == "pdfium" else backend_pdfplumber
    monkeypatch.setattr(module, step, explode)
    with pytest.raises(CorruptInput) as caught:
        read_pdf(plain(tmp_path / "stuk.pdf"), backend=backend)
    assert isinstance(caught.value.__cause__, KeyError)
    assert "cannot parse page 1: KeyError" in str(caught.value)
    assert isinstance(caught.value, ExtractorError)
