"""Unicode normalisation of article text, with an offset map back to the input."""

from __future__ import annotations

import unicodedata

import regex

from .offsets import OffsetMap, TextBuilder

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# No-break, narrow no-break, figure, thin and other fixed-width spaces print as a plain space.
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij",
}
# Control characters other than tab and newline carry no text (form feeds mark PDF pages).
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n") + "\x7f"

# The end mark of an article: a square after its last sentence. Set in a dingbat font, the
# square extracts as the letter "n" (its code in Zapf Dingbats).
END_MARK = r"(?<=[.!?\u2026\"\u201d\u2019)])(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:n|[\u25a0-\u25ab\u25fb-\u25fe\u274f-\u2752])(?=\s*\Z)"

_SPECIAL = regex.compile(
    f"(?P<end>{END_MARK})|\r\n?|["
    + regex.escape(SOFT_HYPHEN + ZERO_WIDTH + SPACES + "".join(LIGATURES) + CONTROL)
    + "]"
)


def normalize(text: str) -> tuple[str, OffsetMap]:
    """NFC, plain spaces, no soft hyphens, zero-width characters or end mark, ligatures
    expanded, ``\\n`` only."""
    if not unicodedata.is_normalized("NFC", text):
        text, nfc_map = _nfc(text)
    else:
        nfc_map = None
    builder = TextBuilder()
    position = 0
    for match in _SPECIAL.finditer(text):
        builder.copy(text[position : match.start()], position)
        found = match.group()
        if match["end"] is not None:
            pass  # the end mark is dropped with the space or line break before it
        elif found[0] == "\r" or found == "\x0c":
            builder.insert("\n", match.start())
        elif found in SPACES:
            builder.insert(" ", match.start())
        elif found in LIGATURES:
            builder.insert(LIGATURES[found], match.start())
        # Soft hyphens, zero-width and other control characters are dropped.
        position = match.end()
    builder.copy(text[position:], position)
    result, offsets = builder.build()
    return result, offsets.then(nfc_map) if nfc_map else offsets


def _nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC per base character plus its combining marks, so offsets stay traceable."""
    builder = TextBuilder()
    for match in regex.finditer(r"\P{M}\p{M}*|\p{M}+", text):
        cluster = match.group()
        composed = unicodedata.normalize("NFC", cluster)
        if composed == cluster:
            builder.copy(cluster, match.start())
        else:
            builder.insert(composed, match.start())
    return builder.build()
