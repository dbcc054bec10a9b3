"""Structural decisions from local evidence, the same for every form of an article."""

import bisect
import random
import statistics

import pytest

from extractor import extract
from extractor.models import Role
from extractor.structure.blocks import build_blocks
from extractor.structure.lines import attach_lone_markers, furniture_role, region_widths, split_lines

TITLE = "Thuiswerken blijft populair"
SUBTITLE = "Vaker thuis dan op kantoor"
LEDE = (
    "Ambtenaren werken nog altijd graag thuis, blijkt uit een peiling van het Ambtenarenpanel. "
    "Wel missen ze hun collega's."
)
BYLINE = "Tekst Anna de Vries"
PARAGRAPH = (
    "Aan de peiling deden 812 ambtenaren mee. Van hen werkt 61 procent minstens twee dagen per "
    "week thuis en 12 procent nooit."
)
WRAPPED = "Dit is een gewone regel tekst van een kolom"


def roles(text):
    return [(block.role, block.text) for block in build_blocks(text)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Web copy: the title block runs down to the byline without a blank line.
        (
            [TITLE, SUBTITLE, LEDE, BYLINE, "", PARAGRAPH],
            [Role.TITLE, Role.TITLE, Role.LEDE, Role.BYLINE, Role.BODY],
        ),
        # No subtitle.
        ([TITLE, LEDE, BYLINE, "", PARAGRAPH], [Role.TITLE, Role.LEDE, Role.BYLINE, Role.BODY]),
        # A title broken over two lines, the second finishing it in lowercase.
        (
            ["Thuiswerken blijft", "populair bij ambtenaren", LEDE, BYLINE, "", PARAGRAPH],
            [Role.TITLE, Role.LEDE, Role.BYLINE, Role.BODY],
        ),
        # Blank lines everywhere: the title still stands above the byline.
        ([TITLE, "", BYLINE, "", PARAGRAPH], [Role.TITLE, Role.BYLINE, Role.BODY]),
    ],
    ids=["web-with-subtitle", "web-without-subtitle", "title-over-two-lines", "blank-lines"],
)
def test_front_matter_forms(lines, expected):
    assert [role for role, _ in roles("\n".join(lines))] == expected


def test_a_title_ending_in_a_function_word_is_the_start_of_a_sentence():
    text = "\n".join(["De meeste ambtenaren werken bij de", "gemeente, blijkt uit de peiling.", PARAGRAPH])
    assert Role.TITLE not in [role for role, _ in roles(text)]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # A run of markers, then a run of one-line items.
        ("•\n•\n•\nMinder reistijd: 61 procent\nMeer rust: 44 procent\nBetere focus: 38 procent",
         ["Minder reistijd: 61 procent", "Meer rust: 44 procent", "Betere focus: 38 procent"]),
        # Each marker right above its item, an item wrapping over two lines.
        ("•\nMinder files, zegt 12 procent\nvan de deelnemers.\n•\nMeer tijd voor het gezin: 9 procent.",
         ["Minder files, zegt 12 procent van de deelnemers.", "Meer tijd voor het gezin: 9 procent."]),
        # Fewer markers than lines: items start at capitals after a finished clause.
        ("•\n•\nMinder files, zegt 12 procent\nvan de deelnemers.\nMeer tijd voor het gezin.",
         ["Minder files, zegt 12 procent van de deelnemers.", "Meer tijd voor het gezin."]),
    ],
    ids=["run-of-markers", "marker-above-item", "wrapped-items"],
)
def test_bullet_markers_on_lines_of_their_own_join_their_items(text, items):
    blocks = roles(f"{PARAGRAPH} Zij noemen:\n\n{text}\n")
    assert [t for role, t in blocks if role == Role.BULLET] == items
    assert not any(t.strip() == "•" for _, t in blocks)


def test_lone_markers_are_dropped_and_their_items_marked():
    lines = attach_lone_markers(split_lines("•\n\n•\nEen\nTwee\n"))
    assert [(line.text, line.marked) for line in lines if line is not None] == [("Een", True), ("Twee", True)]


