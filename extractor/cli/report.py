"""`extractor report` (being built)."""

import click


@click.command("report")
def report_command() -> None:
    """Not available yet."""
    raise click.ClickException("'report' is not available yet")
