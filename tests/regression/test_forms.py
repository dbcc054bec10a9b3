"""The same article in other forms gives the same result as the wrapped magazine text.

Each text sample is rewritten as web copy (one paragraph per line, the title block down to the
byline without blank lines, share links and a block of other articles' teasers at the end) and
as flat text (blank lines between paragraphs). Title, subtitle, headings and the statistics per
section must come out as from the sample itself, with exact offsets.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractor import extract
from extractor.api import extract_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
TEASERS = [
    "Gerelateerde artikelen",
    "Vier op de tien leraren denkt aan stoppen (62 procent twijfelt)",
    "Zorgmedewerkers: 35 procent wil minder werken",
]


def _body_lines(article) -> list[str]:
    """The body as printed: a heading on a line of its own, a paragraph or bullet per line."""
    return [paragraph for paragraph in article.text.split("\n") if paragraph != article.lede]


def render(article, form: str) -> str:
    top = [article.title, *([article.subtitle] if article.subtitle else []), article.lede, *article.byline]
    body = _body_lines(article)
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


@pytest.mark.parametrize("form", ["web", "flat"])
def test_forms_give_the_result_of_the_magazine_text(original, form):
    rendered = extract(render(original, form))
    assert summary(rendered) == summary(original)
    for record in rendered.records:
        assert rendered.text[record.start : record.end] == record.surface
    assert "35 procent wil minder werken" not in rendered.text
