"""Hostile paths and outputs at the command line: one line, the same exit code, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import extract
from extractor.cli import main
from extractor.errors import ExtractorError

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hybride-werken.txt"
USAGE = 2


def _cli(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "{missing}"],
        ["run", "{missing}", "-o", "{out}"],
        ["report", "{missing}"],
        ["validate", "{missing}"],
        ["diff", "{missing}", "{missing}"],
    ],
    ids=["extract", "run", "report", "validate", "diff"],
)
def test_a_missing_path_is_one_line_and_the_same_exit_code_for_every_command(args, tmp_path):
    values = {"missing": str(tmp_path / "nope"), "out": str(tmp_path / "out")}
    result = CliRunner().invoke(main, [a.format(**values) for a in args])
    assert result.exit_code == USAGE, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nope" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["extract", "--help"], ["extract", str(SAMPLE), "--format", "csv"]],
    ids=["version", "help", "command-help", "extract"],
)
def test_a_full_standard_output_is_one_line_not_a_traceback(args):
    with open("/dev/full", "w") as full:
        result = _cli(*args, stdout=full)
    assert result.returncode == USAGE
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["Error: standard output: cannot write: No space left on device"]


def test_an_output_folder_under_a_file_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("not a folder")
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "-o", str(tmp_path / "afile" / "sub")])
    assert result.exit_code == USAGE
    assert len(result.stderr.strip().splitlines()) == 1
    assert "afile" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_given_to_extract_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == USAGE
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Usage:" not in result.stderr


@pytest.mark.parametrize("name", ["a\nb.txt", "kleur\x1b[31mrood.txt", "tab\there.txt"])
def test_a_file_name_with_control_characters_stays_one_escaped_line(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == USAGE
    assert len(result.stderr.strip().splitlines()) == 1
    assert "\x1b" not in result.stderr


def test_lone_surrogates_through_the_api_are_the_projects_own_error():
    with pytest.raises(ExtractorError):
        extract("Ruim 40 procent werkt thuis.\ud800")


def test_a_run_keeps_foreign_pages_in_the_report_folder_also_through_a_symlink(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.html").write_text("<p>mine</p>")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(elsewhere, out / "report")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hybride-werken.txt").write_bytes(SAMPLE.read_bytes())
    for _ in range(2):  # the second run rewrites (and prunes) the review pages
        result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "-o", str(out), "--quiet", "--force"])
        assert result.exit_code == 0, result.output
    assert (elsewhere / "notes.html").read_text() == "<p>mine</p>"


def test_an_input_named_index_does_not_overwrite_the_run_index(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "index.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "in" / "other.txt").write_bytes(SAMPLE.read_bytes().replace(b"1.204", b"1.205"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    ids = [entry["id"] for entry in json.loads((out / "run.json").read_text())["inputs"]]
    assert len(set(ids)) == 2
    for article_id in ids:  # the run index lists both articles, and each has a page of its own
        assert article_id in index
    pages = sorted(p.name for p in (out / "report").glob("*.html"))
    assert len(pages) == 3 and "index.html" in pages


def test_a_text_over_a_megabyte_goes_through_spacy_in_pieces(tmp_path):
    # spaCy's default max_length is 1,000,000 characters; the documented limit is 5 MB.
    paragraph = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([paragraph] * (1_100_000 // len(paragraph) + 1)), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) > 1000


def test_a_read_only_output_folder_is_one_line(tmp_path, monkeypatch):
    # Tests run as root here, where chmod cannot make a folder read-only: the file system's
    # refusal is simulated where the run first writes into its folder.
    import builtins

    out = tmp_path / "out"
    out.mkdir()
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).startswith(str(out)):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == USAGE
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
