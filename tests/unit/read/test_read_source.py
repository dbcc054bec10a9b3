import codecs

import pytest

from extractor.errors import EmptyInput, EncodingProblem, InputNotFound, UnsupportedInput
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
