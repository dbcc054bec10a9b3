"""Whom and when: population, period and labels in each survey construction, one table each."""

import pytest

from extractor import extract


def figures(text):
    return [(r.value, r.label, r.population, r.period) for r in extract(text).records]


def floats(expected):
    """A table's (value, label, population, period) rows with the value as the records give it."""
    return [(float(value), *rest) for value, *rest in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Onder gemeenteambtenaren vindt 44 procent de werkdruk te hoog.",
         [(44, "werkdruk te hoog", "gemeenteambtenaren", None)]),
        ("Bij leidinggevenden ligt dat aandeel iets hoger: 15 procent.",
         [(15, "aandeel iets hoger", "leidinggevenden", None)]),
        ("Van de jongeren tot 35 jaar zegt 62 procent dat thuiswerken bevalt.",
         [(62, "thuiswerken bevalt", "jongeren tot 35 jaar", None)]),
        ("Van de rijksambtenaren werkt 38 procent vaker thuis dan op kantoor.",
         [(38, "vaker thuis dan op kantoor", "rijksambtenaren", None)]),
        ("Onder provincieambtenaren met een leidinggevende functie is 71 procent tevreden.",
         [(71, "tevreden", "provincieambtenaren met een leidinggevende functie", None)]),
        ("Van de deelnemers die eerder willen stoppen, noemt 58 procent de werkdruk.",
         [(58, "werkdruk", "deelnemers die eerder willen stoppen", None)]),
        ("Van de deelnemers is 54 procent tevreden over de werkgever.",
         [(54, "tevreden over de werkgever", None, None)]),
    ],
)
def test_semantics_group_before_the_number(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volgens 41 procent van de jongeren is de werkdruk te hoog.",
         [(41, "werkdruk te hoog", "jongeren", None)]),
        ("Maar liefst 63 procent van de 55-plussers wil minder gaan werken.",
         [(63, "wil minder gaan werken", "55-plussers", None)]),
        ("Ruim 30 procent van de waterschapsambtenaren ervaart veel regeldruk.",
         [(30, "veel regeldruk", "waterschapsambtenaren", None)]),
        ("Een op de vijf leidinggevenden voelt zich onvoldoende gesteund.",
         [(20, "voelt zich onvoldoende gesteund", "leidinggevenden", None)]),
        ("Van de gemeenteambtenaren vindt twee derde dat inwoners hun eigen tuin moeten vergroenen.",
         [(66.7, "inwoners hun eigen tuin moeten vergroenen", "gemeenteambtenaren", None)]),
        ("Zo'n 27 procent van de deelnemers jonger dan 35 jaar zoekt een andere baan.",
         [(27, "zoekt een andere baan", "deelnemers jonger dan 35 jaar", None)]),
        ("Bijna 60 procent van de deelnemers zegt dat de organisatie goed communiceert.",
         [(60, "organisatie goed communiceert", None, None)]),
    ],
)
def test_semantics_group_after_the_number(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Van de jongeren vindt 41 procent de werkdruk te hoog, tegen 18 procent van de 55-plussers.",
         [(41, "werkdruk te hoog", "jongeren", None), (18, "werkdruk te hoog", "55-plussers", None)]),
        ("Onder rijksambtenaren kan 64 procent zichzelf zijn, tegenover 78 procent van de gemeenteambtenaren.",
         [(64, "zichzelf zijn", "rijksambtenaren", None), (78, "zichzelf zijn", "gemeenteambtenaren", None)]),
        ("Bij provincies is dat 71 procent en bij het Rijk slechts 49 procent.",
         [(71, "", "provincies", None), (49, "", "Rijk", None)]),
        ("Jongeren klikken vaker: het gaat om 27 procent van de leidinggevenden, vergeleken met 13 procent van de overige medewerkers.",
         [(27, "Jongeren klikken vaker", "leidinggevenden", None), (13, "Jongeren klikken vaker", "overige medewerkers", None)]),
        ("Dat geldt voor 41 procent van de deelnemers met een migratieachtergrond, tegen 23 procent van de overige deelnemers.",
         [(41, "geldt voor", "deelnemers met een migratieachtergrond", None), (23, "geldt voor", "overige deelnemers", None)]),
    ],
)
def test_semantics_contrast_in_one_sentence(text, expected):
    assert figures(text) == floats(expected)


def test_semantics_contrast_takes_the_label_of_the_sentence_before():
    found = figures(
        "Zo'n 35 procent werkt minstens drie dagen thuis. Bij gemeenten is dat 41 procent, tegen 28 procent bij het Rijk."
    )
    assert found == [
        (35.0, "werkt minstens drie dagen thuis", None, None),
        (41.0, "werkt minstens drie dagen thuis", "gemeenten", None),
        (28.0, "werkt minstens drie dagen thuis", "Rijk", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het aandeel deelnemers dat de werkdruk te hoog vindt, steeg van 31 procent in 2021 naar 38 procent nu.",
         [(31, "werkdruk te hoog vindt", None, "2021"), (38, "werkdruk te hoog vindt", None, "nu")]),
        ("Het aandeel dat altijd meldt, daalde van 52 naar 45 procent.",
         [(52, "altijd meldt", None, "eerder"), (45, "altijd meldt", None, "nu")]),
        ("Het aandeel dat thuiswerkt, steeg sinds de vorige peiling in 2022 van 20 naar 26 procent.",
         [(20, "thuiswerkt", None, "2022"), (26, "thuiswerkt", None, "nu")]),
        ("Nu wil 58 procent eerder stoppen. Vorig jaar was dat nog 51 procent.",
         [(58, "eerder stoppen", None, "nu"), (51, "eerder stoppen", None, "vorig jaar")]),
        ("Van de deelnemers is nu 37 procent op de hoogte van de regeling; twee jaar geleden was dat nog 29 procent.",
         [(37, "op de hoogte van de regeling", None, "nu"), (29, "op de hoogte van de regeling", None, "twee jaar geleden")]),
        ("Maar doordat het aantal werkenden sneller toenam, daalde het deel dat thuiswerkt van 54 procent in 2021 naar 52 procent in 2023.",
         [(54, "thuiswerkt", None, "2021"), (52, "thuiswerkt", None, "2023")]),
        ("Het percentage dat zich veilig voelt, groeide van 60 procent in 2020 naar 66 procent in 2024.",
         [(60, "zich veilig voelt", None, "2020"), (66, "zich veilig voelt", None, "2024")]),
    ],
)
def test_semantics_comparison_over_time(text, expected):
    assert figures(text) == floats(expected)


