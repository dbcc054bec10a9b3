"""Hostile PDFs, made in the test: each gives its own error, as one line naming file and reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

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
from tests.pdf_helpers import write_pdf

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


@pytest.mark.parametrize("limit,value,detail", [
    ("MAX_PDF_BYTES", 100, "bytes; the limit for PDF files is 100"),
    ("MAX_PAGES", 1, "2 pages; the limit is 1"),
    ("MAX_CHARS_PER_PAGE", 20, "characters; the limit is 20"),
    ("MAX_CONTENT_BYTES_PER_PAGE", 50, "content inflates past 50 bytes"),
])
def test_pdf_limits_refuse_absurd_input(tmp_path, monkeypatch, limit, value, detail):
    path = plain(tmp_path / "groot.pdf", pages=2)
    monkeypatch.setattr(reader, limit, value)
    with pytest.raises(InputTooLarge) as caught:
        read_pdf(path)
    assert detail in str(caught.value) and str(path) in str(caught.value)


def test_pdf_inflate_bound_applies_to_encrypted_streams(tmp_path, monkeypatch):
    path = encrypted(tmp_path / "alleen-eigenaar.pdf", "", "eigenaar")
    monkeypatch.setattr(reader, "MAX_CONTENT_BYTES_PER_PAGE", 50)
    with pytest.raises(InputTooLarge):
        read_pdf(path)


def test_pdf_time_limit_is_checked_between_pages(tmp_path):
    path = plain(tmp_path / "traag.pdf", pages=3)
    ticks = iter(range(0, 10_000, int(reader.MAX_SECONDS)))  # every look at the clock: a minute later
    with pytest.raises(ExtractionTimeout) as caught:
        read_pdf(path, clock=lambda: next(ticks))
    assert "gave up after" in str(caught.value)


def test_pdf_library_failures_never_escape_raw(tmp_path, monkeypatch):
    """Whatever the PDF library raises mid-page becomes a CorruptInput chained to it."""
    from extractor.read.pdf import backend_pdfplumber

    def explode(page, number):
        raise KeyError("/Font")

    monkeypatch.setattr(backend_pdfplumber, "page_from_pdfplumber", explode)
    with pytest.raises(CorruptInput) as caught:
        read_pdf(plain(tmp_path / "stuk.pdf"))
    assert isinstance(caught.value.__cause__, KeyError)
    assert "cannot parse page 1: KeyError" in str(caught.value)
    assert isinstance(caught.value, ExtractorError)
