"""What every command shares: one exit code for errors, and output that fails cleanly."""

from __future__ import annotations

import os
import sys

import click

from ..errors import shown

ERROR_EXIT_CODE = 2
"""Exit code of every command whose input cannot be read or whose output cannot be written
(a missing path among them); 1 keeps the meaning each command gives it."""


class CommandError(click.ClickException):
    """A one-line error that ends a command with ``ERROR_EXIT_CODE``."""

    exit_code = ERROR_EXIT_CODE

    def __init__(self, message: str):
        super().__init__(shown(message))


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output; a full disk or a closed pipe is a one-line error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        raise output_error(error) from None


def output_error(error: OSError) -> CommandError:
    """The one-line error for an output that could not be written: the file it names, else
    standard output, which then points at the null device so that the interpreter's own
    final flush cannot fail again."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return CommandError(f"{os.fsdecode(error.filename)}: {reason}")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test runner's buffer)
        pass
    return CommandError(f"standard output: cannot write: {reason}")
