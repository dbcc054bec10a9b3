"""Statements answered with (zeer) eens / oneens / neutraal, and the questions answers refer to."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..models import Unit
from .rules import CLOSING_QUOTES, OPENING_QUOTES
from .sentence import Candidate, SentenceTokens

AGREE_LABEL = "(zeer) eens"
DEMONSTRATIVES = frozenset({"die", "dat", "deze", "dit"})


@dataclass(slots=True)
class StatementContext:
    explicit: str | None = None
    implicit: str | None = None
    implicit_source: Candidate | None = None
    implicit_is_newer: bool = False
    question: str | None = None
    question_end: int = 0


def attach_statements(sentence: SentenceTokens, candidates: list[Candidate], context: StatementContext) -> None:
    rules = sentence.rules
    explicit = _explicit_statement(sentence)
    if explicit:
        context.explicit, context.implicit_is_newer = explicit, False
    question = rules.question_cue.search(sentence.raw)
    if question:
        context.question = question_clause(sentence.raw[question.end() :])
        context.question_end = sentence.start_char
    if context.question and "\n" in sentence.doc_text[context.question_end : sentence.start_char]:
        context.question = None  # a question is answered in its own paragraph
    for candidate in candidates:
        if len(candidate.labels) != 1 or not context.question:
            continue
        label = candidate.labels[0]
        answer = rules.answer_words.get(label.lower())
        first_word, _, rest = label.partition(" ")
        if answer:
            # 'Meer dan 60 procent zegt van wel': a yes to the question asked before is its label.
            candidate.labels = [context.question if answer == "ja" else f"{answer}: {context.question}"]
        elif first_word.lower() in DEMONSTRATIVES and rest:
            # 'gevraagd naar een beschrijving. Door 322 ambtenaren is die gegeven.'
            candidate.labels = [f"{context.question} {rest}"]
    refers_back = bool(rules.statement_reference.search(sentence.raw))
    for candidate in candidates:
        if candidate.drop or candidate.unit != Unit.PERCENT:
            continue
        candidate.labels = [
            rules.disagreement_label if rules.disagreement_negation.search(label) else label for label in candidate.labels
        ]
        answers = [rules.agreement.search(label) for label in candidate.labels]
        if not any(answers):
            context.implicit = candidate.labels[0] if candidate.labels else None
            context.implicit_source = candidate
            context.implicit_is_newer = True
            continue
        candidate.agreement = True
        candidate.labels = [_answer(m.group()) if m else label for m, label in zip(answers, candidate.labels)]
        statement = explicit
        if statement is None:
            if refers_back and context.implicit_is_newer and context.implicit:
                statement = context.implicit
                source = context.implicit_source
                if source is not None and not source.agreement:
                    # 'X procent vindt dat ...' answered by 'hier (zeer) mee oneens': X agreed.
                    source.statement, source.labels, source.agreement = statement, [AGREE_LABEL], True
            else:
                statement = context.explicit
        candidate.statement = statement


def question_clause(text: str) -> str:
    """The clause a question cue introduces: up to its comma or end mark."""
    return " ".join(regex.split(r"[,;:.?!]", text, maxsplit=1)[0].split())


def _answer(text: str) -> str:
    """'het (zeer) mee oneens' -> '(zeer) oneens'."""
    words = [w for w in text.split() if w.lower() not in ("mee", "het")]
    return " ".join(words)


def _explicit_statement(sentence: SentenceTokens) -> str | None:
    """The statement a sentence quotes or paraphrases after 'stelling'."""
    rules = sentence.rules
    lowers = sentence.lowers
    for index, word in enumerate(lowers):
        if word not in rules.statement_cues:
            continue
        following = index + 1
        if following < len(lowers) and sentence.tokens[following].text[:1] in OPENING_QUOTES:
            close = following + 1
            while close < len(lowers) and sentence.tokens[close].text[:1] not in CLOSING_QUOTES:
                close += 1
            return sentence.text(following + 1, close) or None
        if following < len(lowers) and lowers[following] in ("dat", "of", ":"):
            end = following + 1
            while end < len(lowers) and end not in sentence.starts and lowers[end] not in (",", ";", "."):
                end += 1
            while end > following + 1 and lowers[end - 1] in rules.backward_stops | {"geeft", "zegt", "vindt"}:
                end -= 1
            return sentence.text(following + 1, end) or None
    return None
