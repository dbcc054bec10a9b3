"""Worker pools for batch runs: local processes that can be killed and replaced, or a Dask cluster."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import BatchError
from .worker import BatchTask, Extract, init_worker, run_task

KILL_JOIN_SECONDS = 5.0
"""How long to wait for one killed worker process to be gone."""

QUEUED_PER_WORKER = 1
"""Tasks waiting in a local pool's queue per worker, beyond the one it runs. Articles take tens
of milliseconds, about as long as this process needs to write and fsync a document, so a
worker must never have to wait for this process to hand it the next input."""

WORKER_PRELOAD = ["extractor.batch.preload"]


def process_context(warm: bool) -> multiprocessing.context.BaseContext:
    # forkserver: workers are forked from a clean single-threaded server that has loaded the
    # text path once (see batch_preload), never from this process, whose threads (progress
    # bar, pool manager) make a plain fork unsafe. New workers thus start in milliseconds.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server is started once per process; its first pool decides what it preloads.
        context.set_forkserver_preload(WORKER_PRELOAD if warm else ["extractor.batch.worker"])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


def kill_executor(executor: ProcessPoolExecutor) -> None:
    """Stop every worker of ``executor`` at once, busy or not."""
    if hasattr(executor, "kill_workers"):  # Python 3.14+
        executor.kill_workers()
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    results = getattr(executor, "_result_queue", None)
    for process in processes:
        try:
            process.kill()
        except Exception:
            pass
    executor.shutdown(wait=False, cancel_futures=True)
    # A worker killed while sending its result leaves half a message in the result pipe, and
    # the pool's manager thread waits for the rest for ever (and with it the interpreter's
    # exit), as this process holds a write end too. Without it the read ends in EOF instead.
    for process in processes:
        process.join(KILL_JOIN_SECONDS)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()


class ProcessPool:
    """A local ``ProcessPoolExecutor`` whose hung or crashed workers can be replaced."""

    can_kill = True

    def __init__(self, jobs: int, warm: bool):
        self.jobs = jobs
        # Tasks wait in the pool's queue, so that no worker idles while this process writes
        # the previous document. Time limits count from a task's reported start.
        self.window = jobs * (1 + QUEUED_PER_WORKER)
        self.warm = warm
        self._start()

    def _start(self) -> None:
        context = process_context(self.warm)
        self.started_queue = context.SimpleQueue()
        # Workers hold the write end of their own task queue, so they never notice on their
        # own that this process died; they follow this pipe instead (see _follow_parent).
        lifeline, self.lifeline = context.Pipe(duplex=False)
        self.executor: Executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.started_queue, self.warm, lifeline),
        )

    def submit(self, task: BatchTask, extract: Extract | None) -> Future:
        return self.executor.submit(run_task, task, extract)

    def started(self) -> list[int]:
        """Indexes of the tasks whose start the workers reported since the last call."""
        indexes = []
        while not self.started_queue.empty():
            indexes.append(self.started_queue.get())
        return indexes

    def replace(self) -> None:
        self.close(kill=True)
        self._start()

    def close(self, *, kill: bool = False) -> None:
        assert isinstance(self.executor, ProcessPoolExecutor)
        if kill:
            kill_executor(self.executor)
        else:
            self.executor.shutdown(wait=True)
        self.lifeline.close()
        self.started_queue.close()


class DaskPool:
    """The same run on a Dask distributed cluster, through its ``concurrent.futures`` executor.

    Workers get each input's bytes with the task, so they need no access to this machine's
    files. A task that ignores its time limit cannot be killed from here: it is reported as a
    timeout and abandoned.
    """

    can_kill = False

    def __init__(self, scheduler: Any, jobs: int | None):
        try:
            from distributed import Client
        except ImportError as error:
            raise BatchError(
                "running on a Dask cluster needs the optional dependency: "
                "pip install 'ambtenarenpanel-extractor[dask]'"
            ) from error
        self.owns_client = not isinstance(scheduler, Client)
        try:
            self.client = (
                Client(scheduler, set_as_default=False) if self.owns_client else scheduler
            )
        except (OSError, TimeoutError, ValueError) as error:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        self.executor = self.client.get_executor(pure=False)
        threads = sum(self.client.nthreads().values())
        self.jobs = self.window = jobs or max(threads, 1)

    def submit(self, task: BatchTask, extract: Extract | None) -> Future:
        content = Path(task.location).read_bytes()
        return self.executor.submit(run_task, replace(task, content=content), extract)

    def started(self) -> list[int]:
        return []

    def replace(self) -> None:  # pragma: no cover - never called: can_kill is False
        raise NotImplementedError

    def close(self, *, kill: bool = False) -> None:
        self.executor.shutdown(wait=False)
        if self.owns_client:
            self.client.close()
