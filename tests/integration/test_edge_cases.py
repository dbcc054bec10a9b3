"""Edge cases of the text path and the `extractor extract` command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extractor import extract
from extractor.cli import main
from extractor.errors import EmptyInput

COLUMN = "\n".join(["Dit is een gewone regel tekst van een kolom"] * 6) + "."


@pytest.mark.parametrize(
    ("text", "records", "headings"),
    [
        (COLUMN, 0, [None]),
        (f"{COLUMN}\n\nPraktijk\n{COLUMN}\n", 0, [None, "Praktijk"]),
        (f"Praktijk\n{COLUMN}\n", 0, ["Praktijk"]),
        ("Zo’n 40 procent werkt thuis.", 1, [None]),
        ("47 procent", 1, [None]),
        ("nr. 40 | 2023\n\n27\n", 0, []),
        ("Thuiswerken blijft populair\nAan de peiling deden 812 ambtenaren mee. Van hen werkt 61 procent "
         "minstens twee dagen thuis en 12 procent nooit.\nMinder reistijd\nWie thuis werkt, reist minder: "
         "44 procent noemt de kortere reistijd als het grootste voordeel van thuiswerken.\n",
         4, [None, "Minder reistijd"]),
    ],
    ids=["no-statistics", "heading", "heading-first", "one-line", "bare-number", "furniture-only", "no-blank-lines"],
)
def test_edge_cases_text(text, records, headings):
    article = extract(text)
    assert len(article.records) == records
    assert [s.heading for s in article.sections] == headings


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_edge_cases_empty_text(text):
    with pytest.raises(EmptyInput):
        extract(text)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_extract_command_formats(fmt, tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text("Daarvan is 47 procent man en 45 procent vrouw.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        document = json.loads(result.output)
        assert [r["label"] for r in document["records"]] == ["man", "vrouw"]
        assert document["id"] == "artikel"
    elif fmt == "jsonl":
        assert [json.loads(line)["value"] for line in result.output.splitlines()] == [47, 45]
    else:
        lines = result.output.splitlines()
        assert lines[0].startswith("id,article,section,value,unit,label")
        assert len(lines) == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02binary\x00", "unsupported"), (b"%PDF-1.7\ngarbage", "corrupt")],
)
def test_extract_command_bad_input_is_one_line(content, reason, tmp_path):
    path = tmp_path / ("bad.pdf" if content.startswith(b"%PDF") else "bad.txt")
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code != 0
    message = result.output.strip()
    assert message.count("\n") == 0 and str(path) in message and reason in message
    assert "Traceback" not in message


def test_extract_command_explain_lists_what_was_dropped_and_why(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(
        "Volgend jaar komt er een loonsverhoging van 3 procent. Ruim 40 procent vindt de werkdruk te hoog.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    assert [r["value"] for r in json.loads(result.stdout)["records"]] == [40]
    layout, *dropped = result.stderr.splitlines()
    assert layout.startswith("body ") and layout.endswith(": running text")
    [line] = dropped
    assert line.startswith("dropped '3 procent' at ") and "loonsverhoging" in line


@pytest.mark.parametrize("unit", ["procent", "ambtenaren"])
def test_extract_command_huge_number_is_dropped_with_a_warning(unit, tmp_path):
    path = tmp_path / "groot.txt"
    path.write_text(f"Maar liefst 2{'0' * 308} {unit} doet mee, en 12 procent niet.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    assert [r["value"] for r in document["records"]] == [12]
    assert [w["code"] for w in document["warnings"]] == ["number_too_large"]


def test_readme_command_table_names_every_option():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Command line") : readme.index("## Python API")]
    for command in main.commands.values():
        for parameter in command.params:
            options = [o for o in parameter.opts + parameter.secondary_opts if o.startswith("-")]
            if options and "--help" not in options:
                assert any(o in table for o in options), f"{command.name} {options} missing from the README"
    assert "--version" in table


def test_a_text_of_headings_only_keeps_every_line_apart():
    article = extract("Werkdruk bij de overheid\n\nStructureel hoog\n\nHoe verder?\n\nWat is er nodig\n")
    assert article.title == "Werkdruk bij de overheid"
    assert article.records == []
    parts = [article.title, article.subtitle, *article.text.split("\n\n")]
    assert sorted(parts) == sorted(["Werkdruk bij de overheid", "Structureel hoog", "Hoe verder?", "Wat is er nodig"])
