"""Statistics in article text: number phrases, values, qualifiers, labels and statements.

Module-level pure functions over a tokenised ``Doc``; the spaCy components in ``nlp`` are thin
adapters around ``find_statistics``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span, Token

from ..datafiles import load_json, require_keys
from ..text.lexicon import dutch_lexicon
from ..models import Qualifier, Unit

_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = regex.compile(r"\d+(?:,\d+)?")
_COMPOUND_NUMBER = regex.compile(r"(\p{L}+?)(?:en|ën)(\p{L}+)")
_LONG_WORD = regex.compile(r"\p{L}{4,}")
_QUOTED = regex.compile(r"[‘“'\"]([^’”'\"]{1,40})[’”'\"]")
_OPENING_QUOTE = regex.compile(r"[‘“'\"]")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
OPENING_QUOTES = "‘“„‚«'\""
CLOSING_QUOTES = "’”»'\""
# A word fraction within this many points of an earlier figure, sharing this many content
# words with its label, rounds that figure off rather than reporting a new one.
RESTATEMENT_TOLERANCE = 2.5
AGREE_LABEL = "(zeer) eens"
LEAD_IN_MAX_REMAINDER = 2
# 'en' or 'of' ends a label when another statistic follows within this many tokens
# ('45 procent vrouw en 0,5 procent', 'en nog eens 24 procent'), not 'tussen de 30 en 45 jaar, 41'.
NEXT_STATISTIC_WINDOW = 3
# 'De meeste deelnemers werken bij ...: 27 procent': the subject before the verb is short.
COLON_SUBJECT_MAX_WORDS = 4
DEMONSTRATIVES = frozenset({"die", "dat", "deze", "dit"})
NEGATIONS = frozenset({"niet", "geen", "nooit", "nauwelijks"})
PRONOUNS = frozenset({"dit", "dat", "die", "het", "deze", "er", "ermee", "hiermee"})
RESTATEMENT_SHARED_WORDS = 2


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
        {"number_words", "fractions", "respondent_nouns", "qualifiers", "emphasis", "fraction_negations"},
    )
    labels = require_keys(
        "labels.json",
        load_json("labels.json"),
        {"clause_boundaries", "backward_stops", "leading_fillers", "agreement", "statement_references"},
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
        generic_words=frozenset(labels["generic_words"]),
        employment_words=frozenset(labels["employment_words"]),
        fraction_words=frozenset(phrase.split()[-1] for phrase in numbers["fractions"]),
        statement_cue=_word_pattern(labels["statement_cues"]),
        statement_reference=_word_pattern(labels["statement_references"]),
        question_cue=_word_pattern(labels["question_cues"]),
        answer_words={word: answer for answer, words in labels["answer_words"].items() for word in words},
    )


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


# Parsing number phrases.


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


def _lower(token: Token) -> str:
    return token.lower_.translate(APOSTROPHES)


@dataclass(slots=True)
class _Candidate:
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


class _Sentence:
    """Token view of one sentence with helpers for looking around a number phrase."""

    def __init__(self, sent: Span, rules: StatisticRules, doc_text: str):
        self.doc_text = doc_text  # Doc.text is rebuilt from the tokens at every access
        self.tokens = [t for t in sent if not t.is_space]
        self.lowers = [_lower(t) for t in self.tokens]
        self.rules = rules
        self.sent = sent
        self.raw = doc_text[sent.start_char : sent.end_char]  # Span.text walks the tokens
        self.starts: set[int] = set()
        quote = _OPENING_QUOTE.search(self.raw)
        self.first_quote = sent.start_char + quote.start() if quote else None

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
        raw = self.doc_text[self.tokens[first].idx : self.tokens[end - 1].idx + len(self.tokens[end - 1])]
        return " ".join(raw.split())


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
    context = _StatementContext()
    found: list[Statistic] = []
    text = text if text is not None else doc.text
    starts = sentence_starts if sentence_starts is not None else [sent.start for sent in doc.sents]
    sentences = [doc[start:end] for start, end in zip(starts, starts[1:] + [len(doc)])]
    by_sentence: dict[int, list[Span]] = {}
    for span in spans:
        # Span.sent walks the whole doc each time; a bisect over sentence starts does not.
        by_sentence.setdefault(starts[bisect_right(starts, span.start) - 1], []).append(span)
    labelled: list[tuple[_Sentence, _Candidate]] = []
    section = 0
    for sent in sentences:
        if bisect_right(section_starts, sent.start_char) != section:
            section = bisect_right(section_starts, sent.start_char)
            context = _StatementContext()
        spans_here = by_sentence.get(sent.start, [])
        if not spans_here and not rules.statement_cue.search(text, sent.start_char, sent.end_char):
            question = rules.question_cue.search(text, sent.start_char, sent.end_char)
            if question:
                context.question = _clause(text[question.end() : sent.end_char])
                context.question_end = sent.end_char
            continue
        sentence = _Sentence(sent, rules, text)
        candidates = _candidates(sentence, spans_here)
        for candidate in candidates:
            _label(sentence, candidate, candidates)
        _distribute_respectively(sentence, candidates)
        _attach_statements(sentence, candidates, context)
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


# Candidates: value, unit, qualifier, coordination, and what is not a statistic.


def _candidates(sentence: _Sentence, spans: list[Span]) -> list[_Candidate]:
    rules = sentence.rules
    position = {token.i: index for index, token in enumerate(sentence.tokens)}
    quoted = _quoted_tokens(sentence)
    candidates: list[_Candidate] = []
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


def _quoted_tokens(sentence: _Sentence) -> set[int]:
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


def _make_candidate(sentence: _Sentence, kind: str, first: int, end: int) -> _Candidate | None:
    rules = sentence.rules
    lowers = sentence.lowers[first:end]
    if kind == "PERCENT":
        value = parse_number(lowers[0], rules)
        return None if value is None else _Candidate(kind, first, first, end, value, Unit.PERCENT)
    if kind == "PERCENT_RANGE":
        numbers = [v for v in (parse_number(w, rules) for w in lowers) if v is not None]
        if len(numbers) != 2 or numbers[0] >= numbers[1]:
            return None
        low, high = numbers
        return _Candidate(
            kind, first, first, end, round((low + high) / 2, 2), Unit.PERCENT, Qualifier.APPROX, low, high
        )
    if kind == "COUNT":
        value = parse_number(lowers[0], rules)
        if value is None or value < 2 or (value.is_integer() is False):
            return None
        return _Candidate(kind, first, first, end, value, Unit.COUNT)
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
        return _Candidate(kind, first, first, end, float(value), Unit.PERCENT)
    return None


def _followed_by_noun(sentence: _Sentence, index: int) -> bool:
    """'een derde partij' is an ordinal with its noun, not the fraction 'een derde'."""
    if index >= len(sentence.tokens):
        return False
    word = sentence.lowers[index]
    if word in sentence.rules.respondent_nouns or not word.isalpha():
        return False
    return _is_noun(word) and not _is_verb(word)


def _is_noun(word: str) -> bool:
    return dutch_lexicon().is_noun(word)


def _is_verb(word: str) -> bool:
    return dutch_lexicon().is_verb(word)


def _is_restatement(sentence: _Sentence, candidate: _Candidate) -> bool:
    """'Aan de 55 procent die aangeeft ...' refers back to a reported share."""
    rules = sentence.rules
    before = candidate.first - 1
    if before < 0 or sentence.lowers[before] not in rules.restatement_determiners:
        return False
    if sentence.ends_with(candidate.first, rules.qualifier_phrases):
        return False
    window = sentence.lowers[candidate.end : candidate.end + 7]
    return any(word in rules.relative_pronouns for word in window)


def _coordinated(sentence: _Sentence, candidate: _Candidate) -> list[_Candidate]:
    """'8 en 12 procent', '5, 8 en 12 procent': bare numbers sharing the unit of the last one."""
    if candidate.kind != "PERCENT":
        return []
    rules = sentence.rules
    found: list[_Candidate] = []
    index = candidate.first - 1
    joiners = rules.list_conjunctions | {","}
    if index < 1 or sentence.lowers[index] not in joiners:
        return []
    while index >= 1 and sentence.lowers[index] in joiners:
        value = parse_number(sentence.lowers[index - 1], rules)
        if value is None or sentence.lowers[index - 1] in ("een", "één"):
            break
        found.append(_Candidate("PERCENT", index - 1, index - 1, index, value, Unit.PERCENT))
        index -= 2
    if found and index >= 0 and sentence.lowers[index] in ("tussen", "van"):
        return []
    return list(reversed(found))


def _drop_fractions_with_numbers(sentence: _Sentence, candidates: list[_Candidate]) -> None:
    """'bijna de helft (49 procent)': the exact number in brackets replaces the word fraction."""
    for candidate in candidates:
        if candidate.kind != "FRACTION":
            continue
        index = _skip_group(sentence, candidate.end)
        if index < len(sentence.tokens) and sentence.lowers[index] == "(":
            if any(other.first in (index + 1, index + 2) for other in candidates if other is not candidate):
                candidate.drop = True


def _is_respondent(word: str, rules: StatisticRules) -> bool:
    """'ambtenaren', and compounds such as 'rijksambtenaren' or 'gemeentemedewerkers'."""
    return word in rules.respondent_nouns or any(
        word.endswith(noun) and len(word) > len(noun) + 2 for noun in rules.respondent_nouns if len(noun) > 6
    )


def _skip_group(sentence: _Sentence, index: int) -> int:
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


# Labels.


def _label(sentence: _Sentence, candidate: _Candidate, candidates: list[_Candidate]) -> None:
    rules = sentence.rules
    lowers = sentence.lowers
    before = candidate.first - 1
    after = candidate.end
    in_brackets = before >= 0 and lowers[before] == "(" and after < len(lowers) and lowers[after] == ")"
    if in_brackets:
        quoted = _quoted_before(sentence, before)
        if quoted is not None:
            candidate.labels = [quoted]
            return
        if lowers[0] == "•" and not any(c.first < before for c in candidates if c is not candidate):
            # "• Minder uren werken (53 procent)": the bullet is the label.
            candidate.labels = [_trim(sentence, 1, before)]
            return
        back = _backward(sentence, before - 1)
        if back and not _is_group_phrase(sentence, back):
            candidate.labels = [_trim(sentence, *_cut_lead_in(sentence, *back))]
            return
        if not back:
            # 'Een vaste inwerkdag wordt het vaakst genoemd (61 procent)'
            subject = _subject(sentence, before)
            if subject:
                candidate.labels = [subject]
                return
        after += 1
    if after < len(lowers) and lowers[after] == ":":
        # "• 34 procent: e-mails opstellen"
        candidate.labels = [_trim(sentence, *_forward(sentence, after + 1))]
        return
    start = _skip_group(sentence, after)
    predicate = _forward(sentence, start)
    if "respectievelijk" in lowers[predicate[0] : predicate[1]]:
        candidate.labels = [_trim(sentence, *predicate)]
        return
    passive = before >= 0 and lowers[before] == "door"
    if before >= 0 and lowers[before] == ":" and (passive or _is_generic(sentence, *predicate)):
        candidate.labels = [_colon_label(sentence, before)]
        return
    if not passive and not _is_generic(sentence, *predicate):
        first, end = _trim_span(sentence, *predicate)
        if not rules.agreement.search(sentence.text(first, end)):
            first, end = _cut_verb_lead_in(sentence, first, end)
        candidate.labels = [_trim(sentence, first, end)]
        return
    answers = _quoted_answers(sentence, candidate.first)
    if answers:
        candidate.labels = answers
        return
    candidate.labels = [_subject(sentence, candidate.first) or _trim(sentence, *predicate)]


def _distribute_respectively(sentence: _Sentence, candidates: list[_Candidate]) -> None:
    """'8 en 12 procent werkt respectievelijk ergens anders of geeft geen antwoord': one part each."""
    if "respectievelijk" not in sentence.lowers:
        return
    run: list[_Candidate] = []
    for candidate in candidates + [None]:
        if candidate is not None and run and candidate.first <= run[-1].end + 1:
            run.append(candidate)
            continue
        if len(run) > 1:
            label = next((c.labels[0] for c in reversed(run) if c.labels and c.labels[0]), "")
            parts = _split_list(label, len(run))
            if parts:
                for member, part in zip(run, parts):
                    member.labels = [part]
        run = [candidate] if candidate is not None else []


def _split_list(label: str, count: int) -> list[str] | None:
    """Split 'A, B en C' / 'A of B' into ``count`` parts, trying the rarer separator first."""
    label = regex.sub(r"\brespectievelijk\b\s*", "", label).strip()
    for pattern in (r"\s*,\s*|\s+(?:en|of)\s+", r"\s+en\s+", r"\s+of\s+", r"\s*,\s*"):
        parts = [p.strip() for p in regex.split(pattern, label) if p.strip()]
        if len(parts) == count:
            return parts
    return None


def _is_generic(sentence: _Sentence, first: int, end: int) -> bool:
    """'wordt het vaakst genoemd': the predicate says nothing, the label is elsewhere."""
    first, end = _trim_span(sentence, first, end)
    words = [w for w in sentence.lowers[first:end] if w.isalpha()]
    return all(w in sentence.rules.generic_words or w in PRONOUNS for w in words)


def _cut_lead_in(sentence: _Sentence, first: int, end: int) -> tuple[int, int]:
    """'werkt bij een gemeente' -> 'gemeente': a verb or adjective lead-in up to a preposition.

    Only when what remains is a bare noun phrase of a word or two; 'loopbaangesprek in de
    afgelopen twee jaar' keeps its preposition.
    """
    rules = sentence.rules
    lowers = sentence.lowers
    for index in range(first, end - 1):
        if lowers[index] in rules.lead_in_prepositions:
            cut = index + 1
            while cut < end - 1 and lowers[cut] in rules.determiners:
                cut += 1
            lead = lowers[first:index]
            verbal = any(_is_verb(w) for w in lead) or all(not _is_noun(w) for w in lead)
            if end - cut <= LEAD_IN_MAX_REMAINDER and verbal:
                return cut, end
            break
    while first < end - 1 and lowers[first] in rules.determiners:
        first += 1
    return first, end


def _cut_verb_lead_in(sentence: _Sentence, first: int, end: int) -> tuple[int, int]:
    """'werkt bij een gemeente' -> 'gemeente', but 'niet goed op de hoogte' stays whole."""
    lowers = sentence.lowers
    for index in range(first, min(end - 1, first + 3)):
        if lowers[index] in sentence.rules.lead_in_prepositions:
            lead = lowers[first:index]
            lexicon = dutch_lexicon()
            # Verbs and employment words only: 'tevreden over het beleid' keeps its adjective.
            if all(
                (lexicon.is_verb(w) or w in sentence.rules.employment_words) and w not in NEGATIONS for w in lead
            ):
                return _cut_lead_in(sentence, first, end)
            break
    return first, end


def _forward(sentence: _Sentence, index: int) -> tuple[int, int]:
    """The clause after a number phrase, up to the next clause boundary or statistic."""
    rules = sentence.rules
    lowers = sentence.lowers
    end = index
    depth = 0
    while end < len(lowers):
        word = lowers[end]
        if end in sentence.starts and end > index:
            break
        if word == "(":
            if any(s in sentence.starts for s in (end + 1, end + 2)):
                break
            depth += 1
        elif word == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (word in rules.clause_boundaries or word in rules.clause_conjunctions):
            break
        elif word in rules.list_conjunctions and any(
            s in sentence.starts for s in range(end + 1, end + 1 + NEXT_STATISTIC_WINDOW)
        ):
            break
        end += 1
    return index, end


def _backward(sentence: _Sentence, index: int) -> tuple[int, int] | None:
    """The phrase right before '(' back to a function word or clause boundary."""
    rules = sentence.rules
    lowers = sentence.lowers
    first = index + 1
    while first > 0:
        word = lowers[first - 1]
        if word in rules.backward_stops or word in rules.clause_boundaries or word in "()":
            break
        if word in rules.clause_conjunctions:
            break
        first -= 1
    if first > index:
        return None
    return first, index + 1


def _is_group_phrase(sentence: _Sentence, span: tuple[int, int]) -> bool:
    """'Een kleine minderheid (18 procent)': the bracket number belongs to a group, not an answer."""
    last = sentence.lowers[span[1] - 1]
    rules = sentence.rules
    return (
        last in rules.respondent_nouns
        or last in rules.group_nouns
        or last in rules.fraction_words
        or parse_number(last, rules) is not None
    )


def _colon_label(sentence: _Sentence, colon: int) -> str:
    """'Verkeer en vervoer: 22 procent' or 'werken bij de rijksoverheid: zo'n 27 procent'."""
    rules = sentence.rules
    first = colon
    while first > 0 and sentence.lowers[first - 1] not in (rules.clause_boundaries | {"•"}) - {":"}:
        first -= 1
    if first > 0 and sentence.lowers[first - 1] == "•":
        return _trim(sentence, first, colon)  # '• Meer bomen in de straat: 31%': the item is the label
    if colon - first > 4:
        # A whole clause ('De meeste deelnemers werken bij de rijksoverheid'): its predicate.
        for index in range(first + 1, min(colon - 1, first + COLON_SUBJECT_MAX_WORDS + 1)):
            word, previous = sentence.lowers[index], sentence.lowers[index - 1]
            after_function_word = previous in rules.lead_in_prepositions | rules.determiners
            if _is_verb(word) and not _is_noun(word) and not after_function_word:
                first = index + 1
                break
    leader = sentence.starts_with(first, rules.subject_leaders)
    if leader:
        first += len(leader)
    return _trim(sentence, *_cut_lead_in(sentence, first, colon))


