"""Number phrases: values, units, qualifiers, coordinated numbers, and what is not a statistic."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.tokens import Span

from ..datafiles import load_json, require_keys
from ..models import Qualifier, Unit
from .rules import StatisticRules, statistic_rules
from .sentence import Candidate, SentenceTokens, is_noun, is_verb

NON_STATISTICS_FILE = "non_statistics.json"
TOO_LARGE = "number too large to represent"

_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = regex.compile(r"\d+(?:,\d+)?")
_COMPOUND_NUMBER = regex.compile(r"(\p{L}+?)(?:en|ën)(\p{L}+)")


def parse_number(text: str, rules: StatisticRules | None = None) -> float | None:
    """A Dutch number: ``12,5`` -> 12.5, ``1.204`` -> 1204, ``vijf`` -> 5, ``vijfentwintig`` -> 25."""
    rules = rules or statistic_rules()
    lower = text.lower()
    if _THOUSANDS.fullmatch(lower):
        return _finite(float(lower.replace(".", "")))
    if _DECIMAL.fullmatch(lower):
        return _finite(float(lower.replace(",", ".")))
    if lower in rules.number_words:
        return float(rules.number_words[lower])
    compound = _COMPOUND_NUMBER.fullmatch(lower)
    if compound and compound[1] in rules.number_words and compound[2] in rules.number_words:
        return float(rules.number_words[compound[1]] + rules.number_words[compound[2]])
    return None


def _finite(value: float) -> float | None:
    """Infinity, kept as a marker, for a number too large for a float ('2' and 308 zeros)."""
    return value if math.isfinite(value) else math.inf

# What joins a bare number to the figure whose unit it shares ('8 en 12 procent', '54 versus 42').
CONTRAST_JOINERS = frozenset({",", "versus", "vs.", "tegen", "tegenover"})
BARE_LEVEL_LEADS = frozenset({"naar", "tot", "op"})
SHARE_NOUNS = frozenset({"percentage", "aandeel", "procent"})
# Only a cue: ``_with_bare_levels`` decides. A sentence with 'procent' holds a figure already.
BARE_LEVEL_CUE = regex.compile(
    rf"\b(?:{'|'.join(sorted(SHARE_NOUNS - {'procent'}))})\b[^.!?;]*?\b(?:{'|'.join(sorted(BARE_LEVEL_LEADS))})\s+\d",
    regex.IGNORECASE,
)
"""A sentence that may hold a bare level and nothing else: 'Bij medewerkers ligt dat percentage op 64.'"""
BARE_LEVEL_FOLLOWERS = frozenset({"in", "nu", "inmiddels", "dit", "vorig", "een"})


@dataclass(frozen=True, slots=True)
class NonStatisticRules:
    context_words: frozenset[str]
    context_window: int
    context_suffixes: tuple[str, ...]
    followers: frozenset[str]
    range_leads: frozenset[str]
    age_words: frozenset[str]
    years: tuple[int, int]
    magnitude_units: frozenset[str]
    money_words: frozenset[str]


@lru_cache(maxsize=1)
def non_statistic_rules() -> NonStatisticRules:
    data = require_keys(
        NON_STATISTICS_FILE,
        load_json(NON_STATISTICS_FILE),
        {
            "context_words", "context_window", "context_suffixes", "followers", "range_leads", "age_words",
            "year_range", "magnitude_units", "money_words",
        },
    )
    return NonStatisticRules(
        context_words=frozenset(data["context_words"]),
        context_window=data["context_window"],
        context_suffixes=tuple(data["context_suffixes"]),
        followers=frozenset(data["followers"]),
        range_leads=frozenset(data["range_leads"]),
        age_words=frozenset(data["age_words"]),
        years=tuple(data["year_range"]),
        magnitude_units=frozenset(data["magnitude_units"]),
        money_words=frozenset(data["money_words"]),
    )


def is_year(word: str) -> bool:
    low, high = non_statistic_rules().years
    return word.isdigit() and len(word) == 4 and low <= int(word) <= high


def find_candidates(sentence: SentenceTokens, spans: list[Span]) -> list[Candidate]:
    """The number phrases of a sentence that are statistics; the others go to ``sentence.dropped``."""
    rules = sentence.rules
    position = {token.i: index for index, token in enumerate(sentence.tokens)}
    quoted = _quoted_tokens(sentence)
    candidates: list[Candidate] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.start not in position or span.end - 1 not in position:
            continue
        first, end = position[span.start], position[span.end - 1] + 1
        if first in quoted:
            sentence.drop(first, end, "inside quotation marks")
            continue
        candidate = _make_candidate(sentence, span.label_, first, end)
        if candidate is None:
            continue
        if math.isinf(candidate.value):
            sentence.drop(first, end, TOO_LARGE)
            continue
        qualifier = sentence.ends_with(first, rules.qualifier_phrases)
        if qualifier:
            # A range is approximate whatever precedes it; the words still belong to its surface.
            if candidate.kind != "PERCENT_RANGE":
                candidate.qualifier = rules.qualifiers[qualifier]
            candidate.first = first - len(qualifier)
        if _is_restatement(sentence, candidate):
            sentence.drop(candidate.first, candidate.end, "refers back to a share reported before")
            continue
        reason = _non_statistic(sentence, candidate, candidates)
        if reason:
            sentence.drop(candidate.first, candidate.end, reason)
            continue
        candidates.extend(_coordinated(sentence, candidate))
        candidates.append(candidate)
    candidates = _with_bare_levels(sentence, candidates)
    for candidate in candidates:
        sentence.starts.add(candidate.first)
    _drop_fractions_with_numbers(sentence, candidates)
    return candidates


def joiners_of(rules: StatisticRules) -> frozenset[str]:
    return rules.list_conjunctions | CONTRAST_JOINERS


def _with_bare_levels(sentence: SentenceTokens, candidates: list[Candidate]) -> list[Candidate]:
    """'vorig jaar was dat percentage gegroeid naar 73.': in a sentence with a statistic, a bare
    level after 'naar' or 'tot' is a share when the sentence speaks of one (a percentage before
    it, or 'percentage', 'aandeel'), unless a noun follows ('naar 12 uur')."""
    rules = sentence.rules
    lowers = sentence.lowers
    taken = {i for c in candidates for i in range(c.first, c.end)}
    # Where a share is first spoken of: a percentage, or a share noun.
    first_share = min(
        [c.end for c in candidates if c.unit == Unit.PERCENT]
        + [i + 1 for i, w in enumerate(lowers) if w in SHARE_NOUNS] + [len(lowers) + 1]
    )
    added = []
    for index in range(1, len(lowers)):
        if lowers[index - 1] not in BARE_LEVEL_LEADS or index in taken or is_year(lowers[index]):
            continue
        if first_share > index or not lowers[index][:1].isdigit():
            continue
        value = parse_number(lowers[index], rules)
        after = lowers[index + 1] if index + 1 < len(lowers) else "."
        if value is not None and 0 < value <= 100 and (not after.isalnum() or after in BARE_LEVEL_FOLLOWERS):
            added.append(Candidate("PERCENT", index, index, index + 1, value, Unit.PERCENT))
    return sorted(candidates + added, key=lambda c: c.first) if added else candidates


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
        if value is not None and len(lowers) > 1 and lowers[1] in rules.multipliers:
            value *= rules.multipliers[lowers[1]]  # '5 miljoen Nederlanders', '2,5 duizend leden'
        if value is not None and math.isinf(value):
            return Candidate(kind, first, first, end, value, Unit.COUNT)
        if value is not None and lowers[-1] in rules.multipliers:
            reason = _not_a_head_count(sentence, end)
            if reason:
                sentence.drop(first, end, reason)
                return None
        if value is None or value < 2 or (value.is_integer() is False):
            if value is not None:
                sentence.drop(first, end, "not a whole number of people")
            return None
        if is_year(lowers[0]) and first > 0 and sentence.lowers[first - 1] in non_statistic_rules().range_leads | {"in", "sinds"}:
            sentence.drop(first, end, "a year")
            return None
        return Candidate(kind, first, first, end, value, Unit.COUNT)
    if kind == "FRACTION":
        if sentence.ends_with(first, rules.fraction_negations):
            sentence.drop(first, end, "a comparison ('niet eens de helft'), not a share")
            return None
        phrase = " ".join(lowers)
        if lowers[1:2] == ["van"] and len(lowers) == 4 and not _starts_a_predicate(sentence, end):
            sentence.drop(first, end, "a part of something else than the respondents ('drie van de vier dagen')")
            return None
        if lowers[1:2] == ["van"]:
            # 'drie van de tien (betrokken) ambtenaren': the noun told it apart, the surface ends at 'tien'.
            end -= len(lowers) - 4
            lowers = lowers[:4]
        if lowers[1:2] in (["op"], ["van"]):
            numerator, denominator = parse_number(lowers[0], rules), parse_number(lowers[-1], rules)
            if not numerator or not denominator or numerator >= denominator:
                return None
            value = round(100 * numerator / denominator, 1)
        else:
            value = rules.fractions.get(phrase)
            if value is not None and _followed_by_noun(sentence, end):
                sentence.drop(first, end, "an ordinal with its noun ('een derde partij')")
                return None
            if value is None:
                return None
        return Candidate(kind, first, first, end, float(value), Unit.PERCENT)
    return None


def _starts_a_predicate(sentence: SentenceTokens, index: int) -> bool:
    """'Van hen vinden negen van de tien zo'n oefening nuttig': no noun after the fraction, so it
    counts the group named before; 'drie van de vier dagen' counts days."""
    if index >= len(sentence.lowers):
        return True
    word = sentence.lowers[index]
    return word not in non_statistic_rules().magnitude_units and not (word.isalpha() and is_noun(word))


def _followed_by_noun(sentence: SentenceTokens, index: int) -> bool:
    """'een derde partij' is an ordinal with its noun, not the fraction 'een derde'."""
    if index >= len(sentence.tokens):
        return False
    word = sentence.lowers[index]
    if word in sentence.rules.respondent_nouns or word in sentence.rules.finite_verbs or not word.isalpha():
        return False  # 'een kwart weet het niet': the word list takes some verb forms for nouns
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
    if index >= 2 and sentence.lowers[index] == "naar" and sentence.lowers[index - 2] == "van":
        # 'daalde van 52 naar 45 procent': the first number shares the unit of the second.
        value = parse_number(sentence.lowers[index - 1], rules)
        if value is not None and not is_year(sentence.lowers[index - 1]):
            return [Candidate("PERCENT", index - 1, index - 1, index, value, Unit.PERCENT)]
    joiners = joiners_of(rules)
    if index < 1 or sentence.lowers[index] not in joiners:
        return []
    while index >= 1 and sentence.lowers[index] in joiners:
        value = parse_number(sentence.lowers[index - 1], rules)
        if value is None or sentence.lowers[index - 1] in ("een", "één"):
            break
        reason = _not_a_share(sentence, index - 1)
        if reason:
            # 'tussen de 40 en 65 en 5 procent': every bare number of the band goes with it.
            for member in found:
                sentence.drop(member.first, member.end, reason)
            sentence.drop(index - 1, index, reason)
            return []
        found.append(Candidate("PERCENT", index - 1, index - 1, index, value, Unit.PERCENT))
        index -= 2
    if found and index >= 0 and sentence.lowers[index] in ("tussen", "van"):
        return []
    return list(reversed(found))


def _drop_fractions_with_numbers(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'bijna de helft (49 procent)', 'Ruim de helft, 52 procent, is ...': the exact number replaces it."""
    for candidate in candidates:
        if candidate.kind != "FRACTION":
            continue
        index = skip_group(sentence, candidate.end)
        if index < len(sentence.tokens) and sentence.lowers[index] in ("(", ","):
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
    if index < len(lowers) and (lowers[index] in rules.respondent_nouns or lowers[index] in rules.counted_nouns):
        return index + 1
    return start


