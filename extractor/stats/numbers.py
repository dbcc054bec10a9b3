"""Number phrases: values, units, qualifiers, coordinated numbers, and what is not a statistic."""

from __future__ import annotations

import regex
from spacy.tokens import Span

from ..models import Qualifier, Unit
from .rules import StatisticRules, statistic_rules
from .sentence import Candidate, SentenceTokens, is_noun, is_verb

_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = regex.compile(r"\d+(?:,\d+)?")
_COMPOUND_NUMBER = regex.compile(r"(\p{L}+?)(?:en|ën)(\p{L}+)")


def parse_number(text: str, rules: StatisticRules | None = None) -> float | None:
    """A Dutch number: ``12,5`` -> 12.5, ``1.204`` -> 1204, ``vijf`` -> 5, ``vijfentwintig`` -> 25."""
    rules = rules or statistic_rules()
    lower = text.lower()
    if _THOUSANDS.fullmatch(lower):
        return float(lower.replace(".", ""))
    if _DECIMAL.fullmatch(lower):
        return float(lower.replace(",", "."))
    if lower in rules.number_words:
        return float(rules.number_words[lower])
    compound = _COMPOUND_NUMBER.fullmatch(lower)
    if compound and compound[1] in rules.number_words and compound[2] in rules.number_words:
        return float(rules.number_words[compound[1]] + rules.number_words[compound[2]])
    return None


def find_candidates(sentence: SentenceTokens, spans: list[Span]) -> list[Candidate]:
    rules = sentence.rules
    position = {token.i: index for index, token in enumerate(sentence.tokens)}
    quoted = _quoted_tokens(sentence)
    candidates: list[Candidate] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.start not in position or span.end - 1 not in position or position[span.start] in quoted:
            continue
        first, end = position[span.start], position[span.end - 1] + 1
        candidate = _make_candidate(sentence, span.label_, first, end)
        if candidate is None:
            continue
        qualifier = sentence.ends_with(first, rules.qualifier_phrases)
        if qualifier:
            # A range is approximate whatever precedes it; the words still belong to its surface.
            if candidate.kind != "PERCENT_RANGE":
                candidate.qualifier = rules.qualifiers[qualifier]
            candidate.first = first - len(qualifier)
        if _is_restatement(sentence, candidate):
            continue
        candidates.extend(_coordinated(sentence, candidate))
        candidates.append(candidate)
    for candidate in candidates:
        sentence.starts.add(candidate.first)
    _drop_fractions_with_numbers(sentence, candidates)
    return candidates


def _quoted_tokens(sentence: SentenceTokens) -> set[int]:
    """Tokens inside curly quotes: quoted speech and statements hold no statistics."""
    inside: set[int] = set()
    depth = 0
    for index, token in enumerate(sentence.tokens):
        if token.text in ("‘", "“"):
            depth += 1
        elif token.text in ("’", "”") and depth:
            depth -= 1
        elif depth:
            inside.add(index)
    return inside


def _make_candidate(sentence: SentenceTokens, kind: str, first: int, end: int) -> Candidate | None:
    rules = sentence.rules
    lowers = sentence.lowers[first:end]
    if kind == "PERCENT":
        value = parse_number(lowers[0], rules)
        return None if value is None else Candidate(kind, first, first, end, value, Unit.PERCENT)
    if kind == "PERCENT_RANGE":
        numbers = [v for v in (parse_number(w, rules) for w in lowers) if v is not None]
        if len(numbers) != 2 or numbers[0] >= numbers[1]:
            return None
        low, high = numbers
        return Candidate(
            kind, first, first, end, round((low + high) / 2, 2), Unit.PERCENT, Qualifier.APPROX, low, high
        )
    if kind == "COUNT":
        value = parse_number(lowers[0], rules)
        if value is None or value < 2 or (value.is_integer() is False):
            return None
        return Candidate(kind, first, first, end, value, Unit.COUNT)
    if kind == "FRACTION":
        if sentence.ends_with(first, rules.fraction_negations):
            return None
        phrase = " ".join(lowers)
        if lowers[1:2] == ["van"]:
            # 'drie van de tien ambtenaren': the noun told it apart, the surface ends at 'tien'.
            end -= 1
            lowers = lowers[:-1]
        if lowers[1:2] in (["op"], ["van"]):
            numerator, denominator = parse_number(lowers[0], rules), parse_number(lowers[-1], rules)
            if not numerator or not denominator or numerator >= denominator:
                return None
            value = round(100 * numerator / denominator, 1)
        else:
            value = rules.fractions.get(phrase)
            if value is None or _followed_by_noun(sentence, end):
                return None
        return Candidate(kind, first, first, end, float(value), Unit.PERCENT)
    return None


