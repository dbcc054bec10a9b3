"""Small PDFs drawn with reportlab, read back: roles, furniture, pull quotes, columns, provenance."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractor.models import Role, SourceKind
from extractor.read.pdf import read_pdf
from extractor.read.pdf.backend_pdfplumber import page_from_char_dicts, page_from_pdfplumber
from tests.pdf_helpers import load_sample_maker, write_pdf

LEFT, GUTTER, COL = 50.0, 18.0, 238.5
X2 = LEFT + COL + GUTTER
WORDS = ("de", "ambtenaren", "procent", "van", "werk", "organisatie", "een", "opgave", "en",
         "samenwerking", "met", "deelnemers", "het", "overheid", "is", "praktijk", "gemeente")


def lines(tag: str, n: int, per_line: int = 6) -> list[str]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 5 + j * 3 + len(tag)) % len(WORDS)] for j in range(per_line)]
        out.append(f"{tag} {i:02d} " + " ".join(words))
    return out


def column(texts: list[str], x0: float, top: float, leading: float = 12.0, **style) -> list[dict]:
    return [dict(text=t, x0=x0, top=top + i * leading, **style) for i, t in enumerate(texts)]


def furniture(number: int) -> list[dict]:
    return [
        dict(text="Ambtenarenpanel", x0=LEFT, top=24.0, size=7.5),
        dict(text="nr. 40 | 2023", x0=495.0, top=24.0, size=7.5),
        dict(text=str(number), x0=535.0 if number % 2 else LEFT, top=806.0, size=7.5),
    ]


def hints(source) -> dict[Role, list[str]]:
    found: dict[Role, list[str]] = {}
    for hint in source.hints:
        found.setdefault(hint.role, []).append(source.text[hint.start:hint.end])
    return found


def body(source) -> str:
    starts = [h.start for h in source.hints if h.role is not Role.HEADING]
    return source.text[: min(starts)] if starts else source.text


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    """Two pages, two columns: opening, a heading, a pull quote across the columns, furniture."""
    path = tmp_path_factory.mktemp("pdf") / "artikel.pdf"
    first = furniture(27) + [
        dict(text="VAKMANSCHAP", x0=LEFT, top=56.0, size=9.0, font="Helvetica-Bold"),
        dict(text="Opgavegericht werken", x0=LEFT, top=74.0, size=28.0, font="Helvetica-Bold"),
        dict(text="Voordelen maar ook nadelen", x0=LEFT, top=110.0, size=17.0),
        dict(text="Opgavegericht werken is nog lang niet bij alle overheidsorganisaties gemeengoed.",
             x0=LEFT, top=140.0, size=10.5, font="Helvetica-Bold"),
        dict(text="Dat blijkt uit een raadpleging van Ambtenarenpanel onder ambtenaren.",
             x0=LEFT, top=155.0, size=10.5, font="Helvetica-Bold"),
        dict(text="Tekst Marc Notebomer", x0=LEFT, top=176.0, size=7.5),
        dict(text="Beeld Ambtenarenpanel", x0=LEFT, top=185.5, size=7.5),
    ]
    first += column(lines("a", 20) + ["en de zin loopt door onder het citaat"], LEFT, 210.0)
    first += [dict(text="‘Maar liefst 51 procent weet niet wat het is’", x0=110.0, top=480.0,
                   size=15.0, font="Helvetica-Oblique")]
    first += column(["naar de rest van de kolom."] + lines("b", 10), LEFT, 530.0)
    first += column(lines("c", 20), X2, 210.0)
    first += column(["Praktijk"], X2, 530.0, font="Helvetica-Bold")
    first += column(lines("d", 12) + ["en dan loopt de alinea door op de volgende"], X2, 544.0)
    second = furniture(28)
    second += column(["pagina, waar hij eindigt."] + lines("e", 30), LEFT, 60.0)
    second += column(lines("f", 10) + ["Maar liefst 51 procent weet niet wat het is."], X2, 60.0)
    return write_pdf(path, [first, second], rules=[(LEFT, 470.0, 545.0, 470.0), (LEFT, 515.0, 545.0, 515.0)])


def test_pdf_source_fields(article):
    source = read_pdf(article)
    assert source.kind is SourceKind.PDF
    assert source.path == str(article)
    assert source.page_count == 2
    assert len(source.sha256) == 64
    assert len(source.char_pages) == len(source.char_boxes) == len(source.text)


@pytest.mark.parametrize("role,texts", [
    (Role.TITLE, ["Opgavegericht werken"]),
    (Role.SUBTITLE, ["Voordelen maar ook nadelen"]),
    (Role.BYLINE, ["Tekst Marc Notebomer", "Beeld Ambtenarenpanel"]),
    (Role.RUBRIC, ["VAKMANSCHAP"]),
    (Role.ISSUE, ["nr. 40 | 2023"]),
    (Role.PAGE_NUMBER, ["27", "28"]),
    (Role.PULL_QUOTE, ["‘Maar liefst 51 procent weet niet wat het is’"]),
    (Role.FURNITURE, ["Ambtenarenpanel"]),
    (Role.HEADING, ["Praktijk"]),
])
def test_pdf_roles_from_typography_and_position(article, role, texts):
    assert hints(read_pdf(article)).get(role) == texts


def test_pdf_lede_is_one_block(article):
    (lede,) = hints(read_pdf(article))[Role.LEDE]
    assert lede.startswith("Opgavegericht werken is nog lang niet") and lede.endswith("onder ambtenaren.")


def test_pdf_furniture_stays_out_of_the_body(article):
    text = body(read_pdf(article))
    for line in ("Ambtenarenpanel", "nr. 40 | 2023", "27", "28", "VAKMANSCHAP", "Tekst Marc Notebomer"):
        assert line not in text.splitlines()
    assert "‘Maar liefst" not in text


def test_pdf_reading_order_columns_quote_and_pages(article):
    text = body(read_pdf(article))
    marks = ["a 00", "a 19", "en de zin loopt door onder het citaat\nnaar de rest van de kolom.",
             "b 09", "c 00", "\n\nPraktijk\n\n", "d 00", "op de volgende\npagina, waar hij eindigt.",
             "e 29", "f 00", "Maar liefst 51 procent weet niet wat het is."]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_pdf_provenance_points_at_the_printed_glyphs(article):
    source = read_pdf(article)
    at = source.text.index("Praktijk")
    assert source.char_pages[at] == 1
    x0, top, x1, bottom = source.char_boxes[at]
    assert x0 == pytest.approx(X2, abs=0.5) and top == pytest.approx(530.0, abs=3.0)
    at = source.text.index("pagina, waar")
    assert source.char_pages[at] == 2


def test_pdf_fast_char_path_matches_pdfplumber_chars(article):
    """The model read from page.layout equals the one built from pdfplumber's page.chars."""
    with pdfplumber.open(article) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            fast = page_from_pdfplumber(page, number).chars
            slow = page_from_char_dicts(page.chars, number, page.width, page.height).chars
            assert [(c.text, round(c.x0, 3), round(c.top, 3), c.fontname, round(c.size, 3)) for c in fast] == \
                   [(c.text, round(c.x0, 3), round(c.top, 3), c.fontname, round(c.size, 3)) for c in slow]


