"""Body columns of a page: the gutters that body-size words leave (nearly) empty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lines import RowWord

BODY_SIZE_TOL = 0.12
"""Words within this share of the body size count as body type for column detection."""
GUTTER_MIN_WIDTH = 5.0
"""Points: a narrower empty x-range is a word space, not a gutter."""
GUTTER_ZERO_MIN_WIDTH_EM = 1.0
"""An x-range that no body word touches at all is a gutter when at least this wide."""
GUTTER_MAX_SHARE = 0.05
"""An x-range crossed by at most this share of body rows may still be a gutter (ledes cross)."""
COLUMN_MIN_WIDTH_EM = 10.0
"""A body column is at least this wide; narrower 'columns' mean the gaps were word spaces."""
EDGE_COLUMN_MIN_WIDTH_EM = 4.0
"""The first or last column may look narrower: an article's last column can hold short lines."""
COLUMN_EDGE_TOL = 1.5
"""Points of slack when deciding that a line ends at its column's edge or sits in a gutter."""


@dataclass(frozen=True, slots=True)
class Columns:
    """The body columns of a page: ``edges[i] = (x0, x1)`` of column ``i``, left to right."""

    edges: tuple[tuple[float, float], ...]

    @property
    def count(self) -> int:
        return len(self.edges)

    def span(self, x0: float, x1: float) -> tuple[int, int] | None:
        """First and last column that ``[x0, x1]`` overlaps (by more than the edge slack)."""
        hit = [i for i, (a, b) in enumerate(self.edges)
               if min(x1, b) - max(x0, a) > COLUMN_EDGE_TOL or (a <= x0 and x1 <= b)]
        return (hit[0], hit[-1]) if hit else None


# --- 2. columns -------------------------------------------------------------------------------
def detect_columns(rows_words: Sequence[Sequence[RowWord]], body_size: float,
                   page_width: float) -> Columns:
    """Find the page's gutters from where body-size words leave the page empty."""
    width = int(page_width) + 2
    diff = [0] * (width + 1)
    body_rows = 0
    left, right = page_width, 0.0
    lo_size, hi_size = body_size * (1 - BODY_SIZE_TOL), body_size * (1 + BODY_SIZE_TOL)
    for words in rows_words:
        counted = False
        for w in words:
            if lo_size <= w.size <= hi_size:
                a, b = max(0, int(w.x0)), min(width - 1, int(w.x1))
                diff[a] += 1
                diff[b + 1] -= 1
                counted = True
                if w.x0 < left:
                    left = w.x0
                if w.x1 > right:
                    right = w.x1
        body_rows += counted
    if body_rows == 0 or right <= left:
        return Columns(((0.0, page_width),))
    coverage = []
    running = 0
    for d in diff[:width]:
        running += d
        coverage.append(running)
    a, b = int(left) + 1, int(right)
    gutters = _runs(coverage, a, b, max(0, int(GUTTER_MAX_SHARE * body_rows)), GUTTER_MIN_WIDTH)
    gutters += _runs(coverage, a, b, 0, GUTTER_ZERO_MIN_WIDTH_EM * body_size)
    gutters = _plausible(_merge(sorted(gutters)), left, right, COLUMN_MIN_WIDTH_EM * body_size,
                         EDGE_COLUMN_MIN_WIDTH_EM * body_size)
    edges = []
    x = left
    for g0, g1 in gutters:
        edges.append((x, float(g0)))
        x = float(g1)
    edges.append((x, right))
    return Columns(tuple(edges))


def _runs(coverage: list[int], start: int, stop: int, limit: int, min_width: float) -> list[tuple[int, int]]:
    """Interior runs of bins ``[start, stop)`` with coverage <= ``limit``, at least ``min_width`` wide."""
    runs = []
    run_start = None
    for x in range(start, stop):
        if coverage[x] <= limit:
            if run_start is None:
                run_start = x
        elif run_start is not None:
            if x - run_start >= min_width:
                runs.append((run_start, x))
            run_start = None
    return runs  # a run still open at ``stop`` touches the text's right edge: not a gutter


def _plausible(gutters: list[tuple[int, int]], left: float, right: float, min_column: float,
               min_edge_column: float) -> list[tuple[int, int]]:
    """Keep the widest gutters that leave every column wide enough to be a column."""
    kept: list[tuple[int, int]] = []
    for gutter in sorted(gutters, key=lambda g: g[0] - g[1]):
        trial = sorted(kept + [gutter])
        edges = [left] + [x for g in trial for x in g] + [right]
        widths = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
        if (min(widths[0], widths[-1]) >= min_edge_column
                and all(w >= min_column for w in widths[1:-1])):
            kept = trial
    return kept


def _merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in runs:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
