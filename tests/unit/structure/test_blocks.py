import pytest

from extractor.structure.blocks import Why, build_blocks
from extractor.structure.lines import furniture_role
from extractor.models import Role, RoleHint

BODY = "Dit is een gewone regel tekst van een kolom"
# Enough ordinary column lines for the typical line width to be that of the body.
COLUMN = "\n".join([BODY] * 8)


def roles(text, hints=()):
    return [(b.role, b.text) for b in build_blocks(text, list(hints))]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("nr. 40 | 2023", Role.ISSUE),
        ("nr. 3 | 2025    19", Role.ISSUE),
        ("19 nr. 3 | 2025", Role.ISSUE),
        ("27", Role.PAGE_NUMBER),
        ("Tekst Marc Notebomer", Role.BYLINE),
        ("Beeld Ambtenarenpanel", Role.BYLINE),
        ("VAKMANSCHAP", Role.RUBRIC),
        ("Rubriek", Role.FURNITURE),
        ("Ambtenarenpanel", Role.FURNITURE),
        ("Ambtenarenpanel onder ambtenaren in Nederland.", None),
        ("Door 322 ambtenaren is die gegeven.", None),
        ("Praktijk", None),
    ],
)
def test_blocks_furniture_role(line, role):
    assert furniture_role(line) == role


def test_blocks_paragraph_continues_across_column_break():
    text = f"{BODY} en\n{BODY} en de\n\nzin gaat hier verder tot het eind.\n"
    assert roles(text) == [(Role.BODY, f"{BODY} en {BODY} en de zin gaat hier verder tot het eind.")]


def test_blocks_heading_before_paragraph():
    text = f"{BODY}.\n\nPraktijk\n{BODY} en nog\nmeer tekst hier.\n"
    assert [r for r, _ in roles(text)] == [Role.BODY, Role.HEADING, Role.BODY]
    assert roles(text)[1] == (Role.HEADING, "Praktijk")


@pytest.mark.parametrize("marker", ["•\t", "- ", "– ", "* "])
def test_blocks_bullets_with_every_marker(marker):
    text = f"{BODY} zoals:\n\n{marker}Eerste punt van de lijst\ngaat verder.\n{marker}Tweede punt.\n"
    assert roles(text)[1:] == [(Role.BULLET, "Eerste punt van de lijst gaat verder."), (Role.BULLET, "Tweede punt.")]


def test_blocks_bullet_list_continues_after_furniture():
    text = f"{BODY}:\n\n•\t Eerste punt van de\n\n27\n\nnr. 40 | 2023\n\nlijst loopt door.\n"
    blocks = roles(text)
    assert (Role.BULLET, "Eerste punt van de lijst loopt door.") in blocks
    assert (Role.PAGE_NUMBER, "27") in blocks


def test_blocks_pull_quote_and_display_type():
    text = (
        f"{COLUMN}.\n\nOpgavegericht werken\n\nVoordelen maar\nook nadelen\n\n"
        "‘Maar liefst\n51 procent van de\n\ndeelnemers lijkt niet\ngoed op de hoogte’\n\n"
        f"{COLUMN}.\n"
    )
    blocks = roles(text)
    assert (Role.TITLE, "Opgavegericht werken") in blocks
    assert (Role.TITLE, "Voordelen maar ook nadelen") in blocks
    # Set apart as a block of its own; the structure makes it a pull quote when it repeats the body.
    quote = "‘Maar liefst 51 procent van de deelnemers lijkt niet goed op de hoogte’"
    assert [(b.role, b.reason) for b in build_blocks(text) if b.text == quote] == [(Role.BODY, Why.PULL_QUOTE)]


def test_blocks_wide_lines_are_a_lede():
    lede = "Opgavegericht werken is nog lang niet bij alle overheidsorganisaties gemeengoed. Toch zien ambtenaren"
    # Wrapped column lines (a line ending in a full stop now and then), then the wide ones.
    text = f"{COLUMN}.\n\n{lede}\nvoordelen. Dat blijkt uit een raadpleging van\n\nAmbtenarenpanel onder ambtenaren.\n"
    assert (Role.LEDE, f"{lede} voordelen. Dat blijkt uit een raadpleging van Ambtenarenpanel onder ambtenaren.") in roles(text)


def test_blocks_short_paragraph_lines_are_no_wrapped_column():
    """Web copy with bullets and headings has short lines, but its lines end sentences: the
    wide paragraph after the list is body, not a lede."""
    text = (
        "Ambtenaren willen meer grip op hun agenda\n"
        "Vergaderen kost veel tijd, blijkt uit een peiling onder ambtenaren.\n"
        "Ruim een kwart van de deelnemers vindt het aantal vergaderingen te hoog.\n"
        "Wat zou helpen?\n"
        "Gevraagd wat zou helpen, noemen de deelnemers:\n"
        "• Kortere vergaderingen (45 procent)\n"
        "• Minder deelnemers per overleg (38 procent)\n"
        "• Een duidelijke agenda (31 procent)\n"
        "Slechts 9 procent ziet geen verbetering. Ambtenaren bij het Rijk zijn kritischer dan "
        "ambtenaren bij gemeenten.\n"
    )
    blocks = roles(text)
    assert blocks[0] == (Role.TITLE, "Ambtenaren willen meer grip op hun agenda")
    assert (Role.HEADING, "Wat zou helpen?") in blocks
    assert blocks[-1][0] == Role.BODY and blocks[-1][1].startswith("Slechts 9 procent")


