"""Statistics in single sentences: value, unit, qualifier and label in every construction."""

import pytest

from extractor.stats.numbers import parse_number


def stats(text):
    from extractor import extract

    return [(r.surface, r.value, r.unit.value, r.qualifier.value if r.qualifier else None, r.label) for r in extract(text).records]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daarvan is 47 procent man, 45 procent vrouw en 0,5 procent geeft aan geen van beide te zijn.",
         [("47 procent", 47, "percent", None, "man"), ("45 procent", 45, "percent", None, "vrouw"),
          ("0,5 procent", 0.5, "percent", None, "geen van beide")]),
        ("De rest is werkzaam bij een gemeente (26 procent), provincie (6 procent) of zbo (3 procent).",
         [("26 procent", 26, "percent", None, "gemeente"), ("6 procent", 6, "percent", None, "provincie"),
          ("3 procent", 3, "percent", None, "zbo")]),
        ("• Verkeer en vervoer: 22 procent.", [("22 procent", 22, "percent", None, "Verkeer en vervoer")]),
        ("• 34 procent: e-mails en brieven opstellen", [("34 procent", 34, "percent", None, "e-mails en brieven opstellen")]),
        ("En 8 en 12 procent werkt respectievelijk ergens anders of geeft geen antwoord.",
         [("8", 8, "percent", None, "werkt ergens anders"), ("12 procent", 12, "percent", None, "geeft geen antwoord")]),
        ("Dat zowel het antwoord ‘Ja’ als ‘Weet niet’ door 42 procent van de deelnemers wordt gekozen.",
         [("42 procent", 42, "percent", None, "Ja"), ("42 procent", 42, "percent", None, "Weet niet")]),
        ("De meeste deelnemers werken bij de rijksoverheid: zo’n 27 procent.",
         [("zo’n 27 procent", 27, "percent", "approx", "rijksoverheid")]),
        ("Ook de omgevingsvisie wordt met 32 procent vaak genoemd.", [("32 procent", 32, "percent", None, "omgevingsvisie")]),
        ("Rond de 9 procent is jonger dan 40 jaar.", [("Rond de 9 procent", 9, "percent", "approx", "jonger dan 40 jaar")]),
        ("Ruim 60 procent heeft een e-learning gevolgd.", [("Ruim 60 procent", 60, "percent", "more_than", "een e-learning gevolgd")]),
        ("Bijna 40 procent werkt structureel over.", [("Bijna 40 procent", 40, "percent", "less_than", "werkt structureel over")]),
        ("Nog geen 10 procent meldt het.", [("Nog geen 10 procent", 10, "percent", "less_than", "meldt het")]),
        ("Maar liefst 51 procent lijkt niet goed op de hoogte.", [("51 procent", 51, "percent", None, "niet goed op de hoogte")]),
        ("Slechts 6 procent ziet geen voordelen.", [("6 procent", 6, "percent", None, "ziet geen voordelen")]),
        ("Ca. 12,5% werkt bij een zbo.", [("Ca. 12,5%", 12.5, "percent", "approx", "zbo")]),
        ("Circa 20 % werkt bij een provincie.", [("Circa 20 %", 20, "percent", "approx", "provincie")]),
        ("Vijf procent werkt in het onderwijs.", [("Vijf procent", 5, "percent", None, "onderwijs")]),
        ("Tussen de 20 en 30 procent werkt deeltijd.", [("Tussen de 20 en 30 procent", 25, "percent", "approx", "werkt deeltijd")]),
        ("Zo'n 15 à 20 procent noemt pesten.", [("Zo'n 15 à 20 procent", 17.5, "percent", "approx", "pesten")]),
        ("Een op de vijf ambtenaren is neutraal.", [("Een op de vijf", 20, "percent", None, "neutraal")]),
        ("Negen op de tien ambtenaren werkt thuis.", [("Negen op de tien", 90, "percent", None, "werkt thuis")]),
        ("Een derde van de ambtenaren ervaart de werkdruk als te hoog.", [("Een derde", 33.3, "percent", None, "werkdruk als te hoog")]),
        ("Drie van de tien ambtenaren werkt thuis.", [("Drie van de tien", 30, "percent", None, "werkt thuis")]),
        ("Tweederde is tevreden.", [("Tweederde", 66.7, "percent", None, "tevreden")]),
        ("Een vierde is ontevreden.", [("Een vierde", 25, "percent", None, "ontevreden")]),
        ("Tussen de 20 en de 30 procent werkt deeltijd.", [("Tussen de 20 en de 30 procent", 25, "percent", "approx", "werkt deeltijd")]),
        ("Twee derde is tevreden.", [("Twee derde", 66.7, "percent", None, "tevreden")]),
        ("Driekwart wil eerder stoppen.", [("Driekwart", 75, "percent", None, "wil eerder stoppen")]),
        ("Aan de raadpleging hebben 1.204 ambtenaren deelgenomen.", [("1.204 ambtenaren", 1204, "count", None, "deelnemers")]),
        ("Twee derde heeft er een globaal beeld van.", [("Twee derde", 66.7, "percent", None, "een globaal beeld")]),
        ("Een kwart heeft er weinig vertrouwen in.", [("Een kwart", 25, "percent", None, "weinig vertrouwen")]),
        ("Zo'n 30 procent doet mee.", [("Zo'n 30 procent", 30, "percent", "approx", "doet mee")]),
        ("Dat de doelen worden gehaald, verwacht slechts 14 procent van de deelnemers.",
         [("14 procent", 14, "percent", None, "doelen worden gehaald")]),
        ("Dat het beleid werkt, denkt 22 procent.", [("22 procent", 22, "percent", None, "beleid werkt")]),
        ("Ruim een op de drie ambtenaren (36 procent) vindt het doen van dingen op basis van prioriteit een voordeel.",
         [("36 procent", 36, "percent", None, "doen van dingen op basis van prioriteit een voordeel")]),
    ],
)
def test_statistics_in_sentence(text, expected):
    assert stats(text) == [(s, float(v), u, q, label) for s, v, u, q, label in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Een meerderheid is tussen de 40 en 65 jaar.",
        "Aan de 55 procent van de ambtenaren die aangeeft dat het zo is, is gevraagd waarom.",
        "Aan de 42 procent ambtenaren die het weet, is het gevraagd.",
        "Dat is dus niet eens de helft.",
        "Het rapport verscheen in 2022 en sinds 2019 werkt men eraan, gemiddeld 6 uur per week.",
        "Twee dagen per week werken zij thuis.",
        "‘We doen het werk van zes mensen met vier’, schrijft een medewerker.",
        "Zij werken met een derde partij samen.",
        "Het aandeel steeg met 3 procentpunt.",
    ],
)
def test_statistics_none_in_sentence(text):
    assert stats(text) == []


