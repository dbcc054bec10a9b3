"""Batch throughput and memory: articles/second for 1 and 2 workers, peak RSS as batches grow.

    python bench/bench_batch.py                  # 200 articles for speed; 100 and 1,000 for memory
    python bench/bench_batch.py --quick          # 60 articles; 50 and 200 (a smoke test)

Every measurement runs in a fresh Python process that first does a small warm-up batch, so
that the worker server is warm and no run inherits the memory high-water mark of another.
Peak memory is the resident set size of the whole process tree (the batch process, the worker
server and its workers), sampled every 50 ms, and of the batch process alone per phase; it
should stay flat as the batch grows, because documents are written as they come and read back
one at a time for the tables. Other busy processes on the machine distort the speed-up: the
figures show the load average and how many cores the run got.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
sys.path.insert(0, str(SAMPLES.parent))

from extractor.batch.runner import BatchProgress, run_batch  # noqa: E402

SPEEDUP_TARGET = 1.7
MEMORY_GROWTH_LIMIT = 1.25
SAMPLE_SECONDS = 0.05
MIB = 1024 * 1024


@dataclass
class Measure:
    label: str
    articles: int
    jobs: int
    seconds: float
    extraction_seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    main_extract_mib: float
    main_tables_mib: float
    main_report_mib: float
    failed: int

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def extraction_rate(self) -> float:
        return self.articles / max(self.extraction_seconds, 1e-9)

    @property
    def cores_used(self) -> float:
        """CPU seconds of the whole process tree per second of wall clock."""
        return self.cpu_seconds / self.seconds


class TreeSampler:
    """Samples the process tree every 50 ms in a background thread: peak RSS of the tree, peak
    RSS of this process per phase of the run, and CPU seconds used by every process.

    Pages the workers share with the server they were forked from count once per process, so
    the tree figure is an upper bound. Without psutil only the largest single process is known.
    """

    def __init__(self) -> None:
        try:
            import psutil
        except ImportError:
            psutil = None
        self.psutil = psutil
        self.phase = "setup"
        self.peak = 0
        self.main_peaks: dict[str, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        root = self.psutil.Process()
        total = 0
        for process in [root, *root.children(recursive=True)]:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    times = process.cpu_times()
            except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                continue
            total += rss
            self.cpu[process.pid] = times.user + times.system
            if process.pid == root.pid:
                self.main_peaks[self.phase] = max(self.main_peaks.get(self.phase, 0), rss)
        self.peak = max(self.peak, total)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            time.sleep(SAMPLE_SECONDS)

    def __enter__(self) -> TreeSampler:
        if self.psutil is not None:
            self._cpu_before = dict(self._baseline())
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def _baseline(self):
        root = self.psutil.Process()
        for process in [root, *root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                yield process.pid, times.user + times.system
            except self.psutil.NoSuchProcess:
                pass

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._sample()
        else:
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
            self.peak = max(own, children)
            self.main_peaks = {"extract": own, "tables": own, "report": own}

    @property
    def cpu_seconds(self) -> float:
        if self.psutil is None:
            return float("nan")
        return sum(self.cpu.values()) - sum(self._cpu_before.get(pid, 0.0) for pid in self.cpu)


def make_batch(folder: Path, count: int) -> None:
    """``count`` articles: copies of the sample texts, each a variant with its own content."""
    samples = sorted(SAMPLES.glob("*.txt"))
    for index in range(count):
        source = samples[index % len(samples)]
        target = folder / f"deel-{index // 100:02d}" / f"{index:05d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        target.write_text(f"{text}\nVariant {index}: {index % 97} procent.\n", encoding="utf-8")


def measure(label: str, inputs: Path, out: Path, jobs: int, repeat: int = 1) -> Measure:
    """Run the batch ``repeat`` times into a fresh ``out`` and keep the fastest run."""
    best: Measure | None = None
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        marks: dict[str, float] = {}
        sampler = TreeSampler()

        def progress(event: BatchProgress, marks: dict[str, float] = marks, sampler=sampler) -> None:
            now = time.perf_counter()
            if event.event == "start":
                marks["start"] = now
                sampler.phase = "extract"
            elif event.event == "result":
                marks["last"] = now
                if event.done == event.to_do:
                    sampler.phase = "tables"
            elif event.event == "tables":
                sampler.phase = "report"
            elif event.event == "report":
                sampler.phase = "done"

        with sampler:
            started = time.perf_counter()
            summary = run_batch([inputs], out, jobs=jobs, progress=progress)
            seconds = time.perf_counter() - started
        result = Measure(
            label=label,
            articles=len(summary.inputs),
            jobs=jobs,
            seconds=seconds,
            extraction_seconds=marks.get("last", started) - marks.get("start", started),
            cpu_seconds=sampler.cpu_seconds,
            peak_rss_mib=sampler.peak / MIB,
            main_extract_mib=sampler.main_peaks.get("extract", 0) / MIB,
            main_tables_mib=sampler.main_peaks.get("tables", 0) / MIB,
            main_report_mib=sampler.main_peaks.get("report", 0) / MIB,
            failed=len(summary.failed),
        )
        if best is None or result.seconds < best.seconds:
            best = result
    assert best is not None
    return best


def measure_in_child(label: str, inputs: Path, out: Path, jobs: int, repeat: int) -> Measure:
    """``measure`` in a fresh process, after a warm-up batch there."""
    command = [sys.executable, __file__, "--one", label, str(inputs), str(out), str(jobs), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {label} failed:\n{done.stderr}")
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


def one(label: str, inputs: str, out: str, jobs: str, repeat: str) -> int:
    warm_up = Path(out).with_name(Path(out).name + "-warm-up")
    make_batch(warm_up / "in", 10)
    measure("warm-up", warm_up / "in", warm_up / "out", 2)
    result = measure(label, Path(inputs), Path(out), int(jobs), int(repeat))
    print(json.dumps(asdict(result)))
    return 0


def main() -> int:
    if len(sys.argv) == 7 and sys.argv[1] == "--one":
        return one(*sys.argv[2:])
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small batches: a smoke test")
    parser.add_argument("--speed", type=int, help="articles in the throughput batch")
    parser.add_argument(
        "--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="batch sizes for memory"
    )
    parser.add_argument("--repeat", type=int, default=1, help="throughput runs; the fastest counts")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    speed = args.speed or (60 if args.quick else 200)
    small, large = args.sizes or ((50, 200) if args.quick else (100, 1000))

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_batch: {cores} cores (load {load:.1f}); throughput on {speed} articles; "
          f"memory on {small} and {large}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as scratch:
        root = Path(scratch)
        for count in sorted({speed, small, large}):
            make_batch(root / f"in-{count}", count)
        one_worker = measure_in_child("1 worker", root / f"in-{speed}", root / "out-1", 1, args.repeat)
        two = measure_in_child("2 workers", root / f"in-{speed}", root / "out-2", 2, args.repeat)
        little = measure_in_child(f"{small} articles", root / f"in-{small}", root / "out-small", 2, 1)
        big = measure_in_child(f"{large} articles", root / f"in-{large}", root / "out-large", 2, 1)
    runs = (one_worker, two, little, big)

    print()
    print(f"{'run':<15}{'articles':>9}{'jobs':>5}{'seconds':>9}{'art/s':>7}{'extract art/s':>14}"
          f"{'cores used':>11}{'peak RSS MiB: tree':>20}{'main extract':>13}{'main tables':>12}"
          f"{'main report':>12}{'failed':>7}")
    for m in runs:
        print(f"{m.label:<15}{m.articles:>9}{m.jobs:>5}{m.seconds:>9.1f}{m.rate:>7.1f}"
              f"{m.extraction_rate:>14.1f}{m.cores_used:>11.2f}{m.peak_rss_mib:>20.0f}"
              f"{m.main_extract_mib:>13.0f}{m.main_tables_mib:>12.0f}{m.main_report_mib:>12.0f}"
              f"{m.failed:>7}")
    speedup = one_worker.seconds / two.seconds
    extraction_speedup = one_worker.extraction_seconds / two.extraction_seconds
    growth = big.peak_rss_mib / little.peak_rss_mib
    main_growth = big.main_extract_mib / little.main_extract_mib
    tables_growth = big.main_tables_mib / little.main_tables_mib
    report_growth = big.main_report_mib / little.main_report_mib
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print()
    print(f"speed-up 2 vs 1 workers: {speedup:.2f}x wall clock, {extraction_speedup:.2f}x extraction "
          f"phase (target >= {SPEEDUP_TARGET}x on 2 idle cores; load was {load:.1f} before, "
          f"{load_after:.1f} after; 2 workers used {two.cores_used:.2f} cores)")
    efficiency = (two.rate / two.cores_used) / (one_worker.rate / one_worker.cores_used)
    print(f"articles per second per core used, 2 vs 1 workers: {efficiency:.2f} (parallel efficiency; "
          f"with 2 idle cores the speed-up would be about {2 * efficiency:.2f}x)")
    print(f"peak memory {large} vs {small} articles: {growth:.2f}x process tree, {main_growth:.2f}x "
          f"main process while extracting, {tables_growth:.2f}x while writing the tables, "
          f"{report_growth:.2f}x while writing the report (flat means <= {MEMORY_GROWTH_LIMIT}x)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {
            "cores": cores,
            "load": load,
            "runs": [asdict(m) | {"rate": m.rate, "extraction_rate": m.extraction_rate} for m in runs],
            "speedup": speedup,
            "extraction_speedup": extraction_speedup,
            "parallel_efficiency": efficiency,
            "memory_growth": growth,
            "main_memory_growth": main_growth,
            "tables_memory_growth": tables_growth,
            "report_memory_growth": report_growth,
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
