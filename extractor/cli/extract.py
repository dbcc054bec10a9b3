"""`extractor extract FILE`: one article to stdout as JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from ..errors import ExtractorError

FORMATS = ("json", "jsonl", "csv")


@click.command("extract")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: the article document; jsonl/csv: its records.")
@click.option("--id", "article_id", default=None, help="Article id (default: from the file name).")
@click.option("--explain", is_flag=True,
              help="Also list on stderr every number that is not a statistic, and why it was dropped.")
def extract_command(path: Path, fmt: str, article_id: str | None, explain: bool) -> None:
    """Extract the statistics of one article (PDF or text) and print them.

    \b
    Examples:
      extractor extract samples/opgavegericht-werken.txt
      extractor extract article.pdf --format csv > records.csv
      extractor extract article.txt --explain > article.json
    """
    from ..api import extract_file
    from ..dataset.tables import RECORD_COLUMNS, record_row

    try:
        article = extract_file(path, article_id=article_id)
    except ExtractorError as error:
        raise click.ClickException(error.one_line()) from None
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
    sys.stdout.write(out.getvalue())
    if explain:
        from ..stats.explain import dropped_numbers, explain_lines

        click.echo("\n".join(explain_lines(article, dropped_numbers(article))), err=True)
