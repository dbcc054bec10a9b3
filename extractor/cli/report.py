"""`extractor report`: write the HTML review pages of an output folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ExtractorError, shown
from .common import CommandError


@click.command("report")
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
def report_command(output_dir: Path) -> None:
    """Write review pages for OUTPUT_DIR into OUTPUT_DIR/report/.

    One page per article shows the clean text with every statistic highlighted, its table
    and warnings; index.html lists every input of the run with its status.

    \b
    Example:
      extractor report output/
    """
    from ..report import write_report

    try:
        index = write_report(output_dir)
    except ExtractorError as e:
        raise CommandError(e.one_line()) from e
    click.echo(f"wrote {shown(str(index))}")
