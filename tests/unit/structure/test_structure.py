from extractor.structure.blocks import build_blocks
from extractor.structure.article import recover_structure, section_at

BODY = "Dit is een gewone regel tekst van een kolom"
# Enough ordinary column lines for the typical line width to be that of the body.
COLUMN = "\n".join([BODY] * 8)


def structure(text):
    return recover_structure(build_blocks(text))


def test_structure_sections_and_null_section():
    article = structure(f"{BODY}.\n\nPraktijk\n{BODY}\nen verder.\n\nVoordelen\n{BODY}\nen klaar.\n")
    assert [s.heading for s in article.sections] == [None, "Praktijk", "Voordelen"]
    assert section_at(article.sections, 0) is None
    assert section_at(article.sections, article.text.index("en verder")) == "Praktijk"
    assert article.text.startswith(BODY)


def test_structure_no_headings_is_one_null_section():
    article = structure(f"{BODY}\nen nog meer.\n")
    assert [(s.heading, s.start, s.end) for s in article.sections] == [(None, 0, len(article.text))]


def test_structure_furniture_and_front_matter():
    text = (
        f"{COLUMN}.\n\nOpgavegericht werken\n\nVoordelen maar\nook nadelen\n\n"
        "nr. 40 | 2023\n\n27\n\nVAKMANSCHAP\nRubriek\n\nTekst Marc Notebomer\nBeeld Ambtenarenpanel\n\nAmbtenarenpanel\n\n"
        f"{COLUMN}.\n"
    )
    article = structure(text)
    assert (article.title, article.subtitle) == ("Opgavegericht werken", "Voordelen maar ook nadelen")
    assert article.byline == ["Tekst Marc Notebomer", "Beeld Ambtenarenpanel"]
    assert (article.issue, article.pages, article.rubric) == ("nr. 40 | 2023", [27], "VAKMANSCHAP")
    assert "Ambtenarenpanel" in article.furniture
    assert "27" not in article.text and "Notebomer" not in article.text


def test_structure_quoted_paragraph_repeating_body_is_a_pull_quote():
    text = f"Maar liefst 51 procent van de deelnemers lijkt niet goed op de hoogte.\n{COLUMN}.\n\n‘51 procent van de deelnemers lijkt niet goed op de hoogte’\n\n{COLUMN}.\n"
    article = structure(text)
    assert article.pull_quotes == ["51 procent van de deelnemers lijkt niet goed op de hoogte"]
    assert article.text.count("lijkt niet goed") == 1


def test_structure_quoted_paragraph_set_apart_that_repeats_nothing_is_body():
    # A quotation the article makes in a paragraph of its own is no pull quote: its figures count.
    text = f"{COLUMN}.\n\n‘Bij ons werkt 38 procent al hybride’, zegt een\nmanager van een gemeente.\n\n{COLUMN}.\n\n‘Ruim 40 procent van ons team werkt\nvooral thuis’\n\n{COLUMN}.\n"
    article = structure(text)
    assert article.pull_quotes == []
    assert "Ruim 40 procent van ons team werkt vooral thuis" in article.text


def test_structure_offsets_map_clean_text_to_input(seed_article):
    # Provenance: every record surface is the clean text at its offsets.
    for record in seed_article.records:
        assert seed_article.text[record.start : record.end] == record.surface


def test_structure_page_number_on_the_issue_line():
    article = structure(f"{COLUMN}.\n\nnr. 3 | 2025    19\n")
    assert (article.issue, article.pages) == ("nr. 3 | 2025", [19])
