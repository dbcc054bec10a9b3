"""`extractor validate` (being built)."""

import click


@click.command("validate")
def validate_command() -> None:
    """Not available yet."""
    raise click.ClickException("'validate' is not available yet")
