"""Pure layout on hand-built model pages: columns, reading order, roles, run-ons, provenance."""

from __future__ import annotations

import pytest

from extractor.models import Role
from extractor.read.pdf import layout, lines
from extractor.read.pdf.backend_pdfplumber import font_flags
from extractor.read.pdf.model import Char, Page
from tests.pdf_helpers import BOLD_FONT, ITALIC_FONT, column_lines, line_chars, page_of

COL_WIDTH = 240.0
LEFT = 50.0
GUTTER = 18.0
BODY = [
    "Aan de raadpleging hebben in totaal 739 ambte-",
    "naren deelgenomen. Daarvan is 47 procent man",
    "en 45 procent vrouw. Een meerderheid van 67",
    "procent is tussen de 40 en 65 jaar oud.",
]


def columns_x(n: int, width: float = COL_WIDTH, gutter: float = GUTTER) -> list[float]:
    return [LEFT + i * (width + gutter) for i in range(n)]


WORDS = ("de", "ambtenaren", "procent", "van", "werk", "organisatie", "een", "opgave", "en",
         "samenwerking", "met", "deelnemers", "het", "overheid", "is", "praktijk", "gemeente")


def filler(n: int, tag: str, max_chars: int = 50) -> list[str]:
    """``n`` body lines of varied words (no two alike) that fit the column, running on."""
    out = []
    k = len(tag)
    for i in range(n):
        words = [tag, f"regel {i:02d}"]
        while True:
            word = WORDS[(i * 7 + k * 5 + len(words) * 3) % len(WORDS)]
            k += 1
            if len(" ".join(words + [word])) > max_chars:
                break
            words.append(word)
        out.append(" ".join(words))
    return out


def roles_in(result: layout.LaidOut) -> dict[Role, list[str]]:
    found: dict[Role, list[str]] = {}
    for hint in result.hints:
        found.setdefault(hint.role, []).append(result.text[hint.start:hint.end])
    return found


def body_of(result: layout.LaidOut) -> str:
    """The flow text only (before the first non-body hint)."""
    starts = [h.start for h in result.hints if h.role is not Role.HEADING]
    return result.text[: min(starts)] if starts else result.text


@pytest.mark.parametrize("ncols,width,gutter", [
    (1, 495.0, 0.0),
    (2, 240.0, 15.0),
    (2, 240.0, 10.0),
    (3, 155.0, 14.0),
    (3, 150.0, 9.0),
])
def test_pdf_detects_columns(ncols, width, gutter):
    specs = []
    for i, x in enumerate(columns_x(ncols, width, gutter)):
        texts = filler(40, f"kolom{i}", max_chars=int(width / 4.5) - 2)
        specs += column_lines(texts, x, 80.0, width, justify=True)
    layouts, _ = layout.analyse([page_of(specs)])
    assert layouts[0].columns.count == ncols


def test_pdf_detects_short_last_column():
    """An article's last column may hold a couple of lines only: still two columns."""
    x1, x2 = columns_x(2)
    specs = column_lines(filler(40, "links"), x1, 80.0, COL_WIDTH, justify=True)
    specs += column_lines(["rechts een laatste regel met tekst over de overheid", "en nog een regel."],
                          x2, 80.0, COL_WIDTH)
    layouts, _ = layout.analyse([page_of(specs)])
    assert layouts[0].columns.count == 2
    text = layout.lay_out([page_of(specs)]).text
    assert text.index("links regel 39") < text.index("rechts een laatste regel")


def test_pdf_reads_column_by_column():
    x1, x2 = columns_x(2)
    specs = column_lines(filler(20, "eerste") + ["einde van de eerste kolom."], x1, 80.0, COL_WIDTH)
    specs += column_lines(["Tweede kolom begint hier met een zin"] + filler(20, "tweede"), x2, 80.0, COL_WIDTH)
    text = layout.lay_out([page_of(specs)]).text
    lines = text.splitlines()
    assert lines.index("einde van de eerste kolom.") < lines.index("Tweede kolom begint hier met een zin")
    assert all(text.index(f"eerste regel {i:02d}") < text.index("Tweede kolom") for i in range(20))


def _interrupted_page(col1_above, col1_below, col2_above, col2_below, quote):
    """Two columns cut by a full-width pull quote in large italic type between them."""
    x1, x2 = columns_x(2)
    specs = column_lines(col1_above, x1, 80.0, COL_WIDTH, justify=True)
    specs += column_lines(col2_above, x2, 80.0, COL_WIDTH, justify=True)
    quote_top = 80.0 + 12.0 * max(len(col1_above), len(col2_above)) + 12.0
    specs.append(dict(text=quote, x0=LEFT + 40, top=quote_top, size=15.0, font=ITALIC_FONT))
    below = quote_top + 40.0
    specs += column_lines(col1_below, x1, below, COL_WIDTH, justify=True)
    specs += column_lines(col2_below, x2, below, COL_WIDTH, justify=True)
    return page_of(specs)


def test_pdf_interruption_reads_whole_first_column_first():
    col1_above = filler(5, "een-boven") + ["en de tekst loopt hier gewoon door naar"]
    col1_below = ["onder het citaat in dezelfde kolom verder."] + filler(5, "een-onder")
    col2_above = ["Rechts begint een nieuwe alinea met tekst"] + filler(5, "twee-boven")
    col2_below = filler(5, "twee-onder") + ["en hier eindigt het artikel."]
    page = _interrupted_page(col1_above, col1_below, col2_above, col2_below,
                             "‘Een citaat dat over beide kolommen loopt’")
    result = layout.lay_out([page])
    body = body_of(result)
    order = [body.index(s) for s in ("een-boven regel 00", "een-onder regel 00", "twee-boven regel 00",
                                     "twee-onder regel 00")]
    assert order == sorted(order)
    assert "citaat dat over" not in body
    assert roles_in(result)[Role.PULL_QUOTE] == ["‘Een citaat dat over beide kolommen loopt’"]
    assert "loopt hier gewoon door naar\nonder het citaat" in body  # one paragraph, no blank line


def test_pdf_text_decides_order_when_layout_leaves_it_open():
    """Here the text runs across the top band first: a hyphenated word continues to the right."""
    col1_above = filler(3, "band-een") + ["en dan staat hier het woord ambte-"]
    col2_above = ["naren in de rechterkolom, ziet u wel."] + filler(2, "band-twee") + ["Zo eindigt de band."]
    col1_below = ["De onderste band begint links opnieuw."] + filler(3, "band-drie")
    col2_below = filler(3, "band-vier") + ["en dat was het."]
    page = _interrupted_page(col1_above, col1_below, col2_above, col2_below,
                             "‘Een citaat dat over beide kolommen heen loopt’")
    body = body_of(layout.lay_out([page]))
    assert "ambte-\nnaren in de rechterkolom" in body
    assert body.index("band-twee regel 00") < body.index("De onderste band begint")


@pytest.mark.parametrize("heading,size,font,role", [
    ("Integrale aanpak", 9.0, BOLD_FONT, Role.HEADING),
    ("Kennis en vaardigheden", 11.0, "Sans", Role.HEADING),
    ("Een gewone korte zin.", 9.0, "Sans", None),
    ("Veel te lange vette regel die eigenlijk een hele alinea is en dus zeker geen kop kan zijn, "
     "want koppen zijn kort", 9.0, BOLD_FONT, None),
])
def test_pdf_heading_from_typography(heading, size, font, role):
    x1, _ = columns_x(2)
    specs = column_lines(filler(10, "voor") + ["einde van de alinea."], x1, 80.0, COL_WIDTH)
    specs.append(dict(text=heading, x0=x1, top=80.0 + 11 * 12 + 8, size=size, font=font))
    specs += column_lines(filler(10, "na"), x1, 80.0 + 13 * 12 + 8, COL_WIDTH)
    result = layout.lay_out([page_of(specs)])
    headings = roles_in(result).get(Role.HEADING, [])
    if role is Role.HEADING:
        assert headings == [heading]
        assert f"\n\n{heading}\n\n" in result.text
    else:
        assert headings == []