def test_a_list_item_ends_at_a_blank_line_before_a_capitalised_paragraph():
    text = f"{TITLE}\n{LEDE}\n{BYLINE}\n\n{PARAGRAPH}\n\n• Betere focus: 38 procent\n\nDaarnaast zegt een groep dat vergaderingen korter zijn.\n"
    assert roles(text)[-2:] == [
        (Role.BULLET, "Betere focus: 38 procent"),
        (Role.BODY, "Daarnaast zegt een groep dat vergaderingen korter zijn."),
    ]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Lees meer ›", Role.FURNITURE),
        ("Delen", Role.FURNITURE),
        ("Lees meer over de werkdruk bij gemeenten.", None),
        # Digits of another script never make a page number, and never crash int().
        ("\U00011f53", None),
        ("27", Role.PAGE_NUMBER),
    ],
)
def test_link_lines_and_page_numbers(line, role):
    assert furniture_role(line) == role


def test_a_page_line_in_unicode_digits_is_not_read_as_a_number():
    article = extract(f"{TITLE}\n{LEDE}\n{BYLINE}\n\n{PARAGRAPH}\n\n\U00011f53\U00011f54\n\n{PARAGRAPH}\n")
    assert article.pages == []
    assert [r.value for r in article.records].count(61) == 2


def test_teasers_after_a_page_end_heading_are_not_the_article():
    text = "\n".join([
        TITLE, LEDE, BYLINE, "", PARAGRAPH, "",
        "Gerelateerde artikelen",
        "Vier op de tien leraren denkt aan stoppen",
        "Zorgmedewerkers: 35 procent wil minder werken",
    ])
    blocks = roles(text)
    assert blocks[-1][0] == Role.SIDEBAR
    assert 35 not in [r.value for r in extract(text).records]


def test_a_wide_line_inside_a_paragraph_stays_body():
    wide = "en de regels die pdftotext aan elkaar zet waar twee kolommen elkaar bijna raken, zoals hier"
    text = "\n".join([WRAPPED] * 6 + [f"{WRAPPED} met", wide, f"{WRAPPED}.", ""])
    assert [role for role, _ in roles(text)] == [Role.BODY]


def test_a_pull_quote_may_end_right_above_a_heading():
    text = "\n".join(
        [f"{WRAPPED}."] + [WRAPPED] * 6 + [f"{WRAPPED}.", "", "‘Maar liefst 61 procent", "werkt thuis’",
         "Minder reistijd", f"{WRAPPED} en"] + [WRAPPED] * 3 + [f"{WRAPPED}."]
    )
    blocks = roles(text)
    assert (Role.BODY, "‘Maar liefst 61 procent werkt thuis’") in blocks  # set apart, as a pull quote is
    assert (Role.HEADING, "Minder reistijd") in blocks


def test_each_region_has_its_own_column_width():
    wrapped = [WRAPPED, "en nog een regel van dezelfde kolom"] * 15
    flat = [PARAGRAPH, ""] * 30
    widths = region_widths(split_lines("\n".join(wrapped + [""] + flat)), 20)
    assert widths[0] < 50
    assert widths[-1] == len(PARAGRAPH)


