"""Nesting highlight spans and laying out the clean text: tables of cases, then a property."""

from __future__ import annotations

from collections import Counter, defaultdict
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.report import fmt
from extractor.report.markup import RANK_RECORD, RANK_REPAIR, Span, layout, render_inline
from extractor.report.pages import anchor_ids, article_text, repair_location


def span(name: str, start: int, end: int, rank: int = RANK_RECORD, seq: int = 0) -> Span:
    return Span(start, end, rank, lambda head: f"<{name}{'*' if head else ''}>", f"</{name}>", seq)


def spans_html(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> str:
    return render_inline(text, start, len(text) if end is None else end, spans)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a<b", [], "a&lt;b"),
        ("door 42 procent", [("a", 5, 15)], "door <a*>42 procent</a>"),
        ("door 42 procent", [("a", 5, 15), ("b", 5, 15)], "door <a*><b*>42 procent</b></a>"),
        ("door 42 procent", [("b", 5, 15, RANK_REPAIR), ("a", 5, 15)], "door <a*><b*>42 procent</b></a>"),
        ("door 42 procent", [("a", 8, 15), ("b", 5, 15)], "door <b*>42 <a*>procent</a></b>"),
        ("abcdef", [("a", 0, 4), ("b", 2, 6)], "<a*>ab<b*>cd</b></a><b>ef</b>"),
        ("abcdef", [("a", 0, 2), ("b", 2, 4), ("c", 4, 6)], "<a*>ab</a><b*>cd</b><c*>ef</c>"),
        ("abcdef", [("a", 0, 6), ("b", 1, 3), ("c", 2, 5)], "<a*>a<b*>b<c*>c</c></b><c>de</c>f</a>"),
        ("abc", [("a", 1, 1), ("b", 2, 9)], "ab<b*>c</b>"),
    ],
    ids=["escape", "one", "same-surface", "record-outside-repair", "contained", "crossing",
         "adjacent", "crossing-inside", "empty-and-overlong"],
)
def test_report_render_inline_nests_and_splits(text: str, spans: list[tuple], expected: str) -> None:
    made = [span(*s[:3], *(s[3:] or [RANK_RECORD]), seq=i) for i, s in enumerate(spans)]
    assert spans_html(text, made) == expected


def test_report_render_inline_continues_a_span_in_the_next_range() -> None:
    text = "abcdef"
    a = span("a", 1, 5)
    assert spans_html(text, [a], 0, 3) + spans_html(text, [a], 3, 6) == "a<a*>bc</a><a>de</a>f"


@pytest.mark.parametrize(
    ("text", "sections", "expected"),
    [
        ("Eén.\n\nTwee.", [], [(None, [(0, 4, "para"), (4, 6, "gap"), (6, 11, "para")])]),
        ("Kop\nTekst.", [(0, 10, "Kop")], [(0, [(0, 3, "heading"), (3, 4, "gap"), (4, 10, "para")])]),
        ("Kop is geen kop.", [(0, 16, "Kop")], [(0, [(0, 16, "para")])]),
        ("Intro.\n\nKop\nTekst.\n", [(0, 8, None), (8, 19, "Kop")],
         [(0, [(0, 6, "para"), (6, 8, "gap")]), (1, [(8, 11, "heading"), (11, 12, "gap"),
                                                     (12, 18, "para"), (18, 19, "gap")])]),
        ("a b", [(0, 99, "x"), (1, 0, "y")], [(None, [(0, 3, "para")])]),
    ],
    ids=["paragraphs", "heading-line", "heading-words-in-a-sentence", "two-sections", "bad-offsets"],
)
def test_report_layout_partitions_the_text(text: str, sections: list, expected: list) -> None:
    regions, _ = layout(text, sections)
    got = [(r.section, [(i.start, i.end, i.kind) for i in r.items]) for r in regions]
    assert got == expected
    assert "".join(text[i.start:i.end] for r in regions for i in r.items) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(739.0, "739"), (0.5, "0,5"), (12.25, "12,25"), (None, "—"), ("x", "x"), (True, "True")],
)
def test_report_fmt_number_writes_dutch_decimals(value, expected: str) -> None:
    assert fmt.number(value) == expected


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"value": 27, "unit": "percent", "qualifier": "approx"}, "ca. 27 %"),
        ({"value": 50, "unit": "percent", "qualifier": "more_than"}, "> 50 %"),
        ({"value": 739, "unit": "count", "qualifier": None}, "739"),
        ({"value": 40, "low": 40, "high": 65, "unit": "count"}, "40–65"),
    ],
)
def test_report_fmt_value(record: dict, expected: str) -> None:
    assert fmt.value(record) == expected


def test_report_anchor_ids_are_safe_and_unique() -> None:
    assert anchor_ids(["r1", "r 1", "r1", "", "<x>"]) == ["r1", "r-1", "r1-3", "r4", "x"]


@pytest.mark.parametrize(
    ("repair", "expected"),
    [
        ({"after": "woord", "text_start": 4, "text_end": 9}, (4, 9)),
        ({"after": "woord", "text_start": None, "text_end": None}, None),
        ({"after": "woord", "text_start": 4, "text_end": 99}, None),
        ({"after": "woord", "start": 30}, (21, 26)),  # the occurrence nearest the input offset
        ({"after": "woor", "start": 0}, None),  # whole words only
    ],
)
def test_report_repair_location(repair: dict, expected) -> None:
    text = "een woord en nog een woord."
    assert repair_location(repair, text) == expected


class Collect(HTMLParser):
    """Rebuilds the text and which characters each ``<mark data-record>`` covers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, str]] = []
        self.text = ""
        self.covered: dict[str, list[int]] = defaultdict(list)
        self.heads: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.stack.append(a)
        if tag == "mark" and "id" in a:
            self.heads[a["data-record"]] += 1

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        if any("data-nontext" in a for a in self.stack):
            return
        for a in self.stack:
            if "data-record" in a:
                self.covered[a["data-record"]].extend(range(len(self.text), len(self.text) + len(data)))
        self.text += data


TEXTS = st.text(alphabet="ab <&\n", min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), text=TEXTS)
def test_report_any_spans_each_covered_exactly_once(data, text: str) -> None:
    """Whatever spans, sections and blocks: the text comes back whole, each span exactly once."""
    n = len(text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    pairs = data.draw(st.lists(bounds.filter(lambda p: p[0] < p[1]), max_size=8))
    cuts = data.draw(st.lists(st.integers(0, n), max_size=3, unique=True).map(sorted))
    edges = [0, *cuts, n]
    sections = [(a, b, "a") for a, b in zip(edges, edges[1:]) if a < b]

    def make(i: int, start: int, end: int) -> Span:
        def render_open(head: bool) -> str:
            return f'<mark data-record="s{i}"{" id=x" if head else ""}>'
        return Span(start, end, RANK_RECORD if i % 3 else RANK_REPAIR, render_open, "</mark>", i)

    from extractor.report.pages import SectionView

    views = [SectionView(i, a, b, h) for i, (a, b, h) in enumerate(sections)]
    html = article_text(text, views, [make(i, a, b) for i, (a, b) in enumerate(pairs)])
    page = Collect()
    page.feed(html)
    page.close()
    assert page.text == text
    for i, (a, b) in enumerate(pairs):
        assert page.heads[f"s{i}"] == 1
        assert sorted(page.covered[f"s{i}"]) == list(range(a, b))
