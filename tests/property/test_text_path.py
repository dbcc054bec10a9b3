"""Arbitrary text never crashes the text path, and every record points at its own surface."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.errors import ExtractorError

# Pieces of Ambtenarenpanel articles and of what goes wrong with them: numbers in every
# notation, percent words, qualifiers, hyphenated line breaks, bullets, headings, and the
# characters that PDFs and word processors leave behind.
FRAGMENTS = [
    "Aan de raadpleging hebben 739 ambtenaren deelgenomen. ",
    "Daarvan is 47 procent man",
    ", 45 procent vrouw en 0,5 procent geeft aan geen van beide te zijn.",
    "Een meer-\nderheid van 67 procent is tussen de 40 en \n65 jaar. ",
    "Rond de 9 procent", "ruim 1.234 deelnemers", "bijna een derde", "de helft",
    "meer dan 80%", "minder dan 3 %", "zo’n 27 procent", "(8 procent)", "twee op de drie",
    "12 en 14 procent", "1,5 miljoen", "–", "—", "‘", "’", "“", "”", "…", "½", "¼",
    "\n", "\n\n", "\r\n", "\t", "\f", "\u00ad", "\u00a0", "\u200b", "\ufeff", "\x00",
    "•\t De opgave centraal zetten.\n", "- 15 procent\n", "Praktijk\n", "Integrale aanpak\n",
    "procent", "%", "pro-\ncent", "deelge-\nnomen", "ﬁ", "ﬂ", "٣", "¹", "²", "Ⅻ", "𝟗",
    "e\u0301", "İ", "ß", "\ud7ff", "😀", "\u2028", "\u0085",
]

article_like = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.integers(min_value=0, max_value=100_000).map(str),
        st.decimals(min_value=0, max_value=100, places=1).map(lambda d: str(d).replace(".", ",")),
        st.text(max_size=12),
    ),
    max_size=80,
).map("".join)

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_text_path(text: str) -> None:
    try:
        article = extract(text)
    except ExtractorError:
        return
    for record in article.records:
        assert article.text[record.start : record.end] == record.surface, record
    ids = [record.id for record in article.records]
    assert len(ids) == len(set(ids))


@PROPERTY_SETTINGS
@given(article_like)
def test_text_path_never_crashes_on_article_like_text(text):
    check_text_path(text)


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
@example("Daarvan is 47 procent man. " * 12)  # one line longer than a file name may be
def test_text_path_never_crashes_on_arbitrary_text(text):
    check_text_path(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS[:12]), min_size=20, max_size=200).map("".join))
def test_text_path_never_crashes_on_long_articles(text):
    check_text_path(text)


# Any character at all: lone surrogates (which no text file can hold, but a str can) and the
# decimal digits of every script, which regex's \d matches and int() may refuse.
any_character = st.one_of(st.characters(), st.characters(categories=["Cs"]))
unicode_digit = st.characters(categories=["Nd"])
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS), st.text(any_character, max_size=8),
        st.text(unicode_digit, min_size=1, max_size=4), st.just("2" + "0" * 308 + " procent"),
    ),
    max_size=40,
).map("".join)


@PROPERTY_SETTINGS
@given(hostile_text)
@example("Pagina \U00011f53\U00011f54\n\nRuim 40 procent werkt thuis.")
@example("a\ud800")
@example("2" + "0" * 308 + " procent van de deelnemers")
def test_any_text_gives_a_valid_strict_json_document_or_the_projects_own_error(text):
    from extractor.dataset.validate import provenance_problems, record_problems, schema_problems

    try:
        article = extract(text)
    except ExtractorError:
        return
    document = json.loads(json.dumps(article.to_dict(), allow_nan=False))  # strict JSON: no NaN, no Infinity
    for stage in (schema_problems, record_problems, provenance_problems):
        assert stage(document, "hypothesis") == []
