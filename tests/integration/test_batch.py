"""Batch runs: one status per input, complete outputs only, resume, order, time limits, Dask."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from extractor.api import extract_file
from extractor.batch.runner import BatchError, ExitCode, run_batch
from extractor.batch.manifest import MANIFEST_NAME, Status
from extractor.errors import Reason
from extractor.dataset.outputs import dump_json, exclusive_output

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SAMPLE_TEXT = SAMPLES / "opgavegericht-werken.txt"
GOOD = (Status.OK, Status.WARNING)
MIB = 1024 * 1024


# --- extractors handed to the workers (module level: workers import them by name) ---------


def hang_in_python(path, *, article_id):
    """Loops forever in Python code: the in-worker alarm stops it."""
    while True:
        pass


def hang_in_c_on_marker(path, *, article_id):
    """Blocks the alarm signal and sleeps, like code stuck in a C call: only killing the
    worker stops it. Other inputs are extracted for real."""
    if b"HANG" in Path(path).read_bytes():
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        time.sleep(3600)
    return extract_file(path, article_id=article_id)


def crash_on_marker(path, *, article_id):
    """Takes the whole worker process down on inputs that say CRASH."""
    if b"CRASH" in Path(path).read_bytes():
        os._exit(70)
    return extract_file(path, article_id=article_id)


# --- building inputs ------------------------------------------------------------------------


def sample_texts() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def sample_pdf() -> Path:
    return SAMPLES / "pdf" / "hybride-werken.pdf"


def encrypted_pdf(target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(sample_pdf()).pages:
        writer.add_page(page)
    writer.encrypt(user_password="geheim", owner_password="nog-geheimer")
    with open(target, "wb") as handle:
        writer.write(handle)


def image_only_pdf(target: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(target), pagesize=A4)
    for page in range(2):
        pdf.setFillGray(0.2 + page * 0.3)
        pdf.rect(72, 72, 400, 600, fill=1, stroke=0)
        pdf.circle(300, 400, 80, fill=1)
        pdf.showPage()
    pdf.save()


def make_mixed_folder(folder: Path) -> dict[str, tuple[set[Status], Reason | None]]:
    """Good files and every kind of bad input; returns name -> (allowed statuses, reason)."""
    text = SAMPLE_TEXT.read_text(encoding="utf-8")
    other = (SAMPLES / "hybride-werken.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "sub").mkdir()
    expected: dict[str, tuple[set[Status], Reason | None]] = {}

    def good(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        expected[name] = (set(GOOD), None)

    def bad(name: str, reason: Reason, data: bytes | None = None) -> None:
        if data is not None:
            (folder / name).write_bytes(data)
        expected[name] = ({Status.FAILED}, reason)

    good("opgavegericht werken.txt", text.encode("utf-8"))
    good("sub/opgavegericht werken.txt", other.encode("utf-8"))
    good("Ünïcödé – artikel.txt", text.encode("utf-8"))
    good("-leading-dash.txt", text.encode("utf-8"))
    good("cp1252.txt", text.encode("cp1252"))
    good("utf16-bom.txt", text.encode("utf-16"))
    good("good.pdf", sample_pdf().read_bytes())
    bad("invalid-bytes.txt", Reason.ENCODING, text.encode("utf-8") + b"\x81\x8d\x8f\x90")
    bad("empty.txt", Reason.EMPTY, b"")
    bad("garbage.txt", Reason.UNSUPPORTED, random.Random(7).randbytes(20_000))
    bad("nul-bytes.txt", Reason.UNSUPPORTED, text.encode("utf-8").replace(b"procent", b"pro\x00cent"))
    bad("huge.txt", Reason.TOO_LARGE, (text * 400).encode("utf-8"))
    bad("truncated.pdf", Reason.CORRUPT, sample_pdf().read_bytes()[:4000])
    encrypted_pdf(folder / "encrypted.pdf")
    bad("encrypted.pdf", Reason.ENCRYPTED)
    image_only_pdf(folder / "image-only.pdf")
    bad("image-only.pdf", Reason.NO_TEXT_LAYER)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    bad("loop-a.txt", Reason.UNREADABLE)
    bad("loop-b.txt", Reason.UNREADABLE)
    os.symlink("gone.txt", folder / "dangling.txt")
    bad("dangling.txt", Reason.NOT_FOUND)
    os.mkfifo(folder / "pipe.txt")
    bad("pipe.txt", Reason.UNREADABLE)
    os.symlink("..", folder / "sub" / "back-up")  # a folder loop: walked once
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    (folder / ".hidden.txt").write_text(text, encoding="utf-8")
    return expected


def article_files(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((out / "articles").glob("*.json"))}


def assert_only_complete_files(out: Path) -> None:
    leftovers = [path for path in out.rglob("*") if path.name.endswith(".tmp")]
    assert leftovers == []
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))


def expected_document(entry: dict) -> str:
    """What a single-file extraction gives for a manifest entry, serialised like the batch."""
    document = extract_file(entry["path"], article_id=entry["id"]).to_dict()
    return dump_json(document)


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_batch_mixed_folder_gives_one_status_per_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = make_mixed_folder(tmp_path / "in")
    summary = run_batch(["in"], "out", jobs=2, max_bytes=1 * MIB)

    got = {Path(entry.path).relative_to("in").as_posix(): entry for entry in summary.inputs}
    assert set(got) == set(expected)
    for name, (statuses, reason) in expected.items():
        entry = got[name]
        assert entry.status in statuses, (name, entry.status, entry.reason, entry.message)
        assert entry.reason == reason, (name, entry.reason, entry.message)
        assert entry.message or entry.status is Status.OK
    assert summary.ignored == 1
    assert summary.exit_code is ExitCode.FAILED
    assert (summary.tables_error, summary.report_error) == (None, None)

    out = tmp_path / "out"
    assert_only_complete_files(out)
    data = manifest(out)
    assert data["state"] == "complete"
    assert [entry["path"] for entry in data["inputs"]] == [entry.path for entry in summary.inputs]
    ids = [entry["id"] for entry in data["inputs"] if entry["id"]]
    assert len(ids) == len(set(ids))
    documents = {entry["document"] for entry in data["inputs"] if entry["document"]}
    assert {f"articles/{name}" for name in article_files(out)} == documents
    for entry in data["inputs"]:
        if entry["document"]:
            written = (out / entry["document"]).read_text(encoding="utf-8")
            assert written == expected_document(entry), entry["path"]
    records = pd.read_csv(out / "records.csv")
    assert len(records) == sum(entry["records"] for entry in data["inputs"] if entry["document"])
    assert len(pd.read_parquet(out / "records.parquet")) == len(records)


def test_batch_nothing_to_do_and_busy_output(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.docx").write_bytes(b"x")
    with pytest.raises(BatchError, match="nothing to do"):
        run_batch([tmp_path / "in"], tmp_path / "out")
    (tmp_path / "in" / "a.txt").write_bytes(SAMPLE_TEXT.read_bytes())
    with exclusive_output(tmp_path / "out"):
        with pytest.raises(BatchError, match="another run"):
            run_batch([tmp_path / "in"], tmp_path / "out")


@pytest.mark.slow
def test_batch_resume_skips_unchanged_and_redoes_changed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sample_texts()[:4]:
        (folder / path.name).write_bytes(path.read_bytes())
    first = run_batch(["in"], "out", jobs=2)
    assert {entry.status for entry in first.inputs} <= set(GOOD)
    before = article_files(tmp_path / "out")

    changed, removed = sorted(folder.iterdir())[:2]
    extra = "\nNog eens 12 procent twijfelt.\n"
    changed.write_text(changed.read_text(encoding="utf-8") + extra, encoding="utf-8")
    removed.unlink()
    (folder / "nieuw.txt").write_bytes(SAMPLE_TEXT.read_bytes())
    second = run_batch(["in"], "out", jobs=2)

    status = {Path(entry.path).name: entry.status for entry in second.inputs}
    assert status.pop(changed.name) in GOOD
    assert status.pop("nieuw.txt") in GOOD
    # An unchanged input is reused with what its last extraction found, not reported skipped.
    last = {Path(entry.path).name: entry for entry in first.inputs}
    for entry in second.inputs:
        name = Path(entry.path).name
        assert entry.reused is (name in status)
        if entry.reused:
            old = last[name]
            assert (entry.status, entry.message, entry.records, entry.pages, entry.warnings) == (
                old.status, old.message, old.records, old.pages, old.warnings
            )
    after = article_files(tmp_path / "out")
    assert f"{removed.stem}.json" not in after
    assert after[f"{changed.stem}.json"] != before[f"{changed.stem}.json"]
    for name in before:
        if name not in (f"{changed.stem}.json", f"{removed.stem}.json"):
            assert after[name] == before[name]
    records = pd.read_csv(tmp_path / "out" / "records.csv")
    assert set(records["article"]) == {entry.id for entry in second.inputs if entry.records}
    assert second.exit_code is ExitCode.OK

    forced = run_batch(["in"], "out", jobs=2, force=True)
    assert {entry.status for entry in forced.inputs} <= set(GOOD)
    assert article_files(tmp_path / "out") == after


@pytest.mark.slow
def test_batch_order_and_outputs_do_not_depend_on_jobs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    for index, path in enumerate(sample_texts() * 2):
        target = folder / f"deel-{index % 3}" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    one = run_batch(["in"], "out-1", jobs=1)
    two = run_batch(["in"], "out-2", jobs=2)
    assert [(e.path, e.id, e.status, e.records) for e in one.inputs] == [
        (e.path, e.id, e.status, e.records) for e in two.inputs
    ]
    assert article_files(tmp_path / "out-1") == article_files(tmp_path / "out-2")
    tables = [(tmp_path / out / "records.csv").read_bytes() for out in ("out-1", "out-2")]
    assert tables[0] == tables[1]


def _timeout_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE_TEXT.read_bytes())
    (folder / "b-hangs.txt").write_bytes(SAMPLE_TEXT.read_bytes() + b"\nHANG\n")
    (folder / "c.txt").write_bytes((SAMPLES / "hybride-werken.txt").read_bytes())


def test_batch_timeout_stops_a_task_looping_in_python(tmp_path):
    folder = tmp_path / "in"
    _timeout_folder(folder)
    started = time.monotonic()
    summary = run_batch([folder], tmp_path / "out", jobs=2, timeout=1, extract=hang_in_python)
    assert time.monotonic() - started < 30
    assert {(entry.status, entry.reason) for entry in summary.inputs} == {(Status.FAILED, Reason.TIMEOUT)}
    assert summary.inputs[0].message == "no result after 1 s"


@pytest.mark.slow
def test_batch_timeout_kills_a_worker_that_ignores_the_alarm(tmp_path):
    folder = tmp_path / "in"
    _timeout_folder(folder)
    summary = run_batch([folder], tmp_path / "out", jobs=2, timeout=2, extract=hang_in_c_on_marker)
    status = {Path(entry.path).name: (entry.status, entry.reason) for entry in summary.inputs}
    assert status.pop("b-hangs.txt") == (Status.FAILED, Reason.TIMEOUT)
    assert {state for state, _reason in status.values()} <= set(GOOD)
    assert "worker was stopped" in summary.inputs[1].message
    assert_only_complete_files(tmp_path / "out")


@pytest.mark.slow
def test_batch_crashing_worker_fails_only_its_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index, path in enumerate(sample_texts()[:5]):
        (folder / f"{index}-{path.name}").write_bytes(path.read_bytes())
    (folder / "2-crash.txt").write_bytes(SAMPLE_TEXT.read_bytes() + b"\nCRASH\n")
    summary = run_batch([folder], tmp_path / "out", jobs=2, extract=crash_on_marker)
    status = {Path(entry.path).name: (entry.status, entry.reason) for entry in summary.inputs}
    assert status.pop("2-crash.txt") == (Status.FAILED, Reason.INTERNAL)
    assert {state for state, _reason in status.values()} <= set(GOOD)
    assert summary.exit_code is ExitCode.FAILED


@pytest.mark.slow
def test_batch_survives_a_pool_that_breaks_between_two_submits(tmp_path, monkeypatch):
    # A worker can die after the runner last looked at its futures: then the next submit
    # itself raises. The run replaces the pool and goes on instead of stopping.
    from concurrent.futures.process import BrokenProcessPool

    from extractor.batch import pools

    folder = tmp_path / "in"
    folder.mkdir()
    for index, path in enumerate(sample_texts()[:3]):
        (folder / f"{index}-{path.name}").write_bytes(path.read_bytes())
    submit = pools.ProcessPool.submit
    calls = []

    def break_once(self, task, extract):
        calls.append(task.index)
        if len(calls) == 1:
            raise BrokenProcessPool("a child process terminated abruptly")
        return submit(self, task, extract)

    monkeypatch.setattr(pools.ProcessPool, "submit", break_once)
    summary = run_batch([folder], tmp_path / "out", jobs=1)
    assert {entry.status for entry in summary.inputs} <= set(GOOD)
    assert calls[0] == calls[1]
    assert_only_complete_files(tmp_path / "out")


@pytest.mark.slow
def test_batch_on_a_local_dask_cluster_matches_a_local_run(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sample_texts()[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes(b"a\x00b" * 100)
    local = run_batch(["in"], "local", jobs=1)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_batch(["in"], "dask", scheduler=cluster.scheduler_address)
    assert [(e.path, e.status, e.reason) for e in remote.inputs] == [
        (e.path, e.status, e.reason) for e in local.inputs
    ]
    assert article_files(tmp_path / "dask") == article_files(tmp_path / "local")
    assert manifest(tmp_path / "dask")["options"]["scheduler"] == cluster.scheduler_address


def test_batch_killed_pool_does_not_wait_for_half_a_result():
    """A worker killed while it sends its result leaves half a message in the result pipe.
    Killing the pool must still end the pool's manager thread, which the interpreter joins
    at exit (a run stopped with SIGTERM would otherwise never end)."""
    import multiprocessing
    import struct
    from concurrent.futures import ProcessPoolExecutor

    from extractor.batch.pools import kill_executor

    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    executor.submit(time.sleep, 60)
    deadline = time.monotonic() + 60
    while not executor._processes and time.monotonic() < deadline:
        time.sleep(0.05)
    manager = executor._executor_manager_thread
    # The length of a 100-byte message, and then only one of its bytes.
    os.write(executor._result_queue._writer.fileno(), struct.pack("!i", 100) + b"x")
    time.sleep(0.5)
    kill_executor(executor)
    manager.join(timeout=20)
    assert not manager.is_alive()
