"""Pages per second for reading the sample PDFs: bare pdfplumber, ``read_pdf``, the whole pipeline.

Usage::

    python bench/bench_pdf.py                    # samples/pdf/*.pdf, best of 3 rounds
    python bench/bench_pdf.py --rounds 5 some/folder/

(a) bare pdfplumber ``page.extract_text()`` on every page, (b) ``extractor.read.pdf.read_pdf`` (parse,
layout, roles, provenance), (c) ``extractor.api.extract_file`` (read plus the text pipeline), all
measured in the same run, rounds interleaved, best round kept; ratios are against (a). The
target for (b) is at most 1.3 x the time of (a).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: import the checkout's package
    sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from extractor.read.pdf import read_pdf  # noqa: E402

DEFAULT_FOLDER = ROOT / "samples" / "pdf"
TARGET_RATIO = 1.3


def bare_pdfplumber(paths: list[Path]) -> None:
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()


def reader(paths: list[Path]) -> None:
    for path in paths:
        read_pdf(path)


def whole_pipeline() -> Callable[[list[Path]], None] | None:
    """``extract_file`` over the paths, or None while the pipeline is not importable."""
    try:
        from extractor.api import extract_file
    except ImportError:
        return None

    def run(paths: list[Path]) -> None:
        for path in paths:
            extract_file(path)

    return run


def count_pages(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def timed(fn: Callable[[list[Path]], None], paths: list[Path]) -> float:
    start = time.perf_counter()
    fn(paths)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement (best kept)")
    parser.add_argument("--no-pipeline", action="store_true", help="skip (c), the whole pipeline")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        print(f"no PDFs in {args.folder} (make them: python scripts/make_sample_pdfs.py)", file=sys.stderr)
        return 1
    pages = count_pages(paths)
    runs: dict[str, Callable[[list[Path]], None]] = {
        "(a) pdfplumber extract_text": bare_pdfplumber,
        "(b) read_pdf": reader,
    }
    pipeline = None if args.no_pipeline else whole_pipeline()
    if pipeline is not None:
        pipeline(paths[:1])  # warm up: loading the language pipeline is not per-page work
        runs["(c) extract_file"] = pipeline
    best = {name: float("inf") for name in runs}
    for _ in range(max(1, args.rounds)):
        for name, fn in runs.items():
            best[name] = min(best[name], timed(fn, paths))
    base = best["(a) pdfplumber extract_text"]
    print(f"{len(paths)} PDFs, {pages} pages, best of {args.rounds} rounds")
    print(f"{'':32} {'seconds':>8} {'pages/s':>8} {'ratio':>6}")
    for name, seconds in best.items():
        print(f"{name:32} {seconds:8.3f} {pages / seconds:8.1f} {seconds / base:6.2f}")
    if pipeline is None and not args.no_pipeline:
        print("(c) extract_file: not available yet")
    ratio = best["(b) read_pdf"] / base
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"read_pdf / extract_text = {ratio:.2f} ({verdict} the {TARGET_RATIO} x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
