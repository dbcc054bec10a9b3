"""Whom and when: the population and period of a statistic, and labels that refer back to earlier ones."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache

import regex

from ..datafiles import load_json, require_keys
from .labels import quantified_group, trim_label
from .rules import Phrases
from .sentence import Candidate, SentenceTokens, is_finite_verb

CONSTRUCTIONS_FILE = "constructions.json"
_YEAR = regex.compile(r"(?:19|20)\d\d")
_COUNT = regex.compile(r"\d[\d.,]*")
_NUMBER_PHRASE = regex.compile(r"\d[\d.,]*(?:\s*(?:procent|%))?")
_LABEL_WORD = regex.compile(r"[\p{L}\d'’-]+")
_LETTER_WORD = regex.compile(r"[\p{L}'’-]+")
_LEADING_ARTICLE = regex.compile(r"^(?:de|het|een)\s+", regex.IGNORECASE)
RELATIVE = frozenset({"die"})
# '70 procent thuiswerkers in 2021': words between a number phrase and its own year.
YEAR_AFTER_REACH = 2
LEAD_SKIPS = frozenset({"•", ",", ")", "en", "maar", "terwijl", "dan", "ook", "vooral", "zelfs", "verder", "daarnaast"})
AGE_COMPARATIVES = frozenset({"jonger", "ouder"})
EXAMPLE_WORDS = frozenset({"zoals", "bijvoorbeeld", "waaronder"})
SEMICOLON = frozenset({";"})
COLON = frozenset({":"})
PUNCTUATION = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "•"})


@dataclass(frozen=True, slots=True)
class ConstructionRules:
    prepositions: frozenset[str]
    population_nouns: frozenset[str]
    population_suffixes: tuple[str, ...]
    whole_panel: frozenset[str]
    quantity_words: frozenset[str]
    place_references: Phrases
    modifiers: frozenset[str]
    max_head_offset: int
    max_population_words: int
    contrast: Phrases
    references: frozenset[str]
    change_verbs: frozenset[str]
    rises: frozenset[str]
    directed_verbs: frozenset[str]
    """Change verbs with a direction, and the verbs whose particle gives it ('nam ... af')."""
    falls: frozenset[str]
    rise_label: str
    fall_label: str
    amount_leads: frozenset[str]
    level_leads: frozenset[str]
    openers: frozenset[str]
    subject_stops: frozenset[str]
    subject_fillers: Phrases
    past: Phrases
    same_period: Phrases
    current: Phrases
    current_label: str
    year_leads: frozenset[str]
    since_leads: frozenset[str]
    time_words: frozenset[str]
    past_fallback: str
    both: Phrases
    both_of: frozenset[str]
    also: frozenset[str]


@lru_cache(maxsize=1)
def construction_rules() -> ConstructionRules:
    data = require_keys(CONSTRUCTIONS_FILE, load_json(CONSTRUCTIONS_FILE), {"population", "contrast", "references", "time", "shared"})
    population = require_keys(CONSTRUCTIONS_FILE, data["population"], {"prepositions", "nouns", "suffixes", "whole_panel", "quantity_words", "place_references", "modifiers"})
    time = require_keys(
        CONSTRUCTIONS_FILE, data["time"], {
            "change_verbs", "subject_fillers", "past", "current", "current_label", "time_words", "rises", "falls",
            "rise_label", "fall_label", "amount_leads", "level_leads", "openers", "stops", "since_leads", "particle_verbs",
        }
    )
    return ConstructionRules(
        prepositions=frozenset(population["prepositions"]),
        population_nouns=frozenset(population["nouns"]),
        population_suffixes=tuple(population["suffixes"]),
        whole_panel=frozenset(population["whole_panel"]),
        quantity_words=frozenset(population["quantity_words"]),
        place_references=Phrases(population["place_references"]),
        modifiers=frozenset(population["modifiers"]),
        max_head_offset=population["max_head_offset"],
        max_population_words=population["max_words"],
        contrast=Phrases(data["contrast"]),
        references=frozenset(data["references"]),
        change_verbs=frozenset(time["change_verbs"]),
        rises=frozenset(time["rises"]),
        directed_verbs=frozenset(time["rises"]) | frozenset(time["falls"]) | frozenset(time["particle_verbs"]),
        falls=frozenset(time["falls"]),
        rise_label=time["rise_label"],
        fall_label=time["fall_label"],
        amount_leads=frozenset(time["amount_leads"]),
        level_leads=frozenset(time["level_leads"]),
        openers=frozenset(time["openers"]),
        subject_stops=frozenset(time["stops"]),
        subject_fillers=Phrases(time["subject_fillers"]),
        past=Phrases(time["past"]),
        same_period=Phrases(time["same_period"]),
        current=Phrases(time["current"]),
        current_label=time["current_label"],
        year_leads=frozenset(time["year_leads"]),
        since_leads=frozenset(time["since_leads"]),
        time_words=frozenset(time["time_words"]),
        past_fallback=time["past_fallback"],
        both=Phrases(data["shared"]["both"]),
        both_of=frozenset(data["shared"]["both_of"]),
        also=frozenset(data["shared"]["also"]),
    )


@dataclass(slots=True)
class ReferenceContext:
    """What a later sentence may refer back to: the last statistic and the last past period."""

    last: Candidate | None = None
    past_period: str | None = None


# Populations: a group named before the number ('Onder jongeren ...') or after it ('van de jongeren').


@lru_cache(maxsize=8192)
def is_population_word(word: str) -> bool:
    rules = construction_rules()
    word = word.strip("-")
    return word in rules.population_nouns or any(
        word.endswith(suffix) and len(word) > len(suffix) for suffix in rules.population_suffixes
    ) or word.endswith("-plussers")


def group_phrase(sentence: SentenceTokens, first: int, limit: int) -> int | None:
    """End of a population noun phrase starting at ``first`` ('de ambtenaren jonger dan 35 jaar').

    After its head noun the phrase goes on only with a modifier ('jonger dan 35', 'met een
    beperking', 'in de uitvoering') up to a verb, or with a relative clause ('die ...') up to its comma.
    """
    rules = construction_rules()
    lowers = sentence.lowers
    index = first
    while index < limit and lowers[index] in sentence.rules.determiners:
        index += 1
    head = next(
        (i for i in range(index, min(limit, index + rules.max_head_offset)) if is_population_word(lowers[i])), None
    )
    if head is None or any(i in sentence.starts for i in range(first, head + 1)):
        return None
    end = head + 1
    mode = None
    while end < limit and end not in sentence.starts:
        word = lowers[end]
        if word in PUNCTUATION or word in sentence.rules.clause_conjunctions:
            break
        if mode is None:
            if word not in RELATIVE and word not in rules.modifiers:
                break
            mode = "relative" if word in RELATIVE else "modifier"
            if word in AGE_COMPARATIVES and end + 2 < limit and lowers[end + 1] == "dan":
                # 'jonger dan 35 jaar', 'ouder dan 55': the phrase ends with the age
                end += 3
                if end < limit and lowers[end] == "jaar":
                    end += 1
                return end
        elif mode == "modifier" and is_finite_verb(word, sentence.rules):
            break
        end += 1
    if mode == "relative":
        if end >= limit or lowers[end] != ",":
            return head + 1  # a relative clause without its comma cannot be told from the predicate
        return end + 1
    return end


def population_text(sentence: SentenceTokens, first: int, end: int) -> str | None:
    rules = construction_rules()
    while first < end and sentence.lowers[first] in sentence.rules.determiners:
        first += 1
    while end > first and sentence.lowers[end - 1] in PUNCTUATION:
        end -= 1
    words = sentence.lowers[first:end]
    if not words or " ".join(words) in rules.whole_panel or len(words) > rules.max_population_words:
        return None
    head = next((i for i, w in enumerate(words) if is_population_word(w)), len(words))
    if any(_COUNT.fullmatch(w) for w in words[:head]):
        return None  # 'in totaal 1.512 ambtenaren': the panel counted, not a group of it ('jonger dan 35' is)
    return sentence.text(first, end)


def _segment_start(sentence: SentenceTokens, candidates: list[Candidate], candidate: Candidate) -> int:
    """Where the clause of ``candidate`` begins: after the statistic before it, or the sentence start."""
    start = candidate.previous_end
    semicolon = sentence.last_before(candidate.first, SEMICOLON, start)
    return start if semicolon is None else semicolon + 1


def mark_populations(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """Find the group each statistic is about, before or right after its number phrase."""
    rules = construction_rules()
    lowers = sentence.lowers
    for candidate in candidates:
        _mark_group_after(sentence, candidate)
        _mark_group_around_brackets(sentence, candidate)
        segment = _segment_start(sentence, candidates, candidate)
        # 'Ouderen zijn kritischer: van de deelnemers ouder dan 55 vindt 34 procent ...'
        colon = sentence.last_before(candidate.first - 1, COLON, segment)
        after_colon = colon is not None and lowers[colon + 1] in rules.prepositions
        if after_colon:
            segment = colon + 1
        index = segment
        while index < candidate.first and (
            lowers[index] in LEAD_SKIPS or sentence.starts_with(index, sentence.rules.subject_leaders)
        ):
            index += 1
        # Right after the number before, a group is that number's predicate ('27 procent bij het Rijk').
        follows_number = not after_colon and segment > 0 and index == segment
        if (
            not follows_number
            and index + 1 < candidate.first
            and lowers[index] in rules.prepositions
            and lowers[index + 1] != "respectievelijk"
        ):
            end = group_phrase(sentence, index + 1, candidate.first)
            # 'Van de deelnemers met een leidinggevende functie (17 procent)': the share of that group,
            # but 'hoger (51 procent) dan bij het Rijk (39 procent)' compares.
            if end is not None and segment == 0 and end == candidate.first - 1 and lowers[end] == "(":
                end = None
            if end is not None:
                candidate.lead = (segment, _past_examples(sentence, end, candidate.first))
                population = population_text(sentence, index + 1, end)
                if population and candidate.population is None:
                    candidate.population = population
                if segment > 0:
                    sentence.starts.add(index)  # the clause before ends where this group is named


def _subject_group(sentence: SentenceTokens, limit: int | None = None) -> str | None:
    """The group a sentence opens with as its subject ('Zelfstandigen werkten ...'), if any."""
    lowers = sentence.lowers
    limit = len(lowers) if limit is None else limit
    index = 0
    while index < len(lowers) and (lowers[index] in LEAD_SKIPS or sentence.starts_with(index, sentence.rules.subject_leaders)):
        index += 1
    if index >= limit or lowers[index] in construction_rules().prepositions or lowers[index] in sentence.rules.lead_in_prepositions:
        return None  # a group after a preposition is found by mark_populations
    end = group_phrase(sentence, index, limit)
    if end is None or end >= limit or not is_finite_verb(lowers[end], sentence.rules):
        return None
    rules = construction_rules()
    head = next(i for i in range(index, end) if is_population_word(lowers[i]))
    if names_the_panel(sentence, index, head) or any(w in rules.prepositions for w in lowers[index:head]):
        return None  # 'De grootste groep ambtenaren', 'De meeste deelnemers': the panel itself; 'De zorg van ...'
    return population_text(sentence, index, end)


def names_the_panel(sentence: SentenceTokens, first: int, end: int) -> bool:
    """A group word or quantity among tokens ``first:end`` ('De meeste', 'De grootste groep'):
    the phrase speaks of the panel, not of a group of it."""
    rules = construction_rules()
    return any(w in rules.quantity_words or w in sentence.rules.group_nouns for w in sentence.lowers[first:end])


def phrase_start(sentence: SentenceTokens, end: int, stops: frozenset[str] = frozenset()) -> int:
    """Where the phrase before token ``end`` starts: after punctuation, a clause start or one of ``stops``."""
    lowers, first = sentence.lowers, end
    while first > 0 and lowers[first - 1] not in PUNCTUATION and lowers[first - 1] not in stops \
            and first - 1 not in sentence.starts:
        first -= 1
    return first


def mark_subject_populations(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'Zelfstandigen werkten vaker thuis: 30 procent van hun uren': a group as the subject of the
    sentence is whom its first figures are about, unless the label names that group already."""
    population = _subject_group(sentence, candidates[0].first if candidates else 0)
    if population is None:
        return
    for candidate in candidates:
        if candidate.population is not None or _after_contrast(sentence, candidate):
            break
        if not any(population.lower() in label.lower() for label in candidate.labels):
            candidate.population = population


def mark_place_references(
    sentence: SentenceTokens, candidates: list[Candidate], previous: Callable[[], SentenceTokens]
) -> None:
    """'De stijging was het kleinst bij de politie. Daar steeg de tevredenheid van 68 naar 70 procent':
    a sentence that opens with 'Daar' or 'Hier', or a figure 'van hen', is about the group the
    sentence before opened with, else the group it named last. ``previous`` gives that sentence,
    built only when one points back to it."""
    rules = construction_rules()
    lowers = sentence.lowers
    index = 0
    while index < len(lowers) and lowers[index] in LEAD_SKIPS:
        index += 1
    # '9 op de 10 van hen': the group the sentence before was about.
    pointed = any(sentence.starts_with(c.end, rules.place_references) for c in candidates)
    if not pointed and not sentence.starts_with(index, rules.place_references):
        return
    before = previous()
    population = _subject_group(before) or _last_named_group(before)
    if population is None:
        return
    for candidate in candidates:
        if candidate.population is None:
            candidate.population = population


def _last_named_group(sentence: SentenceTokens) -> str | None:
    """The group a sentence names last after a preposition ('... het kleinst bij de politie')."""
    rules = construction_rules()
    for at in range(len(sentence.lowers) - 2, -1, -1):
        if sentence.lowers[at] in rules.prepositions:
            end = group_phrase(sentence, at + 1, len(sentence.lowers))
            population = population_text(sentence, at + 1, end) if end is not None else None
            if population:
                return population
    return None


def _past_examples(sentence: SentenceTokens, end: int, limit: int) -> int:
    """'Onder 60-plussers in de uitvoering, zoals handhavers, ...': the examples belong to the group."""
    lowers = sentence.lowers
    if end + 1 < limit and lowers[end] == "," and lowers[end + 1] in EXAMPLE_WORDS:
        close = next((i for i in range(end + 2, limit) if lowers[i] == ","), None)
        if close is not None:
            return close + 1
    return end


def _mark_group_around_brackets(sentence: SentenceTokens, candidate: Candidate) -> None:
    """'Een meerderheid van de jongeren (63 procent) is ...', 'Ruim een derde (36 procent) van de thuiswerkers, ...'."""
    lowers = sentence.lowers
    bracket, close = candidate.first - 1, candidate.end
    if not sentence.in_brackets(candidate.first, candidate.end):
        return
    if close + 1 < len(lowers) and lowers[close + 1] == "van":
        end = group_phrase(sentence, close + 2, len(lowers))
        if end is not None:
            candidate.group_end = end
            candidate.population = candidate.population or population_text(sentence, close + 2, end)
        return
    first = phrase_start(sentence, bracket)
    van = quantified_group(sentence, first, bracket)
    if van is not None and group_phrase(sentence, van + 1, bracket) == bracket:
        candidate.population = candidate.population or population_text(sentence, van + 1, bracket)


def _mark_group_after(sentence: SentenceTokens, candidate: Candidate) -> None:
    lowers = sentence.lowers
    index = candidate.end
    limit = len(lowers)
    if index < limit and lowers[index] == "van":
        index += 1
    elif index < limit and lowers[index] in construction_rules().prepositions and _after_contrast(sentence, candidate):
        index += 1
    elif candidate.kind != "FRACTION" or (index < limit and lowers[index] in sentence.rules.determiners):
        return  # 'Een op de vijf leidinggevenden', but not 'twee derde dat inwoners ...'
    end = group_phrase(sentence, index, limit)
    if end is None:
        return
    candidate.group_end = end
    candidate.population = population_text(sentence, index, end)


# Comparisons over time: 'steeg van 31 procent in 2021 naar 38 procent nu'; 'vorig jaar was dat nog 29 procent'.


def _period_phrase(sentence: SentenceTokens, first: int, end: int) -> str | None:
    """A past period named in tokens ``first:end``: a year after 'in', or 'vorig jaar' ..."""
    rules = construction_rules()
    year = _year_after(sentence, first, end, rules.year_leads)
    if year:
        return year
    for index in range(first, end):
        phrase = sentence.starts_with(index, rules.past)
        if phrase and index + len(phrase) <= end:
            return " ".join(phrase).removeprefix("in ").removeprefix("bij ")
    return None


def _has_phrase(sentence: SentenceTokens, first: int, end: int, phrases: Phrases) -> bool:
    return any(sentence.starts_with(i, phrases) for i in range(first, end))


def mark_periods(sentence: SentenceTokens, candidates: list[Candidate], context: ReferenceContext) -> None:
    """Periods of comparisons over time; the current side of a comparison gets 'nu'."""
    rules = construction_rules()
    lowers = sentence.lowers
    for candidate in candidates:
        naar = candidate.first - 1
        if naar < 1 or lowers[naar] != "naar":
            continue
        earlier = next((c for c in candidates if c.end <= naar and c.first >= 1 and _starts_after_van(sentence, c)), None)
        if earlier is None:
            continue
        van = earlier.first - 1
        period = (
            _period_phrase(sentence, earlier.end, naar) or _period_phrase(sentence, 0, van)
            or _year_after(sentence, 0, van, rules.since_leads)  # 'steeg sinds 2000 van 68 naar 70 procent'
        )
        if period is None and (
            _has_phrase(sentence, 0, van, rules.same_period) and context.past_period
        ):
            period = context.past_period
        earlier.period = period or rules.past_fallback
        candidate.period = _period_phrase(sentence, candidate.end, len(lowers)) or rules.current_label
        context.past_period = earlier.period
        subject = _change_subject(sentence, van)
        for member in (earlier, candidate):
            member.labels = [subject] if subject else []
    # '70 procent thuiswerkers in 2021 en 63 procent in 2023': a year right after a figure is its
    # own, and no longer a candidate for the figure after it.
    after = [_period_after(sentence, c, next_c.first if next_c else len(lowers))
             for c, next_c in zip(candidates, candidates[1:] + [None])]
    for number, candidate in enumerate(candidates):
        if candidate.period is not None:
            continue
        segment = _segment_start(sentence, candidates, candidate)
        if number and after[number - 1]:
            segment = max(segment, after[number - 1][1] + 1)
        # 'waar 32 procent in 2016 ... was, is dat nu 44 procent': a 'nu' nearer the number wins.
        current = [i for i in range(segment, candidate.first) if sentence.starts_with(i, rules.current)]
        period = None if current and after[number] is None else (after[number] or (None,))[0]
        if period is None:
            period = _period_phrase(sentence, current[-1] if current else segment, candidate.first)
        if period:
            candidate.period = period
            context.past_period = period


def _year_after(sentence: SentenceTokens, first: int, end: int, leads: frozenset[str]) -> str | None:
    """The first year in tokens ``first:end`` right after one of ``leads`` ('in 2021', 'sinds 2000')."""
    lowers = sentence.lowers
    for index in range(max(first, 1), end):
        if lowers[index - 1] in leads and _YEAR.fullmatch(lowers[index]):
            return sentence.tokens[index].text
    return None


def _period_after(sentence: SentenceTokens, candidate: Candidate, limit: int) -> tuple[str, int] | None:
    """'32 procent in 2016', '70 procent thuiswerkers in 2021': a year just after the number phrase,
    and where it stands."""
    lowers = sentence.lowers
    rules = construction_rules()
    for index in range(candidate.end, min(limit, candidate.end + YEAR_AFTER_REACH + 1) - 1):
        if lowers[index] in PUNCTUATION or lowers[index] in sentence.rules.list_conjunctions:
            return None
        if lowers[index] in rules.year_leads and _YEAR.fullmatch(lowers[index + 1]):
            return sentence.tokens[index + 1].text, index + 1
    return None


def _starts_after_van(sentence: SentenceTokens, candidate: Candidate) -> bool:
    return sentence.lowers[candidate.first - 1] == "van"


def _change_subject(sentence: SentenceTokens, van: int) -> str:
    """'Het aandeel dat ... meldt, daalde in dezelfde periode van': what changed."""
    verb = _change_verb(sentence, 0, van)
    return "" if verb is None else _changed_thing(sentence, verb, van)


def _change_verb(sentence: SentenceTokens, first: int, end: int, verbs: frozenset[str] | None = None) -> int | None:
    """The last change verb before ``end``; in 'nam het aantal ... af met' the verb, not its particle."""
    rules = construction_rules()
    verbs = verbs or rules.change_verbs
    verb = sentence.last_before(end, verbs - rules.subject_stops, first)
    return verb if verb is not None else sentence.last_before(end, verbs & rules.subject_stops, first)


def _changed_thing(sentence: SentenceTokens, verb: int, end: int) -> str:
    """The subject of a change verb: before it ('Het aandeel thuiswerkers steeg'), or after it when the
    clause opens with something else ('Tussen 2021 en 2023 steeg het aantal thuiswerkers met')."""
    rules = construction_rules()
    lowers = sentence.lowers
    first = 0
    while first < verb and (lowers[first] in LEAD_SKIPS or sentence.starts_with(first, sentence.rules.subject_leaders)):
        first += 1
    # Something else opens the clause ('Tussen 2021 en 2023', 'Doordat ..., daalde'): the subject follows the verb.
    if first == verb or lowers[first] in rules.openers or _YEAR.fullmatch(lowers[first]):
        first, stop = verb + 1, verb + 1
        while stop < end and lowers[stop] not in rules.subject_stops and lowers[stop] not in PUNCTUATION:
            stop += 1
    else:
        stop = verb
    phrase = sentence.starts_with(first, rules.subject_fillers)
    if phrase and first + len(phrase) < stop:
        first += len(phrase)
    while stop > first and lowers[stop - 1] in (",",):
        stop -= 1
    return trim_label(sentence, first, stop)


def mark_changes(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'steeg het aantal thuiswerkers met 400 duizend, tot 2,6 miljoen': the change and the new level.

    The amount after 'met' is a change, labelled as such ('toename aantal thuiswerkers'); the level
    after 'tot' is the changed thing itself. A pronoun subject ('steeg dit met') keeps the label
    found before, with the kind of change in front of it.
    """
    rules = construction_rules()
    lowers = sentence.lowers
    for candidate in candidates:
        lead = candidate.first - 1
        if lead < 1 or candidate.period is not None:
            continue
        amount = lowers[lead] in rules.amount_leads
        if not amount and lowers[lead] not in rules.level_leads:
            continue
        boundary = sentence.last_before(lead, sentence.rules.clause_conjunctions | SEMICOLON)
        start = 0 if boundary is None else boundary + 1
        # Only verbs with a direction: 'het gaat om 27 procent, vergeleken met 13' is no change.
        verb = _change_verb(sentence, start, lead, rules.directed_verbs)
        direction = 0 if verb is None else _direction(sentence, verb, lead)
        if not direction:
            continue
        thing = _changed_thing(sentence, verb, lead)
        if thing.lower() in rules.references or thing.lower() in RELATIVE:
            thing = ""
        if amount:
            kind = rules.rise_label if direction > 0 else rules.fall_label
            candidate.labels = [" ".join(p for p in (kind, thing) if p)]
        elif thing:
            candidate.labels = [thing]


def _direction(sentence: SentenceTokens, verb: int, end: int) -> int:
    rules = construction_rules()
    words = sentence.lowers[verb:end]
    if any(w in rules.rises for w in words):
        return 1
    if any(w in rules.falls for w in words):
        return -1
    return 0


# References: 'Onder jongeren is dat 55 procent', 'tegen 18 procent van de 55-plussers'.


def resolve_references(sentence: SentenceTokens, candidates: list[Candidate], context: ReferenceContext) -> None:
    """A statistic whose own words only point back ('is dat', 'tegen') takes the label before it."""
    rules = construction_rules()
    previous = context.last
    # A label that swallowed another figure of the sentence ('... 45 procent vrouw') says nothing.
    surfaces = {sentence.text(c.number, c.end) for c in candidates}
    for candidate in candidates:
        if candidate.drop:
            continue
        if len(candidate.labels) <= 1:
            label = candidate.labels[0] if candidate.labels else ""
            label = _without_group(sentence, candidate, label)
            words = [w.lower() for w in _LABEL_WORD.findall(label)]
            # 'nu, zes weken later, is dat 62 procent': words of time say when, never what.
            timely = [w for w in words if _is_time_word(sentence, w)]
            refers = all(
                w in rules.references or w in sentence.rules.backward_stops or w in sentence.rules.generic_words
                or w in sentence.rules.lead_in_prepositions or _is_time_word(sentence, w)
                for w in words
            ) or any(
                number in surfaces and number != sentence.text(candidate.number, candidate.end)
                for number in _NUMBER_PHRASE.findall(label)
            )
            has_context = (
                candidate.lead is not None or candidate.population is not None or candidate.period is not None
                or _after_contrast(sentence, candidate) or bool(timely)
            )
            colon = _colon_clause(sentence, candidates, candidate) if refers else None
            if colon:
                candidate.labels = [colon]
            elif previous is not None and previous.labels and refers and has_context:
                candidate.labels = list(previous.labels)
                candidate.statement = candidate.statement or previous.statement
                if candidate.period and candidate.period != rules.current_label and previous.period is None:
                    previous.period = rules.current_label
            elif label != (candidate.labels[0] if candidate.labels else ""):
                candidate.labels = [label]
        previous = candidate
    if previous is not None:
        context.last = previous


def _is_time_word(sentence: SentenceTokens, word: str) -> bool:
    return (
        word in construction_rules().time_words
        or _YEAR.fullmatch(word) is not None
        or word in sentence.rules.number_words
    )


def _colon_clause(sentence: SentenceTokens, candidates: list[Candidate], candidate: Candidate) -> str | None:
    """'Jongere ambtenaren klikken vaker: het gaat om 27 procent ...': the clause before the colon."""
    rules = construction_rules()
    colon = sentence.last_before(candidate.first, COLON, 1)
    if colon is None or candidate.previous_first > colon:
        return None
    first = 0
    leader = sentence.starts_with(first, sentence.rules.subject_leaders)
    if leader:
        first += len(leader)
    label = _without_group(sentence, candidate, trim_label(sentence, first, colon))
    words = [w.lower() for w in _LETTER_WORD.findall(label)]
    if not words or all(w in rules.references or w in sentence.rules.generic_words for w in words):
        return None
    return label


def _without_group(sentence: SentenceTokens, candidate: Candidate, label: str) -> str:
    """The label minus the group or period words that now have a field of their own."""
    pieces = []
    if candidate.lead:
        pieces.append(sentence.text(*candidate.lead))
    if candidate.population:
        pieces.append(candidate.population)
    if candidate.period:
        pieces.append(candidate.period)
    rules = construction_rules()
    leads = rules.year_leads | rules.since_leads
    for piece in sorted(pieces, key=len, reverse=True):
        at = label.lower().find(piece.lower()) if piece else -1
        if at < 0:
            continue
        end = at + len(piece)
        lead = label[:at].rstrip().rsplit(" ", 1)[-1]
        if _YEAR.fullmatch(piece) and lead.lower() in leads:
            at = len(label[:at].rstrip()) - len(lead)  # 'in 2016' goes as a whole
        label = label[:at] + label[end:]
    return " ".join(label.split()).strip(" ,;:")


def _after_contrast(sentence: SentenceTokens, candidate: Candidate) -> bool:
    rules = construction_rules()
    return bool(sentence.ends_with(candidate.first, rules.contrast))


# Shared values: 'Gemeenten en provincies scoren beide 11 procent'; 'zowel A als B door 24 procent'.


def shared_value_labels(sentence: SentenceTokens, candidate: Candidate) -> list[str] | None:
    """One label per part when two answers share the value, else None."""
    rules = construction_rules()
    lowers = sentence.lowers
    if sentence.ends_with(candidate.first, rules.both):
        end = candidate.first - len(sentence.ends_with(candidate.first, rules.both))
        if end > 0 and lowers[end - 1] in sentence.rules.finite_verbs:
            end -= 1  # the one verb of 'A en B scoren beide 11 procent'
        start = end
        while start > 0 and lowers[start - 1] not in sentence.rules.clause_boundaries:
            start -= 1
        return _split_pair(sentence.text(start, end))
    zowel = sentence.last_before(candidate.first, rules.both_of)
    if zowel is None:
        return None
    als = next((i for i in range(zowel + 1, candidate.first) if lowers[i] in rules.also), None)
    if als is None:
        return None
    end = candidate.first
    while end > als + 1 and (lowers[end - 1] in sentence.rules.backward_stops or lowers[end - 1] in sentence.rules.finite_verbs):
        end -= 1
    first, second = trim_label(sentence, zowel + 1, als), trim_label(sentence, als + 1, end)
    return [first, second] if first and second else None


def _split_pair(text: str) -> list[str] | None:
    parts = [p.strip() for p in regex.split(r"\s*,\s*|\s+en\s+", text) if p.strip()]
    if len(parts) < 2:
        return None
    return [_LEADING_ARTICLE.sub("", p) for p in parts]