def _quoted_before(sentence: _Sentence, bracket: int) -> str | None:
    """'eens met de stelling ‘...’ (55 procent)': the answer comes before the quoted statement."""
    if bracket < 1 or sentence.tokens[bracket - 1].text[-1:] not in CLOSING_QUOTES:
        return None
    opening = bracket - 2
    while opening >= 0 and sentence.tokens[opening].text[:1] not in OPENING_QUOTES:
        opening -= 1
    if opening < 0:
        return None
    answer = sentence.rules.agreement.search(sentence.text(0, opening))
    return answer.group() if answer else sentence.text(opening + 1, bracket - 1)


def _quoted_answers(sentence: _Sentence, first: int) -> list[str]:
    """'zowel het antwoord ‘Ja’ als ‘Weet niet’ door 42 procent': one label per quoted answer."""
    answers = []
    if sentence.first_quote is None or first < 1 or sentence.tokens[first - 1].idx < sentence.first_quote:
        return answers  # no quote before the number: skip reading the sentence up to it
    text = sentence.text(0, first)
    for match in _QUOTED.finditer(text):
        answers.append(match.group(1).strip())
    return answers


def _subject(sentence: _Sentence, first: int) -> str:
    """'Ook de omgevingsvisie wordt met 32 procent vaak genoemd' -> 'omgevingsvisie'."""
    rules = sentence.rules
    lowers = sentence.lowers
    start = first
    while start > 0 and lowers[start - 1] not in rules.clause_boundaries and lowers[start - 1] != ")":
        start -= 1
    end = first
    while end > start and (
        lowers[end - 1] in rules.backward_stops | rules.list_conjunctions | {"respectievelijk", ","}
        or parse_number(lowers[end - 1], rules) is not None
        or _is_emphasis_end(sentence, end)
    ):
        end -= _is_emphasis_end(sentence, end) or 1
    while end > start and lowers[end - 1] in rules.generic_words | {"("}:
        end -= 1
    phrase = sentence.starts_with(start, rules.subject_leaders)
    if phrase:
        start += len(phrase)
    subject = _trim(sentence, start, end)
    if not subject and start > 1 and lowers[start - 1] == ",":
        # 'Thuis kunnen ambtenaren zich beter concentreren, vindt 71 procent.'
        return _subject(sentence, start - 1)
    return subject


