"""What runs inside a batch worker: one input in, one result out, never an exception."""

from __future__ import annotations

import ctypes
import os
import signal
import tempfile
import threading
import time
import traceback as traceback_module
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExtractorError, InvalidOutput, Reason
from ..dataset.outputs import dump_json

Extract = Callable[..., Any]
"""``extract(path, *, article_id)`` returning an ``Article`` (or its ``to_dict()``)."""

TRACEBACK_LIMIT = 8
WARNING_CODES_SHOWN = 3

_started_queue: Any = None


class DeadlineExceeded(BaseException):
    """Raised inside a task when its time is up; a ``BaseException`` so that no
    ``except Exception`` in the pipeline can swallow it."""


@dataclass(frozen=True, slots=True)
class BatchTask:
    """One input handed to a worker.

    ``path`` is the input as the user named it and goes into the document's ``source``;
    ``location`` is the absolute path the worker reads. ``content`` carries the file's bytes to
    workers that may not share the file system (a Dask cluster); the worker then reads a
    private copy with the same file name.
    """

    index: int
    id: str
    path: str
    location: str
    timeout: float | None
    content: bytes | None = None


@dataclass(slots=True)
class TaskResult:
    """What a worker sends back: the serialised document, or why there is none."""

    index: int
    status: str
    reason: Reason | None
    message: str | None
    seconds: float
    document_json: str | None = None
    records: int = 0
    pages: int = 0
    warnings: int = 0
    traceback: str | None = None


def init_worker(started_queue: Any, warm: bool, lifeline: Any = None) -> None:
    """Initialise a pool process: leave Ctrl-C to the parent, report task starts, end with the
    parent, load the text path."""
    global _started_queue
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _started_queue = started_queue
    if lifeline is not None:
        threading.Thread(target=_follow_parent, args=(lifeline,), daemon=True).start()
    if warm:
        warm_up()


def _follow_parent(lifeline: Any) -> None:
    """End this worker as soon as the batch process is gone, even when it was killed.

    ``lifeline`` is the read end of a pipe whose write end only the batch process holds;
    nothing is ever sent, so ``recv`` returns only when that end closes.
    """
    try:
        lifeline.recv()
    except (EOFError, OSError):
        pass
    os._exit(1)


WARM_UP_TEXT = (
    "Peiling\n\n"
    "Aan de raadpleging hebben 739 ambtenaren deelge-\n"
    "nomen. Daarvan is 47 procent man en ruim de helft (52 procent) vrouw.\n"
)
"""A tiny article that takes every stage of the text path, hyphenation repair included."""


def warm_up() -> None:
    """Load everything the text path loads lazily (nlp pipeline, word lists, hyphenation
    patterns) by extracting a tiny article, so that no task pays for it, and no time limit
    interrupts a cache half-way (which would make every later task pay again).

    A failure here is not raised: the first extraction meets it again and reports it as the
    failure of that input, where the user sees it.
    """
    try:
        from ..api import extract

        extract(WARM_UP_TEXT, article_id="warm-up")
    except Exception:
        pass


def _announce(index: int) -> None:
    if _started_queue is not None:
        try:
            _started_queue.put(index)
        except Exception:
            pass


def default_extract(path: Path, *, article_id: str) -> Any:
    from ..api import extract_file

    return extract_file(path, article_id=article_id)


class _Limit:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = False
        self.fired = False


