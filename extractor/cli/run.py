"""`extractor run`: extract a whole archive, in parallel and resumably."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from ..batch.runner import DEFAULT_TIMEOUT, BatchError, ExitCode, run_batch
from ..batch.inputs import DEFAULT_MAX_BYTES
from ..errors import shown
from .extract import PDF_BACKENDS

MEBIBYTE = 1024 * 1024


class BatchUsageError(click.ClickException):
    """A run that cannot start; exits with ``ExitCode.USAGE``."""

    exit_code = int(ExitCode.USAGE)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the run saves its manifest before it stops."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


@click.command("run")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: articles/, run.json, records.csv, records.parquet, report/.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1),
    help="Parallel workers.  [default: the number of cores; on a Dask cluster its threads]",
)
@click.option("--force", is_flag=True, help="Redo every input, also those unchanged since the last run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; only failed inputs.")
@click.option(
    "--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
    help="Seconds one input may take before it fails as 'timeout' (0: no limit).",
)
@click.option(
    "--max-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_BYTES / MEBIBYTE,
    show_default=True, help="Inputs larger than this many MiB fail as 'too large' unread.",
)
@click.option(
    "--scheduler", metavar="ADDRESS",
    help="Run on the Dask cluster whose scheduler is at ADDRESS (needs the 'dask' extra).",
)
@click.option(
    "--pdf-backend", type=click.Choice(PDF_BACKENDS), default=PDF_BACKENDS[0], show_default=True,
    help="PDF reader: pdfium (fast) or pdfplumber (the reference).",
)
def run_command(
    inputs: tuple[str, ...],
    output: Path,
    jobs: int | None,
    force: bool,
    quiet: bool,
    timeout: float,
    max_size: float,
    scheduler: str | None,
    pdf_backend: str,
) -> None:
    """Extract every article in INPUT... (files, folders, glob patterns) into OUTPUT.

    Folders are walked recursively for .pdf, .txt and .text files. One bad input never
    stops the run: each gets a status (ok, warning, failed, skipped) in OUTPUT/run.json.
    Run the same command again to resume an interrupted run; unchanged inputs are skipped.

    \b
    Examples:
      extractor run samples/ -o output/
      extractor run 'archive/**/*.pdf' extra.txt -o output/ --jobs 4
      extractor run archive/ -o output/ --scheduler tcp://10.0.0.5:8786
      extractor run -o output/ -- -name-with-dash.txt

    \b
    Exit status: 0 all inputs ok, warning or skipped; 1 some inputs failed;
    2 usage error or nothing to do; 3 records tables not written;
    130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
    """
    stderr = Console(stderr=True)
    stdout = Console()
    display = _display(quiet, stderr)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with display:
            summary = run_batch(
                list(inputs), output,
                jobs=jobs, force=force, timeout=timeout or None, scheduler=scheduler,
                progress=display, max_bytes=int(max_size * MEBIBYTE) if max_size else None,
                extract=_extract_with(pdf_backend),
            )
    except BatchError as error:
        raise BatchUsageError(shown(str(error))) from error
    except KeyboardInterrupt as error:
        code = ExitCode.TERMINATED if isinstance(error, Terminated) else ExitCode.INTERRUPTED
        stderr.print(
            f"interrupted: {shown(str(output))}/run.json is saved; run the same command again to resume",
            highlight=False,
        )
        # run.json is saved by now. A pool whose manager thread waits on a half-read result
        # pipe would block the interpreter's exit hooks for ever, so skip them.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not quiet:
        from ..batch.progress import render_summary

        render_summary(summary, stdout)
    elif summary.tables_error:
        stderr.print(f"error: the records tables were not written: {summary.tables_error}", highlight=False)
    sys.exit(int(summary.exit_code))


def _extract_with(pdf_backend: str) -> Any:
    """The worker's extract function for a backend (None: the default one)."""
    if pdf_backend == PDF_BACKENDS[0]:
        return None
    from ..api import extract_file_pdfplumber

    return extract_file_pdfplumber


def _display(quiet: bool, console: Console) -> Any:
    from ..batch.progress import choose_progress

    return choose_progress(quiet, console)
