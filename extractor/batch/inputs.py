"""Finding the inputs of a batch run: files, folders and glob patterns, each with a stable id."""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..errors import Reason
from ..dataset.ids import ID_MAX_LENGTH, slugify  # noqa: F401  (ID_MAX_LENGTH: part of this module's API)
from ..models import SourceKind
from ..read.formats import HTML_SUFFIXES, PDF_SUFFIXES, SNIFF_BYTES, is_html, is_pdf, non_regular_kind

TEXT_SUFFIXES = frozenset({".txt", ".text"})
"""Text files (any encoding the reader understands). Markdown is left out on purpose: in an
archive a ``.md`` file is far more often a README than an article."""


DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""Inputs larger than this are not read at all (status failed, reason "too large")."""

ID_HASH_LENGTH = 8
HASH_CHUNK_BYTES = 1024 * 1024
GLOB_CHARACTERS = frozenset("*?[")

@dataclass(frozen=True, slots=True)
class Precheck:
    """Why an input is settled before any worker sees it."""

    skipped: bool
    reason: Reason
    message: str


@dataclass(slots=True)
class BatchInput:
    """One input of a batch run, as found on disk.

    ``path`` is the path as the user named it (joined with the part found below a folder or by a
    glob); ``location`` is the same path made absolute without resolving symbolic links, which
    is what workers read. ``id`` is ``None`` only for inputs that name nothing that exists.
    """

    path: str
    location: str
    kind: SourceKind | None
    size: int | None = None
    sha256: str | None = None
    id: str | None = None
    precheck: Precheck | None = None


@dataclass(slots=True)
class Discovery:
    """The inputs of a run in their stable order, and how many files the walk left out."""

    inputs: list[BatchInput]
    ignored: int


def kind_of(name: str) -> SourceKind | None:
    """The kind of input a file name announces, or ``None`` when the batch does not read it."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in PDF_SUFFIXES:
        return SourceKind.PDF
    if suffix in TEXT_SUFFIXES:
        return SourceKind.TEXT
    if suffix in HTML_SUFFIXES:
        return SourceKind.HTML
    return None


def path_hash(relative: str) -> str:
    """The short hash that tells apart inputs whose names give the same slug."""
    normalised = unicodedata.normalize("NFC", relative)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:ID_HASH_LENGTH]


def assign_ids(inputs: list[BatchInput]) -> None:
    """Give every input that names an existing path a unique article id.

    The id is the slug of the file name without its extension. When several inputs of the run
    share a slug, each of them gets ``-`` plus a short hash of its path relative to the deepest
    folder that holds all of them; the result depends only on the names below that folder, so
    it is the same on every machine and in every run over the same inputs. Should a suffixed id
    still clash with another input's id, ``-2``, ``-3``... follow in input order.
    """
    eligible = [item for item in inputs if item.kind is not None and os.path.lexists(item.location)]
    groups: dict[str, list[BatchInput]] = {}
    for item in eligible:
        groups.setdefault(slugify(Path(item.path).stem), []).append(item)
    for slug, group in groups.items():
        if len(group) == 1:
            group[0].id = slug
            continue
        root = os.path.commonpath([item.location for item in group])
        for item in group:
            relative = PurePath(os.path.relpath(item.location, root)).as_posix()
            item.id = f"{slug}-{path_hash(relative)}"
    taken: set[str] = set()
    for item in eligible:
        assert item.id is not None
        candidate, counter = item.id, 1
        while candidate in taken:
            counter += 1
            candidate = f"{item.id}-{counter}"
        item.id = candidate
        taken.add(candidate)


def _has_glob(argument: str) -> bool:
    return any(character in GLOB_CHARACTERS for character in argument)


def _walk(folder: str, exclude: set[str], visited: set[tuple[int, int]]) -> Iterator[str]:
    """Yield every file below ``folder``, sorted by name at each level.

    Symbolic links to folders are followed once; a link back into a folder already walked
    (a loop) is not entered again. Hidden files and folders (name starting with ``.``) and the
    output folder are left out.
    """
    try:
        info = os.stat(folder)
    except OSError:
        return
    key = (info.st_dev, info.st_ino)
    if key in visited or os.path.realpath(folder) in exclude:
        return
    visited.add(key)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, exclude, visited)
        else:
            yield path