def _is_emphasis_end(sentence: _Sentence, end: int) -> int:
    phrase = sentence.ends_with(end, sentence.rules.emphasis)
    return len(phrase) if phrase else 0


def _trim(sentence: _Sentence, first: int, end: int) -> str:
    """Drop reporting verbs and function words around a label, keep what it says."""
    return sentence.text(*_trim_span(sentence, first, end)).strip(" ,;:").rstrip(" (")


def _trim_span(sentence: _Sentence, first: int, end: int) -> tuple[int, int]:
    rules = sentence.rules
    changed = True
    while changed and first < end:
        changed = False
        phrase = sentence.starts_with(first, rules.leading_fillers)
        if phrase and first + len(phrase) <= end:
            first += len(phrase)
            changed = True
        elif sentence.lowers[first] in ("respectievelijk",):
            first += 1
            changed = True
    changed = True
    while changed and first < end:
        changed = False
        phrase = sentence.ends_with(end, rules.trailing_fillers)
        if phrase and end - len(phrase) > first:
            end -= len(phrase)
            changed = True
    return first, end


# Statements answered with (zeer) eens / oneens / neutraal.


@dataclass(slots=True)
class _StatementContext:
    explicit: str | None = None
    implicit: str | None = None
    implicit_source: _Candidate | None = None
    implicit_is_newer: bool = False
    question: str | None = None
    question_end: int = 0


