"""`extractor diff`: what changed between two extractions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ExtractorError
from .common import CommandError


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for machines.",
)
@click.option(
    "--max-text-lines", type=click.IntRange(min=0), default=None,
    help="Lines of clean-text diff shown per article (default 40).",
)
def diff_command(old: Path, new: Path, fmt: str, max_text_lines: int | None) -> None:
    """Compare two extractions: output folders, folders of documents, or two documents.

    Reports per article the statistics added, removed and changed, changed structure
    (title, headings, sample size, pull quotes ...) and a short diff of the clean text.
    Statistics are matched by what they are, not by position, so text inserted earlier in
    an article does not show every later statistic as changed.

    Exit code 0: identical; 1: different; 2: an input could not be read.

    \b
    Examples:
      extractor diff output/before/ output/after/
      extractor diff old/articles/opgavegericht-werken.json output/ --format json
    """
    from ..diff import MAX_TEXT_DIFF_LINES, diff_paths, render_text

    try:
        result = diff_paths(
            old, new,
            max_text_lines=MAX_TEXT_DIFF_LINES if max_text_lines is None else max_text_lines,
        )
    except ExtractorError as e:
        raise CommandError(e.one_line()) from e
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, style=click.style))
    click.get_current_context().exit(0 if result.identical else 1)
