"""The spaCy pipeline: a blank Dutch pipeline with the project's components, built in one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..datafiles import load_json, load_jsonl, require_keys
from ..text.lexicon import dutch_lexicon
from .sentence import WORDS_KEY
from .sentences import sentence_starts
from .statistics import Dropped, Statistic, StatisticFinder, StatisticRules, statistic_rules

NUMBER_SPANS_KEY = "numbers"
PATTERNS_FILE = "patterns.jsonl"
TOKENIZER_FILE = "tokenizer.json"
SENTENCE_STARTS_KEY = "extractor.sentence_starts"
SECTION_STARTS_KEY = "extractor.section_starts"
"""Where ``doc.user_data`` may give the character offsets at which article sections start."""
PIECE_CHARS = 100_000
"""Longer texts go through the pipeline in pieces of about this many characters, cut after a
paragraph (``annotate``)."""
MAX_LENGTH = 100_000_000
"""``nlp.max_length``: the pipeline's components work in time and memory linear in the text."""
TEXT_KEY = "extractor.text"
"""Where ``doc.user_data`` keeps the input string (``Doc.text`` rebuilds it token by token)."""
"""Where ``doc.user_data`` keeps the sentence start indices (iterating ``doc.sents`` is slow)."""

if not Doc.has_extension("statistics"):
    Doc.set_extension("statistics", default=None)
if not Doc.has_extension("dropped"):
    Doc.set_extension("dropped", default=None)


@Language.factory(
    "extractor_sentences",
    assigns=["token.is_sent_start"],
    default_config={},
)
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


def doc_text(doc: Doc) -> str:
    """The doc's text, as given to the tokenizer when it kept it."""
    return doc.user_data.get(TEXT_KEY) or doc.text


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input string on the doc for the components."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc


class SentenceSplitter:
    """Sentence boundaries at end marks and at paragraph breaks (blocks never share a sentence)."""

    def __call__(self, doc: Doc) -> Doc:
        # Token texts from offsets: creating a Token object per token costs more than the rest.
        text = doc_text(doc)
        # Viewed as signed: numpy turns uint64 into Python ints on a slow path, ten times slower.
        bounds = doc.to_array([IDX, LENGTH]).view("int64")
        starts_at = bounds[:, 0]
        offsets = starts_at.tolist()
        words = [text[start:end] for start, end in zip(offsets, (starts_at + bounds[:, 1]).tolist())]
        doc.user_data[WORDS_KEY] = (words, offsets)
        starts = sentence_starts(words, [w.isspace() for w in words])
        # One array write instead of a per-token property (which re-checks the whole doc).
        values = numpy.array([1 if start else -1 for start in starts], dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        doc.user_data[SENTENCE_STARTS_KEY] = [i for i, start in enumerate(starts) if start]
        return doc


@Language.factory(
    "extractor_numbers",
    assigns=["doc.spans"],
    default_config={"spans_key": NUMBER_SPANS_KEY},
)
def make_number_ruler(nlp: Language, name: str, spans_key: str) -> "AnchoredSpanRuler":
    return AnchoredSpanRuler(nlp, name, spans_key=spans_key, validate=True, overwrite=True)


class AnchoredSpanRuler(SpanRuler):
    """spaCy's span ruler, matching only around the words its patterns cannot do without.

    A pattern may name its anchor: the index of a token it always has (no ``OP``) that is one
    of a few words (``LOWER``: a word, or ``IN`` a list). A match of the pattern then starts at
    most as many tokens before such a word as the pattern has before its anchor, and ends
    within the tokens it has after it; so matching in those windows finds what matching the
    whole doc finds. The anchor words are found with one array comparison, and the windows
    cover a fraction of the text. A pattern without an anchor makes the ruler match the
    whole doc.
    """

    def __init__(self, nlp: Language, name: str = "extractor_numbers", **config):
        super().__init__(nlp, name, **config)
        self.reach: dict[int, tuple[int, int]] = {}  # anchor word (LOWER hash): tokens before, after
        self.unanchored = False
        self._keys: numpy.ndarray | None = None  # the anchor hashes, sorted for searchsorted

    def add_patterns(self, patterns: list[dict]) -> None:
        for entry in patterns:
            index = entry.get("anchor")
            if index is None:
                self.unanchored = True
                continue
            after = len(entry["pattern"]) - index
            for word in _anchor_words(entry, index):
                key = self.nlp.vocab.strings.add(word)
                before_most, after_most = self.reach.get(key, (0, 0))
                self.reach[key] = (max(before_most, index), max(after_most, after))
        super().add_patterns([{key: value for key, value in entry.items() if key != "anchor"} for entry in patterns])

    def match(self, doc: Doc):
        if self.unanchored or not self.reach or not len(doc):
            return super().match(doc)
        keys = self._keys
        if keys is None or len(keys) != len(self.reach):
            keys = self._keys = numpy.array(sorted(self.reach), dtype="uint64")
        lowers = doc.to_array([LOWER]).reshape(-1)
        found = numpy.minimum(numpy.searchsorted(keys, lowers), len(keys) - 1)
        at = numpy.flatnonzero(keys[found] == lowers)
        reach = self.reach
        windows = [(i - reach[key][0], i + reach[key][1]) for i, key in zip(at.tolist(), lowers[at].tolist())]
        matches: set[Span] = set()
        for start, end in _merged(windows, len(doc)):
            for match_id, first, last in self.matcher(doc[start:end]):  # offsets into the window
                labels = self._match_label_id_map[match_id]
                matches.add(Span(doc, start + first, start + last, label=labels["label"], span_id=labels["id"]))
        return sorted(matches)


def _anchor_words(entry: dict, index: int) -> list[str]:
    """The words of a pattern's anchor token; a ``ValueError`` names a pattern whose anchor is not one."""
    tokens = entry["pattern"]
    token = tokens[index] if isinstance(index, int) and 0 <= index < len(tokens) else None
    words = token.get("LOWER") if token is not None and set(token) == {"LOWER"} else None
    if isinstance(words, dict) and set(words) == {"IN"}:
        words = words["IN"]
    elif isinstance(words, str):
        words = [words]
    if not words or not all(isinstance(word, str) and word == word.lower() for word in words):
        raise ValueError(f"pattern {entry.get('id')!r}: its anchor {index!r} is no required token of lower-case words")
    return words


def _merged(windows: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Token ranges in order, clipped to the doc, overlapping or touching ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        start, end = max(0, start), min(length, end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@Language.factory(
    "extractor_statistics",
    assigns=["doc._.statistics", "doc._.dropped"],
    requires=["token.is_sent_start"],
    default_config={"spans_key": NUMBER_SPANS_KEY},
)
def make_statistics(nlp: Language, name: str, spans_key: str) -> "StatisticsComponent":
    return StatisticsComponent(spans_key=spans_key)


class StatisticsComponent:
    """Turns matched number phrases into statistics with labels (``doc._.statistics``)."""

    def __init__(self, *, spans_key: str, rules: StatisticRules | None = None):
        self.spans_key = spans_key
        self.rules = rules or statistic_rules()

    def __call__(self, doc: Doc) -> Doc:
        finder = StatisticFinder(doc_text(doc), self.rules, doc.user_data.get(SECTION_STARTS_KEY, ()))
        self.read(doc, finder)
        doc._.statistics, doc._.dropped = finder.finish()
        return doc

    def read(self, doc: Doc, finder: StatisticFinder, offset: int = 0) -> None:
        """Hand the doc's number phrases to ``finder`` (the doc starts at ``offset`` of its text)."""
        spans = list(spacy.util.filter_spans(doc.spans.get(self.spans_key, [])))
        finder.add(doc, spans, doc.user_data.get(SENTENCE_STARTS_KEY), offset)


def annotate(nlp: Language, text: str, section_starts: Sequence[int] = ()) -> tuple[list[Statistic], list[Dropped]]:
    """The statistics of an article's clean text, and the number phrases that are none.

    The text goes through the pipeline in pieces cut after paragraph breaks (sentences never
    cross one), each let go once read: no ``nlp.max_length`` applies and memory stays that of
    one piece however long the article. What carries from sentence to sentence carries from
    piece to piece (``StatisticFinder``), so the pieces give what one pass gives.
    """
    components = [component for _name, component in nlp.pipeline]
    statistics = next(component for component in components if isinstance(component, StatisticsComponent))
    before = [component for component in components if component is not statistics]
    finder = StatisticFinder(text, statistics.rules, section_starts)
    for start, end in text_pieces(text, PIECE_CHARS):
        doc = nlp.tokenizer(text[start:end])
        for component in before:
            doc = component(doc)
        statistics.read(doc, finder, start)
    return finder.finish()


def text_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of about ``size`` characters, each ending after a blank line (or,
    in a text without one, after a line break, else after whitespace) together with the
    whitespace that follows it."""
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.find("\n\n", start + size)
        if cut < 0:
            cut = text.find("\n", start + size)  # sentences end at a line break too
        if cut < 0:
            cut = _next_space(text, start + size)
        if cut < 0:
            break
        end = cut
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text):
            break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _next_space(text: str, at: int) -> int:
    for i in range(at, len(text)):
        if text[i].isspace():
            return i
    return -1


TOKENIZER_FACTORY = "extractor.tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER_FACTORY)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """The customised tokenizer, as spaCy's config names it (see ``customised_tokenizer``)."""
    return customised_tokenizer


def customised_tokenizer(nlp: Language) -> Tokenizer:
    """Split "12,5%" and "10-15"; keep "zo’n" whole; let "dat." end a sentence.

    Built with every setting at once, in place of spaCy's default tokenizer: building a
    tokenizer loads all its special cases, and so does each later change to its rules,
    suffixes or infixes; building the default one first and then this one made the tokenizer
    the costliest step of starting up.
    """
    settings = require_keys(
        TOKENIZER_FILE,
        load_json(TOKENIZER_FILE),
        {"keep_abbreviations", "min_word_length", "extra_suffixes", "extra_infixes", "special_cases"},
    )
    lexicon, keep = dutch_lexicon(), set(settings["keep_abbreviations"])
    defaults = nlp.Defaults
    rules = {
        key: value
        for key, value in defaults.tokenizer_exceptions.items()
        if not _glued_full_stop(key, lexicon, keep, settings["min_word_length"])
    }
    for case in settings["special_cases"]:
        rules[case] = [{"ORTH": case}]
    suffixes = list(defaults.suffixes) + settings["extra_suffixes"]
    infixes = list(defaults.infixes) + settings["extra_infixes"]
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def _glued_full_stop(key: str, lexicon, keep: set[str], min_length: int) -> bool:
    stem = key[:-1]
    return (
        key.endswith(".")
        and key not in keep
        and stem.isalpha()
        and stem.islower()
        and len(stem) >= min_length
        and stem in lexicon
    )


def build_nlp() -> Language:
    """A fresh pipeline: blank Dutch tokenizer, sentences, number patterns, statistics."""
    nlp = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FACTORY}}})
    # Articles go through in pieces (``annotate``); the limit only guards ``nlp(text)``.
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("extractor_sentences")
    ruler = nlp.add_pipe("extractor_numbers")
    ruler.add_patterns(list(load_jsonl(PATTERNS_FILE)))
    nlp.add_pipe("extractor_statistics")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The pipeline of this process, built once (workers each build their own)."""
    return build_nlp()
