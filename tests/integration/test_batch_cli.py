"""`extractor run`: exit codes, displays, and runs killed or terminated half-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from extractor.batch.runner import ExitCode
from extractor.cli import main
from extractor.cli.run import run_command

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SAMPLE_TEXT = SAMPLES / "opgavegericht-werken.txt"
DOCS = ROOT / "docs" / "batch.md"


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def extractor_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "run", *args]


def make_copies(folder: Path, count: int) -> None:
    """``count`` inputs cycling through the sample texts, in a few sub-folders."""
    samples = sorted(SAMPLES.glob("*.txt"))
    for index in range(count):
        source = samples[index % len(samples)]
        target = folder / f"deel-{index % 4}" / f"{index:03d} {source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


def article_files(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((out / "articles").glob("*.json"))}


def manifest(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


def wait_for_articles(out: Path, count: int, process: subprocess.Popen, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before it could be stopped")
        if len(list((out / "articles").glob("*.json"))) >= count:
            return
        time.sleep(0.05)
    pytest.fail(f"fewer than {count} articles after {limit} s")


def wait_for_manifest(out: Path, count: int, process: subprocess.Popen, limit: float = 300) -> None:
    """Until run.json (saved every few seconds) lists ``count`` finished documents."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before it could be stopped")
        try:
            done = sum(1 for entry in manifest(out)["inputs"] if entry.get("document"))
        except (OSError, ValueError, KeyError):
            done = 0
        if done >= count:
            return
        time.sleep(0.05)
    pytest.fail(f"run.json lists fewer than {count} documents after {limit} s")


def descendants(pid: int) -> list:
    import psutil

    return psutil.Process(pid).children(recursive=True)


def test_batch_cli_exit_codes_and_quiet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "-dash.txt").write_bytes(SAMPLE_TEXT.read_bytes())
    runner = CliRunner()

    result = runner.invoke(main, ["run", "-o", "out", "--", "in/-dash.txt"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "records tables and run.json written" in result.stdout
    assert manifest(tmp_path / "out")["inputs"][0]["id"] == "dash"

    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["run", "in", "-o", "out", "--quiet"])
    assert result.exit_code == ExitCode.FAILED
    assert result.stdout == ""
    assert "failed: in/empty.txt: empty" in result.stderr

    # A missing input among others fails on its own; when nothing named exists, the run is a
    # usage error with the exit code every command gives a missing path.
    result = runner.invoke(main, ["run", "in", "nowhere/*.pdf", "-o", "out"])
    assert result.exit_code == ExitCode.FAILED
    assert "no file matches the pattern" in result.stdout
    result = runner.invoke(main, ["run", "nowhere/*.pdf", "in/*.docx", "-o", "out"])
    assert result.exit_code == ExitCode.USAGE
    assert "nowhere/*.pdf: no file matches the pattern" in result.stderr

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text("# notes\n")
    result = runner.invoke(main, ["run", "docs", "-o", "out"])
    assert result.exit_code == ExitCode.USAGE
    assert "nothing to do" in result.stderr

    result = runner.invoke(main, ["run", "in"])
    assert result.exit_code == ExitCode.USAGE


def test_batch_cli_help_and_docs_cover_every_option():
    help_text = CliRunner().invoke(main, ["run", "--help"]).output
    assert "Examples:" in help_text and "Exit status" in help_text
    docs = DOCS.read_text(encoding="utf-8")
    for parameter in run_command.params:
        for name in getattr(parameter, "opts", []):
            if name.startswith("--"):
                assert name in docs, f"{name} is not documented in docs/batch.md"
    for code in ExitCode:
        assert f"| {int(code)} " in docs, f"exit code {int(code)} is not documented"


@pytest.mark.slow
def test_batch_cli_killed_run_resumes_to_the_outputs_of_an_uninterrupted_run(tmp_path):
    make_copies(tmp_path / "in", 480)  # enough that the run is still going when it is killed
    env = cli_env()
    stopped = tmp_path / "resumed"
    process = subprocess.Popen(
        extractor_command("in", "-o", "resumed", "--jobs", "2"),
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # The manifest, not the article files, decides what a resumed run skips.
    wait_for_manifest(stopped, 20, process)
    workers = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()

    import psutil

    _gone, alive = psutil.wait_procs(workers, timeout=60)
    assert alive == [], "worker processes outlived the killed run"
    for path in stopped.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    killed = manifest(stopped)
    assert killed["state"] == "running"
    assert not (stopped / "records.csv").exists()
    done_before = {entry["id"] for entry in killed["inputs"] if entry["document"]}

    resumed = subprocess.run(
        extractor_command("in", "-o", "resumed", "--jobs", "2"),
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert resumed.returncode == ExitCode.OK, resumed.stderr
    start_line = next(line for line in resumed.stderr.splitlines() if "inputs:" in line)
    assert "reused (unchanged since the last run)" in start_line
    reference = subprocess.run(
        extractor_command("in", "-o", "reference", "--jobs", "2", "--quiet"),
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert reference.returncode == ExitCode.OK, reference.stderr

    final = manifest(stopped)
    assert final["state"] == "complete"
    reused = {entry["id"] for entry in final["inputs"] if entry["reused"]}
    assert done_before <= reused
    assert len(reused) < len(final["inputs"])
    # What the killed run had finished is reported as an uninterrupted run reports it.
    uninterrupted = manifest(tmp_path / "reference")
    assert final["counts"] == uninterrupted["counts"]
    assert "skipped" not in {entry["status"] for entry in final["inputs"]}
    for entry, twin in zip(final["inputs"], uninterrupted["inputs"], strict=True):
        keys = ("id", "status", "reason", "message", "records", "pages", "warnings", "document")
        assert {k: entry[k] for k in keys} == {k: twin[k] for k in keys}
    assert article_files(stopped) == article_files(tmp_path / "reference")
    assert len(article_files(stopped)) == 480
    assert (stopped / "records.csv").read_bytes() == (tmp_path / "reference" / "records.csv").read_bytes()
    pd.testing.assert_frame_equal(
        pd.read_parquet(stopped / "records.parquet"),
        pd.read_parquet(tmp_path / "reference" / "records.parquet"),
    )
    assert [path for path in stopped.rglob("*") if path.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_batch_cli_sigterm_saves_the_manifest_and_exits_143(tmp_path):
    make_copies(tmp_path / "in", 80)
    process = subprocess.Popen(
        extractor_command("in", "-o", "out", "--jobs", "2"),
        cwd=tmp_path, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    wait_for_articles(tmp_path / "out", 5, process)
    workers = descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitCode.TERMINATED, stderr
    assert "run the same command again to resume" in stderr
    assert "extractor run: 80 inputs: 80 to extract with 2 workers" in stderr
    data = manifest(tmp_path / "out")
    assert data["state"] == "interrupted"
    assert {entry["status"] for entry in data["inputs"]} >= {"pending"}

    import psutil

    _gone, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []
