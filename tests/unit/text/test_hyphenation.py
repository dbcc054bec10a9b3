import pytest

from extractor.text.hyphenation import (
    Reason,
    hyphenation_rules,
    is_abbreviation,
    repair_hyphenation,
    undo_repairs,
    vowel_collision,
)


@pytest.mark.parametrize(
    ("text_in", "text_out", "reason"),
    [
        ("in totaal 739 ambte-\nnaren deelgeno-\nmen. Daarvan", "in totaal 739 ambtenaren\ndeelgenomen.\nDaarvan", None),
        ("Een meer-\nderheid van", "Een meerderheid\nvan", Reason.LEXICON_JOINED),
        ("opgavegericht werken. Opgavege-\nricht dus", "opgavegericht werken. Opgavegericht\ndus", Reason.DOCUMENT_JOINED),
        ("Een E-\nlearning cursus", "Een E-learning\ncursus", Reason.ABBREVIATION),
        ("in Noord-\nHolland is", "in Noord-Holland\nis", Reason.CAPITAL),
        ("een zee-\negel en", "een zee-egel\nen", Reason.LEXICON_HYPHENATED),
        ("een auto-\nongeluk.", "een auto-ongeluk.", Reason.LEXICON_HYPHENATED),
        ("de zorg-\nen welzijnssector", "de zorg-\nen welzijnssector", Reason.SUSPENDED),
        ("vracht-\nen verzendkosten", "vracht-\nen verzendkosten", Reason.SUSPENDED),
        ("een oud-\ncollega zegt", "een oud-collega\nzegt", Reason.PREFIX),
        ("de ICT-afde-\nling, ook", "de ICT-afdeling,\nook", None),
        ("de HR-\nafdeling", "de HR-afdeling", Reason.ABBREVIATION),
        ("ge-\ninteresseerd in", "geïnteresseerd\nin", Reason.LEXICON_DIAERESIS),
        ("maat-\n\nschappelijke opgave", "maatschappelijke\nopgave", None),
        ("van 2022-\n2023 loopt", "van 2022-\n2023 loopt", None),
        ("persoons-\n\n33\n\nen bedrijfsgegevens", "persoons-\n\n33\n\nen bedrijfsgegevens", None),
        ("geen afbreking hier", "geen afbreking hier", None),
        ("intern en ex-\ntern, individuele", "intern en extern,\nindividuele", Reason.LEXICON_JOINED),
        ("een ex-\npartner", "een ex-partner", Reason.PREFIX),
        ("de vice-\nvoorzitter", "de vicevoorzitter", Reason.LEXICON_JOINED),
        ("een pdf-\nbestand", "een pdf-bestand", Reason.ABBREVIATION),
        ("de ov-\nkaart", "de ov-kaart", Reason.ABBREVIATION),
        ("de zzp-\nopdrachten", "de zzp-opdrachten", Reason.ABBREVIATION),
        ("de ggz-\ninstelling", "de ggz-instelling", Reason.ABBREVIATION),
        ("de wo-\nning", "de woning", Reason.LEXICON_JOINED),
        ("een mini-\nijsje", "een mini-ijsje", Reason.VOWEL_COLLISION),
        ("met bij-\nijver", "met bij-ijver", Reason.VOWEL_COLLISION),
        ("een mede-\nijveraar", "een mede-ijveraar", Reason.VOWEL_COLLISION),
        ("een bij-\neenkomst", "een bijeenkomst", Reason.LEXICON_JOINED),
    ],
)
def test_hyphenation_repairs_line_breaks(text_in, text_out, reason):
    repaired, repairs, _ = repair_hyphenation(text_in)
    assert repaired == text_out
    if reason is not None:
        assert repairs[0].reason == reason


