"""Command-line interface: thin click commands over the library API."""

from __future__ import annotations

import click

from .. import __version__
from .diff import diff_command
from .extract import extract_command
from .report import report_command
from .run import run_command
from .validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def main() -> None:
    """Extract the statistics of Dutch Ambtenarenpanel articles into a validated dataset.

    \b
    Examples:
      extractor extract samples/opgavegericht-werken.txt --format csv
      extractor run samples/ -o output/
    """


main.add_command(extract_command)
main.add_command(run_command)
main.add_command(diff_command)
main.add_command(validate_command)
main.add_command(report_command)