def test_semantics_same_period_carries_over_from_the_comparison_before():
    found = figures(
        "Het aandeel dat op een link klikte, steeg van 14 procent in 2023 naar 19 procent nu. "
        "Het aandeel dat altijd meldt, daalde in dezelfde periode van 61 naar 54 procent."
    )
    assert [(v, p) for v, _, _, p in found] == [(14.0, "2023"), (19.0, "nu"), (61.0, "2023"), (54.0, "nu")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vorig jaar vond 40 procent de werkdruk te hoog en nu, een jaar later, is dat 47 procent.",
         [(40, "werkdruk te hoog", None, "vorig jaar"), (47, "werkdruk te hoog", None, None)]),
        ("In 2019 wilde 61 procent van de ambtenaren thuiswerken, nu wil nog 45 procent dat.",
         [(61, "thuiswerken", None, "2019"), (45, "thuiswerken", None, None)]),
        ("Het verschil is groot bij starters: 70 procent thuiswerkers in 2021 en 63 procent in 2023.",
         [(70, "thuiswerkers", None, "2021"), (63, "thuiswerkers", None, "2023")]),
        ("Toen 30 procent in 2018 voor een vaste werkplek was, is dat inmiddels 21 procent.",
         [(30, "voor een vaste werkplek was", None, "2018"), (21, "voor een vaste werkplek was", None, None)]),
        ("Half maart had 34 procent vertrouwen in de aanpak en nu, drie maanden later, is dat 51 procent.",
         [(34, "vertrouwen in de aanpak", None, None), (51, "vertrouwen in de aanpak", None, None)]),
        ("Begin 2022 zag 18 procent een hybride toekomst; twee jaar later is dat 44 procent.",
         [(18, "een hybride toekomst", None, "2022"), (44, "een hybride toekomst", None, None)]),
    ],
)
def test_semantics_words_of_time_are_no_label(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tussen 2020 en 2022 steeg het aantal thuiswerkers met bijna 400 duizend, tot 2,6 miljoen.",
         [(400000, "count", "toename aantal thuiswerkers"), (2600000, "count", "aantal thuiswerkers")]),
        ("Het aantal mantelzorgers daalde met ruim 200 duizend.", [(200000, "count", "afname aantal mantelzorgers")]),
        ("Tegelijkertijd nam het aantal mensen dat vooral op kantoor werkt af met 300 duizend, tot 2,1 miljoen.",
         [(300000, "count", "afname aantal mensen dat vooral op kantoor werkt"),
          (2100000, "count", "aantal mensen dat vooral op kantoor werkt")]),
        ("Het aandeel thuiswerkers steeg met 4 procent.", [(4, "percent", "toename thuiswerkers")]),
        ("In vijf jaar daalde het ziekteverzuim tot 4,8 procent.", [(4.8, "percent", "ziekteverzuim")]),
        ("Het totale aantal deelnemers groeide van 4,2 miljoen naar 4,6 miljoen.",
         [(4200000, "count", "totale aantal deelnemers"), (4600000, "count", "totale aantal deelnemers")]),
    ],
)
def test_semantics_changes_and_new_levels(text, expected):
    found = [(r.value, r.unit.value, r.label) for r in extract(text).records]
    assert found == [(float(v), unit, label) for v, unit, label in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Een meerderheid van de leden (63 procent) is voor een verbod op reclame.",
         [(63, "voor een verbod op reclame", None)]),
        ("Ruim een derde (36 procent) van de mensen die thuis kunnen werken, werkt al op kantoor.",
         [(36, "werkt al op kantoor", "mensen die thuis kunnen werken")]),
        ("Bijna niemand (1%) vindt dat de regeling moet worden afgeschaft.",
         [(1, "regeling moet worden afgeschaft", None)]),
        ("Een kleine minderheid van de leidinggevenden (18 procent) werkt vooral op kantoor.",
         [(18, "werkt vooral op kantoor", "leidinggevenden")]),
        ("Het merendeel van de jongeren (71 procent) wil een vaste baan.", [(71, "wil een vaste baan", "jongeren")]),
    ],
)
def test_semantics_a_quantity_before_the_bracket_names_the_group(text, expected):
    assert [(v, label, population) for v, label, population, _ in figures(text)] == [
        (float(v), label, population) for v, label, population in expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelfstandigen werkten relatief vaak in de avond: 30 procent van hun uren.", [(30, "Zelfstandigen")]),
        ("Ambtenaren bij de provincie toonden zich met 81 procent het meest tevreden over hun leidinggevende.",
         [(81, "Ambtenaren bij de provincie")]),
        ("Hoger opgeleiden zijn vaker kritisch: 48 procent vindt de regels te streng.", [(48, "Hoger opgeleiden")]),
        ("Leerlingen lezen minder dan vroeger; 35 procent leest nooit een boek.", [(35, "Leerlingen")]),
        ("Ambtenaren zijn vaker tevreden dan vorig jaar: 70 procent geeft een voldoende.", [(70, None)]),
        ("De meeste deelnemers werken bij een gemeente: 41 procent.", [(41, None)]),
        ("Bij de politie was de groei met 9 procent het kleinst.", [(9, "politie")]),
        # A list item that names a group names an answer, not whom it is about.
        ("Genoemd worden:\n\n• Minder deelnemers per overleg (38 procent)\n", [(38, None)]),
    ],
)
def test_semantics_the_subject_group_is_the_population(text, expected):
    assert [(v, population) for v, _, population, _ in figures(text)] == [(float(v), p) for v, p in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De stijging was het kleinst bij de politie. Daar steeg de tevredenheid sinds 2000 van 68 naar 70 procent.",
         [(68, "tevredenheid", "politie", "2000"), (70, "tevredenheid", "politie", "nu")]),
        ("Het verzuim is hoog onder jongeren. Hier vindt 45 procent de werkdruk te hoog.",
         [(45, "werkdruk te hoog", "jongeren", None)]),
        ("Veel vragen kwamen van medewerkers bij waterschappen. Daar zegt 38 procent dat de regels onduidelijk zijn.",
         [(38, "regels onduidelijk zijn", "waterschappen", None)]),
        ("De werkdruk is vooral hoog in de zorg. Daar werkt 61 procent structureel over.",
         [(61, "structureel over", "zorg", None)]),
        ("Het verzuim is hoog. Daar is 27 procent ontevreden.", [(27, "ontevreden", None, None)]),
        ("Mensen met een creatief beroep werken het meest thuis. Dit jaar deden 9 op de 10 van hen dat meestal of soms.",
         [(90, "meestal of soms", "Mensen met een creatief beroep", None)]),
        ("Starters in de zorg zijn vaak moe. Van hen zegt 45 procent dat de werkdruk te hoog is.",
         [(45, "werkdruk te hoog is", "Starters in de zorg", None)]),
    ],
)
def test_semantics_daar_and_hier_name_the_group_of_the_sentence_before(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2000 zei 65 procent van het personeel tevreden te zijn, vorig jaar was dat percentage gegroeid naar 73.",
         [(65, "2000"), (73, "vorig jaar")]),
        ("Zo'n 40 procent werkt thuis; dat liep op tot 45 in de zomer.", [(40, None), (45, None)]),
        ("Zo'n 40 procent werkt thuis, maar dat loopt op tot 12 uur per week.", [(40, None)]),
        ("Ruim 30 procent is tevreden en het aandeel steeg naar 36 dit jaar.", [(30, None), (36, None)]),
        ("Het team groeide naar 12.", []),
    ],
)
def test_semantics_a_bare_level_after_naar_shares_the_unit(text, expected):
    assert [(v, period) for v, _, _, period in figures(text)] == [(float(v), p) for v, p in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Van de jongeren is 54 versus 42 procent positief.",
         [(54, "positief", "jongeren", None), (42, "positief", None, None)]),
        ("Onder starters is het 61 tegenover 48 procent tevreden.",
         [(61, "tevreden", "starters", None), (48, "tevreden", None, None)]),
        ("Zo'n 5, 8 en 12 procent kiest voor deeltijd.",
         [(5, "deeltijd", None, None), (8, "deeltijd", None, None), (12, "deeltijd", None, None)]),
        ("Bij ‘lange dagen’ is het 35 versus 28 procent.",
         [(35, "lange dagen", None, None), (28, "lange dagen", None, None)]),
        ("Thuiswerken bevalt: 70 procent is tevreden. Bij vrouwen ligt dat op 33 tegen 21 procent bij mannen.",
         [(70, "tevreden", None, None), (33, "tevreden", "vrouwen", None), (21, "tevreden", "mannen", None)]),
    ],
)
def test_semantics_a_bare_number_shares_the_label_of_its_partner(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De opkomst was met 42 procent laag.", "opkomst"),
        ("Het gebruik van de app was volgens de onderzoekers met 58 procent hoog.", "gebruik van de app"),
        ("De respons op de enquête was met 31 procent opvallend hoog.", "respons op de enquête"),
        ("Bij de politie was de groei met 9 procent het kleinst.", "groei"),
        ("Het ziekteverzuim is met 6 procent opmerkelijk groot.", "ziekteverzuim"),
    ],
)
def test_semantics_an_adjective_after_met_takes_the_subject(text, expected):
    assert [r.label for r in extract(text).records] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In respectievelijk gemeenten, provincies en waterschappen is 41, 33 en 29 procent het (zeer) eens met deze stelling.",
         [(41, "(zeer) eens", "gemeenten"), (33, "(zeer) eens", "provincies"), (29, "(zeer) eens", "waterschappen")]),
        ("Bij respectievelijk gemeenten, het Rijk, provincies en waterschappen werkt 42, 31, 8 en 6 procent van de deelnemers.",
         [(42, "gemeenten", None), (31, "Rijk", None), (8, "provincies", None), (6, "waterschappen", None)]),
        ("In respectievelijk gemeenten, het Rijk en andere organisaties, zoals provincies en waterschappen, zegt 44, 37 en 29 procent dat er een generatiepact is.",
         [(44, "een generatiepact is", "gemeenten"), (37, "een generatiepact is", "Rijk"),
          (29, "een generatiepact is", "andere organisaties, zoals provincies en waterschappen")]),
        ("Verder werkt 9, 7 en 5 procent respectievelijk bij een provincie, een waterschap of een zbo.",
         [(9, "provincie", None), (7, "waterschap", None), (5, "zbo", None)]),
        ("En 8 en 12 procent werkt respectievelijk ergens anders of geeft geen antwoord.",
         [(8, "werkt ergens anders", None), (12, "geeft geen antwoord", None)]),
        ("Een persoonlijk budget en een vitaliteitsgesprek worden door respectievelijk 57 en 34 procent genoemd.",
         [(57, "Een persoonlijk budget", None), (34, "een vitaliteitsgesprek", None)]),
        ("Medewerkers bij provincies, waterschappen en gemeenten zijn het minst tevreden, met respectievelijk 51, 48 en 44 procent.",
         [(51, "minst tevreden", "provincies"), (48, "minst tevreden", "waterschappen"), (44, "minst tevreden", "gemeenten")]),
        ("Ook ambtenaren bij gemeenten en defensie scoren lager dan gemiddeld met respectievelijk 72 en 69 procent.",
         [(72, "scoren lager dan gemiddeld", "gemeenten"), (69, "scoren lager dan gemiddeld", "defensie")]),
        ("Jongeren en ouderen scoren hier het hoogst, met respectievelijk 61 en 58 procent.",
         [(61, "scoren hier het hoogst", "Jongeren"), (58, "scoren hier het hoogst", "ouderen")]),
        ("Thuiswerken, hybride werken en kantoorwerk worden genoemd, met respectievelijk 40, 35 en 25 procent.",
         [(40, "Thuiswerken", None), (35, "hybride werken", None), (25, "kantoorwerk", None)]),
        ("In respectievelijk gemeenten, provincies en waterschappen is dat 41, 33 en 29 procent.",
         [(41, "gemeenten", None), (33, "provincies", None), (29, "waterschappen", None)]),
    ],
)
def test_semantics_respectively(text, expected):
    assert [(v, label, population) for v, label, population, _ in figures(text)] == [
        (float(v), label, population) for v, label, population in expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemeenten en provincies scoren beide 11 procent.", [(11, "Gemeenten"), (11, "provincies")]),
        ("Thuiswerken en hybride werken krijgen allebei 24 procent.", [(24, "Thuiswerken"), (24, "hybride werken")]),
        ("Zowel de werkdruk als de regeldruk wordt door 24 procent genoemd.", [(24, "werkdruk"), (24, "regeldruk")]),
        ("Dat zowel het antwoord ‘Ja’ als ‘Weet niet’ door 42 procent van de deelnemers wordt gekozen.",
         [(42, "Ja"), (42, "Weet niet")]),
        ("Zowel meer thuiswerken als minder vergaderen wordt door 31 procent gekozen.",
         [(31, "meer thuiswerken"), (31, "minder vergaderen")]),
    ],
)
def test_semantics_shared_values(text, expected):
    assert [(v, label) for v, label, _, _ in figures(text)] == [(float(v), label) for v, label in expected]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Volgend jaar komt er een loonsverhoging van 3 procent.", "loonsverhoging"),
        ("Volgend jaar stijgen de lonen met 2,5 procent.", "lonen"),
        ("Het kabinet wil dat in 2026 ten minste 95 procent de training heeft afgerond.", "kabinet"),
        ("Het doel is dat 40 procent van de topfuncties door vrouwen wordt bekleed.", "doel"),
        ("De btw op boeken gaat naar 21 procent.", "btw"),
        ("De rente op de spaarrekening is 1,5 procent.", "rente"),
        ("Iemand werkt dan 80 procent van de tijd voor 90 procent van het salaris.", "tijd"),
        ("In onze eigen registratie gaat het in 90 procent van de gevallen om collega's.", "registratie"),
        ("Van de deelnemers is 16 procent onder de 40, 79 procent tussen de 40 en 65 en 5 procent boven de 65.", "age band"),
        ("In 2023 deden 1.204 ambtenaren mee.", "year"),
        ("De gemeente krijgt er 3 miljoen euro bij.", "euro"),
        ("Het budget voor opleidingen steeg tot 5 miljoen.", "money"),
        ("Er kwamen 2 miljoen bezoekers op de site.", "bezoekers"),
        ("Ze werken drie van de vier dagen thuis.", "something else"),
        ("Het team won drie van de vier wedstrijden.", "something else"),
    ],
)
def test_semantics_non_statistics_are_dropped(text, reason):
    from extractor.stats.explain import dropped_numbers

    article = extract(text)
    dropped = dropped_numbers(article)
    if reason == "age band":
        assert [r.value for r in article.records] == [16.0, 79.0, 5.0]
        assert [d.surface for d in dropped] == ["40", "40", "65"]
        assert all("age band" in d.reason for d in dropped)
    elif reason == "year":
        assert [(r.value, r.unit.value) for r in article.records] == [(1204.0, "count")]
        assert not any(r.value == 2023 for r in article.records)
    else:
        assert article.records == []
        assert dropped and reason in dropped[0].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eén op de acht weet het niet.", [(12.5, "percent", "weet het niet")]),
        ("Één op de vijf twijfelt.", [(20, "percent", "twijfelt")]),
        ("In negen van de tien gevallen gaat het goed.", [(90, "percent", "gaat het goed")]),
        ("Negen van de tien betrokken ambtenaren vinden het traject de moeite waard.",
         [(90, "percent", "traject de moeite waard")]),
        ("Drie van de tien jongere medewerkers zoekt een andere baan.", [(30, "percent", "zoekt een andere baan")]),
        ("Van hen vinden negen van de tien zo’n oefening nuttig.", [(90, "percent", "zo’n oefening nuttig")]),
        ("Van de deelnemers is drie van de tien tevreden.", [(30, "percent", "tevreden")]),
        ("Ruim 40 procent heeft geen mentor, 29 procent wel en een kwart weet het niet.",
         [(40, "percent", "geen mentor"), (29, "percent", "wel"), (25, "percent", "weet het niet")]),
        ("De bond heeft 23.000 leden.", [(23000, "count", "bond")]),
        ("Zo'n 5 miljoen Nederlanders werken in deeltijd.", [(5000000, "count", "deeltijd")]),
        ("Bijna 3 duizend inwoners kregen een brief.", [(3000, "count", "kregen een brief")]),
        ("Bij het Rijk werken 1.204 medewerkers in de uitvoering.", [(1204, "count", "uitvoering")]),
    ],
)
def test_semantics_word_fractions_and_counts(text, expected):
    found = [(r.value, r.unit.value, r.label) for r in extract(text).records]
    assert found == [(float(v), unit, label) for v, unit, label in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Werkdruk staat met 61 procent bovenaan.", "Werkdruk"),
        ("Gemeenteambtenaren vormen met 46 procent de grootste groep.", "Gemeenteambtenaren"),
        ("Thuiswerken scoort met 72 procent het hoogst.", "Thuiswerken"),
        ("Het Rijk eindigt met 18 procent op de tweede plaats.", "Rijk"),
        ("Pesten staat met 12 procent onderaan.", "Pesten"),
    ],
)
def test_semantics_evaluative_words_are_no_label(text, expected):
    assert [r.label for r in extract(text).records] == [expected]