@pytest.mark.parametrize("window", [1, 4, 7, 40])
@pytest.mark.parametrize("seed", range(5))
def test_a_region_width_is_the_median_of_the_nearest_text_lines(window, seed):
    """The sliding window gives what the median of each line's window gives."""
    rng = random.Random(seed)
    texts = [rng.choice(["", "Kop", "x" * rng.randint(15, 120) + "."]) for _ in range(rng.randint(0, 90))]
    lines = split_lines("\n".join(texts))
    shown = [(i, len(line.text)) for i, line in enumerate(lines)
             if line is not None and len(line.text) >= 15]
    expected = []
    for index in range(len(lines)):
        centre = bisect.bisect_left([i for i, _ in shown], index)
        low = max(0, min(centre - window // 2, len(shown) - window))
        expected.append(statistics.median(n for _, n in shown[low : low + window]) if shown else 0.0)
    assert region_widths(lines, window) == expected


def test_a_heading_in_the_one_paragraph_per_line_part_of_a_mixed_text():
    wrapped = [WRAPPED] * 29 + [f"{WRAPPED}."]
    text = "\n".join(wrapped + ["", PARAGRAPH, "Minder reistijd", PARAGRAPH] + [PARAGRAPH] * 20)
    assert (Role.HEADING, "Minder reistijd") in roles(text)


@pytest.mark.parametrize(
    ("quote", "is_pull_quote"),
    [
        (["‘Van hen werkt 61 procent minstens", "twee dagen per week thuis’"], True),
        # A quoted sentence that repeats nothing is a quote in the body, and stays there.
        (["‘Ik werk het liefst thuis, dan", "kan ik me beter concentreren’"], False),
    ],
)
def test_a_pull_quote_in_the_flow_of_a_column(quote, is_pull_quote):
    text = "\n".join([
        TITLE, BYLINE, "",
        "Aan de peiling deden 812 ambtenaren", "mee. Van hen werkt 61 procent minstens",
        "twee dagen per week thuis en 12 procent", "nooit. Dat is meer dan vorig jaar.",
        *quote,
        "Wie thuiswerkt, mist vooral de", "collega's: 44 procent noemt dat als", "grootste nadeel.",
    ])
    article = extract(text)
    assert bool(article.pull_quotes) is is_pull_quote
    assert [r.value for r in article.records] == [812, 61, 12, 44]
    assert (quote[-1] in article.text) is not is_pull_quote


def test_every_block_says_why_it_has_its_role():
    text = "\n".join([TITLE, LEDE, BYLINE, "", PARAGRAPH, "Minder reistijd", PARAGRAPH, "", "27"])
    reasons = {block.role: block.reason for block in build_blocks(text)}
    assert set(reasons) == {Role.TITLE, Role.LEDE, Role.BYLINE, Role.BODY, Role.HEADING, Role.PAGE_NUMBER}
    assert "byline" in reasons[Role.LEDE] and "byline cue" in reasons[Role.BYLINE]
    assert "before a paragraph" in reasons[Role.HEADING]
    assert "page number" in reasons[Role.PAGE_NUMBER]


@pytest.mark.parametrize(
    ("last_line", "furniture", "one_paragraph"),
    [
        # A full line ending a sentence before a page break: the paragraph goes on over the page.
        (f"{WRAPPED}.", ["27"], True),
        (f"{WRAPPED}.", ["27", "", "nr. 40 | 2023"], True),
        (f"{WRAPPED}.", ["Juni 2024"], True),
        # A short last line ends its paragraph, page break or not.
        ("Kort.", ["27"], False),
        ("Dat is alles.", ["27", "", "nr. 40 | 2023"], False),
        # A blank line alone is no page break: a full line with an end mark ends the paragraph.
        (f"{WRAPPED}.", [], False),
    ],
)
def test_a_paragraph_goes_on_over_a_page_break_after_a_full_line(last_line, furniture, one_paragraph):
    lines = [WRAPPED] * 8 + [last_line, "", *furniture, "", "Daarna volgt de rest van de alinea met nog", f"{WRAPPED}."]
    body = [block for block in build_blocks("\n".join(lines)) if block.role == Role.BODY]
    assert (len(body) == 1) is one_paragraph


@pytest.mark.parametrize(("line", "role"), [
    ("12 | Overheidsmagazine nr. 4 2024", Role.ISSUE),
    ("Overheidsmagazine nr. 4 2024 | 12", Role.ISSUE),
    ("Binnenlands Bestuur | april 2024 | 12", Role.ISSUE),
    ("nr. 40 | 2023", Role.ISSUE),
    ("gehouden in maart 2024", None),  # a body line that ends in a date
    ("Het onderzoek liep tot april 2024", None),
])
def test_an_issue_line_may_carry_the_page_and_the_magazine_name(line, role):
    assert furniture_role(line) == role


def test_a_lede_above_the_byline_may_have_a_blank_line_under_it():
    text = (
        "Werkdruk blijft hoog\nbij de overheid\n\nAmbtenaren ervaren nog altijd een hoge werkdruk. Dat blijkt\n"
        "uit een peiling van het Ambtenarenpanel.\n\nTekst: Marieke de Vries\n\n"
        "Van de ondervraagden geeft 42 procent aan dat de\nwerkdruk het afgelopen jaar is toegenomen. Vrouwen\n"
        "ervaren dit vaker dan mannen. Een op de drie\nambtenaren heeft regelmatig last van stress.\n"
        "Twee derde van de leidinggevenden zegt dat het\nteam onderbezet is, en dat is nog altijd zo.\n"
    )
    article = extract(text)
    assert article.title == "Werkdruk blijft hoog bij de overheid"
    assert article.lede == "Ambtenaren ervaren nog altijd een hoge werkdruk. Dat blijkt uit een peiling van het Ambtenarenpanel."
