"""`extractor extract FILE`: one article to stdout as JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from ..errors import ExtractorError
from .common import CommandError, write_stdout

FORMATS = ("json", "jsonl", "csv")
PDF_BACKENDS = ("pdfium", "pdfplumber")
"""As ``extractor.api.PDF_BACKENDS``, without importing the pipeline for ``--help``."""


@click.command("extract")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: the article document; jsonl/csv: its records.")
@click.option("--id", "article_id", default=None, help="Article id (default: from the file name).")
@click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=PDF_BACKENDS[0], show_default=True,
              help="PDF reader: pdfium (fast) or pdfplumber (the reference).")
@click.option("--explain", is_flag=True,
              help="Also list on stderr every block with its role and why, and every number that is not a statistic, and why it was dropped.")
def extract_command(path: Path, fmt: str, article_id: str | None, pdf_backend: str, explain: bool) -> None:
    """Extract the statistics of one article (PDF or text) and print them.

    \b
    Examples:
      extractor extract samples/opgavegericht-werken.txt
      extractor extract article.pdf --format csv > records.csv
      extractor extract article.pdf --pdf-backend pdfplumber
      extractor extract article.txt --explain > article.json
    """
    from ..api import extract_file, extract_file_explained
    from ..dataset.tables import RECORD_COLUMNS, record_row

    try:
        if explain:
            article, blocks, dropped = extract_file_explained(path, article_id=article_id, pdf_backend=pdf_backend)
        else:
            article = extract_file(path, article_id=article_id, pdf_backend=pdf_backend)
    except ExtractorError as error:
        raise CommandError(error.one_line()) from None
    document = article.to_dict()
    out = io.StringIO()
    if fmt == "json":
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in document["records"]:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        # The same columns as records.csv of `extractor run`.
        writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in document["records"]:
            writer.writerow(record_row(record))
    write_stdout(out.getvalue())
    if explain:
        from ..stats.explain import explain_lines
        from ..structure.explain import layout_lines

        click.echo("\n".join(layout_lines(blocks) + explain_lines(article, dropped)), err=True)