def _followed_by_noun(sentence: SentenceTokens, index: int) -> bool:
    """'een derde partij' is an ordinal with its noun, not the fraction 'een derde'."""
    if index >= len(sentence.tokens):
        return False
    word = sentence.lowers[index]
    if word in sentence.rules.respondent_nouns or not word.isalpha():
        return False
    return is_noun(word) and not is_verb(word)


def _is_restatement(sentence: SentenceTokens, candidate: Candidate) -> bool:
    """'Aan de 55 procent die aangeeft ...' refers back to a reported share."""
    rules = sentence.rules
    before = candidate.first - 1
    if before < 0 or sentence.lowers[before] not in rules.restatement_determiners:
        return False
    if sentence.ends_with(candidate.first, rules.qualifier_phrases):
        return False
    window = sentence.lowers[candidate.end : candidate.end + 7]
    return any(word in rules.relative_pronouns for word in window)


def _coordinated(sentence: SentenceTokens, candidate: Candidate) -> list[Candidate]:
    """'8 en 12 procent', '5, 8 en 12 procent': bare numbers sharing the unit of the last one."""
    if candidate.kind != "PERCENT":
        return []
    rules = sentence.rules
    found: list[Candidate] = []
    index = candidate.first - 1
    joiners = rules.list_conjunctions | {","}
    if index < 1 or sentence.lowers[index] not in joiners:
        return []
    while index >= 1 and sentence.lowers[index] in joiners:
        value = parse_number(sentence.lowers[index - 1], rules)
        if value is None or sentence.lowers[index - 1] in ("een", "één"):
            break
        found.append(Candidate("PERCENT", index - 1, index - 1, index, value, Unit.PERCENT))
        index -= 2
    if found and index >= 0 and sentence.lowers[index] in ("tussen", "van"):
        return []
    return list(reversed(found))


def _drop_fractions_with_numbers(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'bijna de helft (49 procent)': the exact number in brackets replaces the word fraction."""
    for candidate in candidates:
        if candidate.kind != "FRACTION":
            continue
        index = skip_group(sentence, candidate.end)
        if index < len(sentence.tokens) and sentence.lowers[index] == "(":
            if any(other.first in (index + 1, index + 2) for other in candidates if other is not candidate):
                candidate.drop = True


def _is_respondent(word: str, rules: StatisticRules) -> bool:
    """'ambtenaren', and compounds such as 'rijksambtenaren' or 'gemeentemedewerkers'."""
    return word in rules.respondent_nouns or any(
        word.endswith(noun) and len(word) > len(noun) + 2 for noun in rules.respondent_nouns if len(noun) > 6
    )


def skip_group(sentence: SentenceTokens, index: int) -> int:
    """Skip 'van de (ondervraagde) ambtenaren' or 'ambtenaren' after a number phrase."""
    rules = sentence.rules
    lowers = sentence.lowers
    start = index
    if index < len(lowers) and lowers[index] == "van":
        index += 1
        while index < len(lowers) and lowers[index] in ("de", "het", "alle", "hen", "hun", "deze", "die"):
            index += 1
        for offset in range(3):
            word = lowers[index + offset] if index + offset < len(lowers) else ""
            if _is_respondent(word, rules) or word in rules.group_nouns:
                return index + offset + 1
        if index > start + 1 and lowers[index - 1] in ("hen",):
            return index
        return start
    if index < len(lowers) and lowers[index] in rules.respondent_nouns:
        return index + 1
    return start