def _raise_async(thread_id: int, exception: type[BaseException] | None) -> None:
    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``DeadlineExceeded`` in the running code once ``seconds`` have passed.

    In a process's main thread (pool workers) this is ``SIGALRM``; in other threads (Dask
    workers run tasks in threads) the exception is planted in the thread from a timer. Either
    way it lands between two Python bytecodes, so code stuck inside one C call is not
    interrupted: the batch's parent process kills such a worker after a grace period.
    """
    if not seconds:
        yield
        return
    state = _Limit()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        def on_alarm(signum: int, frame: Any) -> None:
            if not state.done:
                state.fired = True
                raise DeadlineExceeded()

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            state.done = True
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return

    thread_id = threading.get_ident()

    def on_timer() -> None:
        with state.lock:
            if not state.done:
                state.fired = True
                _raise_async(thread_id, DeadlineExceeded)

    timer = threading.Timer(seconds, on_timer)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with state.lock:
            state.done = True
            timer.cancel()
            if state.fired:
                # The planted exception may not have surfaced yet: clear it, so that it can
                # never go off later in code that is not ours.
                _raise_async(thread_id, None)


@contextmanager
def _readable_path(task: BatchTask) -> Iterator[Path]:
    if task.content is None:
        yield Path(task.location)
        return
    with tempfile.TemporaryDirectory(prefix="extractor-") as folder:
        copy = Path(folder) / Path(task.location).name
        copy.write_bytes(task.content)
        yield copy


def check_document(document: Any, task: BatchTask) -> dict[str, Any]:
    """The checks every document passes before it is written: shape, id and provenance."""
    if hasattr(document, "to_dict"):
        document = document.to_dict()
    if not isinstance(document, dict):
        raise InvalidOutput(task.path, f"the extractor returned {type(document).__name__}")
    if document.get("id") != task.id:
        raise InvalidOutput(task.path, f"document id {document.get('id')!r} is not {task.id!r}")
    records = document.get("records")
    if not isinstance(records, list):
        raise InvalidOutput(task.path, "the document has no list of records")
    text = document.get("text")
    if isinstance(text, str):
        for record in records:
            start, end, surface = record.get("start"), record.get("end"), record.get("surface")
            if text[start:end] != surface:
                raise InvalidOutput(
                    task.path,
                    f"record {record.get('id')}: text[{start}:{end}] is not {surface!r}",
                )
    source = document.get("source")
    if isinstance(source, dict) and "path" in source:
        source["path"] = task.path
    return document


def _page_count(document: dict[str, Any]) -> int:
    source = document.get("source")
    if isinstance(source, dict) and isinstance(source.get("page_count"), int):
        return source["page_count"]
    pages = document.get("pages")
    return len(pages) if isinstance(pages, list) else 0


def _warning_message(document: dict[str, Any]) -> str | None:
    warnings = document.get("warnings") or []
    if not document["records"]:
        return "no statistics found"
    if not warnings:
        return None
    codes = sorted({str(w.get("code")) for w in warnings if isinstance(w, dict)})
    shown = ", ".join(codes[:WARNING_CODES_SHOWN])
    more = "..." if len(codes) > WARNING_CODES_SHOWN else ""
    noun = "warning" if len(warnings) == 1 else "warnings"
    return f"{len(warnings)} {noun}: {shown}{more}"


def run_task(task: BatchTask, extract: Extract | None = None) -> TaskResult:
    """Extract one input; every problem becomes a failed ``TaskResult``, never an exception."""
    _announce(task.index)
    extract = extract or default_extract
    started = time.perf_counter()

    def failed(reason: Reason, message: str, trace: str | None = None) -> TaskResult:
        return TaskResult(
            task.index, "failed", reason, message, time.perf_counter() - started, traceback=trace
        )

    try:
        with time_limit(task.timeout):
            with _readable_path(task) as path:
                article = extract(path, article_id=task.id)
            document = check_document(article, task)
            try:
                text = dump_json(document)
            except (TypeError, ValueError) as error:
                raise InvalidOutput(task.path, f"not serialisable as JSON: {error}") from error
    except DeadlineExceeded:
        return failed(Reason.TIMEOUT, f"no result after {task.timeout:g} s")
    except ExtractorError as error:
        return failed(error.reason, error.detail)
    except MemoryError:
        return failed(Reason.TOO_LARGE, "ran out of memory")
    except (Exception, SystemExit) as error:
        trace = "".join(traceback_module.format_exception(error, limit=-TRACEBACK_LIMIT))
        return failed(Reason.INTERNAL, f"{type(error).__name__}: {error}", trace)
    message = _warning_message(document)
    return TaskResult(
        index=task.index,
        status="warning" if message else "ok",
        reason=None,
        message=message,
        seconds=time.perf_counter() - started,
        document_json=text,
        records=len(document["records"]),
        pages=_page_count(document),
        warnings=len(document.get("warnings") or []),
    )
