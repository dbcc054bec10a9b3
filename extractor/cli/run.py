"""`extractor run` (being built)."""

import click


@click.command("run")
def run_command() -> None:
    """Not available yet."""
    raise click.ClickException("'run' is not available yet")