def _not_a_head_count(sentence: SentenceTokens, end: int) -> str | None:
    """'tot 3,8 miljoen' counts the people the sentence is about; '5 miljoen euro' or a budget does not."""
    rules = non_statistic_rules()
    lowers = sentence.lowers
    after = lowers[end] if end < len(lowers) else ""
    if after in rules.magnitude_units or (after.isalpha() and after not in sentence.rules.lead_in_prepositions
                                          and after not in sentence.rules.list_conjunctions
                                          and after not in sentence.rules.finite_verbs):
        return f"a count of '{after}', not of people"
    money = sentence.last_before(len(lowers), rules.money_words)
    if money is not None:
        return f"an amount of money ('{lowers[money]}')"
    return None


def _not_a_share(sentence: SentenceTokens, index: int) -> str | None:
    """A bare number before a percentage that is an age, the end of a range, or a year."""
    rules = non_statistic_rules()
    lowers = sentence.lowers
    before = lowers[index - 1] if index > 0 else ""
    before2 = lowers[index - 2] if index > 1 else ""
    if is_year(lowers[index]):
        return "a year"
    if before in rules.range_leads or (before == "de" and before2 in rules.range_leads):
        return "the end of an age band or range ('onder de 40')"
    if index + 1 < len(lowers) and lowers[index + 1] in rules.age_words:
        return "an age"
    return None


def _non_statistic(sentence: SentenceTokens, candidate: Candidate, candidates: list[Candidate]) -> str | None:
    """Pay, tax, policy targets and other facts that are no survey result, told by the words around."""
    rules = non_statistic_rules()
    lowers = sentence.lowers
    # Candidates come in reading order: the last one found is the one before.
    before = candidates[-1].end if candidates and candidates[-1].end <= candidate.first else 0
    start = max(before, candidate.first - rules.context_window, 0)
    if candidate.unit == Unit.COUNT and lowers[candidate.end - 1] in sentence.rules.respondent_nouns:
        start = candidate.first  # 'het onderzoek van de minister, waaraan 30.000 ambtenaren meewerkten'
    for word in lowers[start : candidate.first]:
        if word in rules.context_words or any(word.endswith(s) and len(word) > len(s) + 2 for s in rules.context_suffixes):
            return f"not a survey result: '{word}' before it"
    index = candidate.end
    if index < len(lowers) and lowers[index] == "van":
        index += 1
        while index < len(lowers) and lowers[index] in ("de", "het", "hun", "zijn", "haar"):
            index += 1
    if index < len(lowers) and lowers[index] in rules.followers:
        return f"not a survey result: a share of '{lowers[index]}'"
    return None
