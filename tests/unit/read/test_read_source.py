import codecs
import os
from pathlib import Path

import pytest

from extractor.errors import EmptyInput, EncodingProblem, InputNotFound, InputTooLarge, UnreadableInput, UnsupportedInput
from extractor.read import source
from extractor.read.source import decode_text, read_source

TEXT = "Daarvan is 47 procent man, ‘zo’n’ één café."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_ingest_decodes_every_supported_encoding(data):
    assert decode_text(data, "x.txt") == TEXT


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"  \n\t\n", EmptyInput),
        (b"tekst\x00\x00met nul", UnsupportedInput),
        (bytes(range(1, 32)) * 10, UnsupportedInput),
        (b"caf\x81 \x8d", EncodingProblem),
    ],
    ids=["empty", "whitespace", "nul-bytes", "control-bytes", "undecodable"],
)
def test_ingest_refuses_bad_bytes_with_one_line(data, error, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message


def test_ingest_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        read_source(tmp_path / "nope.txt")


def _fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda tmp_path: Path("/dev/zero"), "a character device"),
        (lambda tmp_path: Path("/dev/urandom"), "a character device"),
        (_fifo, "a named pipe (FIFO)"),
    ],
    ids=["dev-zero", "dev-urandom", "fifo"],
)
def test_ingest_refuses_special_files_without_reading_them(tmp_path, make, what):
    path = make(tmp_path)
    if not path.exists():
        pytest.fail(f"{path} is missing on this machine")
    with pytest.raises(UnreadableInput) as caught:
        read_source(path)  # a read would never end (device) or block (FIFO without writer)
    assert str(caught.value) == f"{path}: unreadable: {what}, not a regular file"


def test_ingest_reads_no_more_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "groot.txt"
    path.write_bytes(b"Werkdruk 47 procent. " * 100)
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(InputTooLarge, match="limit for text files is 1,000"):
        read_source(path)


def test_ingest_folder_is_refused(tmp_path):
    with pytest.raises(UnsupportedInput, match="is a folder"):
        read_source(tmp_path)
