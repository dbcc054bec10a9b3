"""Which role every block got, and why: the layout view behind ``extract --explain``."""

from __future__ import annotations

from ..models import Block

EXCERPT_CHARS = 60


def layout_lines(blocks: list[Block]) -> list[str]:
    """One line per block: its role, the reason for it, and the start of its text."""
    lines = []
    for block in blocks:
        text = " ".join(block.text.split())
        excerpt = text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
        lines.append(f"{block.role.value:<11} {excerpt!r}: {block.reason}")
    return lines
