"""Batch runs over whole archives: parallel, resumable, never stopped by one bad input."""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from .. import __version__
from .inputs import DEFAULT_MAX_BYTES, Discovery, discover_inputs
from .manifest import (
    InputResult,
    Manifest,
    RunState,
    Status,
    document_path,
    load_previous,
    now,
)
from .pools import DaskPool, ProcessPool
from .worker import BatchTask, Extract, TaskResult
from ..errors import BatchError, Reason
from ..dataset.outputs import (
    OutputBusy,
    exclusive_output,
    remove_stale_temporaries,
    write_article_json,
)

__all__ = [
    "BatchError",
    "BatchProgress",
    "DEFAULT_TIMEOUT",
    "ExitCode",
    "InputResult",
    "RunSummary",
    "Status",
    "run_batch",
]

DEFAULT_TIMEOUT = 120.0
"""Seconds one input may take before it fails with reason "timeout" (0 or None: no limit)."""

KILL_GRACE_SECONDS = 5.0
"""How long past its time limit a task that ignores the in-worker alarm may run before its
worker process is killed and replaced."""

STARTUP_ALLOWANCE_SECONDS = 120.0
"""Extra time for a task whose start was never reported (its worker may still be starting)."""

MAX_STARTUP_FAILURES = 3
"""Pools in a row whose workers died before starting any task: the run stops (BatchError)."""

TICK_SECONDS = 0.2
MANIFEST_INTERVAL_SECONDS = 2.0


class ExitCode(IntEnum):
    """The exit status of ``extractor run``."""

    OK = 0
    """Every input ok, warning or skipped, and the tables written."""
    FAILED = 1
    """At least one input failed; all others are done and in the tables."""
    USAGE = 2
    """Bad options, nothing to do, output folder in use, scheduler unreachable."""
    TABLES = 3
    """The combined records tables could not be written."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C; the next run resumes."""
    TERMINATED = 143
    """Stopped by SIGTERM; the next run resumes."""


@dataclass(slots=True)
class BatchProgress:
    """A snapshot of a run, handed to the progress callback after every event.

    ``event`` is ``"start"``; ``"settled"`` for each input settled without a worker (failed
    before extraction, or skipped), ``"result"`` for each input a worker finished (both with
    the input in ``result``); then ``"tables"``, ``"report"`` and ``"end"``. ``to_do`` counts
    the inputs handed to workers, ``done`` those of them that are finished.
    """

    event: str
    total: int
    to_do: int
    done: int
    counts: dict[str, int]
    pages: int
    records: int
    elapsed: float
    workers: int
    result: InputResult | None = None
    reused: int = 0
    """Inputs unchanged since the run that extracted them, not extracted again."""


ProgressCallback = Callable[[BatchProgress], None]


@dataclass(slots=True)
class RunSummary:
    """The outcome of ``run_batch``: one ``InputResult`` per input, in input order."""

    out_dir: Path
    inputs: list[InputResult]
    ignored: int = 0
    elapsed: float = 0.0
    workers: int = 0
    tables_error: str | None = None
    report_error: str | None = None

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status if status is not Status.PENDING}
        for entry in self.inputs:
            counts[entry.status.value] = counts.get(entry.status.value, 0) + 1
        return counts

    @property
    def reused(self) -> list[InputResult]:
        return [entry for entry in self.inputs if entry.reused]

    @property
    def failed(self) -> list[InputResult]:
        return [entry for entry in self.inputs if entry.status is Status.FAILED]

    @property
    def exit_code(self) -> ExitCode:
        if self.tables_error:
            return ExitCode.TABLES
        if self.failed:
            return ExitCode.FAILED
        return ExitCode.OK


class DocumentsOnDisk(Sequence):
    """The article documents of a run, read from disk one at a time on every iteration,
    so that building the tables never holds all documents in memory."""

    def __init__(self, out_dir: Path, relative_paths: list[str]):
        self.out_dir = out_dir
        self.relative_paths = relative_paths

    def __len__(self) -> int:
        return len(self.relative_paths)

    def __getitem__(self, index: int) -> dict[str, Any]:  # type: ignore[override]
        if isinstance(index, slice):
            raise TypeError("DocumentsOnDisk does not support slicing")
        text = (self.out_dir / self.relative_paths[index]).read_text(encoding="utf-8")
        return json.loads(text)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for index in range(len(self)):
            yield self[index]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# --- the run -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Flight:
    task: BatchTask
    submitted: float
    started: float | None = None


@dataclass(slots=True)
class _Tally:
    pages: int = 0
    records: int = 0
    done: int = 0


