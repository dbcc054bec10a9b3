"""Groups compared in brackets: 'Vrouwen (38 procent) ervaren dit vaker dan mannen (29 procent)'."""

from __future__ import annotations

from .labels import trim_label
from .semantics import PUNCTUATION, construction_rules, group_phrase, names_the_panel, phrase_start, population_text
from .sentence import Candidate, SentenceTokens

GROUP_JOINERS = frozenset({"dan", "en", "of", "tegen", "tegenover", "versus", "maar"})
"""Words between two groups compared in one sentence."""


def mark_bracketed_groups(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """A group named right before a figure's bracket is whom the figure is about, and what the
    sentence says after the first such bracket is the label of them all.

    'Vrouwen (38 procent) ervaren dit vaker dan mannen (29 procent)': 38 percent of women and
    29 percent of men 'ervaren dit vaker'. A label that is only its own group (the words before
    the bracket) gives way to that predicate.
    """
    lowers = sentence.lowers
    prepositions = construction_rules().prepositions
    grouped: list[tuple[Candidate, str]] = []
    for candidate in candidates:
        if not sentence.in_brackets(candidate.first, candidate.end):
            continue
        bracket = candidate.first - 1
        first = phrase_start(sentence, bracket, GROUP_JOINERS)
        if first == bracket or lowers[first] in prepositions:
            continue  # 'Van de deelnemers met een leidinggevende functie (17 procent)': that group's share
        if group_phrase(sentence, first, bracket) != bracket or names_the_panel(sentence, first, bracket):
            continue  # 'De meeste ambtenaren (64 procent)': the panel itself
        group = population_text(sentence, first, bracket)
        if group:
            grouped.append((candidate, group))
    if not grouped:
        return
    opening = grouped[0][0]
    start = stop = opening.end + 1
    while stop < len(lowers) and lowers[stop] not in GROUP_JOINERS and lowers[stop] not in PUNCTUATION:
        stop += 1
    predicate = trim_label(sentence, start, stop)
    if not predicate:
        return  # 'werkzaam bij een gemeente (26 procent), provincie (6 procent)': answers, not groups
    for candidate, group in grouped:
        candidate.population = candidate.population or group
        label = candidate.labels[0].lower() if len(candidate.labels) == 1 else None
        if label is not None and label.endswith(group.lower()):
            candidate.labels = [predicate]
