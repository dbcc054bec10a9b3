"""Statistics of a tokenised ``Doc``: number phrases, labels and statements put together per sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from spacy.tokens import Doc, Span

from ..models import Qualifier, Unit
from .labels import distribute_respectively, label_candidate
from .numbers import find_candidates, parse_number
from .rules import APOSTROPHES, StatisticRules, statistic_rules
from .sentence import Candidate, SentenceTokens
from .statements import StatementContext, attach_statements, question_clause

__all__ = ["APOSTROPHES", "Statistic", "StatisticRules", "find_statistics", "parse_number", "statistic_rules"]

_LONG_WORD = regex.compile(r"\p{L}{4,}")
# A word fraction within this many points of an earlier figure, sharing this many content
# words with its label, rounds that figure off rather than reporting a new one.
RESTATEMENT_TOLERANCE = 2.5
RESTATEMENT_SHARED_WORDS = 2


@dataclass(slots=True)
class Statistic:
    """A statistic found in a ``Doc``: character offsets into the doc text."""

    start: int
    end: int
    value: float
    unit: Unit
    qualifier: Qualifier | None
    label: str
    sentence_start: int
    sentence_end: int
    kind: str
    statement: str | None = None
    low: float | None = None
    high: float | None = None
    is_agreement: bool = False


def find_statistics(
    doc: Doc,
    spans: list[Span],
    rules: StatisticRules | None = None,
    sentence_starts: list[int] | None = None,
    text: str | None = None,
    section_starts: Sequence[int] = (),
) -> list[Statistic]:
    """All statistics of ``doc`` from the number-phrase ``spans`` the pattern matcher found.

    Statements and questions carry over from sentence to sentence, but not into a new section.
    """
    rules = rules or statistic_rules()
    context = StatementContext()
    found: list[Statistic] = []
    text = text if text is not None else doc.text
    starts = sentence_starts if sentence_starts is not None else [sent.start for sent in doc.sents]
    sentences = [doc[start:end] for start, end in zip(starts, starts[1:] + [len(doc)])]
    by_sentence: dict[int, list[Span]] = {}
    for span in spans:
        # Span.sent walks the whole doc each time; a bisect over sentence starts does not.
        by_sentence.setdefault(starts[bisect_right(starts, span.start) - 1], []).append(span)
    labelled: list[tuple[SentenceTokens, Candidate]] = []
    section = 0
    for sent in sentences:
        if bisect_right(section_starts, sent.start_char) != section:
            section = bisect_right(section_starts, sent.start_char)
            context = StatementContext()
        spans_here = by_sentence.get(sent.start, [])
        if not spans_here and not rules.statement_cue.search(text, sent.start_char, sent.end_char):
            question = rules.question_cue.search(text, sent.start_char, sent.end_char)
            if question:
                context.question = question_clause(text[question.end() : sent.end_char])
                context.question_end = sent.end_char
            continue
        sentence = SentenceTokens(sent, rules, text)
        candidates = find_candidates(sentence, spans_here)
        for candidate in candidates:
            label_candidate(sentence, candidate, candidates)
        distribute_respectively(sentence, candidates)
        attach_statements(sentence, candidates, context)
        labelled.extend((sentence, c) for c in candidates if not c.drop)
    # Built only now: a later answer may still relabel an earlier statement's share.
    for sentence, candidate in labelled:
        start = sentence.tokens[candidate.first].idx
        last = sentence.tokens[candidate.end - 1]
        for label in candidate.labels or [""]:
            found.append(
                Statistic(
                    start=start,
                    end=last.idx + len(last),
                    value=candidate.value,
                    unit=candidate.unit,
                    qualifier=candidate.qualifier,
                    label=label,
                    sentence_start=sentence.sent.start_char,
                    sentence_end=sentence.sent.end_char,
                    kind=candidate.kind,
                    statement=candidate.statement,
                    low=candidate.low,
                    high=candidate.high,
                    is_agreement=candidate.agreement,
                )
            )
    return _drop_restated_fractions(found, text)


def _drop_restated_fractions(found: list[Statistic], text: str) -> list[Statistic]:
    """A word fraction that rounds an earlier exact figure with the same content restates it."""
    kept: list[Statistic] = []
    for stat in found:
        context = _content_words(text[stat.sentence_start : stat.sentence_end])
        if stat.kind == "FRACTION" and any(
            earlier.kind != "FRACTION"
            and earlier.unit == Unit.PERCENT
            and abs(earlier.value - stat.value) <= RESTATEMENT_TOLERANCE
            and len(_content_words(earlier.label) & context) >= RESTATEMENT_SHARED_WORDS
            for earlier in kept
        ):
            continue
        kept.append(stat)
    return kept


def _content_words(text: str) -> set[str]:
    return {w for w in _LONG_WORD.findall(text.lower()) if w not in statistic_rules().backward_stops}
