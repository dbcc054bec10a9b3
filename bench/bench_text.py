"""Text-path throughput against bare ``spacy.blank("nl")`` tokenisation of the same texts.

    python bench/bench_text.py [--rounds N] [--stages]

Both are measured in this run on the text samples; the figure that matters is the ratio
(target: the whole pipeline at least 0.6 times as fast as bare tokenisation). ``--stages``
adds where the time goes, each stage in units of the bare tokenisation.

Where the time goes (``--stages`` on the samples, whole pipeline about 2.7 tokenisations):
hyphenation repair and blocks about 0.7, structure 0.13; tokenising the clean text (shorter
than the raw text, and with fewer special cases) about 0.55, sentences 0.1; number patterns
0.3 (matched only around their anchor words, ``AnchoredSpanRuler``; over the whole doc they
cost 0.46); the statistics component about 0.75, spread over a dozen construction rules of
which none costs more than a tenth; records and validation the rest. Cuts that paid off
before: keeping the input string on the doc (``Doc.text`` rebuilds it token by token),
reading token texts and offsets from one array pass instead of ``Token`` objects, and reading
the offsets as signed integers (numpy turns ``uint64`` into Python ints on a slow path).
Reaching 0.6 would need the line-level layout decisions and the construction rules each at
about half their cost.
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


def print_stages(texts: list[str], blank, rounds: int) -> None:
    """Best-of-rounds seconds of each stage over the texts, in units of bare tokenisation."""
    from extractor.pipeline import _blocks_with_repairs, recover_structure
    from extractor.stats.nlp import StatisticsComponent
    from extractor.stats.statistics import StatisticFinder

    nlp = shared_nlp()
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent: dict[str, float] = {}

        def timed(name, function, *args):
            started = time.perf_counter()
            result = function(*args)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
            return result

        for text in texts:
            timed("bare tokenisation", blank, text)
            blocks = timed("hyphenation and blocks", lambda: _blocks_with_repairs(source_from_string(text))[0])
            structure = timed("structure", recover_structure, blocks)
            doc = timed("tokenising the clean text", nlp.tokenizer, structure.text)
            for name, component in nlp.pipeline:
                if isinstance(component, StatisticsComponent):
                    finder = StatisticFinder(structure.text, component.rules, [s.start for s in structure.sections])
                    timed(name, lambda: (component.read(doc, finder), finder.finish()))
                else:
                    doc = timed(name, component, doc)
            timed("whole pipeline", extract_source, source_from_string(text))
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in spent.items()}
    unit = best["bare tokenisation"]
    for name, seconds in best.items():
        print(f"{name:32} {seconds:8.3f} s  {seconds / unit:5.2f}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="copies of each sample per pass")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is not met")
    parser.add_argument("--stages", action="store_true", help="also time each stage against the tokenisation")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))] * args.copies
    words = sum(len(t.split()) for t in texts)

    blank = spacy.blank("nl")
    shared_nlp()  # load the pipeline and lexicons before timing
    extract_source(source_from_string(texts[0]))

    if args.stages:
        print_stages(texts, blank, args.rounds)
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
