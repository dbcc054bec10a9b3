"""Command-line interface: thin click commands over the library API."""

from __future__ import annotations

import errno

import click

from .. import __version__
from .common import CommandError, output_error
from .diff import diff_command
from .extract import extract_command
from .report import report_command
from .run import run_command
from .validate import validate_command


class ExtractorGroup(click.Group):
    """The command group; an output that cannot be written ends any command in one line."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        # --help and --version print while the arguments are parsed, before any command runs.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise
            raise output_error(error) from None

    def invoke(self, ctx: click.Context) -> None:
        try:
            return super().invoke(ctx)
        except CommandError:
            raise
        except OSError as error:
            if error.errno == errno.EPIPE:  # a closed pipe (`| head`): click's own quiet exit
                raise
            raise output_error(error) from None


@click.group(cls=ExtractorGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
