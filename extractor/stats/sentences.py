"""Sentence boundaries for article text: end marks, and paragraph breaks."""

from __future__ import annotations

END_MARKS = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({"’", "”", "'", '"', ")"})


def sentence_starts(words: list[str], spaces: list[bool]) -> list[bool]:
    """Whether each token starts a sentence.

    A sentence ends after an end mark (and any closing quotes or brackets) when the next word
    does not start in lower case, and always at a line break: blocks never share a sentence.
    """
    starts = [False] * len(words)
    if words:
        starts[0] = True
    pending = False
    for index, word in enumerate(words):
        if index and pending and not spaces[index] and word not in CLOSERS:
            starts[index] = not word[:1].islower()
            pending = False
        if spaces[index] and "\n" in word:
            if index + 1 < len(words):
                starts[index + 1] = True
            pending = False
        elif word in END_MARKS:
            pending = True
        elif pending and word not in CLOSERS:
            pending = False
    return starts