def test_statistics_statement_answers_share_statement():
    text = (
        "De grootste groep is het (zeer) eens met de stelling ‘Mijn organisatie is bezig met opgavegericht werken’ "
        "(55 procent) terwijl maar 15 procent aangeeft dat ze het (zeer) oneens zijn met deze stelling."
    )
    from extractor import extract

    records = extract(text).records
    assert [(r.value, r.label, r.statement) for r in records] == [
        (55.0, "(zeer) eens", "Mijn organisatie is bezig met opgavegericht werken"),
        (15.0, "(zeer) oneens", "Mijn organisatie is bezig met opgavegericht werken"),
    ]
    assert records[0].group == records[1].group is not None


def test_statistics_word_fraction_restating_a_figure_is_dropped():
    from extractor import extract

    text = (
        "Zo’n 49 procent van de ambtenaren geeft aan wel te weten wat opgavegericht werken is.\n\n"
        "Hoewel slechts de helft van de ambtenaren goed weet wat opgavegericht werken is, gaan ze aan de slag."
    )
    assert [r.value for r in extract(text).records] == [49.0]


@pytest.mark.parametrize(
    ("word", "value"),
    [("12,5", 12.5), ("1.204", 1204), ("0,5", 0.5), ("vijf", 5), ("twaalf", 12), ("vijfentwintig", 25), ("drieënveertig", 43), ("geen", None)],
)
def test_statistics_parse_number(word, value):
    assert parse_number(word) == value