def test_pdf_furniture_never_reaches_body():
    pages = []
    for number in (1, 2):
        x1, x2 = columns_x(2)
        specs = [
            dict(text="Ambtenarenpanel", x0=LEFT, top=22.0, size=7.5),
            dict(text="nr. 40 | 2023", x0=480.0, top=22.0, size=7.5),
            dict(text=str(26 + number), x0=530.0 if number % 2 else LEFT, top=806.0, size=7.5),
        ]
        specs += column_lines(filler(50, f"p{number}a"), x1, 70.0, COL_WIDTH, justify=True)
        specs += column_lines(filler(50, f"p{number}b"), x2, 70.0, COL_WIDTH, justify=True)
        pages.append(page_of(specs, number=number))
    result = layout.lay_out(pages)
    body = body_of(result)
    for furniture in ("Ambtenarenpanel", "nr. 40 | 2023", "27", "28"):
        assert furniture not in body.splitlines()
    roles = roles_in(result)
    assert roles[Role.FURNITURE] == ["Ambtenarenpanel"]  # repeated header: once
    assert roles[Role.ISSUE] == ["nr. 40 | 2023"]
    assert roles[Role.PAGE_NUMBER] == ["27", "28"]
    assert body.index("p1b regel 49") < body.index("p2a regel 00")


@pytest.mark.parametrize("quote,size,font,expected", [
    ("‘Maar liefst 51 procent weet het niet’", 15.0, ITALIC_FONT, True),
    ("“Groot citaat tussen dubbele aanhalingstekens”", 16.0, "Sans", True),
    ("Maar liefst 51 procent weet het niet", 15.0, ITALIC_FONT, True),  # repeats a body sentence
    ("Een grote zin die nergens in de tekst staat", 15.0, "Sans", False),
])
def test_pdf_pull_quote(quote, size, font, expected):
    x1, x2 = columns_x(2)
    specs = column_lines(filler(8, "links") + ["Maar liefst 51 procent weet het niet."], x1, 80.0, COL_WIDTH)
    specs += column_lines(filler(9, "rechts"), x2, 80.0, COL_WIDTH)
    specs.append(dict(text=quote, x0=x1 + 60, top=300.0, size=size, font=font))
    specs += column_lines(filler(9, "onder"), x1, 340.0, COL_WIDTH)
    result = layout.lay_out([page_of(specs)])
    quotes = roles_in(result).get(Role.PULL_QUOTE, [])
    assert (quotes == [quote]) is expected
    if expected:  # never in the body (the body's own sentence stays, once)
        assert body_of(result).count(quote) == (1 if quote.startswith("Maar") else 0)


def test_pdf_a_centred_pull_quote_of_two_lines_is_one_block():
    """The second line of centred type steps in on both sides: no first-line indent."""
    x1, x2 = columns_x(2)
    specs = column_lines(filler(8, "links"), x1, 80.0, COL_WIDTH)
    specs += column_lines(filler(8, "rechts"), x2, 80.0, COL_WIDTH)
    size, advance = 15.0, 15.0 * 0.5  # pdf_helpers: half an em per glyph
    first, second = "‘Ruim een kwart vindt het aantal", "vergaderingen te hoog’"
    centre = (x1 + x2 + COL_WIDTH) / 2
    for top, text in ((300.0, first), (320.0, second)):
        specs.append(dict(text=text, x0=centre - advance * len(text) / 2, top=top, size=size, font=ITALIC_FONT))
    specs += column_lines(filler(8, "onder"), x1, 360.0, COL_WIDTH)
    roles = roles_in(layout.lay_out([page_of(specs)]))
    assert roles.get(Role.PULL_QUOTE) == [f"{first}\n{second}"]  # one block, a line each
    assert first not in roles.get(Role.HEADING, [])


@pytest.mark.parametrize("last,first,joined", [
    ("en dan loopt de zin door naar de", "volgende kolom zonder onderbreking.", True),
    ("en het woord wordt hier afgebro-", "ken aan het einde van de kolom.", True),
    ("Deze alinea eindigt hier.", "Nieuwe alinea in de tweede kolom.", False),
])
def test_pdf_paragraph_continues_across_columns(last, first, joined):
    x1, x2 = columns_x(2)
    specs = column_lines(filler(30, "een") + [last], x1, 80.0, COL_WIDTH, justify=True)
    specs += column_lines([first] + filler(10, "twee"), x2, 80.0, COL_WIDTH, justify=True)
    text = layout.lay_out([page_of(specs)]).text
    assert (f"{last}\n{first}" in text) is joined
    assert (f"{last}\n\n{first}" in text) is not joined


def test_pdf_paragraph_continues_across_pages():
    x1, x2 = columns_x(2)
    one = column_lines(filler(40, "a"), x1, 70.0, COL_WIDTH, justify=True)
    one += column_lines(filler(40, "b") + ["dat op de volgende pagina verder"], x2, 70.0, COL_WIDTH, justify=True)
    two = column_lines(["loopt tot het einde van de zin."] + filler(10, "c"), x1, 70.0, COL_WIDTH)
    text = layout.lay_out([page_of(one, number=1), page_of(two, number=2)]).text
    assert "dat op de volgende pagina verder\nloopt tot het einde" in text


def test_pdf_bullet_item_continues_across_columns():
    x1, x2 = columns_x(2)
    specs = column_lines(filler(30, "een") + ["De volgende punten:"], x1, 80.0, COL_WIDTH)
    top = 80.0 + 31 * 12 + 6
    specs.append(dict(text="• Een opsomming die doorloopt", x0=x1, top=top))
    specs.append(dict(text="tot in de volgende", x0=x1 + 9, top=top + 12))
    specs.append(dict(text="kolom van de pagina", x0=x2 + 9, top=80.0))
    specs.append(dict(text="• Tweede punt.", x0=x2, top=92.0))
    text = layout.lay_out([page_of(specs)]).text
    assert "• Een opsomming die doorloopt\ntot in de volgende\nkolom van de pagina\n\n• Tweede punt." in text


def test_pdf_paragraph_ends_at_short_line_without_gap():
    """Justified text: a short line ending a sentence ends the paragraph even without extra space."""
    x1, _ = columns_x(2)
    texts = filler(6, "een") + ["zijn met deze stelling."] + ["Aan de 55 procent van de ambtenaren die"] + filler(6, "twee")
    specs = []
    for i, t in enumerate(texts):
        full = not t.endswith(".")
        specs.append(dict(text=t, x0=x1, top=80.0 + 12 * i, width=COL_WIDTH if full else None))
    specs += column_lines(filler(20, "meer"), x1, 80.0 + 12 * 14, COL_WIDTH, justify=True)
    text = layout.lay_out([page_of(specs)]).text
    assert "zijn met deze stelling.\n\nAan de 55 procent" in text


def test_pdf_opening_roles_on_first_page():
    x1, x2 = columns_x(2)
    specs = [
        dict(text="VAKMANSCHAP", x0=LEFT, top=56.0, size=9.0, font=BOLD_FONT),
        dict(text="Opgavegericht werken", x0=LEFT, top=72.0, size=28.0, font=BOLD_FONT),
        dict(text="Voordelen maar ook nadelen", x0=LEFT, top=108.0, size=17.0),
        dict(text="Opgavegericht werken is nog lang niet bij alle overheidsorganisaties", x0=LEFT,
             top=136.0, size=10.5, font=BOLD_FONT),
        dict(text="gemeengoed. Dat blijkt uit een raadpleging van Ambtenarenpanel.", x0=LEFT,
             top=150.0, size=10.5, font=BOLD_FONT),
        dict(text="Tekst Marc Notebomer", x0=LEFT, top=172.0, size=7.5),
        dict(text="Beeld Ambtenarenpanel", x0=LEFT, top=181.0, size=7.5),
    ]
    specs += column_lines(filler(40, "een"), x1, 200.0, COL_WIDTH, justify=True)
    specs += column_lines(filler(40, "twee"), x2, 200.0, COL_WIDTH, justify=True)
    result = layout.lay_out([page_of(specs)])
    roles = roles_in(result)
    assert roles[Role.TITLE] == ["Opgavegericht werken"]
    assert roles[Role.SUBTITLE] == ["Voordelen maar ook nadelen"]
    assert roles[Role.LEDE][0].startswith("Opgavegericht werken is nog lang")
    assert roles[Role.LEDE][0].endswith("van Ambtenarenpanel.")  # short last line stays in the lede
    assert roles[Role.BYLINE] == ["Tekst Marc Notebomer", "Beeld Ambtenarenpanel"]
    assert roles[Role.RUBRIC] == ["VAKMANSCHAP"]
    assert body_of(result).startswith("een regel 00")


