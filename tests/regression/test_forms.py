"""The same article in other forms gives the same result as the wrapped magazine text.

Each text sample is rewritten as web copy (one paragraph per line, the title block down to the
byline without blank lines, share links and a block of other articles' teasers at the end) as
flat text (blank lines between paragraphs) and as pdftotext gives a magazine page (wrapped
lines, bullet markers on lines of their own, page furniture inside a paragraph, with a word
hyphenated across it). Title,
subtitle, headings and the statistics per section must come out as from the sample itself,
with exact offsets.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pyphen
import pytest

from extractor import extract
from extractor.api import extract_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
COLUMN_WIDTH = 42
HYPHENATOR = pyphen.Pyphen(lang="nl_NL")
TEASERS = [
    "Gerelateerde artikelen",
    "Vier op de tien leraren denkt aan stoppen (62 procent twijfelt)",
    "Zorgmedewerkers: 35 procent wil minder werken",
]


def _body_lines(article) -> list[str]:
    """The body as printed: a heading on a line of its own, a paragraph or bullet per line."""
    return [paragraph for paragraph in article.text.split("\n") if paragraph != article.lede]


def _pdftext(body: list[str]) -> list[str]:
    """Lines wrapped at a column's width, bullet markers on lines of their own, and a page
    number and issue line breaking the second paragraph, as pdftotext gives a magazine page."""
    lines, paragraphs = [], 0
    for paragraph in body:
        if not paragraph:
            lines.append("")
            continue
        if paragraph.startswith("• "):
            lines.append("•")
            paragraph = paragraph[2:]
        wrapped = textwrap.wrap(paragraph, COLUMN_WIDTH, break_on_hyphens=False)
        paragraphs += len(wrapped) > 3
        if paragraphs == 2 and len(wrapped) > 3:
            at = next((i for i in range(2, len(wrapped)) if _split_point(wrapped[i].split()[0])), 2)
            first = wrapped[at].split()[0]
            cut = _split_point(first)
            if cut:
                # The word at the page break is hyphenated across the furniture.
                wrapped[at - 1] += " " + first[:cut] + "-"
                wrapped[at] = first[cut:] + wrapped[at][len(first):]
            wrapped[at:at] = ["", "27", "", "nr. 40 | 2023", ""]
            paragraphs += 1
        lines.extend(wrapped)
    return lines


def _split_point(word: str) -> int | None:
    """A Dutch hyphenation point of a long lowercase word, where no vowels meet."""
    if not (word.isalpha() and word.islower() and len(word) >= 8):
        return None
    points = [p for p in HYPHENATOR.positions(word) if not (word[p - 1] in "aeiou" and word[p] in "aeiou")]
    return points[0] if points else None


def render(article, form: str) -> str:
    top = [article.title, *([article.subtitle] if article.subtitle else []), article.lede, *article.byline]
    body = _body_lines(article)
    if form == "pdftext":
        return "\n".join(top + [""] + _pdftext(body)) + "\n"
    if form == "web":
        body = [line for line in body if line]
        return "\n".join(top + ["Delen", ""] + body + [""] + TEASERS) + "\n"
    return "\n".join(top + [""] + body) + "\n"


def summary(article) -> dict:
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "headings": [section.heading for section in article.sections],
        "records": Counter((r.value, r.unit.value, r.section) for r in article.records),
    }


@pytest.fixture(scope="module", params=TEXT_SAMPLES, ids=[p.stem for p in TEXT_SAMPLES])
def original(request):
    return extract_file(request.param)


@pytest.mark.parametrize("form", ["web", "flat", "pdftext"])
def test_forms_give_the_result_of_the_magazine_text(original, form):
    rendered = extract(render(original, form))
    assert summary(rendered) == summary(original)
    for record in rendered.records:
        assert rendered.text[record.start : record.end] == record.surface
    assert "35 procent wil minder werken" not in rendered.text
    if form == "pdftext":
        assert rendered.furniture[-2:] == ["27", "nr. 40 | 2023"] and rendered.pages == [27]
        assert "•" not in rendered.text.replace("• ", "")


@pytest.mark.parametrize("name", [p.stem for p in TEXT_SAMPLES])
def test_forms_pdftext_rejoins_the_paragraph_around_the_page_furniture(name):
    original = extract_file(SAMPLES / f"{name}.txt")
    rendered = extract(render(original, "pdftext"))
    flat = extract(render(original, "flat"))
    assert rendered.text == flat.text
