"""`extractor validate`: check an output folder or a document against schemas and rules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ExtractorError, shown
from .common import CommandError


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on consistency warnings too.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for machines.",
)
def validate_command(path: Path, strict: bool, fmt: str) -> None:
    """Check PATH (an output folder, a folder of documents, or one document).

    Documents are checked against the JSON Schema, their offsets against their text
    (text[start:end] == surface) and the consistency rules; in an output folder,
    records.csv and records.parquet must match the documents and datapackage.json must
    validate. Problems name the file and the field (a JSON pointer such as /records/3/unit).

    Exit code 0: valid; 1: errors (or warnings, with --strict); 2: PATH cannot be read.

    \b
    Examples:
      extractor validate output/
      extractor validate output/articles/opgavegericht-werken.json --strict
    """
    from ..dataset.validate import validate_path

    try:
        report = validate_path(path)
    except ExtractorError as e:
        raise CommandError(e.one_line()) from e
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            colour = "red" if problem.severity.value == "error" else "yellow"
            click.echo(click.style(shown(problem.one_line()), fg=colour))
        verdict = "valid" if report.ok(strict=strict) else "INVALID"
        click.echo(
            f"{shown(str(path))}: {verdict}: {len(report.errors)} errors, {len(report.warnings)} warnings "
            f"in {report.documents} documents, {report.records} records."
        )
    click.get_current_context().exit(0 if report.ok(strict=strict) else 1)