@pytest.mark.parametrize(
    "text",
    [
        "ambte-\nnaren en E-\nlearning, de zorg-\nen welzijn en Noord-\nHolland.",
        "Een meer-\nderheid van 67 procent is tussen de 40 en\n65 jaar. Een ge-\ninteresseerde lezer.",
    ],
)
def test_hyphenation_repairs_can_be_undone(text):
    repaired, repairs, offsets = repair_hyphenation(text)
    assert undo_repairs(repaired, repairs) == text
    for index, char in enumerate(repaired):
        assert text[offsets.to_input(index)] in (char, "\n", "i")


def test_hyphenation_records_every_decision():
    text = "ambte-\nnaren, E-\nlearning en zorg-\nen welzijn"
    _, repairs, _ = repair_hyphenation(text)
    assert [(r.before.split("-")[0], r.joined) for r in repairs] == [("ambte", True), ("E", False), ("zorg", False)]
    assert all(text[r.start : r.end] == r.before for r in repairs)


def test_hyphenation_joins_every_line_end_hyphen_of_the_seed(seed_article):
    joined = [r for r in seed_article.repairs if r.joined]
    assert len(seed_article.repairs) == 22
    assert len(joined) == 22
    assert "-\n" not in seed_article.text
    for word in ("deelgenomen", "meerderheid", "vertrekpunt", "belanghebbenden", "informatieoverdracht"):
        assert word in seed_article.text


@pytest.mark.parametrize(
    ("word", "expected"),
    [("pdf", True), ("ov", True), ("zzp", True), ("hr", True), ("wo", False), ("hy", False),
     ("ambte", False), ("2022", False)],
)
def test_hyphenation_lowercase_abbreviations(word, expected):
    assert is_abbreviation(word, hyphenation_rules()) is expected


@pytest.mark.parametrize(
    ("left", "right", "collision"),
    [("auto", "ongeluk", "oo"), ("zij", "ingang", "iji"), ("mini", "ijsje", "iij"),
     ("bij", "ijver", "ijij"), ("mini", "jurk", "ij"), ("ambte", "naren", "en")],
)
def test_hyphenation_vowel_collision_counts_ij_as_one_vowel(left, right, collision):
    assert vowel_collision(left, right) == collision


def _furniture(line):
    from extractor.structure.lines import is_page_furniture

    return is_page_furniture(line)


@pytest.mark.parametrize(
    ("text_in", "text_out"),
    [
        # A page number between the parts: the second line moves up, the number follows it.
        ("bij de rijks-\n\n12\n\noverheid werkt 27 procent\nen verder",
         "bij de rijksoverheid werkt 27 procent\n\n12\n\nen verder"),
        # A page number and an issue line, blank lines around them.
        ("hebben 1.204 ambte-\n\n\n7\n\nJuni 2024\n\nnaren meegedaan.\n",
         "hebben 1.204 ambtenaren meegedaan.\n\n\n7\n\nJuni 2024\n\n"),
        # A running header by its form.
        ("de werk-\nAmbtenarenpanel\ndruk is hoog", "de werkdruk is hoog\nAmbtenarenpanel\n"),
        # A real hyphen stays: the lines keep their order, the blocks rejoin them.
        ("werkt als zzp-\n\n12\n\ner bij een gemeente", "werkt als zzp-\n\n12\n\ner bij een gemeente"),
        # Nothing after the furniture: nothing moves.
        ("bij de rijks-\n\n12\n", "bij de rijks-\n\n12\n"),
    ],
)
def test_hyphenation_joins_a_word_broken_across_page_furniture(text_in, text_out):
    repaired, repairs, offsets = repair_hyphenation(text_in, _furniture)
    assert repaired == text_out
    assert undo_repairs(repaired, repairs) == text_in
    # Every character of the repaired text maps back to the same character of the input.
    assert all(text_in[offsets.to_input(i)] == repaired[i] for i in range(len(repaired)) if repaired[i] != "\n")


def test_hyphenation_across_furniture_only_when_asked():
    text = "bij de rijks-\n\n12\n\noverheid werkt"
    assert repair_hyphenation(text)[0] == text
