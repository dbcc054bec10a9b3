"""Score extraction against the hand annotations in samples/src/*.expected.json.

    python scripts/evaluate_samples.py            # summary per article
    python scripts/evaluate_samples.py -v NAME    # every miss, extra and label difference

Records are matched by value, unit and surface in body order; labels are compared loosely
(token overlap), since the annotations are short hand-written Dutch.
"""

from __future__ import annotations

import argparse
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.api import extract_file  # noqa: E402


def _tokens(text: str | None) -> set[str]:
    return {t for t in "".join(c if c.isalnum() else " " for c in (text or "").lower()).split()}


def label_score(expected: str, found: str) -> float:
    a, b = _tokens(expected), _tokens(found)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def align(expected: list[dict], found: list[dict]) -> list[tuple[dict | None, dict | None]]:
    key = lambda r: (round(float(r["value"]), 1), r["unit"], r["surface"].lower())  # noqa: E731
    matcher = SequenceMatcher(a=[key(r) for r in expected], b=[key(r) for r in found], autojunk=False)
    pairs: list[tuple[dict | None, dict | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(expected[i1:i2], found[j1:j2]))
        else:
            pairs.extend((e, None) for e in expected[i1:i2])
            pairs.extend((None, f) for f in found[j1:j2])
    return pairs


def evaluate(name: str, verbose: bool) -> dict[str, float]:
    expected = json.loads((ROOT / "samples" / "src" / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = extract_file(ROOT / "samples" / f"{name}.txt")
    found = [r.to_dict() for r in article.records]
    pairs = align(expected, found)
    matched = [(e, f) for e, f in pairs if e and f]
    scores = {
        "expected": len(expected),
        "found": len(found),
        "matched": len(matched),
        "qualifier": sum(e["qualifier"] == f["qualifier"] for e, f in matched),
        "section": sum(e["section"] == f["section"] for e, f in matched),
        "label": sum(label_score(e["label"], f["label"]) for e, f in matched),
        "statement": sum((e.get("statement") is None) == (f["statement"] is None) for e, f in matched),
    }
    if verbose:
        for e, f in pairs:
            if e and not f:
                print(f"  MISSING {e['surface']!r} {e['value']} label={e['label']!r}")
            elif f and not e:
                print(f"  EXTRA   {f['surface']!r} {f['value']} label={f['label']!r} | {f['sentence'][:80]}")
            else:
                problems = []
                if e["qualifier"] != f["qualifier"]:
                    problems.append(f"qualifier {e['qualifier']} != {f['qualifier']}")
                if e["section"] != f["section"]:
                    problems.append(f"section {e['section']!r} != {f['section']!r}")
                if label_score(e["label"], f["label"]) < 0.5:
                    problems.append(f"label {e['label']!r} ~ {f['label']!r}")
                if (e.get("statement") is None) != (f["statement"] is None):
                    problems.append(f"statement {e.get('statement')!r} ~ {f['statement']!r}")
                if problems:
                    print(f"  {e['surface']!r}: " + "; ".join(problems))
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="sample names (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    names = args.names or sorted(p.name.removesuffix(".expected.json") for p in (ROOT / "samples" / "src").glob("*.expected.json"))
    total: dict[str, float] = {}
    for name in names:
        if args.verbose:
            print(name)
        scores = evaluate(name, args.verbose)
        for key, value in scores.items():
            total[key] = total.get(key, 0) + value
        m = scores["matched"] or 1
        print(
            f"{name:26} expected {scores['expected']:3.0f} found {scores['found']:3.0f} matched {scores['matched']:3.0f}"
            f"  qualifier {scores['qualifier'] / m:4.0%}  section {scores['section'] / m:4.0%}"
            f"  label {scores['label'] / m:4.0%}  statement {scores['statement'] / m:4.0%}"
        )
    precision = total["matched"] / (total["found"] or 1)
    recall = total["matched"] / (total["expected"] or 1)
    m = total["matched"] or 1
    print(
        f"{'ALL':26} precision {precision:.1%} recall {recall:.1%}  qualifier {total['qualifier'] / m:.1%}"
        f"  section {total['section'] / m:.1%}  label {total['label'] / m:.1%}  statement {total['statement'] / m:.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
