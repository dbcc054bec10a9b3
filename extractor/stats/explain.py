"""What the statistics stage left out of an article, and why: the view behind ``extract --explain``."""

from __future__ import annotations

from spacy.language import Language

from ..models import Article
from .nlp import annotate, shared_nlp
from .statistics import Dropped

SURFACE_CHARS = 60
"""Longer surfaces (a run of digits) are cut in the listing."""


def dropped_numbers(article: Article, nlp: Language | None = None) -> list[Dropped]:
    """Every number phrase of ``article.text`` that is not among its records, with the reason."""
    _statistics, dropped = annotate(nlp or shared_nlp(), article.text, [s.start for s in article.sections])
    return sorted(dropped, key=lambda d: d.start)


def explain_lines(article: Article, dropped: list[Dropped]) -> list[str]:
    """One line per dropped number phrase: offset, surface, reason and the words around it."""
    lines = []
    for item in dropped:
        before = " ".join(article.text[max(0, item.start - 40) : item.start].split()[-5:])
        after = " ".join(article.text[item.end : item.end + 40].split()[:5])
        surface = item.surface if len(item.surface) <= SURFACE_CHARS else item.surface[: SURFACE_CHARS - 1] + "…"
        lines.append(f"dropped {surface!r} at {item.start}: {item.reason} [… {before} >{surface}< {after} …]")
    return lines or ["dropped: nothing"]
