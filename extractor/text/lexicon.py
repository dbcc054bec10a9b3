"""Dutch word knowledge: a word list and lemma rules from spacy-lookups-data, hyphenation from pyphen."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

import pyphen
from spacy.lang.nl.stop_words import STOP_WORDS

LOOKUPS_PACKAGE = "spacy_lookups_data"
LOOKUP_TABLES = ("nl_lemma_lookup.json.gz", "nl_lemma_index.json.gz", "nl_lemma_exc.json.gz")
HYPHENATION_LANGUAGE = "nl_NL"


class DutchLexicon:
    """Answers "is this a Dutch word?" for inflected forms too, using lemma suffix rules."""

    def __init__(
        self,
        words: frozenset[str],
        suffix_rules: tuple[tuple[str, str], ...],
        nouns: frozenset[str] = frozenset(),
        verbs: frozenset[str] = frozenset(),
        lemmas: dict[str, str] | None = None,
        verb_rules: tuple[tuple[str, str], ...] = (),
    ):
        self._verb_rules = verb_rules
        self._words = words
        self._lemmas = lemmas or {}
        self._rules = suffix_rules
        self.nouns = nouns
        """Noun lemmas (word-class knowledge for telling 'een derde partij' from 'een derde')."""
        self.verbs = verbs

    def lemma(self, word: str) -> str:
        word = word.lower()
        return self._lemmas.get(word, word)

    def is_noun(self, word: str) -> bool:
        word = word.lower()
        if word in STOP_WORDS:
            return False  # the lemma tables list 'nog', 'ook' and 'heeft' among the nouns
        return self.lemma(word) in self.nouns or word in self.nouns

    def is_verb(self, word: str) -> bool:
        word = word.lower()
        if word in self.verbs or self.lemma(word) in self.verbs:
            return True
        if any(
            word.endswith(old) and word[: len(word) - len(old)] + new in self.verbs
            for old, new in self._verb_rules
            if old
        ):
            return True
        return any(form in self.verbs for form in present_tense_infinitives(word))

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        if word in self._words:
            return True
        return any(
            word.endswith(old) and (word[: len(word) - len(old)] + new) in self._words
            for old, new in self._rules
            if old
        )


_VOICED = {"f": "v", "s": "z"}


def present_tense_infinitives(word: str) -> list[str]:
    """Infinitives a present-tense form could come from: werkt -> werken, maakt -> maken,
    geeft -> geven, zet -> zetten. The lemma tables of spacy-lookups-data lack these forms."""
    stem = word[:-1] if word.endswith("t") else word
    if len(stem) < 2:
        return []
    forms = [stem + "en", stem + stem[-1] + "en"]
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        forms.append(stem[:-2] + stem[-1] + "en")
    if stem[-1] in _VOICED:
        voiced = stem[:-1] + _VOICED[stem[-1]]
        forms.append(voiced + "en")
        if len(voiced) >= 3 and voiced[-2] == voiced[-3] and voiced[-2] in "aeou":
            forms.append(voiced[:-2] + voiced[-1] + "en")
    return forms


@lru_cache(maxsize=1)
def dutch_lexicon() -> DutchLexicon:
    """The word list, loaded once per process."""
    data = resources.files(LOOKUPS_PACKAGE) / "data"
    words: set[str] = set()
    lookup, index, exceptions = (_load_json(data / name) for name in LOOKUP_TABLES)
    words.update(lookup)
    words.update(lookup.values())
    for forms in index.values():
        words.update(forms)
    for table in exceptions.values():
        words.update(table)
    rules_table = _load_json(data / "nl_lemma_rules.json.gz")
    rules = {tuple(rule) for table in rules_table.values() for rule in table}
    return DutchLexicon(
        frozenset(w.lower() for w in words),
        tuple(sorted(rules)),
        nouns=frozenset(index.get("noun", ())),
        verbs=frozenset(index.get("verb", ())),
        lemmas=lookup,
        verb_rules=tuple(tuple(rule) for rule in rules_table.get("verb", ())),
    )


@lru_cache(maxsize=1)
def hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


def hyphenation_points(word: str) -> list[int]:
    """Offsets inside ``word`` where Dutch hyphenation allows a break."""
    return hyphenator().positions(word)


def _load_json(path) -> dict:
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as handle:
        return json.load(handle)
