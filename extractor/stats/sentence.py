"""A token view of one sentence, and the number-phrase candidates found in it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from spacy.tokens import Span

from ..models import Qualifier, Unit
from ..text.lexicon import dutch_lexicon
from .rules import APOSTROPHES, Phrases, StatisticRules


WORDS_KEY = "extractor.words"
"""Where ``doc.user_data`` may keep every token's text and start offset (``Token`` objects cost
more to make than the rest of the work on a sentence)."""


class Word(NamedTuple):
    """What the rules read of a token: its index in the doc, start offset and text."""

    i: int
    idx: int
    text: str

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


def doc_words(sent: Span) -> tuple[list[str], list[int]]:
    """Every token's text and start offset in the doc of ``sent``, kept there once made."""
    doc = sent.doc
    found = doc.user_data.get(WORDS_KEY)
    if found is None:
        found = doc.user_data[WORDS_KEY] = ([t.text for t in doc], [t.idx for t in doc])
    return found


@dataclass(slots=True)
class Candidate:
    """A number phrase of one sentence on its way to becoming one or more statistics."""

    kind: str
    first: int  # token index in the sentence list, qualifier included
    number: int  # first token of the number phrase itself
    end: int  # exclusive
    value: float
    unit: Unit
    qualifier: Qualifier | None = None
    low: float | None = None
    high: float | None = None
    labels: list[str] = field(default_factory=list)
    statement: str | None = None
    agreement: bool = False
    drop: bool = False
    population: str | None = None
    period: str | None = None
    group_end: int = 0  # end of a group named right after the number ('van de 55-plussers')
    lead: tuple[int, int] | None = None  # a group named before it ('Onder jongeren'), its tokens
    previous_end: int = 0  # end of the statistic before it in the sentence, else 0
    previous_first: int = -1  # and where that one starts


_OPENING_QUOTE = regex.compile(r"[‘“'\"]")


class SentenceTokens:
    """Token view of one sentence with helpers for looking around a number phrase."""

    def __init__(self, sent: Span, rules: StatisticRules, doc_text: str, offset: int = 0):
        """``sent`` is a sentence of a doc of ``doc_text`` from ``offset`` on (the article may
        be read in pieces); every offset here is into ``doc_text``."""
        self.doc_text = doc_text  # Doc.text is rebuilt from the tokens at every access
        texts, starts = doc_words(sent)
        word = tuple.__new__  # the NamedTuple's own __new__ is one more Python call per token
        self.tokens = [word(Word, (i, offset + starts[i], texts[i])) for i in range(sent.start, sent.end)
                       if not texts[i].isspace()]
        self.lowers = [w.text.lower().translate(APOSTROPHES) for w in self.tokens]
        self.rules = rules
        self.sent = sent
        self.start_char, self.end_char = offset + sent.start_char, offset + sent.end_char
        self.raw = doc_text[self.start_char : self.end_char]  # Span.text walks the tokens
        self.starts: set[int] = set()
        quote = _OPENING_QUOTE.search(self.raw)
        self.first_quote = self.start_char + quote.start() if quote else None
        self.dropped: list[tuple[int, int, str]] = []
        self._positions: dict[frozenset[str], list[int]] = {}

    def last_before(self, index: int, words: frozenset[str], first: int = 0) -> int | None:
        """The last token in ``first:index`` that is one of ``words``, found by bisect (a sentence
        may hold thousands of statistics, each looking back)."""
        positions = self._positions.get(words)
        if positions is None:
            positions = self._positions[words] = [i for i, w in enumerate(self.lowers) if w in words]
        at = bisect_left(positions, index) - 1
        return positions[at] if at >= 0 and positions[at] >= first else None

    def in_brackets(self, first: int, end: int) -> bool:
        """Tokens ``first:end`` stand between brackets: 'gemeente (26 procent)'."""
        return first >= 1 and self.lowers[first - 1] == "(" and end < len(self.lowers) and self.lowers[end] == ")"

    def drop(self, first: int, end: int, reason: str) -> None:
        """Note a number phrase (tokens ``first:end``) that is not a statistic, and why."""
        self.dropped.append((first, end, reason))

    def ends_with(self, index: int, phrases: Phrases) -> tuple[str, ...] | None:
        """The phrase among ``phrases`` that ends right before token ``index``."""
        if index < 1:
            return None
        for phrase in phrases.by_last.get(self.lowers[index - 1], ()):
            size = len(phrase)
            if size <= index and tuple(self.lowers[index - size : index]) == phrase:
                return phrase
        return None

    def starts_with(self, index: int, phrases: Phrases) -> tuple[str, ...] | None:
        if index >= len(self.lowers):
            return None
        for phrase in phrases.by_first.get(self.lowers[index], ()):
            if tuple(self.lowers[index : index + len(phrase)]) == phrase:
                return phrase
        return None

    def text(self, first: int, end: int) -> str:
        if first >= end:
            return ""
        raw = self.doc_text[self.tokens[first].idx : self.tokens[end - 1].end]
        return " ".join(raw.split())


def is_noun(word: str) -> bool:
    return dutch_lexicon().is_noun(word)


def is_verb(word: str) -> bool:
    return dutch_lexicon().is_verb(word)


def is_finite_verb(word: str, rules: StatisticRules) -> bool:
    """'is', 'werkt', 'zegt': a verb form that ends a noun phrase before it."""
    if word in rules.finite_verbs:
        return True
    # The word list calls some function words verbs too ('de').
    function_word = word in rules.determiners or word in rules.lead_in_prepositions
    return not function_word and is_verb(word) and not is_noun(word)