def test_pdf_sidebar_in_a_box_leaves_the_flow():
    x1, x2 = columns_x(2)
    specs = column_lines(filler(30, "een"), x1, 80.0, COL_WIDTH, justify=True)
    specs += column_lines(["In het kader staat een eigen verhaal", "met eigen cijfers: 12 procent."],
                          x2 + 10, 90.0, COL_WIDTH - 20)
    specs += column_lines(filler(20, "twee"), x2, 150.0, COL_WIDTH, justify=True)
    page = page_of(specs, rects=[(x2, 82.0, x2 + COL_WIDTH, 130.0)])
    result = layout.lay_out([page])
    assert "In het kader" not in body_of(result)
    assert roles_in(result)[Role.SIDEBAR] == ["In het kader staat een eigen verhaal\nmet eigen cijfers: 12 procent."]


def test_pdf_provenance_per_character():
    x1, _ = columns_x(2)
    specs = column_lines(BODY, x1, 80.0, COL_WIDTH, justify=True)
    result = layout.lay_out([page_of(specs, number=3)])
    assert len(result.char_pages) == len(result.char_boxes) == len(result.text)
    for ch, page, box in zip(result.text, result.char_pages, result.char_boxes):
        if ch == "\n":
            assert page is None and box is None
        elif ch != " ":
            assert page == 3 and box is not None and box[0] < box[2] and box[1] < box[3]
    at = result.text.index("739")
    assert result.char_boxes[at][1] == pytest.approx(80.0)
    assert "ambte-\nnaren" in result.text  # line-end hyphen kept as printed


def test_pdf_glyph_clean_up():
    size = 9.0
    chars = [
        Char("ﬁ", 50, 80, 55, 89, "Sans", size), Char("e", 55, 80, 60, 89, "Sans", size),
        Char("t", 60, 80, 64, 89, "Sans", size), Char("s", 64, 80, 68, 89, "Sans", size),
        Char("s", 64.1, 80, 68.1, 89, "Sans", size),  # printed twice (fake bold)
        Char("\xad", 68, 80, 71, 89, "Sans", size),  # soft hyphen at line end: shown as "-"
        Char("o", 50, 92, 55, 101, "Sans", size), Char("\xad", 55, 92, 55, 101, "Sans", size),
        Char("k", 55, 92, 60, 101, "Sans", size),  # soft hyphen inside a line: invisible
    ]
    result = layout.lay_out([Page(1, 595, 842, chars)])
    assert result.text == "fiets-\nok\n"
    assert result.char_boxes[0] == result.char_boxes[1]  # both letters of the ligature


@pytest.mark.parametrize("fontname,flags", [
    ("ABCDEF+Arial-BoldItalicMT", (True, True)),
    ("Helvetica-Bold", (True, False)),
    ("AAAAAA+BitstreamVeraSans-Oblique", (False, True)),
    ("Times-Roman", (False, False)),
    ("MinionPro-Semibold", (True, False)),
    ("Sans", (False, False)),
])
def test_pdf_font_flags(fontname, flags):
    assert font_flags(fontname) == flags


@pytest.mark.parametrize("last,first,score", [
    ("afgebro-", "ken", 3),
    ("loopt door naar de", "volgende", 2),
    ("einde.", "Begin", 1),
    ("einde.", "begin", -1),
    ("zonder punt", "Hoofdletter", -1),
])
def test_pdf_join_score(last, first, score):
    assert layout.join_score(last, first) == score


