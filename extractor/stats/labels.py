"""Labels: the answer, group or statement a number phrase describes."""

from __future__ import annotations

import regex

from ..models import Unit
from .numbers import joiners_of, parse_number, skip_group
from .rules import CLOSING_QUOTES, OPENING_QUOTES, StatisticRules
from .sentence import Candidate, SentenceTokens, is_finite_verb, is_noun, is_verb

_QUOTED = regex.compile(r"[‘“'\"]([^’”'\"]{1,40})[’”'\"]")
_NOTE_MARK = regex.compile(r"^\(\d{1,2}\)\s*")
# A cut keeps at least this many words: 'vindt dat nabestaanden ... om te twijfelen' keeps its head.
LABEL_MIN_WORDS = 3
# 'er' stands this many words at most before the label it strands a preposition of.
STRANDING_REACH = 3
LEAD_IN_MAX_REMAINDER = 2
# 'en' or 'of' ends a label when another statistic follows within this many tokens
# ('45 procent vrouw en 0,5 procent', 'en nog eens 24 procent'), not 'tussen de 30 en 45 jaar, 41'.
NEXT_STATISTIC_WINDOW = 3
# 'De meeste deelnemers werken bij ...: 27 procent': the subject before the verb is short.
COLON_SUBJECT_MAX_WORDS = 4
# 'Een ruime meerderheid van', 'Ruim een derde van': the quantity word stands near the start.
QUANTITY_WORD_MAX_OFFSET = 3
NEGATIONS = frozenset({"niet", "geen", "nooit", "nauwelijks"})
# ', met respectievelijk 72 en 69 procent': the words between a list and its numbers.
RESPECTIVELY_LEADS = frozenset({",", "met", "namelijk", "op"})
ANSWER_ENDS = frozenset({"eens", "oneens"})
"""Words an agreement answer ends in that are stop words elsewhere."""
PRONOUNS = frozenset({"dit", "dat", "die", "het", "deze", "er", "ermee", "hiermee"})


def label_candidate(sentence: SentenceTokens, candidate: Candidate, candidates: list[Candidate]) -> None:
    rules = sentence.rules
    lowers = sentence.lowers
    before = candidate.first - 1
    after = candidate.end
    in_brackets = sentence.in_brackets(candidate.first, candidate.end)
    if _is_apposition(sentence, candidate, candidates):
        # 'De rest, 23 procent, heeft geen mening': the predicate after the second comma.
        after += 1
    if in_brackets:
        quoted = _quoted_before(sentence, before)
        if quoted is not None:
            candidate.labels = [quoted]
            return
        if lowers[0] == "•" and not any(c.first < before for c in candidates if c is not candidate):
            # "• Minder uren werken (53 procent)": the bullet is the label.
            candidate.labels = [trim_label(sentence, 1, before)]
            return
        back = _backward(sentence, before - 1)
        if back and not _is_group_phrase(sentence, back):
            candidate.labels = [trim_label(sentence, *_cut_lead_in(sentence, *back))]
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
        candidate.labels = [trim_label(sentence, *_forward(sentence, after + 1))]
        return
    start = max(skip_group(sentence, after), candidate.group_end)
    predicate = _forward(sentence, start)
    if "respectievelijk" in lowers[predicate[0] : predicate[1]]:
        candidate.labels = [trim_label(sentence, *predicate)]
        return
    passive = before >= 0 and lowers[before] == "door"
    if before >= 0 and lowers[before] == ":" and (passive or _is_generic(sentence, *predicate)):
        candidate.labels = [_colon_label(sentence, before)]
        return
    if not passive and not _is_generic(sentence, *predicate):
        first, end = _trim_span(sentence, *predicate)
        if not rules.agreement.search(sentence.text(first, end)):
            first, end = _cut_verb_lead_in(sentence, first, end)
        candidate.labels = [trim_label(sentence, first, end)]
        return
    answers = _quoted_answers(sentence, candidate.first, candidate.previous_end)
    if answers:
        candidate.labels = answers
        return
    candidate.labels = [_subject(sentence, candidate.first) or trim_label(sentence, *predicate)]
    if candidate.unit == Unit.COUNT and _only_points_back(sentence, candidate.labels[0]):
        # 'In totaal vulden 2.345 ambtenaren de lijst in, van wie 1.200 vrouwen': those counted.
        candidate.labels = [sentence.text(candidate.number + 1, candidate.end)]


