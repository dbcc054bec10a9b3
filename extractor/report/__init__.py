"""HTML review pages for an output folder (being built)."""

from pathlib import Path


def write_report(output_dir: str | Path) -> Path | None:
    """Write ``output_dir/report/index.html`` and one page per article."""
    return None
