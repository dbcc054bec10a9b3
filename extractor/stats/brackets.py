"""Groups compared in brackets: 'Vrouwen (38 procent) ervaren dit vaker dan mannen (29 procent)'."""

from __future__ import annotations

from .labels import trim_label
from .semantics import PUNCTUATION, construction_rules, group_phrase, population_text
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
    grouped: list[tuple[Candidate, str]] = []
    for candidate in candidates:
        bracket, close = candidate.first - 1, candidate.end
        if bracket < 1 or lowers[bracket] != "(" or close >= len(lowers) or lowers[close] != ")":
            continue
        first = bracket
        while (first > 0 and lowers[first - 1] not in PUNCTUATION and lowers[first - 1] not in GROUP_JOINERS
               and first - 1 not in sentence.starts):
            first -= 1
        if first == bracket or lowers[first] in construction_rules().prepositions:
            continue  # 'Van de deelnemers met een leidinggevende functie (17 procent)': that group's share
        if group_phrase(sentence, first, bracket) != bracket:
            continue
        rules = construction_rules()
        if any(w in rules.quantity_words or w in sentence.rules.group_nouns for w in lowers[first:bracket]):
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
