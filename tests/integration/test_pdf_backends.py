"""The PDF backend is chosen on the command line and in the API; both read the samples alike."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import extractor
from extractor.cli import main
from tests.pdf_helpers import SAMPLE_PDFS

SAMPLE = SAMPLE_PDFS / "werkdruk-verzuim.pdf"
COMPARED = ("id", "section", "value", "unit", "label", "qualifier", "surface", "page")


def cli_records(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_pdf_backend_option_of_extract_reads_alike():
    default, pdfium, reference = cli_records(), cli_records("--pdf-backend", "pdfium"), \
        cli_records("--pdf-backend", "pdfplumber")
    assert default == pdfium
    assert [[r[f] for f in COMPARED] for r in pdfium] == [[r[f] for f in COMPARED] for r in reference]
    assert pdfium


def test_pdf_backend_option_refuses_an_unknown_backend():
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--pdf-backend", "pymupdf"])
    assert result.exit_code == 2
    assert "'pymupdf' is not one of 'pdfium', 'pdfplumber'" in result.output


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_pdf_backend_option_of_run(tmp_path, backend):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "-o", str(out), "--jobs", "1", "--quiet",
                                       "--pdf-backend", backend])
    assert result.exit_code == 0, result.output
    document = json.loads((out / "articles" / "werkdruk-verzuim.json").read_text(encoding="utf-8"))
    assert document["records"] and all(r["page"] and r["bbox"] for r in document["records"])


def test_pdf_backend_in_the_api():
    fast = extractor.extract(SAMPLE, pdf_backend="pdfium")
    reference = extractor.extract_file(SAMPLE, pdf_backend="pdfplumber")
    assert [(r.value, r.label, r.section, r.page) for r in fast.records] == \
        [(r.value, r.label, r.section, r.page) for r in reference.records]
    with pytest.raises(ValueError, match="unknown PDF backend 'pymupdf'"):
        extractor.extract(SAMPLE, pdf_backend="pymupdf")


def test_pdf_extract_loads_no_table_or_reference_libraries():
    """`extract` of a PDF starts without pandas, pyarrow, pdfplumber or pdfminer."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from extractor.cli import main\n"
        f"main(['extract', {str(SAMPLE)!r}, '--format', 'csv'], standalone_mode=False)\n"
        "heavy = ('pandas', 'pyarrow', 'pdfplumber', 'pdfminer')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert "werkdruk-verzuim:1," in done.stdout