def _unreadable(message: str) -> Precheck:
    return Precheck(False, Reason.UNREADABLE, message)


def check_file(item: BatchInput, max_bytes: int | None) -> None:
    """Fill in size and sha256 of ``item``, or the reason it cannot be read at all."""
    try:
        info = os.stat(item.location)
    except OSError as error:
        if error.errno == errno.ELOOP:
            item.precheck = _unreadable("symbolic link loop")
        elif error.errno in (errno.ENOENT, errno.ENOTDIR):
            item.precheck = Precheck(False, Reason.NOT_FOUND, "no such file (dangling link?)")
        else:
            item.precheck = _unreadable(error.strerror or str(error))
        return
    if not stat.S_ISREG(info.st_mode):
        item.precheck = _unreadable(f"{non_regular_kind(info.st_mode) or 'a special file'}, not a regular file")
        return
    item.size = info.st_size
    if info.st_size == 0:
        item.precheck = Precheck(False, Reason.EMPTY, "the file is empty")
        return
    if max_bytes is not None and info.st_size > max_bytes:
        item.precheck = Precheck(
            False, Reason.TOO_LARGE, f"{info.st_size:,} bytes, more than the limit of {max_bytes:,}"
        )
        return
    digest = hashlib.sha256()
    try:
        with open(item.location, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK_BYTES):
                digest.update(chunk)
    except OSError as error:
        item.precheck = _unreadable(error.strerror or str(error))
        return
    item.sha256 = digest.hexdigest()


def discover_inputs(
    arguments: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Discovery:
    """Turn command-line arguments into the ordered, de-duplicated inputs of a run.

    Order: arguments as given; below a folder, paths sorted by name level by level; matches of
    a glob pattern sorted. A file reached twice (also through a link) counts once, where it was
    first found. Files below folders and glob matches are taken only when their extension is a
    supported one; a file named explicitly with another extension is read when its first bytes
    show a PDF or a web page, and kept as "skipped" otherwise.
    """
    excluded = {os.path.realpath(os.fspath(path)) for path in exclude}
    found: list[BatchInput] = []
    seen: set[str] = set()
    ignored = 0

    def add(path: str, *, explicit: bool) -> None:
        nonlocal ignored
        kind = kind_of(os.path.basename(path))
        if kind is None and explicit:
            kind = _sniffed_kind(path)
        if kind is None and not explicit:
            ignored += 1
            return
        real = os.path.realpath(path)
        if real in seen:
            return
        seen.add(real)
        item = BatchInput(path=os.path.normpath(path), location=os.path.abspath(path), kind=kind)
        if kind is None and _special_file(path):
            check_file(item, None)  # a device or FIFO named on the command line fails, it is not skipped
        elif kind is None:
            item.precheck = Precheck(True, Reason.UNSUPPORTED, "not a .pdf, .txt, .text, .html or .htm file")
        found.append(item)

    visited: set[tuple[int, int]] = set()
    for argument in arguments:
        argument = os.fspath(argument)
        if os.path.isdir(argument):
            for path in _walk(argument, excluded, visited):
                add(path, explicit=False)
        elif os.path.lexists(argument):
            add(argument, explicit=True)
        elif _has_glob(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                found.append(_missing(argument, "no file matches the pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, excluded, visited):
                        add(path, explicit=False)
                else:
                    add(match, explicit=False)
        else:
            found.append(_missing(argument, "no such file or folder"))

    for item in found:
        if item.precheck is None:
            check_file(item, max_bytes)
    assign_ids(found)
    return Discovery(found, ignored)


def _sniffed_kind(path: str) -> SourceKind | None:
    """The kind of a file named on the command line without a known extension, from its first bytes."""
    if _special_file(path):
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    if is_pdf("", head):
        return SourceKind.PDF
    return SourceKind.HTML if is_html("", head) else None


def _special_file(path: str) -> bool:
    try:
        return non_regular_kind(os.stat(path).st_mode) is not None
    except OSError:
        return False


def _missing(argument: str, message: str) -> BatchInput:
    return BatchInput(
        path=argument,
        location=os.path.abspath(argument),
        kind=kind_of(argument),
        precheck=Precheck(False, Reason.NOT_FOUND, message),
    )
