"""How cost grows with the input, and the cold start: ratios measured in one run, as a table.

    python bench/bench_growth.py [--pages 256] [--long-pages 300] [--quick]

Rows (each a ratio, so that a busy machine changes the seconds but not the verdict):

* text: seconds per character of the seed text repeated 64 times over the seed once;
* sentence: seconds per statistic of one sentence with 9,000 statistics over one with 90;
* PDF: seconds per page of a whole ``extract`` of a generated 256-page article over a 4-page one;
* long PDF: a generated article of about 300 pages (two hyphenated columns, headings, bullets,
  furniture on every page) is accepted; peak memory of its ``extract`` process over a 4-page one;
* cold start: a one-article ``extractor extract`` over ``import spacy; spacy.blank("nl")``.

The articles are laid out by ``scripts/make_sample_pdfs.py`` from a sample source whose blocks
are repeated (reportlab is a test dependency).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: import the checkout's package
    sys.path.insert(0, str(ROOT))

SEED = ROOT / "samples" / "opgavegericht-werken.txt"
SOURCE = ROOT / "samples" / "src" / "opgavegericht-werken.md"
TARGETS = {"text": 1.3, "sentence": 1.3, "pdf": 1.3, "memory": 1.5, "cold": 2.0}


def sample_maker():
    spec = importlib.util.spec_from_file_location("make_sample_pdfs", ROOT / "scripts" / "make_sample_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def long_article(path: Path, pages: int) -> int:
    """Lay out the seed source with its blocks repeated until it fills about ``pages`` pages."""
    maker = sample_maker()
    source = maker.parse_source(SOURCE)
    blocks = list(source.blocks)
    repeat = max(1, round(pages / 1.5))  # the seed source fills about a page and a half
    for _ in range(3):
        source.blocks = blocks * repeat
        maker.build_pdf(source, path)
        got = _page_count(path)
        if abs(got - pages) <= max(1, pages // 50):
            return got
        repeat = max(1, round(repeat * pages / got))
    return got


def _page_count(path: Path) -> int:
    import pypdfium2

    with pypdfium2.PdfDocument(str(path)) as document:
        return len(document)


def best(function, rounds: int) -> float:
    seconds = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        seconds = min(seconds, time.perf_counter() - started)
    return seconds


def statistics_sentence(count: int) -> str:
    """One sentence holding ``count`` statistics."""
    parts = [f"{(i * 7) % 100} procent groep{i}" for i in range(count)]
    return "Uitslag\n\nVan de deelnemers koos " + ", ".join(parts) + ".\n"


def peak_memory(path: Path) -> int:
    """Peak resident memory (KiB) of ``python -m extractor extract path``, in a fresh process."""
    script = ("import resource, subprocess, sys\n"
              "done = subprocess.run([sys.executable, '-m', 'extractor', 'extract', sys.argv[1],"
              " '--format', 'csv'], capture_output=True)\n"
              "assert done.returncode == 0, done.stderr.decode()[-300:]\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return int(done.stdout.strip())


def cold_start(rounds: int) -> tuple[float, float]:
    def extract() -> None:
        subprocess.run([sys.executable, "-m", "extractor", "extract", str(SEED)], cwd=ROOT,
                       capture_output=True, check=True)

    def blank() -> None:
        subprocess.run([sys.executable, "-c", "import spacy; spacy.blank('nl')"], capture_output=True, check=True)

    return best(extract, rounds), best(blank, rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=256, help="pages of the long PDF for the per-page ratio")
    parser.add_argument("--long-pages", type=int, default=300, help="pages of the article that must be accepted")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="64 pages instead of 256 and 300; one round")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.long_pages, args.rounds = 64, 64, 1

    from extractor.api import extract, extract_file

    rows = []
    seed = SEED.read_text(encoding="utf-8")
    extract(seed)  # load the pipeline before timing
    once = best(lambda: extract(seed), args.rounds) / len(seed)
    many_text = seed * 64
    # Best of the same rounds for the large inputs too: one run of a second or two is at the
    # mercy of whatever else the machine is doing.
    many = best(lambda: extract(many_text), args.rounds) / len(many_text)
    rows.append(("text", "seed x64 vs seed, per character", many / once))

    small, large = statistics_sentence(90), statistics_sentence(9000)
    per_small = best(lambda: extract(small), args.rounds) / 90
    per_large = best(lambda: extract(large), args.rounds) / 9000
    rows.append(("sentence", "9,000 vs 90 statistics, per statistic", per_large / per_small))

    with tempfile.TemporaryDirectory() as folder:
        short_pdf, long_pdf, longest_pdf = (Path(folder) / name for name in ("a4.pdf", "a256.pdf", "a300.pdf"))
        short_pages = long_article(short_pdf, 4)
        long_pages = long_article(long_pdf, args.pages)
        extract_file(short_pdf)
        per_short = best(lambda: extract_file(short_pdf), args.rounds) / short_pages
        per_long = best(lambda: extract_file(long_pdf), 1) / long_pages
        rows.append(("pdf", f"{long_pages} vs {short_pages} pages, per page of extract", per_long / per_short))

        longest = long_article(longest_pdf, args.long_pages) if args.long_pages != args.pages else long_pages
        target = longest_pdf if args.long_pages != args.pages else long_pdf
        memory_short, memory_long = peak_memory(short_pdf), peak_memory(target)
        rows.append(("memory", f"peak memory, {longest}-page vs {short_pages}-page extract (accepted)",
                     memory_long / memory_short))

    extract_seconds, blank_seconds = cold_start(args.rounds)
    rows.append(("cold", "cold `extract` vs `spacy.blank(\"nl\")`", extract_seconds / blank_seconds))

    print(f"{'measure':52} {'ratio':>6} {'target':>7}  verdict")
    for key, label, ratio in rows:
        limit = TARGETS[key]
        print(f"{label:52} {ratio:6.2f} {'<= ' + str(limit):>7}  {'met' if ratio <= limit else 'NOT met'}")
    return 1 if args.check and any(ratio > TARGETS[key] for key, _label, ratio in rows) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