def test_blocks_a_label_ending_in_a_colon_is_no_paragraph_under_a_heading():
    text = (
        "Ook onder kiezers verdeeldheid\n\nMaat: px\nWeergave met pagina beginnen:\n\n"
        + "Een nipte meerderheid van de Nederlanders is voor het nieuwe systeem, blijkt uit de peiling.\n" * 6
    )
    assert (Role.HEADING, "Maat: px") not in roles(text)
    assert (Role.HEADING, "Maat: px") in roles(text.replace("beginnen:", "beginnen is hier mogelijk."))


def test_blocks_slash_at_line_end_joins_without_space():
    assert roles(f"{BODY} inwoners/\nbelanghebbenden zich gehoord voelen.\n")[0][1].endswith("inwoners/belanghebbenden zich gehoord voelen.")


def test_blocks_hints_decide_roles():
    text = "Een titel\n\nTekst die kort is\n"
    hints = [RoleHint(0, 9, Role.TITLE), RoleHint(11, 28, Role.HEADING)]
    assert roles(text, hints) == [(Role.TITLE, "Een titel"), (Role.HEADING, "Tekst die kort is")]


def test_blocks_question_heading():
    text = f"{COLUMN}.\n\nHoe verder?\n{BODY}\nen nog meer tekst.\n"
    assert (Role.HEADING, "Hoe verder?") in roles(text)


def test_blocks_bullet_without_end_mark_ends_at_capitalised_line():
    text = f"{COLUMN}:\n•\t Groene daken: 38%\n•\t Meer bomen in de straat: 31%\nMinder dan een kwart van de deel\nnemers volgde een training.\n"
    blocks = roles(text)
    assert (Role.BULLET, "Meer bomen in de straat: 31%") in blocks
    assert blocks[-1][0] == Role.BODY and blocks[-1][1].startswith("Minder dan een kwart")


def test_blocks_heading_in_capitals_is_not_a_rubric():
    text = f"{COLUMN}.\n\nPRAKTIJK\n{BODY}\nen nog meer tekst.\n\nVAKMANSCHAP\nRubriek\n"
    blocks = roles(text)
    assert (Role.HEADING, "PRAKTIJK") in blocks
    assert (Role.RUBRIC, "VAKMANSCHAP") in blocks


_PARAGRAPH = (
    "Van de deelnemers zegt 41 procent dat de werkdruk hoog is, en dat aandeel is hoger dan in "
    "de vorige peiling toen een derde van de ambtenaren dat vond."
)
_NEXT = (
    "Bijna de helft van de leidinggevenden ervaart meer werkdruk dan vorig jaar, terwijl 12 "
    "procent juist minder druk ervaart dan toen."
)


@pytest.mark.parametrize(
    ("heading", "separator", "is_heading"),
    [
        ("Structureel hoog", "\n", True),
        ("Structureel hoog", "\n\n", True),
        ("Wat is er nodig?", "\n", True),
        ("Klassieke ‘stressberoepen’", "\n\n", True),
        ("Leidinggevenden ervaren vaker werkdruk dan de rest van hun team", "\n\n", True),
        ("Dit is geen kop.", "\n", False),
        ("maar wel een vervolg", "\n", False),
        ("Een zin die met een komma eindigt,", "\n", False),
    ],
)
def test_blocks_heading_in_one_paragraph_per_line_text(heading, separator, is_heading):
    text = separator.join([_PARAGRAPH, heading, _NEXT])
    roles = [block.role for block in build_blocks(text)]
    assert (Role.HEADING in roles) is is_heading
    assert roles.count(Role.BODY) == (2 if is_heading else len(roles) - roles.count(Role.HEADING))


def test_blocks_one_paragraph_per_line_top_line_is_display_not_heading():
    blocks = build_blocks("\n".join(["Werkdruk bij de overheid", _PARAGRAPH, _NEXT]))
    assert [block.role for block in blocks][0] != Role.HEADING


def test_blocks_a_short_text_of_whole_paragraphs_has_no_wide_lede():
    """Four paragraphs, one a line each, are enough to tell: the widest is body, not a lede."""
    text = (
        "Titel van het stuk\n\nDe meerderheid is tevreden over het thuiswerken: 60 procent.\n\n"
        "Het grootste deel is tevreden: 70 procent.\n\n"
        "Ruim 70 procent van de leidinggevenden vindt het prima. Bij medewerkers zonder leidinggevende "
        "taken ligt dat percentage lager.\n\nOp 12 maart meldde 30 procent zich ziek.\n"
    )
    assert [role for role, _ in roles(text)] == [Role.TITLE, Role.BODY, Role.BODY, Role.BODY, Role.BODY]