def _only_points_back(sentence: SentenceTokens, label: str) -> bool:
    words = label.lower().split()
    rules = sentence.rules
    return bool(words) and any(w in rules.relative_pronouns for w in words) and all(
        w in rules.relative_pronouns or w in rules.lead_in_prepositions or w in rules.determiners for w in words
    )


def share_joined_labels(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'54 versus 42 procent positief', '5, 8 en 12 procent': a bare number takes the label of the
    figure it is joined to (respectievelijk, decided after this, gives each its own part)."""
    lowers = sentence.lowers
    joiners = joiners_of(sentence.rules)
    for candidate, following in reversed(list(zip(candidates, candidates[1:]))):
        bare = candidate.end - candidate.number == 1 and parse_number(lowers[candidate.number], sentence.rules) is not None
        if not (bare and following.first == candidate.end + 1 and lowers[candidate.end] in joiners):
            continue
        # Only what follows both is shared; a label from before the pair is the first one's own.
        last = sentence.tokens[following.end - 1]
        offset = last.end - sentence.start_char
        # Its first word is enough to tell, and raw text may break a label over lines.
        if following.labels and all(label and sentence.raw.find(label.split()[0], offset) >= 0 for label in following.labels):
            candidate.labels = list(following.labels)
        elif candidate.labels == [lowers[candidate.end]]:
            candidate.labels = [""]  # '33 tegen 21 procent bij mannen': the joiner says nothing


def distribute_respectively(sentence: SentenceTokens, candidates: list[Candidate]) -> None:
    """'8 en 12 procent werkt respectievelijk ergens anders of geeft geen antwoord': one part each."""
    if "respectievelijk" not in sentence.lowers:
        return
    run: list[Candidate] = []
    for candidate in candidates + [None]:
        if candidate is not None and run and candidate.first <= run[-1].end + 1:
            run.append(candidate)
            continue
        if len(run) > 1:
            _distribute_run(sentence, run)
        run = [candidate] if candidate is not None else []


def _distribute_run(sentence: SentenceTokens, run: list[Candidate]) -> None:
    lowers = sentence.lowers
    before = [i for i in range(run[0].first) if lowers[i] == "respectievelijk"]
    items = None
    if before:
        # 'In respectievelijk gemeenten, provincies en waterschappen is dat 41, 33 en 29 procent'
        items = _list_items(sentence, before[-1] + 1, _verb_before(sentence, before[-1] + 1, run[0].first), len(run))
    if before and items:
        last = run[-1]
        own = _forward(sentence, max(skip_group(sentence, last.end), last.group_end))
        if _is_generic(sentence, *own):
            for member, item in zip(run, items):
                member.labels = [item]
            return
        label = trim_label(sentence, *_trim_span(sentence, *own))
        for member, item in zip(run, items):
            member.population, member.labels = item, [label]
        return
    if before and before[-1] >= run[0].first - 2 and lowers[before[-1] - 1] != "door":
        # 'ambtenaren bij gemeenten en defensie scoren lager met respectievelijk 72 en 69 procent':
        # the groups before, what they share in between ('door respectievelijk' names answers).
        found = _list_before(sentence, before[-1], len(run))
        if found:
            items, list_end = found
            lead = before[-1]
            while lead > list_end and lowers[lead - 1] in RESPECTIVELY_LEADS:
                lead -= 1
            generic = _is_generic(sentence, list_end, lead)
            predicate = trim_label(sentence, list_end, lead)
            for member, item in zip(run, items):
                if generic:
                    member.labels = [item]
                else:
                    member.population, member.labels = item, [predicate]
            return
    label = next((c.labels[0] for c in reversed(run) if c.labels and c.labels[0]), "")
    parts = _split_list(label, len(run))
    if parts is None and "respectievelijk" in lowers[run[-1].end :]:
        # 'werkt 9, 7 en 5 procent respectievelijk bij een provincie, een waterschap of een zbo'
        first = run[-1].end + lowers[run[-1].end :].index("respectievelijk") + 1
        end = first
        while end < len(lowers) and lowers[end] not in (";", ".", ":") and end not in sentence.starts:
            end += 1
        parts = _list_items(sentence, first, end, len(run))
    if parts:
        for member, part in zip(run, parts):
            member.labels = [part]


def _list_before(sentence: SentenceTokens, index: int, count: int) -> tuple[list[str], int] | None:
    """The ``count`` items of the last 'bij A, B en C' before ``index``, and where the list ends."""
    rules = sentence.rules
    lowers = sentence.lowers
    while index > 0 and lowers[index - 1] in RESPECTIVELY_LEADS:
        index -= 1  # ', met respectievelijk'
    conjunction = next(
        (i for i in range(index - 1, 0, -1) if lowers[i] in rules.list_conjunctions or lowers[i] in rules.clause_boundaries),
        None,
    )
    if conjunction is None or lowers[conjunction] not in rules.list_conjunctions:
        return None
    end = conjunction + 1
    while end < index and lowers[end] in rules.determiners:
        end += 1
    if end < index and lowers[end].isalpha() and not is_finite_verb(lowers[end], rules):
        end += 1  # the last item: one word ('defensie'); a longer one cannot be told from what follows
    first = next(
        (i + 1 for i in range(conjunction - 1, -1, -1)
         if lowers[i] in rules.lead_in_prepositions or lowers[i] in rules.backward_stops
         or (lowers[i] in rules.clause_boundaries and lowers[i] != ",")),
        0,
    )
    items = _list_items(sentence, first, end, count) if end > conjunction + 1 else None
    return (items, end) if items else None


def _verb_before(sentence: SentenceTokens, first: int, end: int) -> int:
    """End of the list before the numbers: without the verb ('is', 'werkt', 'zegt') and commas."""
    lowers = sentence.lowers
    while end > first and (
        lowers[end - 1] in (",", "het", "er", "dat", "dit") or is_finite_verb(lowers[end - 1], sentence.rules)
    ):
        end -= 1
    return end


def _list_items(sentence: SentenceTokens, first: int, end: int, count: int) -> list[str] | None:
    """'gemeenten, het Rijk en andere organisaties, zoals provincies en waterschappen' in ``count`` items.

    Commas may stand inside the list; a 'zoals' part belongs to the item before it.
    """
    lowers = sentence.lowers
    items: list[list[int]] = [[]]
    examples = False
    for index in range(first, end):
        word = lowers[index]
        if word in ("zoals", "bijvoorbeeld", "waaronder") and items[-1] == [] and len(items) > 1:
            items.pop()
            examples = True
        if not examples and word in (",", "en", "of"):
            if items[-1]:
                items.append([])
            continue
        items[-1].append(index)
    items = [i for i in items if i]
    if len(items) != count:
        return None
    texts = []
    for tokens in items:
        start, stop = tokens[0], tokens[-1] + 1
        while start < stop - 1 and lowers[start] in sentence.rules.lead_in_prepositions | sentence.rules.determiners:
            start += 1
        texts.append(sentence.text(start, stop).strip(" ,"))
    return texts


def _split_list(label: str, count: int) -> list[str] | None:
    """Split 'A, B en C' / 'A of B' into ``count`` parts, trying the rarer separator first."""
    label = regex.sub(r"\brespectievelijk\b\s*", "", label).strip()
    for pattern in (r"\s*,\s*|\s+(?:en|of)\s+", r"\s+en\s+", r"\s+of\s+", r"\s*,\s*"):
        parts = [p.strip() for p in regex.split(pattern, label) if p.strip()]
        if len(parts) == count:
            return parts
    return None


def _is_generic(sentence: SentenceTokens, first: int, end: int) -> bool:
    """'wordt het vaakst genoemd': the predicate says nothing, the label is elsewhere."""
    first, end = _trim_span(sentence, first, end)
    words = [w for w in sentence.lowers[first:end] if w.isalpha()]
    return all(w in sentence.rules.generic_words or w in PRONOUNS for w in words)


def _cut_lead_in(sentence: SentenceTokens, first: int, end: int) -> tuple[int, int]:
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
            verbal = any(is_verb(w) for w in lead) or all(not is_noun(w) for w in lead)
            if end - cut <= LEAD_IN_MAX_REMAINDER and verbal:
                return cut, end
            break
    while first < end - 1 and lowers[first] in rules.determiners:
        first += 1
    return first, end


def _cut_verb_lead_in(sentence: SentenceTokens, first: int, end: int) -> tuple[int, int]:
    """'werkt bij een gemeente' -> 'gemeente', but 'niet goed op de hoogte' stays whole."""
    lowers = sentence.lowers
    for index in range(first, min(end - 1, first + 3)):
        if lowers[index] in sentence.rules.lead_in_prepositions:
            lead = lowers[first:index]
            if sentence.starts_with(index, sentence.rules.fixed_phrases):
                break  # 'op de hoogte', 'in staat', 'aan zet' say what the label means
            # Verbs and employment words only: 'tevreden over het beleid' keeps its adjective, and
            # 'vertrouwen in de aanpak' its noun.
            if all(
                (is_finite_verb(w, sentence.rules) or w in sentence.rules.employment_words) and w not in NEGATIONS
                for w in lead
            ):
                return _cut_lead_in(sentence, first, end)
            break
    return first, end


def _forward(sentence: SentenceTokens, index: int) -> tuple[int, int]:
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
        ) and not _inside_band(sentence, end) and (end + 1 >= len(lowers) or lowers[end + 1] not in rules.open_ends):
            break
        elif (
            word in rules.list_conjunctions and end + 1 < len(lowers) and lowers[end + 1] in rules.lead_in_prepositions
            and any(s > end for s in sentence.starts)
        ):
            break  # '6 procent en bij ‘lange dagen’ is het 35 procent': a new clause with its own figure
        end += 1
    return index, end


def _is_apposition(sentence: SentenceTokens, candidate: Candidate, candidates: list[Candidate]) -> bool:
    """'Ruim de helft, 52 procent, is ...' and 'De rest, 23 procent, heeft ...': the number names a group."""
    lowers = sentence.lowers
    before, after = candidate.first - 1, candidate.end
    if before < 1 or after >= len(lowers) or lowers[before] != "," or lowers[after] != ",":
        return False
    return _is_group_phrase(sentence, (before - 1, before)) or any(c.drop and c.end == before for c in candidates)


def _inside_band(sentence: SentenceTokens, index: int) -> bool:
    """'tussen de 40 en 65': this 'en' joins the ends of an age band, it does not end the label."""
    lowers = sentence.lowers
    return index >= 2 and parse_number(lowers[index - 1], sentence.rules) is not None and (
        lowers[index - 2] == "tussen" or (index >= 3 and lowers[index - 3 : index - 1] == ["tussen", "de"])
    )


def _backward(sentence: SentenceTokens, index: int) -> tuple[int, int] | None:
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


def _is_group_phrase(sentence: SentenceTokens, span: tuple[int, int]) -> bool:
    """'Een kleine minderheid (18 procent)': the bracket number belongs to a group, not an answer."""
    last = sentence.lowers[span[1] - 1]
    rules = sentence.rules
    return (
        last in rules.respondent_nouns
        or last in rules.group_nouns
        or last in rules.fraction_words
        or parse_number(last, rules) is not None
        or quantified_group(sentence, *span) is not None
    )


def quantified_group(sentence: SentenceTokens, first: int, end: int) -> int | None:
    """'Een ruime meerderheid van de inwoners (63 procent)': the index of 'van' after the quantity word.

    Such a phrase names whom the share is of; what they answered follows the bracket.
    """
    rules = sentence.rules
    lowers = sentence.lowers
    for index in range(first, min(end - 1, first + QUANTITY_WORD_MAX_OFFSET + 1)):
        if (lowers[index] in rules.group_nouns or lowers[index] in rules.fraction_words) and lowers[index + 1] == "van":
            return index + 1
    return None


def _colon_label(sentence: SentenceTokens, colon: int) -> str:
    """'Verkeer en vervoer: 22 procent' or 'werken bij de rijksoverheid: zo'n 27 procent'."""
    rules = sentence.rules
    first = colon
    while first > 0 and sentence.lowers[first - 1] not in (rules.clause_boundaries | {"•"}) - {":"}:
        first -= 1
    if first > 0 and sentence.lowers[first - 1] == "•":
        return trim_label(sentence, first, colon)  # '• Meer bomen in de straat: 31%': the item is the label
    if colon - first > 4:
        # A whole clause ('De meeste deelnemers werken bij de rijksoverheid'): its predicate.
        for index in range(first + 1, min(colon - 1, first + COLON_SUBJECT_MAX_WORDS + 1)):
            word, previous = sentence.lowers[index], sentence.lowers[index - 1]
            after_function_word = previous in rules.lead_in_prepositions | rules.determiners
            if is_verb(word) and not is_noun(word) and not after_function_word:
                first = index + 1
                break
    leader = sentence.starts_with(first, rules.subject_leaders)
    if leader:
        first += len(leader)
    return trim_label(sentence, *_cut_verb_lead_in(sentence, first, colon))


def _quoted_before(sentence: SentenceTokens, bracket: int) -> str | None:
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


def _quoted_answers(sentence: SentenceTokens, first: int, start: int = 0) -> list[str]:
    """'zowel het antwoord ‘Ja’ als ‘Weet niet’ door 42 procent': one label per quoted answer.

    Only quotes after the statistic before (from token ``start``) belong to this one.
    """
    answers = []
    if sentence.first_quote is None or first < 1 or sentence.tokens[first - 1].idx < sentence.first_quote:
        return answers  # no quote before the number: skip reading the sentence up to it
    text = sentence.text(start, first)
    for match in _QUOTED.finditer(text):
        answers.append(match.group(1).strip())
    return answers


def _subject(sentence: SentenceTokens, first: int) -> str:
    """'Ook de omgevingsvisie wordt met 32 procent vaak genoemd' -> 'omgevingsvisie'."""
    rules = sentence.rules
    lowers = sentence.lowers
    start = first
    while start > 0 and lowers[start - 1] not in rules.clause_boundaries and lowers[start - 1] != ")":
        start -= 1
    end = first
    while end > start and not _ends_in_answer(sentence, start, end) and (
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
    if end < len(lowers) and lowers[end] == "met":
        start, end = _subject_of_verb(sentence, start, end)
    subject = trim_label(sentence, start, end)
    if not subject and start > 1 and lowers[start - 1] == ",":
        # 'Thuis kunnen ambtenaren zich beter concentreren, vindt 71 procent.'
        return _subject(sentence, start - 1)
    return subject


def _ends_in_answer(sentence: SentenceTokens, start: int, end: int) -> bool:
    """'Helemaal eens is 20 procent': the words before the verb end in an answer ('eens' is a
    stop word elsewhere: 'nog eens')."""
    if sentence.lowers[end - 1] not in ANSWER_ENDS:
        return False
    text = sentence.text(start, end)
    return any(match.end() == len(text) for match in sentence.rules.agreement.finditer(text))


def _subject_of_verb(sentence: SentenceTokens, first: int, end: int) -> tuple[int, int]:
    """'De respons was volgens hem met 36 procent hoog': the subject before the verb, or after it
    when the clause opens with a prepositional phrase ('Bij de politie was de groei met ...')."""
    rules = sentence.rules
    lowers = sentence.lowers
    verb = next(
        (i for i in range(first + 1, end) if is_finite_verb(lowers[i], rules) and lowers[i - 1] not in rules.determiners),
        None,
    )
    if verb is None:
        return first, end
    if lowers[first] in rules.lead_in_prepositions:
        after = verb + 1
        stop = next((i for i in range(after, end) if lowers[i] in rules.lead_in_prepositions and i > after + 1), end)
        return after, stop
    return first, verb


def _is_emphasis_end(sentence: SentenceTokens, end: int) -> int:
    phrase = sentence.ends_with(end, sentence.rules.emphasis)
    return len(phrase) if phrase else 0


def trim_label(sentence: SentenceTokens, first: int, end: int) -> str:
    """Drop reporting verbs and function words around a label, keep what it says."""
    return sentence.text(*_trim_span(sentence, first, end)).strip(" ,;:").rstrip(" (")


def _trim_span(sentence: SentenceTokens, first: int, end: int) -> tuple[int, int]:
    rules = sentence.rules
    first = _past_inverted_subject(sentence, first, end)
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
        elif (first + 1 < end and sentence.lowers[first] in rules.respondent_nouns
              and sentence.lowers[first + 1] in rules.determiners):
            first += 1  # 'noemen de deelnemers de hoeveelheid werk': the subject, then what they name
            changed = True
    changed = True
    while changed and first < end:
        changed = False
        phrase = sentence.ends_with(end, rules.trailing_fillers)
        if phrase and end - len(phrase) > first:
            end -= len(phrase)
            changed = True
    lowers = sentence.lowers
    if (
        end - first > 1
        and lowers[end - 1] in rules.stranded_prepositions
        and any(w in rules.pronominal_adverbs for w in lowers[max(first - STRANDING_REACH, 0) : end - 1])
    ):
        end -= 1  # 'heeft er een globaal beeld van': the preposition belongs to 'er'
    return first, end


def _past_inverted_subject(sentence: SentenceTokens, first: int, end: int) -> int:
    """'Als grootste knelpunt zien ambtenaren het personeelstekort': after a fronted phrase the
    verb comes first, then the panel as subject; what they see or name follows."""
    lowers, rules = sentence.lowers, sentence.rules
    for at in range(first + 1, end - 1):
        if lowers[at] not in rules.respondent_nouns or lowers[at + 1] not in rules.determiners:
            continue
        verb = at - 2 if lowers[at - 1] in rules.determiners else at - 1
        if verb >= first and is_finite_verb(lowers[verb], rules):
            return at + 1
    return first


def concise_label(label: str, rules: StatisticRules, others: int = 0) -> str:
    """A label of a dozen words or so: the head of a long predicate.

    Past ``rules.label_max_words`` a label is cut before a subordinate clause ('... moeten houden
    om te twijfelen en ...'); past ``rules.label_hard_max_words`` it keeps its first words, ending
    on a content word, and less by the ``others`` words that population and period take. A
    leading note mark ('(4) vindt ...') goes.
    """
    label = _NOTE_MARK.sub("", label)
    words = label.split()
    if len(words) <= rules.label_max_words:
        return label
    cut = next((i for i in range(LABEL_MIN_WORDS, len(words)) if words[i].lower() in rules.label_cuts), None)
    if cut is not None:
        words = words[:cut]
    budget = max(rules.label_hard_max_words - others, rules.label_max_words)
    if len(words) > budget:
        words = words[:budget]
        function_words = (
            rules.determiners | rules.lead_in_prepositions | rules.list_conjunctions | rules.backward_stops
            | rules.stranded_prepositions | rules.pronominal_adverbs
        )
        # '... over te dragen en pieken': a half-cut last item goes with its conjunction.
        conjunction = next((i for i in range(len(words) - 1, len(words) - 4, -1) if words[i].lower() in rules.list_conjunctions), None)
        if conjunction is not None and conjunction >= LABEL_MIN_WORDS:
            words = words[:conjunction]
        lowered = [w.lower() for w in words]
        if "om" in lowered[LABEL_MIN_WORDS:] and "te" not in lowered[lowered.index("om", LABEL_MIN_WORDS):]:
            words = words[: lowered.index("om", LABEL_MIN_WORDS)]  # an 'om ... te' clause cut in half goes
        while len(words) > LABEL_MIN_WORDS and words[-1].lower().strip(",") in function_words:
            words.pop()
    return " ".join(words).rstrip(" ,;:")
