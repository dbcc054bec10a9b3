"""The statistic rules: number words, qualifiers, label and statement lexicons, loaded from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..datafiles import load_json, require_keys
from ..models import Qualifier

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
OPENING_QUOTES = "‘“„‚«'\""
CLOSING_QUOTES = "’”»'\""


@dataclass(frozen=True, slots=True)
class StatisticRules:
    number_words: dict[str, int]
    fractions: dict[str, float | None]
    respondent_nouns: frozenset[str]
    group_nouns: frozenset[str]
    qualifiers: dict[tuple[str, ...], Qualifier]
    qualifier_phrases: Phrases
    emphasis: Phrases
    fraction_negations: Phrases
    clause_boundaries: frozenset[str]
    clause_conjunctions: frozenset[str]
    list_conjunctions: frozenset[str]
    backward_stops: frozenset[str]
    leading_fillers: Phrases
    trailing_fillers: Phrases
    subject_leaders: Phrases
    relative_pronouns: frozenset[str]
    restatement_determiners: frozenset[str]
    agreement: regex.Pattern
    statement_cues: frozenset[str]
    lead_in_prepositions: frozenset[str]
    determiners: frozenset[str]
    generic_words: frozenset[str]
    employment_words: frozenset[str]
    fraction_words: frozenset[str]
    statement_cue: regex.Pattern
    statement_reference: regex.Pattern
    question_cue: regex.Pattern
    answer_words: dict[str, str]
    disagreement_negation: regex.Pattern
    disagreement_label: str
    finite_verbs: frozenset[str]
    fixed_phrases: Phrases
    open_ends: frozenset[str]
    people_nouns: frozenset[str]
    multipliers: dict[str, int]
    counted_nouns: frozenset[str]
    label_max_words: int
    stranded_prepositions: frozenset[str]
    pronominal_adverbs: frozenset[str]
    label_hard_max_words: int
    label_cuts: frozenset[str]


class Phrases:
    """Multi-word phrases, found by their first or last word; the longest match wins."""

    def __init__(self, items):
        phrases = sorted({tuple(i.translate(APOSTROPHES).split()) for i in items}, key=len, reverse=True)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)
            self.by_last.setdefault(phrase[-1], []).append(phrase)


def _word_pattern(phrases: list[str]) -> regex.Pattern:
    alternatives = "|".join(regex.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE)


@lru_cache(maxsize=1)
def statistic_rules() -> StatisticRules:
    numbers = require_keys(
        "numbers.json",
        load_json("numbers.json"),
        {"number_words", "fractions", "respondent_nouns", "people_nouns", "multipliers", "qualifiers", "emphasis", "fraction_negations"},
    )
    labels = require_keys(
        "labels.json",
        load_json("labels.json"),
        {"clause_boundaries", "backward_stops", "leading_fillers", "agreement", "statement_references", "label_max_words", "label_cuts"},
    )
    qualifiers = {
        tuple(phrase.translate(APOSTROPHES).split()): Qualifier(kind)
        for kind, phrases in numbers["qualifiers"].items()
        for phrase in phrases
    }
    return StatisticRules(
        number_words=numbers["number_words"],
        fractions=numbers["fractions"],
        respondent_nouns=frozenset(numbers["respondent_nouns"]),
        group_nouns=frozenset(numbers["group_nouns"]),
        qualifiers=qualifiers,
        qualifier_phrases=Phrases(" ".join(q) for q in qualifiers),
        emphasis=Phrases(numbers["emphasis"]),
        fraction_negations=Phrases(numbers["fraction_negations"]),
        clause_boundaries=frozenset(labels["clause_boundaries"]),
        clause_conjunctions=frozenset(labels["clause_conjunctions"]),
        list_conjunctions=frozenset(labels["list_conjunctions"]),
        backward_stops=frozenset(labels["backward_stops"]),
        leading_fillers=Phrases(labels["leading_fillers"]),
        trailing_fillers=Phrases(labels["trailing_fillers"]),
        subject_leaders=Phrases(labels["subject_leaders"]),
        relative_pronouns=frozenset(labels["relative_pronouns"]),
        restatement_determiners=frozenset(labels["restatement_determiners"]),
        agreement=regex.compile(labels["agreement"], regex.IGNORECASE),
        statement_cues=frozenset(labels["statement_cues"]),
        lead_in_prepositions=frozenset(labels["lead_in_prepositions"]),
        determiners=frozenset(labels["determiners"]),
        # An evaluative predicate ('staat met 61 procent bovenaan') says no more than a generic one.
        generic_words=frozenset(labels["generic_words"]) | frozenset(labels["evaluative_words"]),
        employment_words=frozenset(labels["employment_words"]),
        fraction_words=frozenset(phrase.split()[-1] for phrase in numbers["fractions"]),
        statement_cue=_word_pattern(labels["statement_cues"]),
        statement_reference=_word_pattern(labels["statement_references"]),
        question_cue=_word_pattern(labels["question_cues"]),
        answer_words={word: answer for answer, words in labels["answer_words"].items() for word in words},
        disagreement_negation=regex.compile(labels["disagreement_negation"], regex.IGNORECASE),
        disagreement_label=labels["disagreement_label"],
        finite_verbs=frozenset(labels["finite_verbs"]),
        fixed_phrases=Phrases(labels["fixed_phrases"]),
        open_ends=frozenset(labels["open_ends"]),
        people_nouns=frozenset(numbers["people_nouns"]),
        multipliers=numbers["multipliers"],
        counted_nouns=frozenset(numbers["counted_nouns"]),
        label_max_words=labels["label_max_words"],
        stranded_prepositions=frozenset(labels["stranded_prepositions"]),
        pronominal_adverbs=frozenset(labels["pronominal_adverbs"]),
        label_hard_max_words=labels["label_hard_max_words"],
        label_cuts=frozenset(labels["label_cuts"]),
    )