def test_statistics_yes_answer_takes_the_question_as_label():
    from extractor import extract

    text = (
        "Aan de 30 procent die een taalmodel gebruikt, is gevraagd of de leidinggevende daarvan op de hoogte is. "
        "Meer dan 60 procent zegt van wel.\n\nVan de overige deelnemers wil 63 procent dat wel."
    )
    assert [(r.value, r.label) for r in extract(text).records] == [
        (60.0, "de leidinggevende daarvan op de hoogte is"),
        (63.0, "wel"),
    ]


def test_statistics_statement_does_not_carry_into_a_new_section():
    from extractor import extract

    text = (
        "Op de stelling ‘Ik werk graag thuis’ antwoordt 60 procent (zeer) eens.\n"
        "Een op de vijf ambtenaren is neutraal.\n\n"
        "Kantoor\nEen op de vijf ambtenaren is neutraal over het nieuwe kantoor."
    )
    assert [(r.label, r.statement) for r in extract(text).records] == [
        ("(zeer) eens", "Ik werk graag thuis"),
        ("neutraal", "Ik werk graag thuis"),
        ("neutraal", None),
    ]


def test_statistics_pronoun_refers_to_what_was_asked():
    from extractor import extract

    text = "Aan de ambtenaren is gevraagd naar een beschrijving van dit begrip. Door 322 ambtenaren is die gegeven."
    assert [r.label for r in extract(text).records] == ["een beschrijving van dit begrip gegeven"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("werkdruk te hoog", "werkdruk te hoog"),
        ("(4) vindt dat de regels te streng zijn", "vindt dat de regels te streng zijn"),
        # Past a dozen words, the label stops before a subordinate clause ...
        ("zegt dat de leidinggevende het team voldoende ruimte geeft terwijl de werkdruk volgens velen toeneemt",
         "zegt dat de leidinggevende het team voldoende ruimte geeft"),
        ("heeft het afgelopen jaar een training gevolgd waarin het omgaan met agressie centraal stond",
         "heeft het afgelopen jaar een training gevolgd"),
        # ... and past sixteen it keeps its head, ending on a content word, not on half a list.
        ("zou graag vaker thuis werken om beter te kunnen focussen op lastige taken en rapporten en overleg",
         "zou graag vaker thuis werken om beter te kunnen focussen op lastige taken en rapporten"),
        ("vindt het belangrijk dat de organisatie de kennis van collega's die binnenkort met pensioen gaan vastlegt voor later",
         "vindt het belangrijk dat de organisatie de kennis van collega's die binnenkort met pensioen gaan vastlegt"),
        ("is het eens met de stelling dat de gemeente meer moet doen voor de inwoners van de kleine kernen",
         "is het eens met de stelling dat de gemeente meer moet doen voor de inwoners"),
    ],
)
def test_statistics_concise_label(label, expected):
    from extractor.stats.labels import concise_label
    from extractor.stats.rules import statistic_rules

    assert concise_label(label, statistic_rules()) == expected


@pytest.mark.parametrize(("sentence", "label"), [
    ("Helemaal eens is 20 procent.", "Helemaal eens"),
    ("Oneens is 30 procent.", "Oneens"),
    ("Zeer oneens is 5 procent.", "Zeer oneens"),
])
def test_statistics_an_answer_before_the_verb_is_the_label(sentence, label):
    """'eens' ends an answer here, though it is a stop word in 'nog eens'."""
    from extractor import extract

    text = f"Op de stelling ‘Ik werk graag thuis’ reageren de deelnemers verdeeld. {sentence}"
    assert [(r.label, r.statement) for r in extract(text).records] == [(label, "Ik werk graag thuis")]