@pytest.mark.parametrize(
    ("text", "label", "agreement"),
    [
        ("Zo'n 40 procent werkt wel eens in het weekend.", "werkt wel eens in het weekend", False),
        ("Ruim 20 procent heeft nog eens een cursus gevolgd.", "nog eens een cursus gevolgd", False),
        ("Met de stelling ‘Ik werk graag thuis’ is 35 procent het er niet mee eens.", "oneens", True),
        ("Met de stelling ‘Mijn team is divers’ is 28 procent het er (zeer) mee oneens.", "(zeer) oneens", True),
        ("Met de stelling ‘Ik voel me gehoord’ is 51 procent het (zeer) eens.", "(zeer) eens", True),
    ],
)
def test_semantics_agreement_words(text, label, agreement):
    [record] = extract(text).records
    assert record.label == label
    assert (record.statement is not None) == agreement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drie op de tien zeggen dat ze meer dan de helft van hun werkweek in overleg zitten.",
         [(30, "meer dan de helft van hun werkweek in overleg zitten")]),
        ("Een kwart besteedt de helft van de werktijd aan e-mail.", [(25, "besteedt de helft van de werktijd aan e-mail")]),
        ("De helft van de ambtenaren vergadert te veel.", [(50, "vergadert te veel")]),
    ],
)
def test_semantics_a_share_of_their_time_is_no_figure_of_its_own(text, expected):
    assert [(v, label) for v, label, _, _ in figures(text)] == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vrouwen (38 procent) ervaren dit vaker dan mannen (29 procent).",
         [(38, "dit vaker", "Vrouwen", None), (29, "dit vaker", "mannen", None)]),
        ("Jongeren (45 procent) werken vaker thuis dan ouderen (30 procent).",
         [(45, "werken vaker thuis", "Jongeren", None), (30, "werken vaker thuis", "ouderen", None)]),
        ("De meeste ambtenaren (64 procent) zouden liever korter vergaderen.",
         [(64, "zouden liever korter vergaderen", None, None)]),  # the panel itself
        # Answers in brackets, with nothing said after the first: no groups.
        ("De rest is werkzaam bij een gemeente (26 procent), provincie (6 procent) of zbo (3 procent).",
         [(26, "gemeente", None, None), (6, "provincie", None, None), (3, "zbo", None, None)]),
        # A group after a preposition is the whole of which the figure after it is a share.
        ("Van de deelnemers met een leidinggevende functie (17 procent) vindt 57 procent het lastig.",
         [(17, "leidinggevende functie", None, None), (57, "lastig", None, None)]),
    ],
)
def test_semantics_groups_compared_in_brackets(text, expected):
    assert figures(text) == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Als belangrijkste oorzaak noemen de deelnemers de hoeveelheid werk (61 procent).", [(61, "hoeveelheid werk")]),
        ("Als grootste knelpunt zien ambtenaren het personeelstekort (47 procent).", [(47, "personeelstekort")]),
        ("Daarnaast vinden ambtenaren de werkdruk te hoog: 40 procent.", [(40, "werkdruk te hoog")]),
    ],
)
def test_semantics_after_a_fronted_phrase_the_panel_as_subject_is_no_label(text, expected):
    assert [(v, label) for v, label, _, _ in figures(text)] == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An adjective before its preposition says what the label means: only verbs are cut.
        ("De meerderheid is tevreden over het thuiswerken: 60 procent.", [(60, "tevreden over het thuiswerken")]),
        ("De meeste deelnemers werken bij de rijksoverheid: 41 procent.", [(41, "rijksoverheid")]),
        # 'Het grootste deel is' only says that a share follows.
        ("Het grootste deel is tevreden: 70 procent.", [(70, "tevreden")]),
    ],
)
def test_semantics_the_clause_before_a_colon(text, expected):
    assert [(v, label) for v, label, _, _ in figures(text)] == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In totaal vulden 2.345 ambtenaren de vragenlijst in, van wie 1.200 vrouwen.", [(2345, "deelnemers"), (1200, "vrouwen")]),
        ("Er deden 2.345 ambtenaren mee, onder wie 300 leidinggevenden.", [(2345, "deelnemers"), (300, "leidinggevenden")]),
    ],
)
def test_semantics_a_count_after_van_wie_is_of_those_it_names(text, expected):
    assert [(v, label) for v, label, _, _ in figures(text)] == floats(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruim 70 procent van de leidinggevenden vindt het prima. Bij gemeenten ligt dat percentage op 64.",
         [(70, "prima", "leidinggevenden"), (64, "prima", "gemeenten")]),
        # A date, a count of places and a year after 'op' or 'tot' are no level.
        ("Op 12 maart lag het percentage op 3 locaties hoger. Het aandeel daalde tot 2021.", []),
    ],
)
def test_semantics_a_bare_level_in_a_sentence_of_its_own(text, expected):
    assert [(v, label, population) for v, label, population, _ in figures(text)] == floats(expected)