def _attach_statements(sentence: _Sentence, candidates: list[_Candidate], context: _StatementContext) -> None:
    rules = sentence.rules
    explicit = _explicit_statement(sentence)
    if explicit:
        context.explicit, context.implicit_is_newer = explicit, False
    question = rules.question_cue.search(sentence.raw)
    if question:
        context.question = _clause(sentence.raw[question.end() :])
        context.question_end = sentence.sent.start_char
    if context.question and "\n" in sentence.doc_text[context.question_end : sentence.sent.start_char]:
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


def _clause(text: str) -> str:
    """The clause a question cue introduces: up to its comma or end mark."""
    return " ".join(regex.split(r"[,;:.?!]", text, maxsplit=1)[0].split())


def _answer(text: str) -> str:
    """'het (zeer) mee oneens' -> '(zeer) oneens'."""
    words = [w for w in text.split() if w.lower() not in ("mee", "het")]
    return " ".join(words)


def _explicit_statement(sentence: _Sentence) -> str | None:
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


def _drop_restated_fractions(found: list[Statistic], text: str) -> list[Statistic]:
    """A word fraction that rounds an earlier exact figure with the same content restates it."""
    kept: list[Statistic] = []
    for stat in found:
        if stat.kind == "FRACTION" and any(
            earlier.kind != "FRACTION"
            and earlier.unit == Unit.PERCENT
            and abs(earlier.value - stat.value) <= RESTATEMENT_TOLERANCE
            and len(_content_words(earlier.label)
                    & _content_words(text[stat.sentence_start : stat.sentence_end])) >= RESTATEMENT_SHARED_WORDS
            for earlier in kept
        ):
            continue
        kept.append(stat)
    return kept


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _LONG_WORD.findall(text.lower()) if w not in statistic_rules().backward_stops)
