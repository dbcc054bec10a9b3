"""The seed article survives the other ways extraction tools jumble and wrap the same page."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract

SEED = (Path(__file__).resolve().parents[2] / "samples" / "opgavegericht-werken.txt").read_text(encoding="utf-8")
CLUSTER_START = SEED.index("Opgavegericht werken is nog lang niet")
CLUSTER_END = SEED.index("•\t Opgavegericht werken betekent")
CLUSTER = SEED[CLUSTER_START:CLUSTER_END]
BODY = SEED[:CLUSTER_START] + SEED[CLUSTER_END:]

VARIANTS = {
    "furniture-first": CLUSTER + "\n\n" + BODY,
    "furniture-last": BODY + "\n\n" + CLUSTER,
    "no-blank-lines": "\n".join(line for line in SEED.split("\n") if line.strip()),
    "crlf": SEED.replace("\n", "\r\n"),
    "utf-8-bom-like-nbsp": SEED.replace(" procent", "\u00a0procent"),
}


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
def test_seed_variants_keep_the_55_statistics(text, seed_article):
    article = extract(text)
    assert [(r.value, r.unit, r.qualifier) for r in article.records] == [
        (r.value, r.unit, r.qualifier) for r in seed_article.records
    ]
    assert article.title == "Opgavegericht werken"
    assert article.pull_quotes == seed_article.pull_quotes
    assert article.sample_size == 739