class _Runner:
    """Feeds tasks to a pool, records results as they come, replaces broken workers."""

    def __init__(
        self,
        out_dir: Path,
        manifest: Manifest,
        tasks: list[BatchTask],
        timeout: float | None,
        extract: Extract | None,
        report: Callable[[str, InputResult | None], None],
    ):
        self.out_dir = out_dir
        self.manifest = manifest
        self.tasks = tasks
        self.timeout = timeout
        self.extract = extract
        self.report = report
        self.pending: deque[BatchTask] = deque(tasks)
        self.flights: dict[Future, _Flight] = {}
        self.suspects: set[int] = set()
        self.last_save = time.monotonic()
        self.startup_failures = 0
        # A worker can die between two looks at the pool: then submitting fails, not a future.
        self.broken_on_submit = False

    def run(self, pool: Any) -> None:
        self.pool = pool
        while self.pending or self.flights:
            self._submit()
            done, _ = wait(list(self.flights), timeout=TICK_SECONDS, return_when=FIRST_COMPLETED)
            now = time.monotonic()
            for index in self.pool.started():
                for flight in self.flights.values():
                    if flight.task.index == index and flight.started is None:
                        flight.started = now
            broken = False
            for future in sorted(done, key=lambda f: self.flights[f].task.index):
                flight = self.flights[future]
                error = CancelledError() if future.cancelled() else future.exception()
                if isinstance(error, BrokenProcessPool):
                    broken = True
                    continue
                del self.flights[future]
                self.suspects.discard(flight.task.index)
                if error is not None:
                    self._fail(flight.task, Reason.INTERNAL, f"{type(error).__name__}: {error}")
                else:
                    self._record(flight.task, future.result())
            if broken or (self.broken_on_submit and not self.flights):
                self._after_crash()
            self._enforce_deadlines(time.monotonic())
            if time.monotonic() - self.last_save > MANIFEST_INTERVAL_SECONDS:
                self.save()

    def save(self) -> None:
        self.manifest.save(self.out_dir)
        self.last_save = time.monotonic()

    def _submit(self) -> None:
        window = 1 if self.suspects else self.pool.window
        while self.pending and len(self.flights) < window:
            task = self.pending.popleft()
            try:
                future = self.pool.submit(task, self.extract)
            except BrokenProcessPool:
                # The futures in flight fail with the same error; _after_crash sorts them out.
                self.pending.appendleft(task)
                self.broken_on_submit = True
                break
            except OSError as error:
                self._fail(task, Reason.UNREADABLE, error.strerror or str(error))
                continue
            now = time.monotonic()
            self.flights[future] = _Flight(task, now, None if self.pool.can_kill else now)

    def _requeue(self, tasks: Iterable[BatchTask]) -> None:
        for task in sorted(tasks, key=lambda t: t.index, reverse=True):
            self.pending.appendleft(task)

    def _after_crash(self) -> None:
        """A worker process died. Run the tasks that were running again, one at a time, until
        the one that brings a worker down is known; only that one fails. Tasks that had not
        started yet are innocent and simply go back in the queue."""
        flights = sorted(self.flights.values(), key=lambda flight: flight.task.index)
        self.flights.clear()
        self.broken_on_submit = False
        self.pool.replace()
        running = [flight.task for flight in flights if flight.started is not None]
        self._requeue(flight.task for flight in flights if flight.started is None)
        if not running:
            self.startup_failures += 1
            if self.startup_failures >= MAX_STARTUP_FAILURES:
                raise BatchError("the worker processes die before they can start a task")
            return
        self.startup_failures = 0
        if len(running) == 1:
            self.suspects.discard(running[0].index)
            self._fail(running[0], Reason.INTERNAL, "the worker process crashed on this input")
            return
        self.suspects.update(task.index for task in running)
        self._requeue(running)

    def _enforce_deadlines(self, now: float) -> None:
        if not self.timeout:
            return
        limit = self.timeout + KILL_GRACE_SECONDS
        overdue = [
            (future, flight)
            for future, flight in self.flights.items()
            if (flight.started is not None and now - flight.started > limit)
            or (flight.started is None and now - flight.submitted > limit + STARTUP_ALLOWANCE_SECONDS)
        ]
        if not overdue:
            return
        message = f"no result after {self.timeout:g} s; the worker was stopped"
        if not self.pool.can_kill:
            for future, flight in overdue:
                future.cancel()
                del self.flights[future]
                self._fail(flight.task, Reason.TIMEOUT, message.replace("stopped", "abandoned"))
            return
        late = {flight.task.index for _future, flight in overdue}
        others = [flight.task for flight in self.flights.values() if flight.task.index not in late]
        self.flights.clear()
        self.pool.replace()
        for _future, flight in overdue:
            self.suspects.discard(flight.task.index)
            seconds = now - (flight.started or flight.submitted)
            self._fail(flight.task, Reason.TIMEOUT, message, seconds=seconds)
        self._requeue(others)

    def _entry(self, task: BatchTask) -> InputResult:
        return self.manifest.inputs[task.index]

    def _fail(
        self, task: BatchTask, reason: Reason, message: str, *, seconds: float | None = None
    ) -> None:
        entry = self._entry(task)
        entry.status, entry.reason, entry.message = Status.FAILED, reason, message
        entry.seconds = seconds
        entry.document = None
        self.report("result", entry)

    def _record(self, task: BatchTask, result: TaskResult) -> None:
        entry = self._entry(task)
        entry.seconds = result.seconds
        if result.document_json is None:
            entry.status, entry.reason, entry.message = Status.FAILED, result.reason, result.message
            entry.traceback = result.traceback
            entry.document = None
            self.report("result", entry)
            return
        try:
            write_article_json(task.id, result.document_json, self.out_dir)
        except OSError as error:
            self._fail(task, Reason.INTERNAL, f"cannot write the document: {error}")
            return
        entry.status = Status(result.status)
        entry.reason, entry.message, entry.traceback = None, result.message, None
        entry.document = document_path(task.id)
        entry.records, entry.pages, entry.warnings = result.records, result.pages, result.warnings
        entry.extractor_version = __version__
        self.report("result", entry)


