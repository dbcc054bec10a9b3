"""Article ids: file-name-safe slugs of input names."""

from __future__ import annotations

import re
import unicodedata

ID_MAX_LENGTH = 60

# Names Windows refuses as file names, whatever the extension.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def slugify(name: str) -> str:
    """A lower-case ASCII slug of ``name`` that is safe as a file name on every system.

    >>> slugify("Opgavegericht werken (2019) – Ambtenarenpanel")
    'opgavegericht-werken-2019-ambtenarenpanel'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    text = text[:ID_MAX_LENGTH].rstrip("-")
    if not text:
        return "article"
    if text in RESERVED_NAMES:
        return f"{text}-article"
    return text
