"""Text-path throughput against bare ``spacy.blank("nl")`` tokenisation of the same texts.

    python bench/bench_text.py [--rounds N]

Both are measured in this run on the text samples; the figure that matters is the ratio
(target: the whole pipeline at least 0.6 times as fast as bare tokenisation).

Where the time goes (profiled on the samples): tokenising the clean text costs about what the
baseline costs; the SpanRuler's number patterns about two thirds of that again; the statistics
component (labels, statements) about as much; hyphenation repair, blocks, structure and
validation together a little less. The last two cuts that paid off were keeping the input string
on the doc (``Doc.text`` rebuilds it token by token) and reading token texts from offsets rather
than through ``Token`` objects; reading the token offsets as signed integers (numpy turns
``uint64`` into Python ints on a slow path) took the sentence splitter from a tenth of the time
to a fortieth. A span ruler matching only in windows around numbers found the same spans but
was no faster: the windows covered three quarters of the tokens.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from extractor.read.source import source_from_string
from extractor.stats.nlp import shared_nlp
from extractor.pipeline import extract_source

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.6


def measure(function, texts: list[str], rounds: int) -> float:
    """Best-of-rounds seconds for one pass over ``texts``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="copies of each sample per pass")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is not met")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))] * args.copies
    words = sum(len(t.split()) for t in texts)

    blank = spacy.blank("nl")
    shared_nlp()  # load the pipeline and lexicons before timing
    extract_source(source_from_string(texts[0]))

    baseline = measure(blank, texts, args.rounds)
    pipeline = measure(lambda t: extract_source(source_from_string(t)), texts, args.rounds)
    ratio = baseline / pipeline
    print(f"{len(texts)} articles, {words:,} words per pass, best of {args.rounds}")
    print(f"{'spacy.blank(nl) tokenisation':32} {baseline:8.3f} s  {words / baseline:12,.0f} words/s  1.00")
    print(f"{'extractor text pipeline':32} {pipeline:8.3f} s  {words / pipeline:12,.0f} words/s  {ratio:4.2f}")
    print(f"throughput ratio {ratio:.2f} (target >= {TARGET_RATIO}): {'met' if ratio >= TARGET_RATIO else 'NOT met'}")
    return 1 if args.check and ratio < TARGET_RATIO else 0


if __name__ == "__main__":
    raise SystemExit(main())