def _plan(discovery: Discovery, previous: list[InputResult], out_dir: Path, force: bool) -> list[InputResult]:
    """One manifest entry per input: settled already (failed, skipped) or pending."""
    earlier = {entry.id: entry for entry in previous if entry.id}
    entries = []
    for item in discovery.inputs:
        entry = InputResult(
            path=item.path,
            id=item.id,
            kind=item.kind.value if item.kind else None,
            size=item.size,
            sha256=item.sha256,
        )
        old = earlier.get(item.id) if item.id else None
        if item.precheck is not None:
            entry.status = Status.SKIPPED if item.precheck.skipped else Status.FAILED
            entry.reason, entry.message = item.precheck.reason, item.precheck.message
        elif (
            not force
            and old is not None
            and old.document
            and old.sha256 == item.sha256
            and old.extractor_version == __version__
            and (out_dir / old.document).is_file()
        ):
            _reuse(entry, old)
        entries.append(entry)
    return entries


def _reuse(entry: InputResult, old: InputResult) -> None:
    """Carry over what the last extraction of an unchanged input found, so that a resumed or
    repeated run reports what an uninterrupted one does."""
    status = old.status
    if status not in (Status.OK, Status.WARNING):  # a manifest that called it "skipped"
        status = Status.WARNING if old.warnings or not old.records else Status.OK
    entry.status, entry.reason, entry.message = status, None, old.message
    entry.document, entry.extractor_version = old.document, old.extractor_version
    entry.records, entry.pages, entry.warnings = old.records, old.pages, old.warnings
    entry.reused = True


def _remove_stale_documents(out_dir: Path, entries: list[InputResult], previous: list[InputResult]) -> None:
    """Remove documents that are not this run's: those of inputs that now have none, and
    those an earlier run wrote for inputs that are not part of this one."""
    kept = {entry.document for entry in entries if entry.document}
    stale = {document_path(entry.id) for entry in entries if entry.id and not entry.document}
    stale |= {entry.document for entry in previous if entry.document}
    for relative in sorted(stale - kept):
        (out_dir / relative).unlink(missing_ok=True)


def _write_tables(summary: RunSummary) -> None:
    """Rebuild the records tables from the documents of this run, read back one at a time."""
    documents = DocumentsOnDisk(
        summary.out_dir, [entry.document for entry in summary.inputs if entry.document]
    )
    try:
        from ..dataset.tables import write_tables

        write_tables(documents, summary.out_dir)
    except Exception as error:
        summary.tables_error = _one_line(error)


def _write_report(summary: RunSummary) -> None:
    """The review pages; a failure here is only a warning."""
    try:
        from ..report import write_report

        write_report(summary.out_dir)
    except Exception as error:
        summary.report_error = _one_line(error)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")


