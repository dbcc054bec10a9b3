import pytest

from extractor.text.normalize import normalize


@pytest.mark.parametrize(
    ("text_in", "text_out"),
    [
        ("ambte\u00adnaren", "ambtenaren"),
        ("47\u00a0procent", "47 procent"),
        ("47\u202fprocent", "47 procent"),
        ("\ufb01nancieel", "financieel"),
        ("re\u0301sume\u0301", "résumé"),
        ("regel\r\nregel\rregel", "regel\nregel\nregel"),
        ("zero\u200bwidth", "zerowidth"),
        ("page\x0cbreak", "page\nbreak"),
        ("gewoon", "gewoon"),
        ("individuele gesprekken. n\n", "individuele gesprekken.\n"),
        ("individuele gesprekken.\r\n n\r\n", "individuele gesprekken.\n"),
        ("het einde.\u201d \u25a0", "het einde.\u201d"),
        ("Dit is n. Verder", "Dit is n. Verder"),
        ("een n", "een n"),
        ("gesprekken. n en verder", "gesprekken. n en verder"),
    ],
)
def test_normalize_text(text_in, text_out):
    assert normalize(text_in)[0] == text_out


@pytest.mark.parametrize("text", ["a\u00adb\u00a0c\ufb01n\r\nx e\u0301 z", "gewone tekst", "\ufb03x\u00ady"])
def test_normalize_offsets_point_at_source_characters(text):
    out, offsets = normalize(text)
    for index, char in enumerate(out):
        source = text[offsets.to_input(index)]
        assert source == char or char in " \nfilé" or source in "\ufb01\ufb03\u00a0\r\u0301"