@pytest.mark.parametrize("columns", [2, 3])
def test_pdf_generated_article_reads_as_its_source(tmp_path, columns):
    """A sample laid out by the generator reads back to its source's blocks, in order."""
    maker = load_sample_maker()
    source_path = Path(__file__).resolve().parents[1] / "data" / "pdf_src" / "werkdruk.md"
    article = maker.parse_source(source_path)
    pdf = maker.build_pdf(article, tmp_path / f"werkdruk.{columns}col.pdf", columns)
    source = read_pdf(pdf)
    roles = hints(source)
    assert roles[Role.TITLE] == ["Werkdruk"]
    assert roles[Role.HEADING] == [text for kind, text in article.blocks if kind == "heading"]
    assert [q.replace("\n", " ") for q in roles[Role.PULL_QUOTE]] == [
        "‘Bijna een op de drie ambtenaren werkt structureel over’"]
    blocks = [b for b in body(source).strip().split("\n\n")]
    expected = [f"• {t}" if kind == "bullet" else t for kind, t in article.blocks]
    assert len(blocks) == len(expected)
    for got, want in zip(blocks, expected):
        assert _squash(got) == _squash(want)


def _squash(text: str) -> str:
    """Text with line breaks, line-end hyphens and spaces gone: layout-independent."""
    return "".join(ch for ch in text.replace("-\n", "") if ch.isalnum())
