"""Statistics of a tokenised ``Doc``: number phrases, labels and statements put together per sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span

from ..models import Qualifier, Unit
from .brackets import mark_bracketed_groups
from .labels import concise_label, distribute_respectively, label_candidate, share_joined_labels
from .numbers import BARE_LEVEL_CUE, find_candidates, parse_number
from .rules import APOSTROPHES, StatisticRules, statistic_rules
from .semantics import (
    ReferenceContext,
    mark_changes,
    mark_periods,
    mark_place_references,
    mark_populations,
    mark_subject_populations,
    resolve_references,
    shared_value_labels,
)
from .sentence import Candidate, SentenceTokens
from .statements import StatementContext, attach_statements, question_clause

__all__ = [
    "APOSTROPHES", "Dropped", "Statistic", "StatisticFinder", "StatisticRules", "parse_number", "statistic_rules",
]

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
    population: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A number phrase that is not a statistic, and why: what ``extractor extract --explain`` shows."""

    start: int
    end: int
    surface: str
    reason: str


class StatisticFinder:
    """Statistics of one article text, read from one doc of it or from docs of its pieces, in order.

    Statements, questions and what a later figure refers back to carry over from sentence to
    sentence, and from piece to piece, but not into a new section: a long article gives what
    one pass over it gives, while each piece's doc can be let go once read. Offsets are into
    ``text``, the whole article.
    """

    def __init__(self, text: str, rules: StatisticRules | None = None, section_starts: Sequence[int] = ()):
        self.text = text
        self.rules = rules or statistic_rules()
        self.section_starts = section_starts
        self.context = StatementContext()
        self.references = ReferenceContext()
        self.section = 0
        self.previous: tuple[Span, int] | None = None  # the last sentence read, and its doc's offset
        # Built only at the end: a later answer may still relabel an earlier statement's share.
        self.labelled: list[tuple[int, int, int, int, Candidate]] = []
        self.dropped: list[Dropped] = []

    def add(self, doc: Doc, spans: list[Span], sentence_starts: list[int] | None = None, offset: int = 0) -> None:
        """Read the sentences of ``doc``, a doc of the article text from ``offset`` on."""
        rules, text = self.rules, self.text
        starts = sentence_starts if sentence_starts is not None else [sent.start for sent in doc.sents]
        by_sentence: dict[int, list[Span]] = {}
        for span in spans:
            # Span.sent walks the whole doc each time; a bisect over sentence starts does not.
            by_sentence.setdefault(starts[bisect_right(starts, span.start) - 1], []).append(span)
        for start, end in zip(starts, starts[1:] + [len(doc)]):
            sent = doc[start:end]
            before, self.previous = self.previous, (sent, offset)
            sent_start, sent_end = offset + sent.start_char, offset + sent.end_char
            section = bisect_right(self.section_starts, sent_start)
            if section != self.section:
                self.section, self.context, self.references = section, StatementContext(), ReferenceContext()
            spans_here = by_sentence.get(start, [])
            if (not spans_here and not rules.statement_cue.search(text, sent_start, sent_end)
                    and not BARE_LEVEL_CUE.search(text, sent_start, sent_end)):
                question = rules.question_cue.search(text, sent_start, sent_end)
                if question:
                    self.context.question = question_clause(text[question.end() : sent_end])
                    self.context.question_end = sent_end
                continue
            self._read(SentenceTokens(sent, rules, text, offset), spans_here, before)

    def _read(self, sentence: SentenceTokens, spans: list[Span], before: tuple[Span, int] | None) -> None:
        rules, text = self.rules, self.text
        candidates = find_candidates(sentence, spans)
        for earlier, candidate in zip(candidates, candidates[1:]):
            candidate.previous_end, candidate.previous_first = earlier.end, earlier.first
        mark_populations(sentence, candidates)
        if before is not None and candidates:
            sent_before, offset_before = before
            mark_place_references(
                sentence, candidates, lambda: SentenceTokens(sent_before, rules, text, offset_before)
            )
        for candidate in candidates:
            label_candidate(sentence, candidate, candidates)
            if len(candidate.labels) < 2:  # quoted answers ('zowel ‘Ja’ als ‘Weet niet’') are found already
                candidate.labels = shared_value_labels(sentence, candidate) or candidate.labels
        share_joined_labels(sentence, candidates)
        mark_bracketed_groups(sentence, candidates)
        mark_subject_populations(sentence, candidates)
        distribute_respectively(sentence, candidates)
        mark_periods(sentence, candidates, self.references)
        mark_changes(sentence, candidates)
        resolve_references(sentence, candidates, self.references)
        attach_statements(sentence, candidates, self.context)
        for candidate in candidates:
            if not candidate.drop:
                last = sentence.tokens[candidate.end - 1]
                self.labelled.append((sentence.tokens[candidate.first].idx, last.end,
                                      sentence.start_char, sentence.end_char, candidate))
        self.dropped.extend(_dropped(sentence, candidates))

    def finish(self) -> tuple[list[Statistic], list[Dropped]]:
        """The statistics found, in text order, and the number phrases dropped."""
        found: list[Statistic] = []
        for start, end, sentence_start, sentence_end, candidate in self.labelled:
            others = sum(len(part.split()) for part in (candidate.population, candidate.period) if part)
            for label in candidate.labels or [""]:
                found.append(
                    Statistic(
                        start=start,
                        end=end,
                        value=candidate.value,
                        unit=candidate.unit,
                        qualifier=candidate.qualifier,
                        label=concise_label(label, self.rules, others),
                        sentence_start=sentence_start,
                        sentence_end=sentence_end,
                        kind=candidate.kind,
                        statement=candidate.statement,
                        low=candidate.low,
                        high=candidate.high,
                        is_agreement=candidate.agreement,
                        population=candidate.population,
                        period=candidate.period,
                    )
                )
        return _drop_restated_fractions(found, self.text, self.dropped), self.dropped


def _dropped(sentence: SentenceTokens, candidates: list[Candidate]) -> list[Dropped]:
    notes = list(sentence.dropped)
    notes += [(c.first, c.end, "a word fraction followed by its own number") for c in candidates if c.drop]
    found = []
    for first, end, reason in notes:
        start, last = sentence.tokens[first].idx, sentence.tokens[end - 1]
        stop = last.end
        found.append(Dropped(start, stop, sentence.doc_text[start:stop], reason))
    return found


def _drop_restated_fractions(found: list[Statistic], text: str, dropped: list[Dropped]) -> list[Statistic]:
    """A word fraction that rounds an earlier exact figure with the same content restates it."""
    kept: list[Statistic] = []
    for stat in found:
        if stat.kind == "FRACTION" and _restates(stat, kept, text):
            dropped.append(Dropped(stat.start, stat.end, text[stat.start : stat.end], "a word fraction rounding a figure given before"))
            continue
        kept.append(stat)
    return kept


def _restates(fraction: Statistic, earlier: list[Statistic], text: str) -> bool:
    context = _content_words(text[fraction.sentence_start : fraction.sentence_end])
    return any(
        stat.kind != "FRACTION"
        and stat.unit == Unit.PERCENT
        and abs(stat.value - fraction.value) <= RESTATEMENT_TOLERANCE
        and stat.population == fraction.population  # a subgroup's share restates nothing of the panel
        and len(_content_words(stat.label) & context) >= RESTATEMENT_SHARED_WORDS
        for stat in earlier
    )


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _LONG_WORD.findall(text.lower()) if w not in statistic_rules().backward_stops)
