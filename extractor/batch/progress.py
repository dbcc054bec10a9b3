"""Showing a batch run: a rich progress bar on a terminal, plain lines elsewhere, a summary."""

from __future__ import annotations

import time
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..errors import shown
from .runner import BatchProgress, RunSummary
from .manifest import MANIFEST_NAME, InputResult, Status

PLAIN_INTERVAL_SECONDS = 10.0
"""How often the plain (non-terminal) display prints a progress line."""

SUMMARY_ROWS = 30
"""Problem inputs listed in the summary; the rest are in run.json."""

STATUS_STYLES = {
    Status.OK: "green",
    Status.WARNING: "yellow",
    Status.FAILED: "bold red",
    Status.SKIPPED: "dim",
    Status.PENDING: "dim",
}


def describe(entry: InputResult) -> str:
    """One line for one input: ``path: reason: message``, safe to print on a terminal."""
    parts = [entry.path]
    if entry.reason is not None:
        parts.append(entry.reason.value)
    if entry.message:
        parts.append(entry.message)
    return shown(": ".join(parts))


def _start_line(event: BatchProgress) -> str:
    counts = event.counts
    line = f"{event.total} inputs: {event.to_do} to extract"
    if event.to_do:
        line += f" with {event.workers} worker{'s' if event.workers != 1 else ''}"
    if event.reused:
        line += f", {event.reused} reused (unchanged since the last run)"
    if counts.get("skipped"):
        line += f", {counts['skipped']} skipped"
    if counts.get("failed"):
        line += f", {counts['failed']} failed before extraction"
    return line


class PlainProgress:
    """Plain lines on a stream that is not a terminal (logs, CI): a line at the start, one per
    failure, a progress line every ``interval`` seconds and one at the end."""

    def __init__(self, stream: IO[str], *, interval: float = PLAIN_INTERVAL_SECONDS):
        self.stream = stream
        self.interval = interval
        self.last = time.monotonic()

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def _print(self, line: str) -> None:
        print(f"extractor run: {line}", file=self.stream, flush=True)

    def _status(self, event: BatchProgress) -> str:
        line = (
            f"{event.done}/{event.to_do} extracted, {event.counts.get('failed', 0)} failed, "
            f"{event.pages} pages, {event.elapsed:.0f} s"
        )
        if 0 < event.done < event.to_do:
            rate = event.done / max(event.elapsed, 1e-9)
            line += f", {rate:.1f}/s, about {(event.to_do - event.done) / rate:.0f} s left"
        return line

    def __call__(self, event: BatchProgress) -> None:
        if event.event == "start":
            self._print(_start_line(event))
        elif event.event in ("settled", "result") and event.result is not None:
            if event.result.status is Status.FAILED:
                self._print(f"failed: {describe(event.result)}")
            if event.event == "result" and time.monotonic() - self.last >= self.interval:
                self.last = time.monotonic()
                self._print(self._status(event))
        elif event.event == "end":
            self._print(self._status(event))


class QuietProgress(PlainProgress):
    """Nothing but one line per failed input."""

    def __call__(self, event: BatchProgress) -> None:
        if event.event in ("settled", "result") and event.result is not None:
            if event.result.status is Status.FAILED:
                self._print(f"failed: {describe(event.result)}")


class RichProgress:
    """A live progress bar (files, pages, failures, ETA) with failures printed above it."""

    def __init__(self, console: Console):
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task: Any = None

    def __enter__(self) -> RichProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def __call__(self, event: BatchProgress) -> None:
        failed = event.counts.get("failed", 0)
        if event.event == "start":
            self.console.print(_start_line(event))
            self.progress.start()
            # Until the first result the workers are loading the pipeline: say so.
            self.task = self.progress.add_task(
                "starting workers", total=event.to_do, pages=0, failed=failed
            )
            return
        if self.task is None:
            return
        if event.event in ("settled", "result") and event.result is not None:
            if event.result.status is Status.FAILED:
                self.progress.console.print(
                    f"[red]failed[/red] {escape(describe(event.result))}", highlight=False
                )
        if event.event == "result":
            self.progress.update(
                self.task, description="extracting", completed=event.done,
                pages=event.pages, failed=failed,
            )
        elif event.event == "tables":
            self.progress.update(self.task, description="tables written")
        elif event.event == "end":
            self.progress.update(self.task, description="done")
            self.progress.stop()


def choose_progress(quiet: bool, console: Console) -> Any:
    """The display for a run: quiet, a rich bar on a terminal, plain lines otherwise."""
    if quiet:
        return QuietProgress(console.file)
    if console.is_terminal:
        return RichProgress(console)
    return PlainProgress(console.file)


def render_summary(summary: RunSummary, console: Console) -> None:
    """Counts per status, the inputs that need a look, and where the outputs are."""
    counts = summary.counts()
    totals = Table(title=f"extractor run: {len(summary.inputs)} inputs", title_justify="left")
    totals.add_column("status")
    totals.add_column("inputs", justify="right")
    totals.add_column("records", justify="right")
    totals.add_column("pages", justify="right")
    totals.add_column("reused", justify="right")
    for status in (Status.OK, Status.WARNING, Status.SKIPPED, Status.FAILED):
        entries = [entry for entry in summary.inputs if entry.status is status]
        records = sum(entry.records or 0 for entry in entries if entry.document)
        pages = sum(entry.pages or 0 for entry in entries if entry.document)
        reused = sum(1 for entry in entries if entry.reused)
        style = STATUS_STYLES[status] if counts.get(status.value) else "dim"
        totals.add_row(
            status.value, str(len(entries)), str(records), str(pages), str(reused), style=style
        )
    console.print(totals)

    problems = [
        entry for entry in summary.inputs if entry.status in (Status.FAILED, Status.WARNING)
    ]
    if problems:
        table = Table(title="inputs to look at", title_justify="left")
        for column in ("status", "reason", "input", "message"):
            table.add_column(column, overflow="fold")
        for entry in problems[:SUMMARY_ROWS]:
            table.add_row(
                entry.status.value,
                entry.reason.value if entry.reason else "",
                escape(shown(entry.path)),
                escape(shown(entry.message or "")),
                style=STATUS_STYLES[entry.status],
            )
        console.print(table)
        if len(problems) > SUMMARY_ROWS:
            console.print(f"... and {len(problems) - SUMMARY_ROWS} more in {MANIFEST_NAME}")
    if summary.ignored:
        console.print(
            f"{summary.ignored} files in the folders were not .pdf, .txt, .text, .html or .htm: ignored"
        )
    out = escape(shown(str(summary.out_dir)))
    if summary.tables_error:
        console.print(
            f"[bold red]error[/]: the records tables were not written: {escape(summary.tables_error)}"
        )
    else:
        console.print(
            f"records tables and {MANIFEST_NAME} written to {out} in {summary.elapsed:.1f} s"
        )
    if summary.report_error:
        console.print(
            f"[yellow]warning[/]: the review report was not written: {escape(summary.report_error)}"
        )
