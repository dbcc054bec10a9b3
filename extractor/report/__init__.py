"""HTML review pages for an output folder: every extracted statistic shown in its context."""

from __future__ import annotations

from pathlib import Path

from ..dataset.outputs import atomic_write_text
from .load import check_output_dir, index_rows, iter_articles, load_manifest
from .pages import GENERATOR, INDEX_PAGE, article_page, index_page

REPORT_DIR = "report"

GENERATOR_SEARCH_BYTES = 4096
"""How much of a page's head is searched for the generator mark."""

__all__ = ["REPORT_DIR", "write_report"]


def write_report(output_dir: str | Path) -> Path:
    """Write ``output_dir/report/index.html`` and one page per article; return the index path.

    Reads ``articles/*.json`` and, when present, ``run.json`` (the index then lists every input
    of the run, failed ones too). Pages this package wrote for articles that are no longer in the
    folder are removed; other files in the report folder are never touched.
    Raises ``InputNotFound`` when ``output_dir`` is not an output folder.
    """
    output_dir = Path(output_dir)
    check_output_dir(output_dir)
    report_dir = output_dir / REPORT_DIR
    written = {INDEX_PAGE}
    articles = []
    for article in iter_articles(output_dir):
        if article.error is None:
            atomic_write_text(report_dir / article.page, article_page(article))
            written.add(article.page)
        articles.append(article.for_index())
    index = report_dir / INDEX_PAGE
    manifest = load_manifest(output_dir)
    atomic_write_text(index, index_page(index_rows(articles, manifest), manifest))
    for stale in report_dir.glob("*.html"):
        if stale.name not in written and is_generated_page(stale):
            stale.unlink(missing_ok=True)
    return index


def is_generated_page(path: Path) -> bool:
    """Whether ``path`` is a review page this package wrote (its head names ``GENERATOR``);
    any other file is the user's, also in a report folder that is a link to elsewhere."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(GENERATOR_SEARCH_BYTES)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">'.encode() in head
