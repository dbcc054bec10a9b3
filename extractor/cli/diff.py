"""`extractor diff` (being built)."""

import click


@click.command("diff")
def diff_command() -> None:
    """Not available yet."""
    raise click.ClickException("'diff' is not available yet")