def run_batch(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    force: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    scheduler: Any = None,
    progress: ProgressCallback | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    extract: Extract | None = None,
) -> RunSummary:
    """Extract every input into ``out_dir``: one document per article, ``run.json``, the
    records tables and the review report.

    ``inputs`` are files, folders (walked recursively) and glob patterns. ``jobs`` worker
    processes (default: the number of cores) extract in parallel; with ``scheduler`` (a Dask
    scheduler address or a ``distributed.Client``) the work runs on that cluster instead.
    Inputs whose content and extractor version are unchanged since the last run into
    ``out_dir`` are skipped unless ``force``. ``timeout`` seconds is the time limit per input.
    ``extract`` replaces ``extractor.api.extract_file`` in the workers; it must be a
    module-level function (workers import it by name).

    Raises ``BatchError`` when the run cannot start and ``KeyboardInterrupt`` when it is
    interrupted (after saving ``run.json``); everything that goes wrong with an input is in
    the summary instead.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if jobs is not None and jobs < 1:
        raise BatchError(f"jobs must be at least 1, not {jobs}")
    out = Path(out_dir)
    clock = time.monotonic()
    discovery = discover_inputs(list(inputs), exclude=[out], max_bytes=max_bytes)
    if not discovery.inputs:
        raise BatchError("nothing to do: no .pdf, .txt, .text, .html or .htm file among the inputs")
    if all(item.precheck is not None and item.precheck.reason == Reason.NOT_FOUND for item in discovery.inputs):
        # Nothing named exists: a usage error, with the exit code every command gives a missing path.
        missing = discovery.inputs[0]
        raise BatchError(f"{missing.path}: {missing.precheck.message}")
    try:
        with exclusive_output(out):
            return _run_locked(
                discovery, out, clock,
                jobs=jobs, force=force, timeout=timeout or None, scheduler=scheduler,
                progress=progress, extract=extract,
            )
    except OutputBusy as error:
        raise BatchError(str(error)) from error
    except OSError as error:
        raise BatchError(_output_error(out, error)) from error


def _output_error(out: Path, error: OSError) -> str:
    """One line for an output folder that cannot be written: a file where a folder should
    be, no permission, a full disk."""
    where = f" ({os.fsdecode(error.filename)})" if error.filename not in (None, str(out)) else ""
    return f"{out}: cannot write the output folder: {error.strerror or error}{where}"


def _run_locked(
    discovery: Discovery,
    out: Path,
    clock: float,
    *,
    jobs: int | None,
    force: bool,
    timeout: float | None,
    scheduler: Any,
    progress: ProgressCallback | None,
    extract: Extract | None,
) -> RunSummary:
    remove_stale_temporaries(out)
    previous = load_previous(out)
    entries = _plan(discovery, previous, out, force)
    tasks = [
        BatchTask(index, entry.id, entry.path, item.location, timeout)
        for index, (entry, item) in enumerate(zip(entries, discovery.inputs, strict=True))
        if entry.status is Status.PENDING and entry.id is not None
    ]
    options = {
        "jobs": jobs, "force": force, "timeout": timeout,
        "scheduler": str(scheduler) if scheduler is not None else None,
    }
    manifest = Manifest(entries, options=options, ignored=discovery.ignored)
    tally = _Tally()
    pool: Any = None
    workers = 0

    def report(event: str, entry: InputResult | None = None) -> None:
        if event == "result" and entry is not None:
            tally.done += 1
            if entry.status is not Status.FAILED:
                tally.pages += entry.pages or 0
                tally.records += entry.records or 0
        if progress is not None:
            counts = manifest.counts()
            progress(BatchProgress(
                event=event, total=len(entries), to_do=len(tasks), done=tally.done,
                counts=counts, pages=tally.pages, records=tally.records,
                elapsed=time.monotonic() - clock, workers=workers, result=entry,
                reused=manifest.reused(),
            ))

    runner = _Runner(out, manifest, tasks, timeout, extract, report)
    manifest.save(out)
    summary = RunSummary(out, entries, discovery.ignored)
    try:
        if tasks:
            if scheduler is not None:
                pool = DaskPool(scheduler, jobs)
            else:
                pool = ProcessPool(min(jobs or default_jobs(), len(tasks)), warm=extract is None)
            summary.workers = workers = pool.jobs
        report("start")
        for entry in entries:
            if entry.status is not Status.PENDING:
                report("settled", entry)
        if pool is not None:
            runner.run(pool)
            pool.close()
            pool = None
            runner.save()
        _remove_stale_documents(out, entries, previous)
        _write_tables(summary)
        report("tables")
        # The extraction is complete now; the review pages show what run.json says.
        manifest.state, manifest.finished = RunState.COMPLETE, now()
        manifest.tables_error = summary.tables_error
        manifest.save(out)
        _write_report(summary)
        report("report")
    except BaseException:
        if pool is not None:
            pool.close(kill=True)
        if manifest.state is not RunState.COMPLETE:
            manifest.state = RunState.INTERRUPTED
            manifest.save(out)
        raise
    if summary.report_error:
        manifest.report_error = summary.report_error
        manifest.save(out)
    summary.elapsed = time.monotonic() - clock
    report("end")
    return summary
