"""What changed between two extractions: records matched across runs, rendered for review."""

from .compare import diff_documents, diff_paths
from .match import MATCH_THRESHOLD, match_records
from .render import MAX_TEXT_DIFF_LINES, render_text

__all__ = ["MATCH_THRESHOLD", "MAX_TEXT_DIFF_LINES", "diff_documents", "diff_paths", "match_records", "render_text"]