def test_pdf_words_split_at_gaps_without_space_chars():
    chars = line_chars("Aan", 50, 80) + line_chars("de", 50 + 3 * 4.5 + 3.0, 80)
    words = lines.words_of(sorted(chars, key=lambda c: c.x0))
    assert ["".join(w.texts) for w in words] == ["Aan", "de"]
    assert len(words[1].coords) == 4 * 2 and words[1].coords[0] == chars[3].x0  # a box per glyph


def test_pdf_drop_cap_rejoins_its_word():
    x1, x2 = columns_x(2)
    specs = [dict(text="A", x0=x1, top=80.0, size=30.0, font=BOLD_FONT)]
    specs += column_lines(["an de raadpleging hebben in totaal 739", "ambtenaren deelgenomen, zo blijkt uit de"],
                          x1 + 22, 80.0, COL_WIDTH - 22, justify=True)
    specs += column_lines(filler(20, "een"), x1, 104.0, COL_WIDTH, justify=True)
    specs += column_lines(filler(20, "twee"), x2, 80.0, COL_WIDTH, justify=True)
    result = layout.lay_out([page_of(specs)])
    assert result.text.startswith("Aan de raadpleging hebben in totaal 739\nambtenaren")
    assert Role.HEADING not in roles_in(result)


@pytest.mark.parametrize("first_line,role", [
    ("Tekst Marc Notebomer", Role.BYLINE),
    ("Beeld: Ambtenarenpanel", Role.BYLINE),
    ("Door 322 ambtenaren is die beschrijving gegeven.", None),
    ("Door de organisatie wordt weinig gedaan", None),
])
def test_pdf_byline_needs_a_name(first_line, role):
    x1, x2 = columns_x(2)
    specs = column_lines(filler(20, "een") + ["einde."], x1, 80.0, COL_WIDTH, justify=True)
    specs.append(dict(text=first_line, x0=x1, top=80.0 + 22 * 12))
    specs += column_lines(filler(20, "twee"), x2, 80.0, COL_WIDTH, justify=True)
    result = layout.lay_out([page_of(specs)])
    bylines = roles_in(result).get(Role.BYLINE, [])
    assert (bylines == [first_line]) is (role is Role.BYLINE)
    if role is None:
        assert first_line in body_of(result)


def test_pdf_body_high_on_the_page_is_not_a_running_header():
    """Body text that starts in the top few percent of the page is still body."""
    x1, x2 = columns_x(2)
    specs = column_lines(filler(60, "een"), x1, 20.0, COL_WIDTH, justify=True)
    specs += column_lines(filler(60, "twee"), x2, 20.0, COL_WIDTH, justify=True)
    result = layout.lay_out([page_of(specs)])
    assert body_of(result).startswith("een regel 00")
    assert Role.FURNITURE not in roles_in(result)


def test_pdf_first_line_indent_starts_a_paragraph():
    x1, _ = columns_x(2)
    specs = column_lines(filler(5, "een"), x1, 80.0, COL_WIDTH, justify=True)
    specs.append(dict(text="tot hier.", x0=x1, top=140.0))
    specs.append(dict(text="Een nieuwe alinea, ingesprongen", x0=x1 + 12, top=152.0, width=COL_WIDTH - 12))
    specs += column_lines(filler(5, "twee"), x1, 164.0, COL_WIDTH, justify=True)
    text = layout.lay_out([page_of(specs)]).text
    assert "tot hier.\n\nEen nieuwe alinea, ingesprongen\ntwee regel 00" in text


def test_pdf_line_words_keep_their_boxes():
    x1, _ = columns_x(2)
    result = layout.lay_out([page_of([dict(text="Zo’n 27 procent", x0=x1, top=80.0)])])
    (line,) = result.blocks[0].lines
    assert [(w.text, w.x0) for w in line.words] == [("Zo’n", x1), ("27", x1 + 5 * 4.5), ("procent", x1 + 8 * 4.5)]
