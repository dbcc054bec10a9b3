"""Finding the inputs of a batch run: order, kinds, prechecks and stable article ids."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.batch.inputs import (
    ID_MAX_LENGTH,
    discover_inputs,
    kind_of,
    path_hash,
    slugify,
)
from extractor.errors import Reason
from extractor.models import SourceKind


def write(path: Path, text: str = "Aan de peiling deden 739 ambtenaren mee.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name,slug",
    [
        ("Opgavegericht werken", "opgavegericht-werken"),
        ("-leading dash", "leading-dash"),
        ("Ünïcödé – artikel", "unicode-artikel"),
        ("日本語", "article"),
        ("...", "article"),
        ("CON", "con-article"),
        ("a" * 100, "a" * ID_MAX_LENGTH),
        ("2019_03 Werkdruk & verzuim", "2019-03-werkdruk-verzuim"),
    ],
)
def test_batch_inputs_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name,kind",
    [
        ("a.pdf", SourceKind.PDF),
        ("A.PDF", SourceKind.PDF),
        ("a.txt", SourceKind.TEXT),
        ("a.TEXT", SourceKind.TEXT),
        ("a.md", None),
        ("a.docx", None),
        ("a", None),
    ],
)
def test_batch_inputs_kind_of(name, kind):
    assert kind_of(name) is kind


def test_batch_inputs_folder_order_is_sorted_and_depth_first(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/b.pdf", "c.text", "B.txt", "notes.docx", ".hidden.txt"]:
        write(tmp_path / "in" / name)
    found = discover_inputs([tmp_path / "in"])
    names = [Path(item.path).relative_to(tmp_path / "in").as_posix() for item in found.inputs]
    assert names == ["B.txt", "a/b.pdf", "a/z.txt", "b.txt", "c.text"]
    assert found.ignored == 1


def test_batch_inputs_same_name_in_two_folders_gets_hashed_ids(tmp_path):
    write(tmp_path / "archive" / "2019" / "Peiling.txt")
    write(tmp_path / "archive" / "2020" / "peiling.txt")
    write(tmp_path / "archive" / "2020" / "anders.txt")
    found = discover_inputs([tmp_path / "archive"])
    ids = {Path(item.path).relative_to(tmp_path).as_posix(): item.id for item in found.inputs}
    assert ids == {
        "archive/2019/Peiling.txt": f"peiling-{path_hash('2019/Peiling.txt')}",
        "archive/2020/anders.txt": "anders",
        "archive/2020/peiling.txt": f"peiling-{path_hash('2020/peiling.txt')}",
    }


def test_batch_inputs_ids_do_not_depend_on_where_the_archive_lives(tmp_path, monkeypatch):
    results = []
    for place in ["one", "two/deeper"]:
        root = tmp_path / place / "archive"
        write(root / "x" / "a.txt")
        write(root / "y" / "a.txt")
        write(root / "y" / "a.pdf")
        monkeypatch.chdir(root.parent)
        results.append([(item.path, item.id) for item in discover_inputs(["archive"]).inputs])
    assert results[0] == results[1]
    assert len({article_id for _path, article_id in results[0]}) == 3


def test_batch_inputs_suffixed_id_never_clashes_with_a_real_name(tmp_path):
    write(tmp_path / "x" / "a.txt")
    write(tmp_path / "y" / "a.txt")
    clash = f"a-{path_hash('x/a.txt')}"
    write(tmp_path / "z" / f"{clash}.txt")
    ids = [item.id for item in discover_inputs([tmp_path]).inputs]
    assert len(set(ids)) == 3
    assert ids[0] == clash and ids[2] == f"{clash}-2"


def test_batch_inputs_globs_explicit_files_and_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "a.txt")
    write(tmp_path / "in" / "deep" / "b.pdf")
    write(tmp_path / "in" / "notes.md")
    os.symlink("a.txt", tmp_path / "in" / "link-to-a.txt")
    found = discover_inputs(["in/**/*.pdf", "in/a.txt", "in", "in/notes.md", "missing.txt", "no/*.txt"])
    summary = [(item.path, item.precheck.reason if item.precheck else None) for item in found.inputs]
    assert summary == [
        ("in/deep/b.pdf", None),
        ("in/a.txt", None),
        ("in/notes.md", Reason.UNSUPPORTED),
        ("missing.txt", Reason.NOT_FOUND),
        ("no/*.txt", Reason.NOT_FOUND),
    ]
    skipped = found.inputs[2]
    assert skipped.precheck.skipped and skipped.id is None
    assert found.inputs[3].id is None


def test_batch_inputs_prechecks(tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_bytes(b"x" * 2048)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(".", folder / "again")
    found = discover_inputs([folder], max_bytes=1024)
    summary = {Path(item.path).name: item.precheck.reason if item.precheck else None for item in found.inputs}
    assert summary == {
        "dangling.txt": Reason.NOT_FOUND,
        "empty.txt": Reason.EMPTY,
        "good.txt": None,
        "huge.txt": Reason.TOO_LARGE,
        "loop-a.txt": Reason.UNREADABLE,
        "loop-b.txt": Reason.UNREADABLE,
        "pipe.txt": Reason.UNREADABLE,
    }
    good = next(item for item in found.inputs if item.path.endswith("good.txt"))
    assert good.sha256 and len(good.sha256) == 64 and good.size == (folder / "good.txt").stat().st_size


def test_batch_inputs_leaves_out_the_output_folder(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "output" / "copy.txt")
    found = discover_inputs([tmp_path], exclude=[tmp_path / "output"])
    assert [Path(item.path).name for item in found.inputs] == ["a.txt"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("artikel.html", SourceKind.HTML), ("ARTIKEL.HTM", SourceKind.HTML), ("artikel.xhtml", SourceKind.HTML)],
)
def test_batch_inputs_takes_web_pages(tmp_path, name, kind):
    assert kind_of(name) is kind
    write(tmp_path / "in" / name, "<html><body><p>Aan de peiling deden 739 ambtenaren mee.</p></body></html>")
    found = discover_inputs([tmp_path / "in"])
    assert [(item.kind, item.precheck) for item in found.inputs] == [(kind, None)]


def test_batch_inputs_named_file_without_extension_is_sniffed(tmp_path):
    write(tmp_path / "pagina", "<!DOCTYPE html><html><body><p>Aan de peiling deden 739 ambtenaren mee.</p></body></html>")
    write(tmp_path / "notities", "Aan de peiling deden 739 ambtenaren mee.")
    write(tmp_path / "map" / "pagina", "<!DOCTYPE html><html></html>")
    found = discover_inputs([tmp_path / "pagina", tmp_path / "notities", tmp_path / "map"])
    assert [(Path(item.path).name, item.kind, item.precheck is None) for item in found.inputs] == [
        ("pagina", SourceKind.HTML, True),
        ("notities", None, False),
    ]
    assert found.ignored == 1  # below a folder only the extension counts


def test_batch_inputs_named_special_files_fail_with_what_they_are(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    found = discover_inputs(["/dev/zero", tmp_path / "pipe"])
    outcome = [(item.precheck.skipped, item.precheck.reason, item.precheck.message) for item in found.inputs]
    assert outcome == [
        (False, Reason.UNREADABLE, "a character device, not a regular file"),
        (False, Reason.UNREADABLE, "a named pipe (FIFO), not a regular file"),
    ]
